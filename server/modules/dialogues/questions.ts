import { and, eq } from "drizzle-orm";
import { systemActor } from "../../../common/actors.ts";
import type { ModerationBody } from "../../../common/schemas/civic.ts";
import type { PublicQuestionCreate } from "../../../common/schemas/dialogues.ts";
import type { Tx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, both, notFound } from "../../lib/errors.ts";
import { type AuditActor, recordAudit } from "../audit/service.ts";
import type { Actor } from "../auth/actor.ts";
import { accessDialogue, notFoundDialogue } from "./access.ts";
import type { CivicDeps } from "./deps.ts";
import { unitIndex } from "./directory.ts";
import { applyModeration } from "./moderation.ts";
import { acceptsQuestions } from "./policy.ts";
import { normalizeContact, type PublicPost, publicPost, submissionHash } from "./public-write.ts";
import { dialogueQuestions, dialogues } from "./tables.ts";

const notFoundQuestion = () => notFound(both("câu hỏi", "question"));

async function questionOf(tx: Tx, dialogueId: string, questionId: string) {
  const [row] = await tx
    .select()
    .from(dialogueQuestions)
    .where(and(eq(dialogueQuestions.id, questionId), eq(dialogueQuestions.dialogueId, dialogueId)))
    .for("update");
  if (!row) throw notFoundQuestion();
  return row;
}

/** A question raised at the dialogue or received by letter: entered by staff, published at once. */
export async function addStaffQuestion(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  dialogueId: string,
  body: { text: string; askerName?: string; communeId?: string },
  today: string,
) {
  const { row, units } = await accessDialogue(tx, actor, dialogueId, "moderate", true);
  if (body.communeId) units.requireInForce(body.communeId, today, "communeId");
  const now = clock.now();
  const [question] = await tx
    .insert(dialogueQuestions)
    .values({
      tenantId: row.tenantId,
      dialogueId: row.id,
      channel: "staff",
      text: body.text.normalize("NFC"),
      askerName: body.askerName?.normalize("NFC") ?? null,
      communeId: body.communeId ?? null,
      status: "published",
      moderatedBy: actor.userId,
      moderatedAt: now,
    })
    .returning({ id: dialogueQuestions.id });
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: audit,
    action: "dialogue.question.add",
    entityType: "dialogue_question",
    entityId: question.id,
    after: { dialogueId: row.id, channel: "staff" },
  });
  return question;
}

export async function moderateQuestion(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  dialogueId: string,
  questionId: string,
  body: ModerationBody,
) {
  await accessDialogue(tx, actor, dialogueId, "moderate", true);
  const question = await questionOf(tx, dialogueId, questionId);
  return applyModeration(tx, actor, audit, question, body, {
    action: "dialogue.question",
    entityType: "dialogue_question",
    update: (values) => tx.update(dialogueQuestions).set(values).where(eq(dialogueQuestions.id, question.id)),
  });
}

export async function answerQuestion(
  tx: Tx,
  actor: Actor,
  audit: AuditActor,
  dialogueId: string,
  questionId: string,
  answer: string,
) {
  await accessDialogue(tx, actor, dialogueId, "answer", true);
  const question = await questionOf(tx, dialogueId, questionId);
  if (question.status !== "published") throw new AppError(409, "dialogue_question_not_published");
  await tx
    .update(dialogueQuestions)
    .set({ answer: answer.normalize("NFC"), answeredAt: clock.now() })
    .where(eq(dialogueQuestions.id, question.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: audit,
    action: "dialogue.question.answer",
    entityType: "dialogue_question",
    entityId: question.id,
    after: { length: answer.length },
  });
  return { id: question.id, status: question.status };
}

const PUBLIC_ACTOR = systemActor("portal");

/** A citizen's question from the portal: moderated before anyone else sees it. */
export async function submitQuestion(
  deps: CivicDeps,
  dialogueId: string,
  body: PublicQuestionCreate,
  request: { ip: string; key: string | null; confirm?: PublicPost["confirm"] },
) {
  const tenantId = deps.tenant.id;
  const db = deps.database.db;
  const [dialogue] = await db
    .select()
    .from(dialogues)
    .where(and(eq(dialogues.tenantId, tenantId), eq(dialogues.id, dialogueId)));
  if (!dialogue) throw notFoundDialogue();
  if (!acceptsQuestions(dialogue.status as "scheduled", dialogue.startsAt, deps.now())) {
    throw new AppError(409, "dialogue_not_accepting");
  }
  const contact = normalizeContact(body.contact);
  if (body.communeId)
    (await unitIndex(db, tenantId)).requireInForce(body.communeId, deps.today(), "communeId");
  return publicPost(
    deps,
    {
      scope: "question",
      ip: request.ip,
      key: request.key,
      confirm: request.confirm,
      body: { dialogueId, ...body },
      contact,
    },
    async (tx, trackingCode) => {
      const [row] = await tx
        .insert(dialogueQuestions)
        .values({
          tenantId,
          dialogueId,
          trackingHash: submissionHash(trackingCode),
          channel: "portal",
          // Kept as written: markup is text, escaped wherever it is shown.
          text: body.text.normalize("NFC"),
          communeId: body.communeId ?? null,
          askerName: contact.name,
          askerPhone: contact.phone,
          askerEmail: contact.email,
        })
        .returning({ id: dialogueQuestions.id });
      // The audit trail names the question, never the person.
      await recordAudit(tx, {
        tenantId,
        actor: PUBLIC_ACTOR,
        action: "dialogue.question.submit",
        entityType: "dialogue_question",
        entityId: row.id,
        after: { dialogueId, channel: "portal" },
      });
    },
  );
}

export async function questionStatus(deps: CivicDeps, code: string) {
  const [row] = await deps.database.db
    .select()
    .from(dialogueQuestions)
    .where(
      and(
        eq(dialogueQuestions.tenantId, deps.tenant.id),
        eq(dialogueQuestions.trackingHash, submissionHash(code)),
      ),
    );
  if (!row) throw notFoundQuestion();
  return {
    trackingCode: code.toUpperCase(),
    status: row.status as "pending",
    reason: (row.rejectReason as "other" | null) ?? null,
    answered: row.answer !== null,
    submittedAt: row.createdAt.toISOString(),
  };
}
