import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/connection.ts";
import type { PetitionRow } from "../access.ts";
import { allUnits, unitsInForceByCode } from "../directory.ts";
import { petitionEvents, petitions } from "../tables.ts";
import { type LabelledText, type Model, predict, train } from "./classifier.ts";
import { COMMUNE_LABEL, loadMandates, loadSeed } from "./seed.ts";

/**
 * Suggests the unit responsible for a petition, trained per province: the seed set (units named
 * by code, resolved in today's directory) and the unit mandates for a cold start, plus every
 * petition the province's staff routed themselves. A petition kept by its own commune teaches
 * "@commune", which is then read as the commune of the petition at hand.
 *
 * The model is rebuilt when the routed history changes (a count and the latest assignment
 * time, one indexed aggregate), and kept per tenant in memory: it is derived data, rebuilt in
 * milliseconds after a restart.
 */
const HISTORY_LIMIT = 20_000;
const models = new Map<string, { stamp: string; model: Model }>();

async function historyStamp(db: DbOrTx, tenantId: string): Promise<string> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, last: sql<string | null>`max(${petitionEvents.at})::text` })
    .from(petitionEvents)
    .where(
      and(eq(petitionEvents.tenantId, tenantId), sql`${petitionEvents.type} IN ('assigned', 'transferred')`),
    );
  return `${row.n}:${row.last ?? ""}`;
}

async function buildModel(db: DbOrTx, tenantId: string, today: string): Promise<Model> {
  const byCode = await unitsInForceByCode(db, tenantId, today);
  const label = (code: string) => (code === COMMUNE_LABEL ? code : (byCode.get(code)?.id ?? null));
  const examples: LabelledText[] = [];
  for (const seed of loadSeed()) {
    const unit = label(seed.unit);
    if (unit) examples.push({ text: seed.text, label: unit });
  }
  const history = await db
    .select({ text: petitions.text, unitId: petitions.assignedUnitId, communeId: petitions.communeId })
    .from(petitions)
    .where(
      and(
        eq(petitions.tenantId, tenantId),
        isNotNull(petitions.assignedUnitId),
        ne(petitions.status, "merged"),
      ),
    )
    .orderBy(desc(petitions.receivedAt))
    .limit(HISTORY_LIMIT);
  for (const item of history) {
    examples.push({ text: item.text, label: item.unitId === item.communeId ? COMMUNE_LABEL : item.unitId! });
  }
  const mandates = loadMandates().flatMap((m) => {
    const unit = label(m.unit);
    return unit ? [{ text: m.text, label: unit }] : [];
  });
  return train(examples, { mandates });
}

export async function routingModel(db: DbOrTx, tenantId: string, today: string): Promise<Model> {
  const stamp = `${today}|${await historyStamp(db, tenantId)}`;
  const hit = models.get(tenantId);
  if (hit && hit.stamp === stamp) return hit.model;
  const model = await buildModel(db, tenantId, today);
  models.set(tenantId, { stamp, model });
  return model;
}

export interface Suggestion {
  unitId: string;
  code: string | null;
  name: string;
  score: number;
}

/** The three likeliest units, with scores that add up over every unit to 1. */
export async function suggestUnits(
  db: DbOrTx,
  row: PetitionRow,
  today: string,
  top = 3,
): Promise<Suggestion[]> {
  const model = await routingModel(db, row.tenantId, today);
  const units = await allUnits(db, row.tenantId);
  const ranked = predict(model, `${row.title ?? ""}. ${row.text}`, model.labels.length);
  const scores = new Map<string, number>();
  for (const { label, score } of ranked) {
    const unitId = label === COMMUNE_LABEL ? row.communeId : label;
    if (!unitId || !units.has(unitId)) continue;
    scores.set(unitId, (scores.get(unitId) ?? 0) + score);
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([unitId, score]) => {
      const unit = units.get(unitId)!;
      return { unitId, code: unit.code, name: unit.name, score: Math.round(score * 1000) / 1000 };
    });
}

export function clearRoutingModels() {
  models.clear();
}
