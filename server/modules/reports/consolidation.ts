import { and, desc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import { byUnitType } from "../../../common/unit-types.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { addDays } from "../../lib/calendar/index.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { revisionEndsOf, successionsOf } from "../orgs/public.ts";
import { versionRow } from "../plans/publish.ts";
import { planHead } from "../plans/registry.ts";
import type { ConsolidationInput, ConsolidationReport } from "./consolidation-input.ts";
import { loadReportDirectory, namesOn, type ReportDirectory } from "./directory.ts";
import { reportsIndicator } from "./form.ts";
import { escalations, reportForms, reportPeriods, reportSchedules, reports } from "./tables.ts";

/**
 * What consolidating a period needs (consolidation-input.ts), read from the accepted reports of
 * the expected units: each report as accepted (its latest revision), the units without an
 * accepted report and where theirs stands, and the escalations of the period. Unit names are
 * those of the period's deadline: the 2024 report names the 2024 units.
 */

/** "2024-06" → "tháng 6/2024"; "2024-06-05" → "ngày 05/6/2024"; "2024" → "năm 2024". */
export function vietnameseDatePhrase(date: string | null): string | null {
  if (!date) return null;
  const [year, month, day] = date.split("-");
  if (day) return `ngày ${day}/${Number(month)}/${year}`;
  if (month) return `tháng ${Number(month)}/${year}`;
  return `năm ${year}`;
}

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export async function findPeriod(db: DbOrTx, tenantId: string, planId: string, periodKey: string) {
  const [period] = await db
    .select()
    .from(reportPeriods)
    .where(
      and(
        eq(reportPeriods.tenantId, tenantId),
        eq(reportPeriods.planId, planId),
        eq(reportPeriods.key, periodKey),
      ),
    );
  if (!period) throw notFound(both(`kỳ báo cáo ${periodKey}`, `reporting period ${periodKey}`));
  return period;
}

/** "ỦY BAN NHÂN DÂN TỈNH AN GIANG" → "An Giang": the place a body of a province or town issues from. */
export function placeFromName(name: string): string | null {
  const match = /(?:tỉnh|thành phố|huyện|thị xã|xã|phường|đặc khu)\s+(.+)$/iu.exec(name.trim());
  if (!match) return null;
  return match[1]
    .toLocaleLowerCase("vi")
    .split(/\s+/)
    .map((w) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1))
    .join(" ");
}

/**
 * Who issues the report after the period, where the issuing body was renamed, merged or split:
 * the days its name (or the body carrying its duties) changed after `day`, with the name and
 * place from then on. Read from the directory's revisions and successions, not from constants.
 */
async function issuerChanges(
  db: DbOrTx,
  tenantId: string,
  directory: ReportDirectory,
  issuerId: string,
  day: string,
  first: { name: string; place: string },
): Promise<{ from: string; name: string; place: string }[]> {
  const successions = await successionsOf(db, tenantId);
  const chain = new Set([issuerId]);
  const days = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of successions) {
      if (chain.has(s.from) && !chain.has(s.to) && s.since > day) {
        chain.add(s.to);
        days.add(s.since);
        grew = true;
      }
    }
  }
  const revisions = await revisionEndsOf(db, tenantId);
  for (const r of revisions) if (chain.has(r.unitId) && r.validTo >= day) days.add(addDays(r.validTo, 1));
  const changes: { from: string; name: string; place: string }[] = [];
  let last = first;
  for (const on of [...days].sort()) {
    const carriers = directory.carriersOn(issuerId, on);
    const issuerType = directory.unit(issuerId)?.type;
    const carrier = carriers.find((id) => directory.unit(id)?.type === issuerType) ?? carriers[0];
    if (!carrier) continue;
    const name =
      (await namesOn(db, tenantId, directory, [carrier], on)).get(carrier) ?? directory.name(carrier);
    const upper = name.toLocaleUpperCase("vi");
    if (upper === last.name) continue;
    last = { name: upper, place: placeFromName(name) ?? last.place };
    changes.push({ from: on, ...last });
  }
  return changes;
}

