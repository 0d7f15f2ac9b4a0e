import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { PlanTree } from "../../common/plan-tree.ts";
import { TreeMention } from "../../common/schemas/plans.ts";
import type { Database } from "../db/connection.ts";
import type { Tenant } from "../http/context.ts";
import { AppError } from "../lib/errors.ts";
import { listUnits } from "../modules/orgs/service.ts";
import { importPlanFile, PlanImportError } from "../modules/plans/import/index.ts";
import { applyResolutions, autoConfirm, unresolvedMentions } from "../modules/plans/mentions.ts";
import { publishPlan } from "../modules/plans/publish.ts";
import { allPlanHeads, createPlan, planHead, validTree } from "../modules/plans/registry.ts";
import { countItems } from "../modules/plans/tree.ts";
import { type CommandSpec, UsageError } from "./parse.ts";
import { CLI_ACTOR, dbHelp, dbOptions, withDatabase } from "./shared.ts";

/** `dongthuan plan …`: import a plan file to plan-tree/1, load a reviewed tree, list the registry. */

function summary(tree: PlanTree): string[] {
  const doc = tree.document;
  const { items, tasks } = countItems(tree);
  const number = doc.symbol ? `${doc.number ?? "…"}/${doc.symbol}` : "(no number)";
  return [
    `${doc.type ?? "(no type)"} ${number}, ${doc.place ?? "?"}, ${doc.date ?? "(no date)"} — ${doc.issuer ?? "(issuer unknown)"}`,
    doc.title ?? "(no abstract)",
    `${items} items, ${tasks} tasks, ${tree.references.length} cited documents, ${tree.reporting.length} reporting duties, ${tree.warnings.length} warnings`,
    ...tree.warnings.map(
      (w) => `  ! ${w.code}${w.at ? ` at ${w.at}` : ""}${w.line ? ` (line ${w.line})` : ""}: ${w.message}`,
    ),
  ];
}

const planImport: CommandSpec = {
  name: "plan import",
  summary: "Read a plan (.txt, .docx, .pdf) into plan-tree/1 JSON; needs no database.",
  usage: "plan import FILE [--json] [--out tree.json]",
  options: { json: { type: "boolean" }, out: { type: "string", short: "o" } },
  help: [
    "  --json                print the plan-tree/1 JSON (else a short summary with the warnings)",
    "  --out FILE            write the plan-tree/1 JSON to FILE",
    "",
    "Exit code 1 with the reason when the file cannot be read (empty, scanned PDF, legacy encoding …).",
  ],
  async run({ values, positionals }) {
    const [file] = positionals;
    if (!file) throw new UsageError("FILE is required");
    let tree: PlanTree;
    try {
      tree = await importPlanFile(file);
    } catch (error) {
      if (!(error instanceof PlanImportError)) throw error;
      console.error(`dongthuan plan import: ${error.messageVi}\n  ${error.messageEn}`);
      return 1;
    }
    const json = `${JSON.stringify(tree, null, 2)}\n`;
    if (typeof values.out === "string") writeFileSync(values.out, json);
    if (values.json) process.stdout.write(json);
    else for (const line of summary(tree)) console.log(line);
    return 0;
  },
};

/** A unit named on the command line by id, code or exact name. */
async function findUnit(database: Database, tenant: Tenant, ref: string): Promise<string> {
  const candidates = (await listUnits(database.db, tenant.id)).filter(
    (unit) => unit.id === ref || unit.code === ref || unit.name.toLowerCase() === ref.toLowerCase(),
  );
  if (candidates.length !== 1) {
    throw new UsageError(
      candidates.length === 0
        ? `no unit has the id, code or name "${ref}"`
        : `"${ref}" names ${candidates.length} units`,
    );
  }
  return candidates[0].id;
}

