import { sql } from "drizzle-orm";
import { actorCodeOf, knownActorLabel } from "../../../common/actors.ts";
import { formatDate } from "../../../common/dates.ts";
import type { Locale } from "../../../common/enums.ts";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { label } from "../../lib/labels.ts";

/**
 * The home page's "recent changes" say what happened in words: "Sở Du lịch chuyển giao 12 nhiệm
 * vụ cho Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ trả lại báo cáo của UBND huyện Châu
 * Thành". Each audit action has a sentence in the message files (`changes.action.<action>`);
 * the units, plans and people it names are looked up here. An action with no sentence yet gets
 * a generic one naming what was changed: never a raw action key or an id. An actor that is not a
 * user may have a sentence of its own for an action (`changes.by.<code>.<action>`): what the
 * system "receives", a citizen on the portal "sends".
 */

export interface ChangeRow {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface Change {
  id: string;
  title: string;
  subtitle: string | null;
  date: string;
  href: string | null;
}

type Data = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (value: unknown): value is string => typeof value === "string" && UUID.test(value);
const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

/** "{{actor}} trả lại báo cáo của {{unit}}" with its parameters; an unknown parameter stays empty. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template
    .replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(params[key] ?? ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** The sentence for an action, or null when the message files have none. */
export function sentenceOf(locale: Locale, action: string, under = "changes.action"): string | null {
  const key = `${under}.${action}`;
  const found = label(locale, key);
  return found === key ? null : found;
}

/** The sentence of an actor that is not a user for an action, when it has one of its own. */
export function actorSentenceOf(
  locale: Locale,
  row: Pick<ChangeRow, "actorUserId" | "actorName" | "action">,
) {
  const code = row.actorUserId ? null : actorCodeOf(row.actorName);
  return code ? sentenceOf(locale, row.action, `changes.by.${code}`) : null;
}

/** "Nguyễn Văn An (nva)" → "Nguyễn Văn An": the audit keeps the username, a sentence needs the name. */
const personName = (actorName: string) => actorName.replace(/\s*\([^()]*\)\s*$/, "").trim();

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date from an entry's data, or nothing when the value is not one. */
const dmy = (iso: unknown) => (typeof iso === "string" && DATE.test(iso) ? formatDate(iso) : "");

interface Lookups {
  unitName: Map<string, string>;
  planTitle: Map<string, string>;
  /** The unit a person acts for: the first unit they hold a role on. */
  actorUnit: Map<string, string>;
  reportOf: Map<string, { unitId: string; planId: string }>;
  assignmentPlan: Map<string, string>;
  /** For each restructuring event: who handed how many assignments to whom. */
  transfers: Map<string, { fromUnitId: string; toUnitIds: string[]; count: number }[]>;
}

const idsOf = (rows: ChangeRow[], types: string[]) => [
  ...new Set(rows.filter((r) => types.includes(r.entityType) && isId(r.entityId)).map((r) => r.entityId!)),
];

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

async function lookUp(db: DbOrTx, tenantId: string, rows: ChangeRow[]): Promise<Lookups> {
  const reportIds = idsOf(rows, ["report"]);
  const assignmentIds = idsOf(rows, ["assignment"]);
  const transferEvents = [
    ...new Set(
      rows.filter((r) => r.action === "assignments.transfer" && isId(r.entityId)).map((r) => r.entityId!),
    ),
  ];
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter(isId))];

  const reportOf = new Map<string, { unitId: string; planId: string }>();
  if (reportIds.length > 0) {
    const found = await queryRows<{ id: string; unit_id: string; plan_id: string }>(
      db,
      sql`SELECT id::text, unit_id::text, plan_id::text FROM reports
          WHERE tenant_id = ${tenantId} AND id IN (${uuidList(reportIds)})`,
    );
    for (const r of found) reportOf.set(r.id, { unitId: r.unit_id, planId: r.plan_id });
  }
  const assignmentPlan = new Map<string, string>();
  if (assignmentIds.length > 0) {
    const found = await queryRows<{ id: string; plan_id: string }>(
      db,
      sql`SELECT id::text, plan_id::text FROM assignments
          WHERE tenant_id = ${tenantId} AND id IN (${uuidList(assignmentIds)})`,
    );
    for (const r of found) assignmentPlan.set(r.id, r.plan_id);
  }
  const transfers = new Map<string, { fromUnitId: string; toUnitIds: string[]; count: number }[]>();
  if (transferEvents.length > 0) {
    const found = await queryRows<{ event_id: string; from_unit: string; to_units: string[]; n: number }>(
      db,
      sql`SELECT t.event_id::text, f.unit_id::text AS from_unit,
                 array_agg(DISTINCT s.unit_id::text) AS to_units, count(DISTINCT f.id)::int AS n
          FROM assignment_transfers t
          JOIN assignments f ON f.id = t.transferred_from
          JOIN assignments s ON s.id = t.transferred_to
          WHERE t.tenant_id = ${tenantId} AND t.event_id IN (${uuidList(transferEvents)})
          GROUP BY t.event_id, f.unit_id
          ORDER BY count(DISTINCT f.id) DESC`,
    );
    for (const r of found) {
      const list = transfers.get(r.event_id) ?? [];
      list.push({ fromUnitId: r.from_unit, toUnitIds: r.to_units, count: Number(r.n) });
      transfers.set(r.event_id, list);
    }
  }
  const actorUnitId = new Map<string, string>();
  if (actorIds.length > 0) {
    const found = await queryRows<{ user_id: string; unit_id: string }>(
      db,
      sql`SELECT DISTINCT ON (user_id) user_id::text, unit_id::text FROM role_grants
          WHERE user_id IN (${uuidList(actorIds)}) ORDER BY user_id, unit_id`,
    );
    for (const r of found) actorUnitId.set(r.user_id, r.unit_id);
  }

  const unitIds = new Set<string>([...actorUnitId.values()]);
  for (const id of idsOf(rows, ["unit"])) unitIds.add(id);
  for (const r of reportOf.values()) unitIds.add(r.unitId);
  for (const list of transfers.values())
    for (const t of list) for (const id of [t.fromUnitId, ...t.toUnitIds]) unitIds.add(id);
  for (const row of rows) {
    const assigned = (row.after as Data | null)?.assignedUnitId;
    if (isId(assigned)) unitIds.add(assigned);
  }
  const unitName = new Map<string, string>();
  if (unitIds.size > 0) {
    const found = await queryRows<{ id: string; name: string }>(
      db,
      sql`SELECT id::text, name FROM units WHERE tenant_id = ${tenantId} AND id IN (${uuidList([...unitIds])})`,
    );
    for (const r of found) unitName.set(r.id, r.name);
  }
  const planIds = new Set<string>(idsOf(rows, ["plan"]));
  for (const r of reportOf.values()) planIds.add(r.planId);
  for (const id of assignmentPlan.values()) planIds.add(id);
  const planTitle = new Map<string, string>();
  if (planIds.size > 0) {
    const found = await queryRows<{ id: string; title: string }>(
      db,
      sql`SELECT id::text, title FROM plans WHERE tenant_id = ${tenantId} AND id IN (${uuidList([...planIds])})`,
    );
    for (const r of found) planTitle.set(r.id, r.title);
  }
  const actorUnit = new Map<string, string>();
  for (const [userId, unitId] of actorUnitId) {
    const name = unitName.get(unitId);
    if (name) actorUnit.set(userId, name);
  }
  return { unitName, planTitle, actorUnit, reportOf, assignmentPlan, transfers };
}

