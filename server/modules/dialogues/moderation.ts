import type { ModerationBody, ModerationReason, ModerationStatus } from "../../../common/schemas/civic.ts";
import type { Tx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";

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

/** The moderation columns a question and a comment share, as one decision sets them. */
export interface ModerationValues {
  status: ModerationStatus;
  rejectReason: ModerationReason | null;
  moderationNote: string | null;
  moderatedBy: string | null;
  moderatedAt: Date;
}

/**
 * Moderates one item (a dialogue question, a consultation comment) already loaded for update:
 * checks the decision, stores it through `target.update` and writes the audit entry
 * `<action>.publish` or `<action>.reject`. The caller has checked the actor's right first.
 */
export async function applyModeration(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  item: { id: string; status: string },
  body: ModerationBody,
  target: { action: string; entityType: string; update(values: ModerationValues): Promise<unknown> },
) {
  const decision = moderationDecision(item.status, body);
  await target.update({
    status: decision.status,
    rejectReason: decision.reason,
    moderationNote: decision.note,
    moderatedBy: actor.userId,
    moderatedAt: clock.now(),
  });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: `${target.action}.${decision.status === "published" ? "publish" : "reject"}`,
    entityType: target.entityType,
    entityId: item.id,
    after: { reason: decision.reason },
  });
  return { id: item.id, status: decision.status };
}
