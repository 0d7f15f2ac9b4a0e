import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../../config.ts";
import type { Database } from "../../db/connection.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { type Client, client, createTestApp, DEMO_PASSWORD, signIn } from "../../test/harness.ts";
import { auditLog } from "../audit/tables.ts";
import { AUDITED_NAME_LENGTH } from "./service.ts";
import { currentTotp } from "./totp.ts";

const otherCode = (secret: string) => (currentTotp(secret) === "000000" ? "111111" : "000000");

describe("SECOND_FACTOR_ROLES", () => {
  const roles = (env: Record<string, string>): Config["secondFactorRoles"] =>
    loadConfig(env as NodeJS.ProcessEnv).secondFactorRoles;

  it("requires it of administrators and coordinators in production, of nobody elsewhere, unless set", () => {
    expect(roles({ NODE_ENV: "production" })).toEqual(["admin", "coordinator"]);
    expect(roles({})).toEqual([]);
    expect(roles({ NODE_ENV: "test" })).toEqual([]);
    expect(roles({ NODE_ENV: "production", SECOND_FACTOR_ROLES: "" })).toEqual([]);
    expect(roles({ SECOND_FACTOR_ROLES: " supervisor , admin,admin" })).toEqual(["supervisor", "admin"]);
  });

  it("refuses a role code that does not exist, naming the real ones", () => {
    expect(() => roles({ SECOND_FACTOR_ROLES: "admin,administrator" })).toThrow(
      /unknown role "administrator".*coordinator/,
    );
  });
});

