import { and, eq, sql } from "drizzle-orm";
import type { TransitionBody } from "../../../common/schemas/reports.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import { authorize } from "../authorize.ts";
import { type NoticeKind, notify, type RecipientSpec } from "../notifications/notify.ts";
import {
  type Access,
  formVersion,
  loadPeriod,
  periodState,
  type ReportRow,
  resourceOf,
  visibleReport,
} from "./access.ts";
import { isLate, isOpenFor, type ReportStatus, transitionOf } from "./policy.ts";
import { reportRevisions, reports } from "./tables.ts";
import { lockedError, reportEvent, reportNoticeParams, STATUS_VI } from "./workflow-shared.ts";

const ACTION_VI: Record<string, string> = {
  submit: "trình lãnh đạo duyệt",
  send: "duyệt và gửi",
  withdraw: "rút về để sửa",
  receive: "tiếp nhận",
  accept: "chấp nhận",
  return: "trả lại để bổ sung",
};

/**
 * A step of the workflow. Sending freezes a revision (late when sent after the deadline, never
 * refused for it); returning needs the coordinator's comments; the next edit opens a revision.
 */
export async function transition(
  tx: DbOrTx,
  access: Access,
  author: AuditActor,
  id: string,
  action: "submit" | "send" | "withdraw" | "receive" | "accept" | "return",
  body: TransitionBody,
  today = todayInVietnam(),
  now = clock.now(),
): Promise<ReportRow> {
  const row = await visibleReport(tx, access, id, true);
  const resource = resourceOf(access, row);
  const rule = transitionOf(action);
  authorize(access.actor, `reports.${rule.who}`, resource);
  if (body.version !== undefined && body.version !== row.version) {
    throw new AppError(409, "conflict", { current: row.version, yours: body.version }, undefined, {
      currentVersion: row.version,
    });
  }
  // A returned report may be sent again as it stands: that opens its next revision too.
  const from: ReportStatus[] =
    action === "submit" || action === "send" ? [...rule.from, "returned"] : rule.from;
  if (!from.includes(row.status as ReportStatus)) {
    throw new AppError(409, "report_transition", {
      action: ACTION_VI[action],
      status: STATUS_VI[row.status] ?? row.status,
    });
  }
  const { period, schedule } = await loadPeriod(tx, row.tenantId, row.periodId);
  if (rule.needsOpen && !isOpenFor(await periodState(tx, period, schedule, row.unitId), today)) {
    throw lockedError(period, schedule);
  }
  let sectionComments: Record<string, string> = {};
  if (action === "return") {
    const form = (await formVersion(tx, row.planId, row.formVersion))!;
    sectionComments = Object.fromEntries(
      Object.entries(body.sectionComments ?? {}).filter(([, text]) => text.trim().length > 0),
    );
    const known = new Set([...form.headings.map((h) => h.code), "values", "difficulties", "proposals"]);
    for (const code of Object.keys(sectionComments)) {
      if (!known.has(code)) {
        throw new AppError(400, "report_heading_unknown", { code }, `sectionComments.${code}`);
      }
    }
    if (!body.comment && Object.keys(sectionComments).length === 0) {
      throw new AppError(400, "report_return_comment", {}, "comment");
    }
  }
  const revision = row.status === "returned" ? row.revision + 1 : row.revision;
  const set: Partial<typeof reports.$inferInsert> = { status: rule.to, revision, updatedAt: now };
  let late: boolean | null = row.late;
  if (action === "send") {
    const sentOn = todayInVietnam(now);
    // Timeliness is judged on the first sending; a corrected revision keeps it.
    late = row.firstSentAt ? row.late : isLate(sentOn, period.deadline);
    Object.assign(set, { sentAt: now, firstSentAt: row.firstSentAt ?? now, late });
  }
  const [saved] = await tx
    .update(reports)
    .set({ ...set, version: sql`${reports.version} + 1` })
    .where(and(eq(reports.id, row.id), eq(reports.version, row.version)))
    .returning();
  if (row.status === "returned") {
    await reportEvent(tx, saved, author, { action: "reopened", statusFrom: "returned", statusTo: "draft" });
  }
  if (action === "send") {
    await tx.insert(reportRevisions).values({
      tenantId: row.tenantId,
      reportId: row.id,
      revision,
      formVersion: row.formVersion,
      sections: row.sections,
      values: row.values,
      difficulties: row.difficulties,
      proposals: row.proposals,
      sentAt: now,
      late: late ?? false,
      sentBy: author.userId,
      sentByName: author.name,
    });
  }
  const eventId = await reportEvent(tx, saved, author, {
    action,
    statusFrom: row.status,
    statusTo: rule.to,
    comment: body.comment ?? null,
    sectionComments,
  });
  const handoff = HANDOFFS[action];
  if (handoff) {
    const comment = [body.comment?.trim(), ...Object.values(sectionComments).map((text) => text.trim())]
      .filter(Boolean)
      .join(" — ");
    await notify(tx, {
      tenantId: row.tenantId,
      eventKey: `report-${action}:${eventId}`,
      kind: handoff.kind,
      recipients: handoff.to(row.unitId),
      params: {
        ...reportNoticeParams(access.directory.unit(row.unitId)?.name ?? "", period),
        comment,
      },
      link: `/reports/${row.id}`,
      actorUserId: author.userId,
    });
  }
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: author,
    action: `report.${action}`,
    entityType: "report",
    entityId: row.id,
    before: { status: row.status, revision: row.revision, version: row.version },
    after: { status: saved.status, revision: saved.revision, version: saved.version, late: saved.late },
  });
  return saved;
}

const unitPeople =
  (...roles: ("unit_officer" | "unit_leader")[]) =>
  (unitId: string): RecipientSpec[] => [{ unitId, roles }];

/** Who must act next after each step: the leader approves, the coordinator reviews, the unit corrects. */
const HANDOFFS: Partial<Record<string, { kind: NoticeKind; to: (unitId: string) => RecipientSpec[] }>> = {
  submit: { kind: "report-submitted", to: unitPeople("unit_leader") },
  send: { kind: "report-sent", to: () => [{ role: "coordinator" }] },
  return: { kind: "report-returned", to: unitPeople("unit_officer", "unit_leader") },
  accept: { kind: "report-accepted", to: unitPeople("unit_officer", "unit_leader") },
};
