import type { PlanItem, PlanTree } from "../../../common/plan-tree.ts";
import type { Db } from "../../db/connection.ts";
import type { Client } from "../../test/harness.ts";
import { listUnits } from "../orgs/service.ts";
import { resolveMention } from "../plans/mentions.ts";
import { createPlan } from "../plans/registry.ts";
import { collectMentions } from "../plans/tree.ts";

// The reports suites' test plan: two units, one yearly report to the provincial committee.

export const SVHTTDL = "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang";
export const RACH_GIA = "Ủy ban nhân dân phường Rạch Giá";
export const UBND = "Ủy ban nhân dân tỉnh An Giang";

function node(
  code: string,
  kind: PlanItem["kind"],
  text: string,
  implementing: string[] = [],
  children: PlanItem[] = [],
): PlanItem {
  return {
    code,
    kind,
    title: kind === "task" ? null : text,
    text,
    actors: { lead: [], coordinating: [], implementing, requested: [] },
    due: null,
    children,
  };
}

export function tree(title: string): PlanTree {
  return {
    format: "plan-tree/1",
    document: {
      type: "KẾ HOẠCH",
      number: "15",
      symbol: "KH-UBND",
      place: "An Giang",
      date: "2026-01-10",
      issuer: "Ủy ban nhân dân tỉnh An Giang",
      title,
      signer: null,
      recipients: [],
    },
    references: [],
    reporting: [
      {
        from: [SVHTTDL, RACH_GIA],
        to: UBND,
        via: null,
        due: { text: "trước ngày 10/12 hằng năm", recurrence: "yearly", date: null, month: 12, day: 10 },
        source: "III.1",
      },
    ],
    warnings: [],
    items: [
      node(
        "I",
        "section",
        "MỤC ĐÍCH, YÊU CẦU",
        [],
        [node("I.1", "statement", "Phát huy sức mạnh đại đoàn kết.")],
      ),
      node(
        "II",
        "section",
        "NHIỆM VỤ",
        [],
        [
          node(
            "II.1",
            "heading",
            "Tuyên truyền",
            [],
            [node("II.1.a", "task", "Tổ chức hội nghị quán triệt", [SVHTTDL, RACH_GIA])],
          ),
          node(
            "II.2",
            "heading",
            "Ngày hội đại đoàn kết",
            [],
            [node("II.2.a", "task", "Tổ chức Ngày hội", [RACH_GIA])],
          ),
        ],
      ),
      node(
        "III",
        "section",
        "TỔ CHỨC THỰC HIỆN",
        [],
        [node("III.1", "task", "Báo cáo kết quả hằng năm", [SVHTTDL, RACH_GIA])],
      ),
    ],
  };
}

// The suite's plans and periods are of 2026: it runs on a day of its own (the demo loaded as of
// then), not on whatever day the machine or a pinned CI run says.

/**
 * Creates the test plan (`tree(title)`, or another tree), points each of its mentions at the unit
 * of that exact name as of the plan's date, and publishes it as `publisher`: its id.
 */
export async function publishTestPlan(
  db: Db,
  tenantId: string,
  publisher: Client,
  title: string,
  makeTree: (title: string) => PlanTree = tree,
): Promise<string> {
  const planId = await db.transaction(async (tx) => {
    const t = makeTree(title);
    const row = await createPlan(tx, tenantId, TEST_ACTOR, {
      tree: t,
      parentPlanId: null,
      ownerUnitId: null,
    });
    const units = await listUnits(tx, tenantId, { asOf: t.document.date ?? undefined });
    for (const { mention } of collectMentions(t)) {
      const unit = units.find((u) => u.name === mention)!;
      await resolveMention(tx, tenantId, TEST_ACTOR, row.id, {
        mention,
        unitIds: [unit.id],
        confirmed: true,
      });
    }
    return row.id;
  });
  const published = await publisher.post(`/api/plans/${planId}/publish`);
  if (published.statusCode !== 201) throw new Error(`publishing the test plan: ${published.body}`);
  return planId;
}

const TEST_ACTOR = { userId: null, name: "test" };
