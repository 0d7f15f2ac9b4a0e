import { readFileSync } from "node:fs";
import { DirectoryEvent } from "../../common/schemas/restructure.ts";
import { applyDirectoryEvent } from "../modules/orgs/restructure.ts";
import { type CommandSpec, UsageError } from "./parse.ts";
import { CLI_ACTOR, dbHelp, dbOptions, withDatabase } from "./shared.ts";

/** `dongthuan directory …`: restructuring events applied from a file. */

const directoryApplyEvent: CommandSpec = {
  name: "directory apply-event",
  summary: "Apply a restructuring event (merge, split, rename, dissolve, move) from a JSON file.",
  usage: "directory apply-event FILE.json [--dry-run] [--data-dir DIR] [--database-url URL]",
  options: { ...dbOptions, "dry-run": { type: "boolean" } },
  help: [
    "  --dry-run             list what would change (units closed, created, renamed, moved, and the",
    "                        obligations that would pass to successors) and write nothing",
    ...dbHelp,
    "",
    "The file: {title, effectiveDate, legalBasis, changes: [{kind: merge|split|rename|dissolve|move|create, …}]}",
    "(see docs/decisions/2026-11-27-directory-history.md and common/schemas/restructure.ts).",
  ],
  async run({ values, positionals }) {
    const [file] = positionals;
    if (!file) throw new UsageError("FILE.json is required");
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const event = DirectoryEvent.safeParse(parsed);
    if (!event.success) {
      console.error(`${file} is not a directory event:`);
      for (const issue of event.error.issues)
        console.error(`  - ${issue.path.join(".") || "(file)"}: ${issue.message}`);
      return 1;
    }
    return withDatabase(values, async ({ database, tenant }) => {
      const dryRun = !!values["dry-run"];
      try {
        const outcome = await database.db.transaction((tx) =>
          applyDirectoryEvent(tx, tenant.id, CLI_ACTOR, event.data, { dryRun }),
        );
        console.log(
          `${dryRun ? "Would apply" : "Applied"}: ${event.data.title} (${event.data.effectiveDate})`,
        );
        for (const unit of outcome.created) console.log(`  + ${unit.name}`);
        for (const unit of outcome.closed)
          console.log(`  - ${unit.name} → ${unit.successors.join(", ") || "(no successor)"}`);
        for (const unit of outcome.renamed) console.log(`  ~ ${unit.from} → ${unit.to}`);
        for (const unit of outcome.moved) console.log(`  > ${unit.name} under ${unit.parent}`);
        for (const transfer of outcome.transfers)
          console.log(
            `  ⇒ [${transfer.module}] ${transfer.description}: ${transfer.from} → ${transfer.to.join(", ")}`,
          );
        // A split's open assignments, with the proposal to confirm in the change's "mapping".
        for (const split of outcome.splits)
          for (const item of split.items)
            console.log(
              `  ⇉ ${split.from.name}: ${item.code} (${item.role}${item.occurrence === "once" ? "" : `, ${item.occurrence}`}) assignment ${item.assignmentId} → ${item.mapped ? item.mapped.join(", ") : `not mapped; proposed: ${item.proposed.join(", ")}`}`,
            );
        return 0;
      } catch (error) {
        const details = (error as { details?: { problems?: string[]; unmapped?: string[] } }).details;
        console.error((error as Error).message);
        for (const problem of details?.problems ?? details?.unmapped ?? []) console.error(`  - ${problem}`);
        return 1;
      }
    });
  },
};

export const directoryCommands: CommandSpec[] = [directoryApplyEvent];
