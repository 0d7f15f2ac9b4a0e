import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  LoginBody,
  Me,
  MeUpdate,
  MoveToSuccessor,
  PasswordChange,
  TotpCode,
  UserCreate,
  UserListQuery,
  UserSummary,
  UserUpdate,
} from "../../../common/schemas/auth.ts";
import { CSRF_COOKIE, SESSION_COOKIE } from "../../http/auth-hook.ts";
import { auditActor, inTransaction, requireActor, requireUser } from "../../http/context.ts";
import { clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { authorize } from "../authorize.ts";
import { moveToSuccessor } from "./closed-units.ts";
import { secondFactorRequired } from "./second-factor.ts";
import {
  changePassword,
  describeMe,
  disableTotp,
  enableTotp,
  login,
  logout,
  resetTotp,
  startTotpSetup,
  updateMe,
} from "./service.ts";
import { loadActor } from "./sessions.ts";
import { createUser, listUsers, resetPassword, unlockUser, updateUser, userSummary } from "./users.ts";

const idParams = z.object({ id: z.string().uuid() });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const secure = ctx.config.publicUrl.startsWith("https://");
  const secondFactorRoles = ctx.config.secondFactorRoles;

  app.post(
    "/api/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in; sets the session cookie",
        security: [],
        body: LoginBody,
        response: { 200: Me },
      },
      config: { rateLimit: { max: ctx.config.loginRateLimit, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { session, user } = await login(
        ctx.database.db,
        ctx.tenant.id,
        request.body,
        {
          maxFailures: ctx.config.loginMaxFailures,
          lockMinutes: ctx.config.loginLockMinutes,
          idleMinutes: ctx.config.sessionIdleMinutes,
          secondFactorRoles,
        },
        { ip: request.ip, userAgent: request.headers["user-agent"] },
      ).catch((error: unknown) => {
        // A refusal while a wait is in force says how long, as the per-address limiter does.
        if (error instanceof AppError && error.code === "sign_in_throttled") {
          const details = error.details as { retryAfterSeconds: number };
          reply.header("retry-after", String(details.retryAfterSeconds));
        }
        throw error;
      });
      const cookie = { path: "/", sameSite: "lax" as const, secure, expires: session.expiresAt };
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
      const actor = await loadActor(ctx.database.db, user);
      return describeMe(ctx.database.db, user, actor, secondFactorRoles);
    },
  );

  app.post(
    "/api/auth/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign out (without a session too: it clears the cookies)",
        security: [],
      },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (auth) await inTransaction(request, (tx) => logout(tx, auth.user, auth.sessionId, request.ip));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      reply.clearCookie(CSRF_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/me",
    { schema: { tags: ["auth"], summary: "The signed-in user", response: { 200: Me } } },
    async (request) => {
      const actor = requireActor(request);
      return describeMe(ctx.database.db, request.auth!.user, actor, secondFactorRoles);
    },
  );

  app.patch(
    "/api/me",
    { schema: { tags: ["auth"], body: MeUpdate, response: { 200: Me } } },
    async (request) => {
      const user = requireUser(request);
      const updated = await inTransaction(request, (tx) => updateMe(tx, user, request.body));
      return describeMe(ctx.database.db, updated, request.auth!.actor, secondFactorRoles);
    },
  );

  app.post(
    "/api/me/password",
    { schema: { tags: ["auth"], body: PasswordChange } },
    async (request, reply) => {
      const user = requireUser(request);
      await inTransaction(request, (tx) =>
        changePassword(tx, user, request.body.current, request.body.next, request.auth!.sessionId),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/me/totp/setup",
    {
      schema: { tags: ["auth"], response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) } },
    },
    async (request) => {
      const user = requireUser(request);
      return inTransaction(request, (tx) => startTotpSetup(tx, user));
    },
  );
  app.post("/api/me/totp/enable", { schema: { tags: ["auth"], body: TotpCode } }, async (request, reply) => {
    const user = requireUser(request);
    await inTransaction(request, (tx) => enableTotp(tx, user, request.body.code));
    return reply.status(204).send();
  });
  app.post(
    "/api/me/totp/disable",
    {
      schema: {
        tags: ["auth"],
        summary: "Turn the second factor off (409 for an account whose role requires it)",
        body: TotpCode,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const required = secondFactorRequired(request.auth!.actor, secondFactorRoles);
      await inTransaction(request, (tx) => disableTotp(tx, user, request.body.code, required));
      return reply.status(204).send();
    },
  );

  // ---- Administration of accounts ----
  const requireManager = (request: Parameters<typeof requireActor>[0]) => {
    authorize(requireActor(request), "users.manage");
  };

  app.get(
    "/api/users",
    {
      schema: {
        tags: ["users"],
        querystring: UserListQuery,
        response: { 200: z.object({ items: z.array(UserSummary) }) },
      },
    },
    async (request) => {
      requireManager(request);
      return {
        items: await listUsers(ctx.database.db, ctx.tenant.id, request.query.q, {
          closedOnly: request.query.closed === "true",
        }),
      };
    },
  );

  app.post(
    "/api/users/:id/move-to-successor",
    {
      schema: {
        tags: ["users"],
        summary:
          "Move the account's roles on a closed unit to one of its successors (admin; 409 if it changed meanwhile)",
        params: idParams,
        body: MoveToSuccessor,
        response: { 200: UserSummary },
      },
    },
    async (request) => {
      requireManager(request);
      return inTransaction(request, async (tx) => {
        const row = await moveToSuccessor(
          tx,
          ctx.tenant.id,
          auditActor(request),
          request.params.id,
          request.body,
          clock.today(),
        );
        return userSummary(tx, row);
      });
    },
  );

  app.post(
    "/api/users",
    {
      schema: {
        tags: ["users"],
        body: UserCreate,
        response: { 201: z.object({ user: UserSummary, temporaryPassword: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      requireManager(request);
      const result = await inTransaction(request, (tx) =>
        createUser(tx, ctx.tenant.id, auditActor(request), request.body),
      );
      return reply.status(201).send(result);
    },
  );

  app.patch(
    "/api/users/:id",
    { schema: { tags: ["users"], params: idParams, body: UserUpdate, response: { 200: UserSummary } } },
    async (request) => {
      requireManager(request);
      return inTransaction(request, (tx) =>
        updateUser(tx, ctx.tenant.id, auditActor(request), request.params.id, request.body),
      );
    },
  );

  app.post(
    "/api/users/:id/reset-password",
    {
      schema: {
        tags: ["users"],
        params: idParams,
        response: { 200: z.object({ temporaryPassword: z.string() }) },
      },
    },
    async (request) => {
      requireManager(request);
      return inTransaction(request, (tx) =>
        resetPassword(tx, ctx.tenant.id, auditActor(request), request.params.id),
      );
    },
  );

  app.post(
    "/api/users/:id/totp/reset",
    {
      schema: {
        tags: ["users"],
        summary:
          "Remove the account's second factor (a lost phone); its sessions end, and a role that requires one enrols again at the next sign-in",
        params: idParams,
      },
    },
    async (request, reply) => {
      requireManager(request);
      await inTransaction(request, (tx) =>
        resetTotp(tx, ctx.tenant.id, auditActor(request), request.params.id),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/users/:id/unlock",
    { schema: { tags: ["users"], params: idParams } },
    async (request, reply) => {
      requireManager(request);
      await inTransaction(request, (tx) =>
        unlockUser(tx, ctx.tenant.id, auditActor(request), request.params.id),
      );
      return reply.status(204).send();
    },
  );
};
