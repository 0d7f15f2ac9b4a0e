import { and, eq, notInArray } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { PlanItem } from "../../../common/plan-tree.ts";
import { Counts, type Counts as CountsType } from "../../../common/schemas/assignments.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { allPlanHeads } from "../plans/registry.ts";
import { headingsOf, itemLabel } from "./obligations.ts";
import { weightsOf } from "./progress.ts";
import { rollup } from "./rollup.ts";
import { emptyCounts, emptyRequested, ROLLUP_RULE, tally } from "./status.ts";
import { assignments } from "./tables.ts";
import { planCache } from "./views.ts";

/**
 * The public face of the assignments: for each published provincial plan (no unit's own
 * sub-plan, no draft), what it is about in its own words and how far it has come, by heading —
 * the same rollup the coordinator sees, without a unit's name, a person or a progress report.
 */

const PublicHeading = z.object({
  code: z.string(),
  label: z.string(),
  section: z.string().nullable(),
  progress: z.number().nullable(),
  tasks: z.number().int(),
  counts: Counts,
});

export const PublicPlan = z.object({
  id: z.string().uuid(),
  title: z.string(),
  type: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  /** The plan's first section (its purpose and requirements) in its own words, shortened. */
  summary: z.string().nullable(),
  progress: z.number().nullable(),
  tasks: z.number().int(),
  counts: Counts,
  headings: z.array(PublicHeading),
});

const SUMMARY = 480;

function summaryOf(items: readonly PlanItem[]): string | null {
  const first = items.find((item) => item.kind === "section") ?? items[0];
  if (!first) return null;
  const parts: string[] = [];
  const walk = (item: PlanItem) => {
    if (item.text && item.text !== item.title) parts.push(item.text.trim());
    for (const child of item.children) walk(child);
  };
  for (const child of first.children) walk(child);
  if (parts.length === 0 && first.text) parts.push(first.text);
  const text = parts.join("\n").trim();
  if (!text) return null;
  if (text.length <= SUMMARY) return text;
  const cut = text.slice(0, SUMMARY);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), SUMMARY - 40))}…`;
}

export async function publicPlans(db: DbOrTx, tenantId: string, today: string) {
  const heads = (await allPlanHeads(db, tenantId)).filter(
    (head) => head.currentVersion > 0 && head.parentPlanId === null,
  );
  const plans = planCache(db, tenantId);
  const result: z.infer<typeof PublicPlan>[] = [];
  for (const head of heads) {
    const plan = await plans(head.id);
    if (!plan) continue;
    const rows = await db
      .select({
        itemCode: assignments.itemCode,
        status: assignments.status,
        role: assignments.role,
        percent: assignments.percent,
        startsOn: assignments.startsOn,
        dueDate: assignments.dueDate,
        completedOn: assignments.completedOn,
        historical: assignments.historical,
      })
      .from(assignments)
      .where(
        and(
          eq(assignments.tenantId, tenantId),
          eq(assignments.planId, head.id),
          notInArray(assignments.status, ["cancelled", "transferred"]),
        ),
      );
    const rolled = rollup(plan.tree, rows, await weightsOf(db, head.id), today);
    const headingOf = headingsOf(plan.tree);
    const perHeading = new Map<string, { counts: CountsType; tasks: Set<string> }>();
    const total = emptyCounts();
    const requested = emptyRequested();
    const allTasks = new Set<string>();
    for (const row of rows) {
      const code = headingOf.get(row.itemCode) ?? row.itemCode.split(".")[0];
      const entry = perHeading.get(code) ?? { counts: emptyCounts(), tasks: new Set<string>() };
      tally(entry.counts, requested, row, today);
      tally(total, requested, row, today);
      entry.tasks.add(row.itemCode);
      allTasks.add(row.itemCode);
      perHeading.set(code, entry);
    }
    const sectionOf = new Map<string, string | null>();
    for (const top of plan.tree.items) {
      sectionOf.set(top.code, null);
      if (top.kind === "section") for (const child of top.children) sectionOf.set(child.code, itemLabel(top));
    }
    const headingCodes = [...new Set(headingOf.values())].filter((code) => perHeading.has(code));
    result.push({
      id: head.id,
      title: head.title,
      type: head.docType,
      number: head.number,
      symbol: head.symbol,
      date: head.docDate,
      issuer: head.issuer,
      summary: summaryOf(plan.tree.items),
      progress: rolled.progress,
      tasks: allTasks.size,
      counts: total,
      headings: headingCodes.map((code) => {
        const item = plan.items.get(code)!;
        const entry = perHeading.get(code)!;
        return {
          code,
          label: itemLabel(item),
          section: sectionOf.get(code) ?? null,
          progress: rolled.byCode.get(code) ?? null,
          tasks: entry.tasks.size,
          counts: entry.counts,
        };
      }),
    });
  }
  return result;
}

export const assignmentPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/public/plans",
    {
      schema: {
        tags: ["assignments (public)"],
        summary: "Published provincial plans, what they are about, and their progress by heading",
        security: [],
        response: {
          200: z.object({ today: z.string(), rule: z.string(), plans: z.array(PublicPlan) }),
        },
      },
    },
    async () => {
      const { database, tenant } = app.ctx;
      const today = clock.today();
      return { today, rule: ROLLUP_RULE, plans: await publicPlans(database.db, tenant.id, today) };
    },
  );
};
