import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "../server/db/connection.ts";
import type { Tenant } from "../server/http/context.ts";
import { groupMembers, listGroups } from "../server/modules/orgs/groups.ts";
import { listUnits } from "../server/modules/orgs/service.ts";
import { importPlanBuffer } from "../server/modules/plans/import/index.ts";
import { asOfFor, autoConfirm, resolveMention } from "../server/modules/plans/mentions.ts";
import { publishPlan } from "../server/modules/plans/publish.ts";
import { createPlan } from "../server/modules/plans/registry.ts";
import { countItems } from "../server/modules/plans/tree.ts";

const DEMO_ACTOR = { userId: null, name: "demo loader" };
const SEED_PLAN = "kh-thuc-hien-ctr-51-ctr-tu-kien-giang-2024.txt";

/**
 * The demo's choices for the seed plan's mentions that auto-confirm leaves to a person (an alias,
 * a collective phrase, an empty group). The first group is the resolution's group; further groups'
 * members and the named units are added to its units. docs/plans.md explains the rule.
 */
export const DEMO_RESOLUTIONS: Record<string, { groups?: string[]; units?: string[]; why: string }> = {
  "Các sở, ban, ngành": { groups: ["Các sở, ban, ngành tỉnh"], why: "an alias of the group" },
  "các đơn vị liên quan": {
    groups: ["Các đơn vị liên quan"],
    why: "the group on purpose: the plan names no unit, the coordinator adds them when known",
  },
  "các đơn vị có liên quan": { groups: ["Các đơn vị liên quan"], why: "as “các đơn vị liên quan”" },
  "các ngành, đơn vị liên quan": {
    groups: ["Các sở, ban, ngành tỉnh"],
    why: "“ngành” are the provincial departments Sở Nội vụ works with (II.2.b, II.8.b)",
  },
  "các sở, ngành, đơn vị liên quan": { groups: ["Các sở, ban, ngành tỉnh"], why: "the departments (II.4.b)" },
  "UBND cấp huyện, cấp xã": {
    groups: ["UBND các huyện, thành phố", "UBND cấp xã"],
    why: "both levels the sentence names (II.4.a)",
  },
  "Mặt trận Tổ quốc": {
    units: ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kiên Giang"],
    why: "the provincial Front: the plan's own level (II.6)",
  },
  "Mặt trận Tổ quốc cùng cấp": {
    units: ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kiên Giang"],
    why: "“cùng cấp” at the plan's level is the provincial Front (II.8.a)",
  },
  "các đoàn thể chính trị - xã hội cùng cấp": {
    groups: ["Các đoàn thể chính trị - xã hội tỉnh"],
    why: "the provincial mass organisations (II.6)",
  },
  "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": {
    units: ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kiên Giang"],
    why: "an alias of the unit (III.5)",
  },
  "Giám đốc các sở": {
    groups: ["Các sở, ban, ngành tỉnh"],
    why: "the heads stand for their departments (III.1)",
  },
  "Thủ trưởng các ban, ngành tỉnh": { groups: ["Các sở, ban, ngành tỉnh"], why: "as above (III.1)" },
  "Chủ tịch UBND các huyện, thành phố": {
    groups: ["UBND các huyện, thành phố"],
    why: "the chairs stand for their committees (III.1)",
  },
  "UBND tỉnh": {
    units: ["Ủy ban nhân dân tỉnh Kiên Giang"],
    why: "the short name of the issuer (III.1, III.2)",
  },
};

export function seedPlanPath(): string {
  return fileURLToPath(new URL(`./data/${SEED_PLAN}`, import.meta.url));
}

/**
 * Imports the seed plan, confirms its exact mentions, resolves the others by DEMO_RESOLUTIONS,
 * and publishes it as version 1, in one transaction. A mention the table does not cover (say,
 * after an importer change) makes publishing refuse, naming it, and nothing is stored.
 */
export async function loadDemoPlan(
  database: Database,
  tenant: Tenant,
): Promise<{ planId: string; lines: string[] }> {
  const tree = await importPlanBuffer(readFileSync(seedPlanPath()), SEED_PLAN);
  return database.db.transaction(async (tx) => {
    const row = await createPlan(tx, tenant.id, DEMO_ACTOR, { tree, parentPlanId: null, ownerUnitId: null });
    const auto = await autoConfirm(tx, tenant.id, DEMO_ACTOR, row.id);
    const asOf = asOfFor(row);
    const groups = await listGroups(tx, tenant.id);
    const units = await listUnits(tx, tenant.id, { asOf });
    const groupId = (name: string) => {
      const group = groups.find((g) => g.name === name);
      if (!group) throw new Error(`demo plan: no group named “${name}”`);
      return group.id;
    };
    const unitId = (name: string) => {
      const unit = units.find((u) => u.name === name);
      if (!unit) throw new Error(`demo plan: no unit named “${name}” on ${asOf}`);
      return unit.id;
    };
    let chosen = 0;
    for (const mention of auto.remaining) {
      const choice = DEMO_RESOLUTIONS[mention];
      if (!choice) continue;
      const [first, ...more] = (choice.groups ?? []).map(groupId);
      const unitIds = (choice.units ?? []).map(unitId);
      for (const id of more) unitIds.push(...(await groupMembers(tx, tenant.id, id, asOf)).map((u) => u.id));
      await resolveMention(tx, tenant.id, DEMO_ACTOR, row.id, {
        mention,
        groupId: first,
        unitIds,
        confirmed: true,
      });
      chosen++;
    }
    const { version } = await publishPlan(tx, tenant.id, DEMO_ACTOR, row.id);
    const { items, tasks } = countItems(tree);
    return {
      planId: row.id,
      lines: [
        `Demo plan published: “${row.title.slice(0, 80)}…” (version ${version.version}, ${items} items, ${tasks} tasks; ` +
          `${auto.confirmed.length} mentions confirmed as exact names, ${chosen} by the demo's table).`,
      ],
    };
  });
}
