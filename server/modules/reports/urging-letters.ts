import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import { formatDate } from "../../../common/dates.ts";
import type { Database } from "../../db/connection.ts";
import { addDays, todayInVietnam } from "../../lib/calendar/index.ts";
import { renderNd30Docx } from "../../lib/documents/nd30.ts";
import { AppError } from "../../lib/errors.ts";
import type { ObjectStorage } from "../../lib/storage.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { kickOutbox } from "../notifications/outbox.ts";
import { urgingLetterDocument } from "./consolidate/urging.ts";
import { loadConsolidationInput } from "./consolidation.ts";
import { loadReportDirectory, type ReportDirectory } from "./directory.ts";
import type { ReportJobDeps } from "./jobs.ts";
import { deliver, openPeriods, planTitles, sentUnits } from "./notices.ts";
import { reportPeriods, reportSchedules, reportUrgingLetters } from "./tables.ts";
import { reportNoticeParams } from "./workflow-shared.ts";

// Urging after a deadline: one notice per late unit and the period's urging letter (.docx).

const SYSTEM: AuditActor = systemActor("system");

/** After the deadline: one urging notice per late unit, and the period's urging letter. */
export async function runUrging(deps: ReportJobDeps, today = todayInVietnam()) {
  const db = deps.database.db;
  const titles = await planTitles(db, deps.tenantId);
  const directory = await loadReportDirectory(db, deps.tenantId);
  let notices = 0;
  let letters = 0;
  // Periods whose deadline passed within the last 60 days: older ones are the coordinator's call.
  for (const { period } of await openPeriods(db, deps.tenantId, addDays(today, -60), addDays(today, -1))) {
    const done = await sentUnits(db, period.id);
    const late = period.unitIds.filter((id) => !done.has(id));
    if (late.length === 0) continue;
    for (const unitId of late) {
      const fresh = await deliver(deps, {
        key: `late:${period.id}:${unitId}`,
        kind: "late",
        periodId: period.id,
        unitId,
        params: {
          ...reportNoticeParams(directory.name(unitId), period),
          plan: titles.get(period.planId) ?? "",
        },
      });
      if (fresh) notices++;
    }

    const [existing] = await db
      .select({ id: reportUrgingLetters.id })
      .from(reportUrgingLetters)
      .where(eq(reportUrgingLetters.periodId, period.id))
      .limit(1);
    if (!existing) {
      const letter = await generateUrgingLetter(db, deps.storage, directory, period.id, today, SYSTEM);
      if (letter) letters++;
    }
  }
  if (notices > 0) await kickOutbox(deps);
  return { notices, letters };
}

/**
 * The urging letter of a period as of today: a .docx (Nghị định 30/2020 layout, from
 * `consolidate/urging.ts`) listing the units without a report and where each stands, stored
 * with the list. Once per period and day (a second call the same day returns the first). The
 * document is made and stored outside any transaction; only its row is written in one.
 */
export async function generateUrgingLetter(
  db: Database["db"],
  storage: ObjectStorage,
  directory: ReportDirectory,
  periodId: string,
  today: string,
  author: AuditActor,
) {
  const [period] = await db.select().from(reportPeriods).where(eq(reportPeriods.id, periodId));
  if (!period) return null;
  const sameDay = async () =>
    (
      await db
        .select()
        .from(reportUrgingLetters)
        .where(and(eq(reportUrgingLetters.periodId, period.id), eq(reportUrgingLetters.issuedOn, today)))
    )[0];
  const existing = await sameDay();
  if (existing) return existing;
  if (today <= period.deadline) {
    throw new AppError(409, "urging_before_deadline", {
      period: period.labelVi,
      deadline: formatDate(period.deadline),
    });
  }
  const input = await loadConsolidationInput(db, period.tenantId, {
    planId: period.planId,
    periodKey: period.key,
  });
  const sentIds = await sentUnits(db, period.id);
  const late = input.missing.filter((m) => !sentIds.has(m.unitId));
  if (late.length === 0) throw new AppError(409, "urging_none_late", { period: period.labelVi });
  const [schedule] = await db.select().from(reportSchedules).where(eq(reportSchedules.id, period.scheduleId));
  const via = schedule?.viaUnitId ? directory.name(schedule.viaUnitId) : null;
  const document = urgingLetterDocument({
    issuer: {
      parent: via ? input.issuer.name : undefined,
      name: (via ?? input.issuer.name).toLocaleUpperCase("vi"),
      place: input.issuer.place,
      abbreviation: via ? "SNV" : "UBND",
    },
    plan: { title: input.plan.title, number: input.plan.number, issuedOn: input.plan.issuedOn },
    period: { label: input.period.label.toLocaleLowerCase("vi") },
    deadline: period.deadline,
    newDeadline: addDays(today, 7),
    lateUnits: late.map((m) => ({ unitName: m.unitName, status: m.status })),
    receiver: via ? `${schedule?.toMention ?? input.issuer.shortName} (qua ${via})` : input.issuer.shortName,
    signer: via
      ? { capacity: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC" }
      : { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
    date: null,
  });
  const body = await renderNd30Docx(document);
  const id = crypto.randomUUID();
  const storageKey = `reports/${period.tenantId}/urging/${id}`;
  await storage.putObject(storageKey, body, DOCX);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(reportUrgingLetters)
      .values({
        id,
        tenantId: period.tenantId,
        periodId: period.id,
        issuedOn: today,
        lateUnitIds: late.map((m) => m.unitId),
        storageKey,
        filename: `van-ban-don-doc-bao-cao-${period.key}-${today}.docx`,
        size: body.length,
        sha256: createHash("sha256").update(body).digest("hex"),
        createdByName: author.name,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) return null;
    await recordAudit(tx, {
      tenantId: period.tenantId,
      actor: author,
      action: "report.urging_letter",
      entityType: "report_period",
      entityId: period.id,
      after: { letterId: id, lateUnits: late.length, issuedOn: today },
    });
    return inserted;
  });
  if (row) return row;
  // Another server made today's letter at the same moment: keep theirs.
  await storage.deleteObject(storageKey).catch(() => {});
  return (await sameDay())!;
}

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
