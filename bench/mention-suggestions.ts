import { randomBytes } from "node:crypto";
/**
 * How often the directory's suggestions for a plan's mentions are right, by score band
 * (npm run bench:mentions). The truth is the demo's resolution of the seed plan (demo/plan.ts:
 * exact names confirmed, the rest chosen by hand); every mention of the importer's fixtures
 * with the same words is judged by it, mentions it does not cover are counted apart.
 *
 * A unit suggestion is right when the truth is that one unit; a group suggestion when the truth
 * is that group (or exactly its members). Printed: per band, suggestions made and right, and the
 * same for the top suggestion of each mention; then what the review offers now (offerFor):
 * one-click choices and their precision, and collective mentions offered a single unit.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanTree } from "../common/plan-tree.ts";
import { loadDemo } from "../demo/load.ts";
import { openDatabase } from "../server/db/connection.ts";
import { migrate } from "../server/db/migrate.ts";
import { auditKeyFrom, installAuditKey } from "../server/modules/audit/key.ts";
import { groupMembers, listGroups, suggestForMention } from "../server/modules/orgs/groups.ts";
import { ensureTenant } from "../server/modules/orgs/service.ts";
import { offerFor } from "../server/modules/plans/offers.ts";
import { planMentions } from "../server/modules/plans/tables.ts";
import { collectMentions } from "../server/modules/plans/tree.ts";

const fixtures = join(import.meta.dirname, "../server/modules/plans/import/fixtures");
const BANDS = [1, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
const bandOf = (score: number) => BANDS.find((low) => score >= low) ?? 0;
const label = (low: number) =>
  low === 1 ? "1 (exact)" : low === 0.95 ? "0.95 (alias)" : `[${low.toFixed(1)}, ${(low + 0.1).toFixed(1)})`;

// A throwaway database: its audit trail is written under a throwaway key.
installAuditKey(auditKeyFrom(randomBytes(32)));
const database = await openDatabase({ dataDir: null });
await migrate(database);
const row = await ensureTenant(database.db, "kien-giang", "Tỉnh Kiên Giang");
const tenant = { id: row.id, code: row.code, name: row.name };
await loadDemo(database, tenant, { password: null });
const db = database.db;

const truth = new Map<string, { unitIds: Set<string>; groupId: string | null }>();
for (const r of await db.select().from(planMentions)) {
  if (r.confirmed) truth.set(r.mention, { unitIds: new Set(r.unitIds), groupId: r.groupId });
}
const asOf = "2024-06-01";
const members = new Map<string, Set<string>>();
for (const group of await listGroups(db, tenant.id)) {
  members.set(group.id, new Set((await groupMembers(db, tenant.id, group.id, asOf)).map((u) => u.id)));
}
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
function right(s: { kind: string; id: string }, want: { unitIds: Set<string>; groupId: string | null }) {
  if (s.kind === "unit") return want.unitIds.size === 1 && want.unitIds.has(s.id);
  return want.groupId === s.id || sameSet(members.get(s.id) ?? new Set(), want.unitIds);
}

// Every mention of the seed plan and the fixtures' expected trees, once per distinct wording.
const sources = ["seed.expected.json", ...readdirSync(fixtures).filter((f) => f.endsWith(".expected.json"))];
const mentions = new Set<string>();
for (const file of new Set(sources)) {
  const tree = JSON.parse(readFileSync(join(fixtures, file), "utf8")) as PlanTree;
  for (const use of collectMentions(tree)) mentions.add(use.mention);
}
for (const mention of truth.keys()) mentions.add(mention);

type Tally = { made: number; right: number };
const all = new Map<number, Tally>();
const top = new Map<number, Tally>();
const add = (map: Map<number, Tally>, band: number, ok: boolean) => {
  const t = map.get(band) ?? { made: 0, right: 0 };
  t.made++;
  if (ok) t.right++;
  map.set(band, t);
};
const unknownBands = new Map<number, number>();
const similar: string[] = [];
let judged = 0;
let unjudged = 0;
let offered = 0;
let offeredRight = 0;
let collectiveSingle = 0;
let collectiveSingleBefore = 0;
let withoutOffer = 0;
const wrongOffers: string[] = [];
for (const mention of mentions) {
  const want = truth.get(mention);
  if (!want) {
    unjudged++;
    for (const s of await suggestForMention(db, tenant.id, mention, asOf))
      unknownBands.set(bandOf(s.confidence), (unknownBands.get(bandOf(s.confidence)) ?? 0) + 1);
    continue;
  }
  judged++;
  const suggestions = await suggestForMention(db, tenant.id, mention, asOf);
  suggestions.forEach((s, i) => {
    const ok = right(s, want);
    if (s.reason === "similar")
      similar.push(`${ok ? "right" : "wrong"}: ${mention} → ${s.name} (${Math.round(s.confidence * 100)} %)`);
    add(all, bandOf(s.confidence), ok);
    if (i === 0) add(top, bandOf(s.confidence), ok);
  });
  const offer = await offerFor(db, tenant.id, mention, asOf);
  if (offer.collective && suggestions.some((s) => s.kind === "unit")) collectiveSingleBefore++;
  if (offer.collective && offer.suggestions.some((s) => s.kind === "unit")) collectiveSingle++;
  if (offer.suggestions.length === 0) withoutOffer++;
  for (const s of offer.suggestions) {
    offered++;
    if (right(s, want)) offeredRight++;
    else wrongOffers.push(`${mention} → ${s.name} (${Math.round(s.confidence * 100)} %)`);
  }
}

const pct = (t: Tally | undefined) => (t && t.made > 0 ? `${((100 * t.right) / t.made).toFixed(0)}%` : "-");
console.log(
  `mentions: ${mentions.size} distinct; ${judged} with a known resolution, ${unjudged} without (left out)`,
);
console.log("\nband            all suggestions        top suggestion");
for (const band of BANDS) {
  const a = all.get(band);
  const t = top.get(band);
  console.log(
    `${label(band).padEnd(15)} ${String(a?.right ?? 0).padStart(3)}/${String(a?.made ?? 0).padEnd(4)} ${pct(a).padStart(5)}` +
      `        ${String(t?.right ?? 0).padStart(3)}/${String(t?.made ?? 0).padEnd(4)} ${pct(t).padStart(5)}`,
  );
}
console.log(
  `\nsuggestions for the mentions without a known resolution, by band: ${BANDS.map((b) => `${label(b)}: ${unknownBands.get(b) ?? 0}`).join("; ")}`,
);
console.log("\nsimilar-name suggestions judged:");
for (const line of similar) console.log(`  ${line}`);
console.log(
  `\noffered now as one-click choices: ${offeredRight}/${offered} right (${pct({ made: offered, right: offeredRight })}); ` +
    `${withoutOffer} mentions left to a search`,
);
console.log(
  `collective mentions offered a single unit: ${collectiveSingleBefore} before, ${collectiveSingle} now`,
);
for (const line of wrongOffers) console.log(`  offered and wrong: ${line}`);
await database.close();