forEachEngineWithDemo("a second factor required of administrators and coordinators", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let admin: Client;
  let adminSecret = "";

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database, "kien-giang", { SECOND_FACTOR_ROLES: "admin,coordinator" }));
  });
  afterAll(async () => {
    await app.close();
  });

  const auditRows = async (action: string) =>
    database.db.select().from(auditLog).where(eq(auditLog.action, action));

  const userId = async (c: Client) => (await c.get("/api/me")).json().id as string;

  it("lets an administrator without one sign in only to enrol it, then gives the same session full access", async () => {
    admin = await signIn(app, "admin");
    const me = (await admin.get("/api/me")).json();
    expect(me).toMatchObject({ secondFactorRequired: true, secondFactorEnrolment: true, totpEnabled: false });

    for (const [method, url, body] of [
      ["GET", "/api/home", undefined],
      ["GET", "/api/users", undefined],
      ["GET", "/api/audit", undefined],
      ["PATCH", "/api/me", { locale: "en" }],
      ["POST", "/api/me/totp/disable", { code: "123456" }],
    ] as const) {
      const answer = await admin.request(method, url, body);
      expect(answer.statusCode, `${method} ${url}`).toBe(403);
      expect(answer.json().error.code).toBe("second_factor_required");
    }
    expect((await admin.get("/api/home")).json().error.message).toMatch(/bắt buộc xác thực hai bước/);
    expect((await admin.get("/api/home", { "accept-language": "en" })).json().error.message).toMatch(
      /requires two-step verification/,
    );
    // A public route answers the session as it answers anyone.
    expect((await admin.get("/api/public/answers")).statusCode).toBe(200);
    // Changing the password is allowed: the route itself answers (here, that the password is wrong).
    const password = await admin.post("/api/me/password", {
      current: "not-the-password",
      next: "x".repeat(12),
    });
    expect(password.json().error.code).toBe("wrong_password");

    const setup = (await admin.post("/api/me/totp/setup")).json();
    adminSecret = setup.secret;
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await admin.post("/api/me/totp/enable", { code: otherCode(adminSecret) })).statusCode).toBe(400);
    expect((await admin.get("/api/home")).statusCode).toBe(403);
    expect((await admin.post("/api/me/totp/enable", { code: currentTotp(adminSecret) })).statusCode).toBe(
      204,
    );

    expect((await admin.get("/api/me")).json()).toMatchObject({
      secondFactorRequired: true,
      secondFactorEnrolment: false,
      totpEnabled: true,
    });
    expect((await admin.get("/api/home")).statusCode).toBe(200);
    expect((await admin.get("/api/users")).statusCode).toBe(200);

    const id = await userId(admin);
    const login = (await auditRows("auth.login")).filter((row) => row.entityId === id);
    expect(login.at(-1)?.after).toMatchObject({ secondFactorEnrolment: true });
    expect((await auditRows("user.totp_setup")).map((row) => row.entityId)).toContain(id);
    expect((await auditRows("user.totp_enable")).map((row) => row.entityId)).toContain(id);
  });

  it("refuses to turn off a second factor the role requires, and leaves other roles free", async () => {
    const refused = await admin.post("/api/me/totp/disable", { code: currentTotp(adminSecret) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("second_factor_mandatory");
    expect(
      (
        await admin.post(
          "/api/me/totp/disable",
          { code: currentTotp(adminSecret) },
          { "accept-language": "en" },
        )
      ).json().error.message,
    ).toMatch(/cannot be turned off/);
    expect((await admin.get("/api/me")).json().totpEnabled).toBe(true);

    // A unit officer is not required to: full access without one, and free to turn it off.
    const officer = await signIn(app, "canbo.so");
    expect((await officer.get("/api/me")).json()).toMatchObject({
      secondFactorRequired: false,
      secondFactorEnrolment: false,
    });
    expect((await officer.get("/api/home")).statusCode).toBe(200);
    const { secret } = (await officer.post("/api/me/totp/setup")).json();
    expect((await officer.post("/api/me/totp/enable", { code: currentTotp(secret) })).statusCode).toBe(204);
    expect((await officer.post("/api/me/totp/disable", { code: currentTotp(secret) })).statusCode).toBe(204);
    expect((await auditRows("user.totp_disable")).map((row) => row.entityId)).toContain(
      await userId(officer),
    );
  });

  it("puts a coordinator whose second factor an administrator reset back into enrolment at the next sign-in", async () => {
    const coordinator = await signIn(app, "dieuphoi");
    expect((await coordinator.get("/api/home")).statusCode).toBe(403);
    const id = await userId(coordinator);
    const { secret } = (await coordinator.post("/api/me/totp/setup")).json();
    expect((await coordinator.post("/api/me/totp/enable", { code: currentTotp(secret) })).statusCode).toBe(
      204,
    );
    expect((await coordinator.get("/api/home")).statusCode).toBe(200);
    const again = await client(app).post("/api/auth/login", {
      username: "dieuphoi",
      password: DEMO_PASSWORD,
    });
    expect(again.json().error.code).toBe("totp_required");

    const officer = await signIn(app, "canbo.so");
    expect((await officer.post(`/api/users/${id}/totp/reset`)).statusCode).toBe(403);
    expect((await admin.post(`/api/users/${id}/totp/reset`)).statusCode).toBe(204);
    // Its sessions ended with the reset.
    expect((await coordinator.get("/api/me")).statusCode).toBe(401);

    const fresh = await signIn(app, "dieuphoi");
    expect((await fresh.get("/api/me")).json()).toMatchObject({
      secondFactorEnrolment: true,
      totpEnabled: false,
    });
    expect((await fresh.get("/api/home")).json().error.code).toBe("second_factor_required");

    const reset = (await auditRows("user.totp_reset")).filter((row) => row.entityId === id);
    expect(reset).toHaveLength(1);
    expect(reset[0].actorUserId).toBe(await userId(admin));
    expect(reset[0].before).toEqual({ totpEnabled: true });
  });

  it("writes every failed sign-in with the name as typed, the address and the reason, and each sign-out", async () => {
    const typed = `Không.Ai.${"x".repeat(80)}`;
    const secretWord = "a-password-nobody-should-see";
    const anon = client(app);
    expect((await anon.post("/api/auth/login", { username: typed, password: secretWord })).statusCode).toBe(
      401,
    );
    expect(
      (await anon.post("/api/auth/login", { username: "canbo.so", password: `${secretWord}-2` })).statusCode,
    ).toBe(401);
    const wrongCode = await anon.post("/api/auth/login", {
      username: "admin",
      password: DEMO_PASSWORD,
      totp: otherCode(adminSecret),
    });
    expect(wrongCode.json().error.code).toBe("totp_invalid");

    // A disabled account with the right password is a failed sign-in too.
    const created = await admin.post("/api/users", {
      username: "tam.nghi",
      displayName: "Tạm Nghỉ",
      password: "mat-khau-tam-nghi-1",
    });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json().user;
    expect((await admin.patch(`/api/users/${id}`, { version, disabled: true })).statusCode).toBe(200);
    const disabled = await anon.post("/api/auth/login", {
      username: "tam.nghi",
      password: "mat-khau-tam-nghi-1",
    });
    expect(disabled.json().error.code).toBe("disabled");

    const failed = await auditRows("auth.login_failed");
    const after = failed.map((row) => row.after as { username: string; ip: string; reason: string });
    const cut = `${Array.from(typed).slice(0, AUDITED_NAME_LENGTH).join("")}…`;
    expect(after).toEqual(
      expect.arrayContaining([
        { username: cut, ip: "127.0.0.1", reason: "unknown_user" },
        { username: "canbo.so", ip: "127.0.0.1", reason: "wrong_password" },
        { username: "admin", ip: "127.0.0.1", reason: "wrong_code" },
        { username: "tam.nghi", ip: "127.0.0.1", reason: "disabled" },
      ]),
    );
    expect(failed.find((row) => (row.after as { reason: string }).reason === "disabled")?.entityId).toBe(id);
    expect(JSON.stringify(failed)).not.toContain(secretWord);

    const officer = await signIn(app, "lanhdao.so");
    const officerId = await userId(officer);
    expect((await officer.post("/api/auth/logout")).statusCode).toBe(204);
    expect((await officer.get("/api/me")).statusCode).toBe(401);
    const logout = (await auditRows("auth.logout")).filter((row) => row.entityId === officerId);
    expect(logout).toHaveLength(1);
    expect(logout[0]).toMatchObject({ actorUserId: officerId, after: { ip: "127.0.0.1" } });

    // A session of enrolment may sign out, and that is recorded too.
    const coordinator = await signIn(app, "dieuphoi");
    expect((await coordinator.post("/api/auth/logout")).statusCode).toBe(204);
    expect((await auditRows("auth.logout")).map((row) => row.actorUserId)).toContain(
      (await auditRows("user.totp_reset"))[0].entityId,
    );
  });
});
