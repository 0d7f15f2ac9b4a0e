import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiError } from "../../../common/schemas/errors.ts";
import type { DbOrTx, Tx } from "../../db/connection.ts";
import { inTransaction, requireActor } from "../../http/context.ts";
import { AppError, both } from "../../lib/errors.ts";
import { recordAudit } from "../audit/service.ts";
import { type Actor, actorLabel } from "../auth/actor.ts";
import { authorize } from "../authorize.ts";
import { maskPersonalData } from "../intake/public.ts";
import { accessPetition, statusOf } from "./access.ts";
import { petitionHandoff } from "./notices.ts";
import { recordEvent } from "./timeline.ts";

/**
 * The leader's review of a drafted answer, beside approval (`workflow.ts`): the masked version
 * as it would be published, read before approving; and returning the draft to its author with a
 * comment. Returning keeps the draft (the officer revises it) and records the comment on the
 * internal timeline; the author gets a notice.
 */

export const ReturnBody = z.strictObject({ comment: z.string().trim().min(5).max(2000) });

/** The draft as it would be published: personal data masked, exactly as approval masks it. */
export async function answerPreview(db: DbOrTx, actor: Actor, id: string): Promise<{ text: string }> {
  const { row, resource } = await accessPetition(db, actor, id);
  // Only those who may read the draft's words (the handling unit, the coordinator) preview it.
  authorize(actor, "petitions.personalData", resource, { missing: both("dự thảo", "draft") });
  if (row.answerDraft === null || row.answerPublishedAt !== null) {
    throw new AppError(409, "petition_state", { action: "answer.preview", status: row.status });
  }
  return { text: maskPersonalData(row.answerDraft, { knownNames: [row.contactName] }) };
}

/** The leader sends the draft back to its author with what to change. */
export async function returnAnswer(tx: Tx, actor: Actor, id: string, comment: string) {
  // The same right and state as approving: the holding unit's leader, a draft waiting.
  const { row } = await accessPetition(tx, actor, id, "approveAnswer", true);
  await recordEvent(tx, {
    tenantId: row.tenantId,
    petitionId: row.id,
    type: "answer_returned",
    actor: actorLabel(actor),
    note: comment.normalize("NFC"),
  });
  if (row.answerDraftedBy) {
    await petitionHandoff(
      tx,
      row,
      "petition-answer-returned",
      [{ userId: row.answerDraftedBy }],
      { comment: comment.normalize("NFC") },
      actor.userId,
    );
  }
  await recordAudit(tx, {
    tenantId: row.tenantId,
    actor: actorLabel(actor),
    action: "petition.answer.return",
    entityType: "petition",
    entityId: row.id,
    before: { status: row.status, assignedUnitId: row.assignedUnitId },
    after: { status: row.status, length: comment.length },
  });
}

const tags = ["petitions"];
const idParams = z.object({ id: z.string().uuid() });

export const answerReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/petitions/:id/answer/preview",
    {
      schema: {
        tags,
        summary: "The drafted answer as it would be published, personal data masked",
        params: idParams,
        response: { 200: z.object({ text: z.string() }), 404: ApiError, 409: ApiError },
      },
    },
    async (request) => answerPreview(app.ctx.database.db, requireActor(request), request.params.id),
  );

  app.post(
    "/api/petitions/:id/answer/return",
    {
      schema: {
        tags,
        summary: "The unit's leader returns the draft to its author with a comment",
        params: idParams,
        body: ReturnBody,
        response: { 200: z.object({ id: z.string().uuid(), status: z.string() }), 409: ApiError },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return inTransaction(request, async (tx) => {
        await returnAnswer(tx, actor, request.params.id, request.body.comment);
        return statusOf(tx, actor.tenantId, request.params.id);
      });
    },
  );
};