export async function loadConsolidationInput(
  db: DbOrTx,
  tenantId: string,
  query: { planId: string; periodKey: string },
): Promise<ConsolidationInput> {
  const head = await planHead(db, tenantId, query.planId);
  if (!head || head.currentVersion === 0) throw notFound(both("kế hoạch đã ban hành", "published plan"));
  const version = (await versionRow(db, head.id, head.currentVersion))!;
  const period = await findPeriod(db, tenantId, head.id, query.periodKey);
  const [schedule] = await db.select().from(reportSchedules).where(eq(reportSchedules.id, period.scheduleId));
  const [form] = await db
    .select()
    .from(reportForms)
    .where(eq(reportForms.planId, head.id))
    .orderBy(desc(reportForms.version))
    .limit(1);
  if (!form) throw new AppError(409, "report_no_form", { plan: head.title });

  const directory = await loadReportDirectory(db, tenantId);
  const rows = await db
    .select()
    .from(reports)
    .where(and(eq(reports.tenantId, tenantId), eq(reports.periodId, period.id)));
  const issuerId = schedule?.toUnitId ?? null;
  const ids = [
    ...new Set([...period.unitIds, ...rows.map((r) => r.unitId), ...(issuerId ? [issuerId] : [])]),
  ];
  const escalationRows = await db
    .select()
    .from(escalations)
    .where(
      and(
        eq(escalations.tenantId, tenantId),
        or(
          eq(escalations.periodId, period.id),
          and(
            isNull(escalations.periodId),
            eq(escalations.planId, head.id),
            gte(sql`(${escalations.createdAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`, period.windowStart),
            lte(
              sql`(${escalations.createdAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`,
              [period.deadline, period.windowEnd].sort()[1],
            ),
          ),
        ),
      ),
    )
    .orderBy(escalations.createdAt);
  for (const e of escalationRows) {
    ids.push(e.unitId);
    if (e.ownerUnitId) ids.push(e.ownerUnitId);
  }
  const names = await namesOn(db, tenantId, directory, [...new Set(ids)], period.deadline);
  const nameOf = (id: string) => names.get(id) ?? directory.name(id);
  const typeOf = (id: string) => directory.unit(id)?.type ?? "other";
  const byUnit = (a: string, b: string) =>
    byUnitType(typeOf(a), typeOf(b)) || nameOf(a).localeCompare(nameOf(b), "vi");

  const headings = form.headings;
  const accepted = rows.filter((r) => r.status === "accepted");
  const reportList: ConsolidationReport[] = accepted
    .sort((a, b) => byUnit(a.unitId, b.unitId))
    .map((r) => {
      const values: Record<string, number | null> = {};
      for (const indicator of form.indicators) {
        if (!reportsIndicator(indicator, typeOf(r.unitId))) continue;
        values[indicator.code] = r.values[indicator.code] ?? null;
      }
      return {
        unitId: r.unitId,
        unitName: nameOf(r.unitId),
        unitType: typeOf(r.unitId),
        revision: r.revision,
        submittedAt: r.firstSentAt ?? r.sentAt ?? r.updatedAt,
        late: r.late ?? false,
        sections: headings
          .map((h) => ({ headingCode: h.code, text: (r.sections[h.code] ?? "").trim() }))
          .filter((s) => s.text.length > 0),
        values,
        difficulties: r.difficulties,
        proposals: r.proposals,
      };
    });
  const acceptedUnits = new Set(accepted.map((r) => r.unitId));
  const statusOf = new Map(rows.map((r) => [r.unitId, r.status]));
  const missing = period.unitIds
    .filter((id) => !acceptedUnits.has(id))
    .sort(byUnit)
    .map((id) => {
      const status = statusOf.get(id);
      return {
        unitId: id,
        unitName: nameOf(id),
        status:
          status === undefined
            ? ("none" as const)
            : status === "returned"
              ? ("returned" as const)
              : status === "sent" || status === "received"
                ? ("sent" as const)
                : ("draft" as const),
      };
    });

  const doc = version.tree.document;
  const kind = sentenceCase(doc.type ?? "Kế hoạch");
  const number = doc.number ? `${doc.number}${doc.symbol ? `/${doc.symbol}` : ""}` : null;
  const when = vietnameseDatePhrase(doc.date);
  const title = [
    kind,
    number ? `số ${number}` : null,
    when,
    doc.issuer ? `của ${doc.issuer}` : null,
    doc.title ? lowerFirst(doc.title) : head.title,
  ]
    .filter(Boolean)
    .join(" ");
  const issuerName = issuerId ? nameOf(issuerId) : (doc.issuer ?? "");
  const issuerPlace = doc.place || placeFromName(issuerName) || "";
  const since = issuerId
    ? await issuerChanges(db, tenantId, directory, issuerId, period.deadline, {
        name: issuerName.toLocaleUpperCase("vi"),
        place: issuerPlace,
      })
    : [];
  return {
    plan: { id: head.id, title, number, issuedOn: doc.date, headings },
    period: {
      key: period.key,
      label: period.labelVi,
      from: period.windowStart,
      to: period.windowEnd,
      deadline: period.deadline,
    },
    issuer: {
      name: issuerName.toLocaleUpperCase("vi"),
      place: issuerPlace,
      shortName: schedule?.toMention ?? issuerName,
      ...(since.length > 0 ? { since } : {}),
    },
    indicators: form.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      aggregation: i.aggregation,
    })),
    reports: reportList,
    missing,
    escalations: escalationRows.map((e) => ({
      title: e.title,
      raisedBy: nameOf(e.unitId),
      owner: e.ownerUnitId ? nameOf(e.ownerUnitId) : (schedule?.toMention ?? issuerName),
      dueOn: e.dueOn,
      status: e.status as "open" | "decided" | "closed",
      decision: e.decision,
    })),
  };
}
