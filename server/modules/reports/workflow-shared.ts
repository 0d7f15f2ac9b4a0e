import { formatDate } from "../../../common/dates.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { AppError, forbidden } from "../../lib/errors.ts";
import type { AuditActor } from "../audit/service.ts";
import type { PeriodRow, ReportRow, ScheduleRow } from "./access.ts";
import { lockDay, type WriteRefusal } from "./policy.ts";
import { reportEvents } from "./tables.ts";

// What the report workflow's steps share: the refusals, the event log and the notices' placeholders.

export const STATUS_VI: Record<string, string> = {
  draft: "nháp",
  pending_approval: "chờ lãnh đạo duyệt",
  sent: "đã gửi",
  received: "đã tiếp nhận",
  accepted: "đã chấp nhận",
  returned: "trả lại để bổ sung",
};
export function lockedError(period: PeriodRow, schedule: ScheduleRow) {
  return new AppError(409, "report_period_locked", {
    period: period.labelVi,
    day: lockDay({ deadline: period.deadline, lockDays: schedule.lockDays }),
  });
}

/**
 * Throws the answer to a refused change of a report (policy.ts `editRefusal`, `attachRefusal`):
 * the content route and the file route refuse with the same codes and messages.
 */
export function refuseWrite(
  refusal: WriteRefusal | null,
  row: Pick<ReportRow, "status">,
  period: PeriodRow,
  schedule: ScheduleRow,
): void {
  if (refusal === "forbidden") throw forbidden();
  if (refusal === "not_editable")
    throw new AppError(409, "report_not_editable", { status: STATUS_VI[row.status] ?? row.status });
  if (refusal === "locked") throw lockedError(period, schedule);
}

/** Records a step of a report (who, when, from, to, comments); returns its id. */
export async function reportEvent(
  tx: DbOrTx,
  row: Pick<ReportRow, "id" | "tenantId" | "revision">,
  author: AuditActor,
  fields: {
    action: string;
    statusFrom?: string | null;
    statusTo?: string | null;
    comment?: string | null;
    sectionComments?: Record<string, string>;
    revision?: number;
  },
): Promise<string> {
  const [inserted] = await tx
    .insert(reportEvents)
    .values({
      tenantId: row.tenantId,
      reportId: row.id,
      revision: fields.revision ?? row.revision,
      action: fields.action,
      statusFrom: fields.statusFrom ?? null,
      statusTo: fields.statusTo ?? null,
      comment: fields.comment ?? null,
      sectionComments: fields.sectionComments ?? {},
      actorUserId: author.userId,
      actorName: author.name,
    })
    .returning({ id: reportEvents.id });
  return inserted.id;
}

/** The placeholders every report notice fills. */
export function reportNoticeParams(
  unit: string,
  period: Pick<PeriodRow, "labelVi" | "labelEn" | "deadline">,
): Record<string, string> {
  return { unit, period: period.labelVi, periodEn: period.labelEn, deadline: formatDate(period.deadline) };
}
