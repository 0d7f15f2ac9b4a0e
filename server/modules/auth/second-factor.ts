import type { FastifyInstance } from "fastify";
import type { Role } from "../../../common/enums.ts";
import { isStaffRoute } from "../../http/auth-hook.ts";
import { AppError } from "../../lib/errors.ts";
import { type Actor, hasRole } from "./actor.ts";

/**
 * The second factor required of some roles (SECOND_FACTOR_ROLES, config.ts). An account holding
 * one of them signs in with its password alone as long as it has no second factor yet, and its
 * session is then one of enrolment: it may read /api/me, set up and turn on TOTP, change its own
 * password and sign out, nothing else. Whether a session is restricted is decided on every
 * request from the account as it is now, so the moment TOTP is turned on the same session is a
 * full one (the code just entered proves the new factor: password and code, as at a sign-in),
 * and an account given a required role, or whose second factor an administrator reset, is held
 * to enrolment from its next request.
 */

/** Method and route of what an enrolment session may call. */
export const ENROLMENT_ROUTES: ReadonlySet<string> = new Set([
  "GET /api/me",
  "HEAD /api/me",
  "POST /api/me/totp/setup",
  "POST /api/me/totp/enable",
  "POST /api/me/password",
  "POST /api/auth/logout",
  "POST /api/auth/login",
]);

/** The account's roles require a second factor (whether or not it has one). */
export function secondFactorRequired(actor: Actor, roles: readonly Role[]): boolean {
  return roles.length > 0 && hasRole(actor, ...roles);
}

/** The account must enrol a second factor before anything else. */
export function secondFactorDue(
  user: { totpEnabled: boolean },
  actor: Actor,
  roles: readonly Role[],
): boolean {
  return !user.totpEnabled && secondFactorRequired(actor, roles);
}

/**
 * Runs after the session is read (installAuthHook). An enrolment session calling a staff route
 * outside ENROLMENT_ROUTES gets 403 `second_factor_required`; a public route (the citizens'
 * portal) answers it as it answers anyone, without the session.
 */
export function installSecondFactorGate(app: FastifyInstance) {
  app.addHook("onRequest", async (request) => {
    const auth = request.auth;
    const roles = app.ctx.config.secondFactorRoles;
    if (!auth || roles.length === 0 || !secondFactorDue(auth.user, auth.actor, roles)) return;
    if (ENROLMENT_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return;
    if (!isStaffRoute(request.routeOptions.schema as { security?: unknown; hide?: unknown })) {
      request.auth = null;
      return;
    }
    throw new AppError(403, "second_factor_required");
  });
}
