import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ModerationBody } from "../../../common/schemas/civic.ts";
import {
  AnswerQuestionBody,
  Commitment,
  CommitmentClose,
  CommitmentCreate,
  CommitmentListQuery,
  DialogueDetail,
  DialogueInput,
  DialogueListQuery,
  DialoguePatch,
  DialogueSummary,
  StaffQuestionCreate,
} from "../../../common/schemas/dialogues.ts";
import { ApiError } from "../../../common/schemas/errors.ts";
import type { Tx } from "../../db/connection.ts";
import { auditActor, inTransaction, requireActor } from "../../http/context.ts";
import { authorize } from "../authorize.ts";
import { closeCommitment, createCommitment, listCommitments, reopenCommitment } from "./commitments.ts";
import { civicDeps } from "./deps.ts";
import { addStaffQuestion, answerQuestion, moderateQuestion } from "./questions.ts";
import { createDialogue, dialogueDetail, listDialogues, updateDialogue } from "./service.ts";

const tags = ["dialogues"];
const idParams = z.object({ id: z.string().uuid() });
const questionParams = z.object({ id: z.string().uuid(), questionId: z.string().uuid() });
const Created = z.object({ id: z.string().uuid() });
const Ok = z.object({ ok: z.literal(true) });
const errors = { 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

export const dialogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = civicDeps(app.ctx);
  const db = () => deps.database.db;

  app.get(
    "/api/dialogues",
    {
      schema: {
        tags,
        summary: "Dialogues the signed-in user may see, with counts of questions and commitments",
        querystring: DialogueListQuery,
        response: { 200: z.object({ items: z.array(DialogueSummary), canSchedule: z.boolean() }) },
      },
    },
    async (request) => listDialogues(db(), requireActor(request), request.query, deps.now(), deps.today()),
  );

  app.post(
    "/api/dialogues",
    {
      schema: {
        tags,
        summary: "Schedule a dialogue (the coordinator, or the host unit's officers and leaders)",
        body: DialogueInput,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await inTransaction(request, (tx) =>
        createDialogue(tx, actor, auditActor(request), request.body, deps.today()),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/dialogues/:id",
    {
      schema: {
        tags,
        summary: "A dialogue with its questions, minutes, commitments and the actions allowed",
        params: idParams,
        response: { 200: DialogueDetail, 404: ApiError },
      },
    },
    async (request) => dialogueDetail(db(), requireActor(request), request.params.id, deps.today()),
  );

  app.patch(
    "/api/dialogues/:id",
    {
      schema: {
        tags,
        summary: "Edit a dialogue, set its status (held, cancelled) or record its minutes; send `version`",
        params: idParams,
        body: DialoguePatch,
        response: { 200: z.object({ ok: z.literal(true), version: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { version } = await inTransaction(request, (tx) =>
        updateDialogue(tx, actor, auditActor(request), request.params.id, request.body, deps.today()),
      );
      return { ok: true as const, version };
    },
  );

  app.post(
    "/api/dialogues/:id/questions",
    {
      schema: {
        tags,
        summary: "Enter a question raised at the dialogue or received by letter (published at once)",
        params: idParams,
        body: StaffQuestionCreate,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await inTransaction(request, (tx) =>
        addStaffQuestion(tx, actor, auditActor(request), request.params.id, request.body, deps.today()),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    "/api/dialogues/:id/questions/:questionId/moderation",
    {
      schema: {
        tags,
        summary: "Publish a question sent in advance, or reject it with a reason from the list",
        params: questionParams,
        body: ModerationBody,
        response: { 200: z.object({ id: z.string().uuid(), status: z.string() }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return inTransaction(request, (tx: Tx) =>
        moderateQuestion(
          tx,
          actor,
          auditActor(request),
          request.params.id,
          request.params.questionId,
          request.body,
        ),
      );
    },
  );

  app.post(
    "/api/dialogues/:id/questions/:questionId/answer",
    {
      schema: {
        tags,
        summary: "Record the answer the leader gave to a published question",
        params: questionParams,
        body: AnswerQuestionBody,
        response: { 200: z.object({ id: z.string().uuid(), status: z.string() }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return inTransaction(request, (tx) =>
        answerQuestion(
          tx,
          actor,
          auditActor(request),
          request.params.id,
          request.params.questionId,
          request.body.answer,
        ),
      );
    },
  );

  app.post(
    "/api/dialogues/:id/commitments",
    {
      schema: {
        tags,
        summary: "Turn an answer into a commitment: owner unit, due date or working days (held dialogues)",
        params: idParams,
        body: CommitmentCreate,
        response: { 201: z.object({ id: z.string().uuid(), dueDate: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await inTransaction(request, (tx) =>
        createCommitment(
          tx,
          actor,
          auditActor(request),
          request.params.id,
          request.body,
          deps.today(),
          deps.calendar,
        ),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/commitments",
    {
      schema: {
        tags,
        summary: "Commitments from dialogues the user may see; filter by owner unit, state, dialogue",
        querystring: CommitmentListQuery,
        response: { 200: z.object({ items: z.array(Commitment) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "dialogues.use");
      return listCommitments(db(), actor, request.query, deps.today());
    },
  );

  app.post(
    "/api/commitments/:id/close",
    {
      schema: {
        tags,
        summary:
          "Close a commitment as done, with the closing note (the owner unit or the dialogue's managers)",
        params: idParams,
        body: CommitmentClose,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await inTransaction(request, (tx) =>
        closeCommitment(tx, actor, auditActor(request), request.params.id, request.body.note),
      );
      return { ok: true as const };
    },
  );

  app.post(
    "/api/commitments/:id/reopen",
    {
      schema: {
        tags,
        summary: "Reopen a commitment closed by mistake",
        params: idParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await inTransaction(request, (tx) =>
        reopenCommitment(tx, actor, auditActor(request), request.params.id),
      );
      return { ok: true as const };
    },
  );
};
