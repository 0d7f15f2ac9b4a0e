import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { client, createTestApp, DEMO_PASSWORD, signIn } from "../../test/harness.ts";
import { sessions } from "./tables.ts";
import { currentTotp } from "./totp.ts";

const ROLE_OF: Record<string, string> = {
  admin: "admin",
  dieuphoi: "coordinator",
  "canbo.so": "unit_officer",
  "lanhdao.so": "unit_leader",
  "canbo.huyen": "unit_officer",
  "lanhdao.huyen": "unit_leader",
  "lanhdao.tinh": "leadership",
  giamsat: "supervisor",
  baochi: "media",
};

forEachEngineWithDemo("accounts and sessions", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    database = getDatabase();
    ({ app } = await createTestApp(database));
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(Object.entries(ROLE_OF))(
    "%s signs in, holds the %s role and gets a home page",
    async (username, role) => {
      const c = await signIn(app, username);
      const me = (await c.get("/api/me")).json();
      expect(me.roles.map((r: { role: string }) => r.role)).toEqual([role]);
      expect(me.permissions.users.manage).toBe(role === "admin");
      const home = await c.get("/api/home");
      expect(home.statusCode).toBe(200);
      const keys = home.json().sections.map((s: { key: string }) => s.key);
      expect(keys).toContain("my-units");
      expect(keys.includes("locked-accounts")).toBe(role === "admin");
      expect(keys.includes("directory-overview")).toBe(["admin", "coordinator", "leadership"].includes(role));
    },
  );

  it("sets an HttpOnly, SameSite session cookie and a readable CSRF cookie", async () => {
    const response = await client(app).post("/api/auth/login", {
      username: "dieuphoi",
      password: DEMO_PASSWORD,
    });
    const session = response.cookies.find((c) => c.name === "dt_session")!;
    const csrf = response.cookies.find((c) => c.name === "dt_csrf")!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(csrf.httpOnly).toBeFalsy();
    // The coordinator's grant followed Sở Nội vụ through the 2025 mergers of the demo.
    expect(response.json().roles[0].unitName).toBe("Sở Nội vụ tỉnh An Giang");
  });

  it("refuses a wrong password in the request's language, without saying which part was wrong", async () => {
    const vi = await client(app, "vi").post("/api/auth/login", {
      username: "dieuphoi",
      password: "wrong-password",
    });
    expect(vi.statusCode).toBe(401);
    expect(vi.json().error).toEqual({
      code: "invalid_credentials",
      message: "Tên đăng nhập hoặc mật khẩu không đúng.",
    });
    const en = await client(app, "en").post("/api/auth/login", {
      username: "nobody-at-all",
      password: "wrong-password",
    });
    expect(en.json().error).toEqual({ code: "invalid_credentials", message: "Wrong username or password." });
  });

  it("holds back sign-in after repeated failures, with the wait, until an administrator releases it", async () => {
    const c = client(app, "en");
    const attempt = () => c.post("/api/auth/login", { username: "baochi", password: "not-the-password" });
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    const fourth = await attempt();
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe("sign_in_throttled");
    expect(fourth.json().error.message).toMatch(/Too many failed sign-ins\. Please wait \d+ seconds/);
    expect(Number(fourth.headers["retry-after"])).toBeGreaterThan(0);
    // Even the right password is refused while the wait lasts.
    expect(
      (await c.post("/api/auth/login", { username: "baochi", password: DEMO_PASSWORD })).statusCode,
    ).toBe(429);
    const admin = await signIn(app, "admin");
    const users = (await admin.get("/api/users?q=baochi")).json().items;
    expect(users[0].lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/users/${users[0].id}/unlock`)).statusCode).toBe(204);
    expect(
      (await c.post("/api/auth/login", { username: "baochi", password: DEMO_PASSWORD })).statusCode,
    ).toBe(200);
    const audit = (await admin.get(`/api/audit?entityType=user&entityId=${users[0].id}`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(["auth.login_failed", "auth.lockout", "user.unlock", "auth.login"]),
    );
  });

  it("tells an expired session from no session", async () => {
    const c = await signIn(app, "giamsat");
    await database.db.update(sessions).set({ expiresAt: clock.fromNow(-1000) });
    const expired = await c.get("/api/me");
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe("session_expired");
    expect((await client(app).get("/api/me")).json().error.code).toBe("unauthenticated");
  });

  it("demands the CSRF token on state-changing requests with a session", async () => {
    const c = await signIn(app, "lanhdao.tinh");
    const forged = await c.patch("/api/me", { locale: "en" }, { "x-csrf-token": "forged" });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe("csrf");
    expect((await c.get("/api/me")).json().locale).toBe("vi");
    expect((await c.patch("/api/me", { locale: "en" })).json().locale).toBe("en");
    await c.patch("/api/me", { locale: "vi" });
  });

  it("signs out: the session no longer works", async () => {
    const c = await signIn(app, "lanhdao.huyen");
    const token = c.cookies.dt_session;
    expect((await c.post("/api/auth/logout")).statusCode).toBe(204);
    const reuse = await app.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: `dt_session=${token}` },
    });
    expect(reuse.statusCode).toBe(401);
  });

  it("runs the whole TOTP second factor: set up, enable, demand the code, refuse a wrong one, disable", async () => {
    const c = await signIn(app, "canbo.huyen");
    const setup = (await c.post("/api/me/totp/setup")).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await c.post("/api/me/totp/enable", { code: "000000" })).json().error.code).toBe("totp_invalid");
    expect((await c.post("/api/me/totp/enable", { code: currentTotp(setup.secret) })).statusCode).toBe(204);
    const fresh = client(app);
    const step1 = await fresh.post("/api/auth/login", { username: "canbo.huyen", password: DEMO_PASSWORD });
    expect(step1.statusCode).toBe(401);
    expect(step1.json().error).toMatchObject({ code: "totp_required", field: "totp" });
    const wrong = await fresh.post("/api/auth/login", {
      username: "canbo.huyen",
      password: DEMO_PASSWORD,
      totp: "123456",
    });
    expect(wrong.json().error.code).toBe(currentTotp(setup.secret) === "123456" ? undefined : "totp_invalid");
    const ok = await fresh.post("/api/auth/login", {
      username: "canbo.huyen",
      password: DEMO_PASSWORD,
      totp: currentTotp(setup.secret),
    });
    expect(ok.statusCode).toBe(200);
    expect((await fresh.post("/api/me/totp/disable", { code: currentTotp(setup.secret) })).statusCode).toBe(
      204,
    );
    expect(
      (await client(app).post("/api/auth/login", { username: "canbo.huyen", password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it("lets an administrator create an account with a role and reset its password; the user must change it", async () => {
    const admin = await signIn(app, "admin");
    const units = (await admin.get("/api/units?q=so y te")).json().items;
    const created = await admin.post("/api/users", {
      username: "nguyenvana",
      displayName: "Nguyễn Văn A",
      email: "a@example.vn",
      grants: [{ role: "unit_officer", unitId: units[0].id }],
    });
    expect(created.statusCode).toBe(201);
    const { user, temporaryPassword } = created.json();
    expect(temporaryPassword).toHaveLength(16);
    const c = client(app);
    const me = (
      await c.post("/api/auth/login", { username: "NguyenVanA", password: temporaryPassword })
    ).json();
    expect(me).toMatchObject({
      mustChangePassword: true,
      roles: [{ role: "unit_officer", unitName: "Sở Y tế" }],
    });
    expect((await c.post("/api/me/password", { current: temporaryPassword, next: "short" })).statusCode).toBe(
      400,
    );
    expect(
      (await c.post("/api/me/password", { current: temporaryPassword, next: "a-much-better-password" }))
        .statusCode,
    ).toBe(204);
    const reset = (await admin.post(`/api/users/${user.id}/reset-password`)).json();
    expect((await c.get("/api/me")).statusCode).toBe(401);
    expect(
      (
        await client(app).post("/api/auth/login", {
          username: "nguyenvana",
          password: reset.temporaryPassword,
        })
      ).statusCode,
    ).toBe(200);
    const duplicate = await admin.post("/api/users", { username: "nguyenvana", displayName: "Trùng" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.field).toBe("username");
  });

  it("refuses a disabled account and ends its sessions", async () => {
    const admin = await signIn(app, "admin");
    const victim = await signIn(app, "lanhdao.so");
    const [user] = (await admin.get("/api/users?q=lanhdao.so")).json().items;
    expect(
      (await admin.patch(`/api/users/${user.id}`, { version: user.version, disabled: true })).statusCode,
    ).toBe(200);
    expect((await victim.get("/api/me")).statusCode).toBe(401);
    const again = await client(app).post("/api/auth/login", {
      username: "lanhdao.so",
      password: DEMO_PASSWORD,
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe("disabled");
    const latest = (await admin.get("/api/users?q=lanhdao.so")).json().items[0];
    await admin.patch(`/api/users/${user.id}`, { version: latest.version, disabled: false });
  });

  it("keeps account administration to administrators", async () => {
    const coordinator = await signIn(app, "dieuphoi");
    expect((await coordinator.get("/api/users")).statusCode).toBe(403);
    expect((await coordinator.post("/api/users", { username: "sneaky", displayName: "X" })).statusCode).toBe(
      403,
    );
    expect((await coordinator.get("/api/audit")).statusCode).toBe(403);
  });

  it("rate-limits sign-in attempts per address with 429 and a retry time", async () => {
    const { app: strict } = await createTestApp(database, "kien-giang", {
      LOGIN_RATE_LIMIT: "5",
      TRUST_PROXY: "true",
    });
    try {
      const c = client(strict, "en");
      const from = (ip: string) => ({ "x-forwarded-for": ip });
      for (let i = 0; i < 5; i++) {
        // A different unknown name each time: the limit is per address, not per account.
        expect(
          (await c.post("/api/auth/login", { username: `probe${i}`, password: "x" }, from("203.0.113.9")))
            .statusCode,
        ).toBe(401);
      }
      const limited = await c.post(
        "/api/auth/login",
        { username: "admin", password: DEMO_PASSWORD },
        from("203.0.113.9"),
      );
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe("rate_limited");
      expect(limited.json().error.message).toMatch(/try again in \d+/);
      expect(limited.headers["retry-after"]).toBeDefined();
      // Another address is not held back by the first one's attempts.
      expect(
        (
          await c.post(
            "/api/auth/login",
            { username: "admin", password: DEMO_PASSWORD },
            from("203.0.113.10"),
          )
        ).statusCode,
      ).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("stores only a digest of the session token", async () => {
    const c = await signIn(app, "giamsat");
    const rows = await database.db.select().from(sessions).where(eq(sessions.id, c.cookies.dt_session));
    expect(rows).toEqual([]);
  });
});
