import type { ModerationBody, ModerationReason, ModerationStatus } from "../../../common/schemas/civic.ts";
import { AppError } from "../../lib/errors.ts";

/**
 * A moderation decision as stored, checked: publishing needs nothing more; rejecting needs a
 * reason from the list, and "other" needs the reason written out. Only a pending item is
 * moderated (a decision is not silently overwritten). Pure; shared with consultations.
 */
export function moderationDecision(
  current: string,
  body: ModerationBody,
): { status: ModerationStatus; reason: ModerationReason | null; note: string | null } {
  if (current !== "pending") throw new AppError(409, "civic_already_moderated", { status: current });
  const note = body.note?.trim() ? body.note.trim() : null;
  if (body.decision === "publish") return { status: "published", reason: null, note };
  if (!body.reason) throw new AppError(400, "civic_reason_required", {}, "reason");
  if (body.reason === "other" && !note) throw new AppError(400, "civic_note_required", {}, "note");
  return { status: "rejected", reason: body.reason, note };
}

export function moderationView(row: {
  status: string;
  rejectReason: string | null;
  moderationNote: string | null;
  moderatedByName?: string | null;
  moderatedAt: Date | null;
}) {
  return {
    status: row.status as ModerationStatus,
    reason: (row.rejectReason as ModerationReason | null) ?? null,
    note: row.moderationNote,
    by: row.moderatedByName ?? null,
    at: row.moderatedAt?.toISOString() ?? null,
  };
}