const shorten = (title: string, max = 90) =>
  title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title;

/** Where a change leads: the unit, plan or report it is about, when the web app has a page for it. */
function hrefOf(row: ChangeRow, look: Lookups): string | null {
  if (!isId(row.entityId)) return null;
  switch (row.entityType) {
    case "unit":
      return row.action === "unit.delete" ? null : `/directory?unit=${row.entityId}`;
    case "plan":
      return `/plans/${row.entityId}`;
    case "report":
      return look.reportOf.has(row.entityId) ? `/reports/${row.entityId}` : null;
    default:
      return null;
  }
}

/** One audit row in words (a restructuring's hand-over gives one sentence per unit that handed over). */
function describeRow(row: ChangeRow, look: Lookups, locale: Locale): Change[] {
  const data = { ...((row.before as Data | null) ?? {}), ...((row.after as Data | null) ?? {}) };
  const id = isId(row.entityId) ? row.entityId : null;
  const someUnit = label(locale, "changes.someUnit");
  const somePlan = label(locale, "changes.somePlan");
  // A user acts for their unit; anyone else is named by their code ("portal", "restructuring" …),
  // and the jobs, the command line and the demo loader are the system.
  const actor =
    (row.actorUserId && look.actorUnit.get(row.actorUserId)) ||
    (row.actorUserId && personName(row.actorName)) ||
    (!row.actorUserId && knownActorLabel(row.actorName, locale)) ||
    label(locale, "changes.system");
  const report = id ? look.reportOf.get(id) : undefined;
  const planId =
    row.entityType === "plan" ? id : report ? report.planId : id ? look.assignmentPlan.get(id) : undefined;
  const assigned = isId(data.assignedUnitId) ? look.unitName.get(data.assignedUnitId) : undefined;
  const params: Record<string, string | number> = {
    actor,
    name: text(data.name) ?? (row.entityType === "unit" && id ? look.unitName.get(id) : undefined) ?? "",
    title: text(data.title) ?? "",
    date: dmy(data.effectiveDate),
    plan: shorten((planId && look.planTitle.get(planId)) || text(data.title) || somePlan),
    unit: (report && look.unitName.get(report.unitId)) || assigned || someUnit,
  };
  const base = {
    subtitle: row.actorUserId ? personName(row.actorName) : null,
    date: todayInVietnam(new Date(row.at)),
    href: hrefOf(row, look),
  };

  if (row.action === "assignments.transfer") {
    const pairs = (id && look.transfers.get(id)) || [];
    if (pairs.length === 0) {
      const count = typeof data.moved === "number" ? data.moved : 0;
      return [
        {
          id: String(row.seq),
          title: fill(sentenceOf(locale, "assignments.transferNone")!, { count }),
          ...base,
        },
      ];
    }
    return pairs.map((pair, i) => ({
      id: `${row.seq}-${i}`,
      title: fill(sentenceOf(locale, "assignments.transfer")!, {
        from: look.unitName.get(pair.fromUnitId) ?? someUnit,
        to: pair.toUnitIds.map((u) => look.unitName.get(u) ?? someUnit).join(", "),
        count: pair.count,
      }),
      ...base,
    }));
  }

  const sentence = actorSentenceOf(locale, row) ?? sentenceOf(locale, row.action);
  if (
    sentence &&
    !(sentence.includes("{{name}}") && !params.name) &&
    !(sentence.includes("{{title}}") && !params.title)
  ) {
    return [{ id: String(row.seq), title: fill(sentence, params), ...base }];
  }
  // No sentence for this action (or not the data it needs): say who changed what kind of thing.
  const entityKey = `changes.entity.${row.entityType}`;
  const entityTemplate = label(locale, entityKey);
  const entity =
    entityTemplate === entityKey || (entityTemplate.includes("{{name}}") && !params.name)
      ? label(locale, "changes.entity.other")
      : fill(entityTemplate, params);
  return [{ id: String(row.seq), title: fill(label(locale, "changes.generic"), { actor, entity }), ...base }];
}

export async function describeChanges(
  db: DbOrTx,
  tenantId: string,
  rows: ChangeRow[],
  locale: Locale,
): Promise<Change[]> {
  if (rows.length === 0) return [];
  const look = await lookUp(db, tenantId, rows);
  return rows.flatMap((row) => describeRow(row, look, locale));
}