const planLoad: CommandSpec = {
  name: "plan load",
  summary: "Store a plan-tree/1 JSON file as a draft plan, or publish it with --publish.",
  usage: "plan load FILE.json [--publish] [--parent ID --unit UNIT] [--data-dir DIR] [--database-url URL]",
  options: {
    ...dbOptions,
    publish: { type: "boolean" },
    parent: { type: "string" },
    unit: { type: "string" },
  },
  help: [
    "  --publish             confirm the mentions that name a unit or group exactly, then publish;",
    "                        refused (nothing stored) while any mention is left unresolved",
    "  --parent ID           load it as a sub-plan of this published plan",
    "  --unit UNIT           the unit (id, code or exact name) that owns the sub-plan",
    ...dbHelp,
    "",
    'A top-level "mentions" list, as GET /api/plans/:id/tree writes it, is applied as resolutions.',
  ],
  async run({ values, positionals }) {
    const [file] = positionals;
    if (!file) throw new UsageError("FILE.json is required");
    if (values.parent && !values.unit) throw new UsageError("--parent needs --unit");
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`dongthuan plan load: cannot read ${file} as JSON: ${(error as Error).message}`);
      return 1;
    }
    const tree = validTree(input);
    const mentions = z.object({ mentions: z.array(TreeMention).default([]) }).parse(input).mentions;
    return withDatabase(values, async ({ database, tenant }) => {
      let parentPlanId: string | null = null;
      let ownerUnitId: string | null = null;
      if (typeof values.parent === "string") {
        const parent = await planHead(database.db, tenant.id, values.parent);
        if (!parent) throw new UsageError(`no plan has the id ${values.parent}`);
        if (parent.currentVersion === 0) throw new AppError(409, "parent_not_published");
        parentPlanId = parent.id;
        ownerUnitId = await findUnit(database, tenant, values.unit as string);
      }
      try {
        const result = await database.db.transaction(async (tx) => {
          const row = await createPlan(tx, tenant.id, CLI_ACTOR, { tree, parentPlanId, ownerUnitId });
          await applyResolutions(tx, tenant.id, CLI_ACTOR, row.id, mentions);
          if (!values.publish) return { row, open: await unresolvedMentions(tx, row), version: 0 };
          await autoConfirm(tx, tenant.id, CLI_ACTOR, row.id);
          const { version } = await publishPlan(tx, tenant.id, CLI_ACTOR, row.id);
          return { row, open: [], version: version.version };
        });
        const { items } = countItems(tree);
        console.log(
          result.version > 0
            ? `Published plan ${result.row.id} (version ${result.version}, ${items} items): ${result.row.title}`
            : `Loaded plan ${result.row.id} as a draft (${items} items, ${result.open.length} mentions to resolve): ${result.row.title}`,
        );
        return 0;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== "unresolved_mentions") throw error;
        const list = (error.details as { mentions: string[] }).mentions;
        console.error(
          `dongthuan plan load: not published, nothing stored: ${list.length} mentions are unresolved:`,
        );
        for (const mention of list) console.error(`  - ${mention}`);
        return 1;
      }
    });
  },
};

const planList: CommandSpec = {
  name: "plan list",
  summary: "List the plans in the registry with their status and version.",
  usage: "plan list [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions },
  help: dbHelp,
  async run({ values }) {
    return withDatabase(values, async ({ database, tenant }) => {
      const rows = await allPlanHeads(database.db, tenant.id);
      if (rows.length === 0) console.log("No plans yet.");
      for (const row of rows) {
        const title = row.title.length > 90 ? `${row.title.slice(0, 89)}…` : row.title;
        const version = `v${row.currentVersion}`;
        const date = (row.docDate ?? "").padEnd(10);
        console.log(
          `${row.id}  ${row.status.padEnd(9)} ${version}  ${date}  ${row.parentPlanId ? "↳ " : ""}${title}`,
        );
      }
      return 0;
    });
  },
};

export const planCommands: CommandSpec[] = [planImport, planLoad, planList];
