import { and, eq } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { ModerationBody } from "../../../common/schemas/civic.ts";
import type {
  AuthorKind,
  PublicCommentCreate,
  ResponseResult,
} from "../../../common/schemas/consultations.ts";
import type { Tx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import type { CivicDeps } from "../dialogues/deps.ts";
import { applyModeration } from "../dialogues/moderation.ts";
import { normalizeContact, type PublicPost, publicPost, submissionHash } from "../dialogues/public-write.ts";
import { accessConsultation, notFoundConsultation } from "./access.ts";
import { phaseOf } from "./policy.ts";
import { consultationComments, consultationSections, consultations } from "./tables.ts";

const notFoundComment = () => notFound(both("góp ý", "comment"));

async function sectionOf(tx: Tx, consultationId: string, sectionId: string) {
  const [section] = await tx
    .select({ id: consultationSections.id })
    .from(consultationSections)
    .where(
      and(eq(consultationSections.id, sectionId), eq(consultationSections.consultationId, consultationId)),
    );
  if (!section) throw new AppError(400, "consultation_section_other", {}, "sectionId");
  return section;
}

async function commentOf(tx: Tx, consultationId: string, commentId: string) {
  const [row] = await tx
    .select()
    .from(consultationComments)
    .where(
      and(eq(consultationComments.id, commentId), eq(consultationComments.consultationId, consultationId)),
    )
    .for("update");
  if (!row) throw notFoundComment();
  return row;
}

/** A unit's or the Front's written comment (or a citizen's letter), entered by staff: published. */
export async function addStaffComment(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  consultationId: string,
  body: { sectionId: string; authorKind: AuthorKind; authorName: string; text: string },
  today: string,
) {
  const { row } = await accessConsultation(tx, actor, consultationId, today, "comment", true);
  await sectionOf(tx, row.id, body.sectionId);
  const [comment] = await tx
    .insert(consultationComments)
    .values({
      tenantId: row.tenantId,
      consultationId: row.id,
      sectionId: body.sectionId,
      channel: "staff",
      authorKind: body.authorKind,
      authorName: body.authorName.normalize("NFC"),
      text: body.text.normalize("NFC"),
      status: "published",
      moderatedBy: actor.userId,
      moderatedAt: clock.now(),
    })
    .returning({ id: consultationComments.id });
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: audit,
    action: "consultation.comment.add",
    entityType: "consultation_comment",
    entityId: comment.id,
    after: { consultationId: row.id, authorKind: body.authorKind },
  });
  return comment;
}

export async function moderateComment(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  consultationId: string,
  commentId: string,
  body: ModerationBody,
  today: string,
) {
  await accessConsultation(tx, actor, consultationId, today, "moderate", true);
  const comment = await commentOf(tx, consultationId, commentId);
  return applyModeration(tx, actor, audit, comment, body, {
    action: "consultation.comment",
    entityType: "consultation_comment",
    update: (values) =>
      tx.update(consultationComments).set(values).where(eq(consultationComments.id, comment.id)),
  });
}

/** Tiếp thu, giải trình: the drafting agency's answer to a published comment (may be revised). */
export async function answerComment(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  consultationId: string,
  commentId: string,
  body: { result: ResponseResult; explanation: string },
  today: string,
) {
  await accessConsultation(tx, actor, consultationId, today, "answer", true);
  const comment = await commentOf(tx, consultationId, commentId);
  if (comment.status !== "published") {
    throw new AppError(409, "consultation_comment_not_published", { status: comment.status });
  }
  await tx
    .update(consultationComments)
    .set({
      result: body.result,
      explanation: body.explanation.normalize("NFC"),
      answeredBy: actor.userId,
      answeredAt: clock.now(),
    })
    .where(eq(consultationComments.id, comment.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "consultation.comment.answer",
    entityType: "consultation_comment",
    entityId: comment.id,
    before: comment.result ? { result: comment.result, explanation: comment.explanation } : undefined,
    after: body,
  });
  return { id: comment.id, status: comment.status };
}

const PUBLIC_ACTOR = systemActor("portal");

/** A comment from the portal, while the consultation is open: moderated before it is shown. */
export async function submitComment(
  deps: CivicDeps,
  consultationId: string,
  body: PublicCommentCreate,
  request: { ip: string; key: string | null; confirm?: PublicPost["confirm"] },
) {
  const tenantId = deps.tenant.id;
  const db = deps.database.db;
  const [row] = await db
    .select()
    .from(consultations)
    .where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, consultationId)));
  if (!row || row.status !== "published") throw notFoundConsultation();
  const today = deps.today();
  if (phaseOf(row.status, row.opensOn, row.closesOn, today) !== "open") {
    throw new AppError(409, "consultation_not_open", { from: row.opensOn, to: row.closesOn });
  }
  const contact = normalizeContact(body.contact);
  return publicPost(
    deps,
    {
      scope: "comment",
      ip: request.ip,
      key: request.key,
      confirm: request.confirm,
      body: { consultationId, ...body },
      contact,
    },
    async (tx, trackingCode) => {
      await sectionOf(tx, consultationId, body.sectionId);
      const [comment] = await tx
        .insert(consultationComments)
        .values({
          tenantId,
          consultationId,
          sectionId: body.sectionId,
          trackingHash: submissionHash(trackingCode),
          channel: "portal",
          authorKind: "citizen",
          authorName: contact.name,
          organisation: body.organisation?.normalize("NFC") ?? null,
          authorPhone: contact.phone,
          authorEmail: contact.email,
          // Kept as written: markup is text, escaped wherever it is shown.
          text: body.text.normalize("NFC"),
        })
        .returning({ id: consultationComments.id });
      await recordAudit(tx, {
        tenantId,
        actor: PUBLIC_ACTOR,
        action: "consultation.comment.submit",
        entityType: "consultation_comment",
        entityId: comment.id,
        after: { consultationId, sectionId: body.sectionId, channel: "portal" },
      });
    },
  );
}

export async function commentStatus(deps: CivicDeps, code: string) {
  const [row] = await deps.database.db
    .select()
    .from(consultationComments)
    .where(
      and(
        eq(consultationComments.tenantId, deps.tenant.id),
        eq(consultationComments.trackingHash, submissionHash(code)),
      ),
    );
  if (!row) throw notFoundComment();
  return {
    trackingCode: code.toUpperCase(),
    status: row.status as "pending",
    reason: (row.rejectReason as "other" | null) ?? null,
    answered: row.result !== null,
    submittedAt: row.createdAt.toISOString(),
  };
}
