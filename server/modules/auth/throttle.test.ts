import { and, eq, inArray } from "drizzle-orm";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "../../db/connection.ts";
import { advanceClock, clock, resetClock, setClock } from "../../lib/clock.ts";
import { forEachEngineWithDemo } from "../../test/engines.ts";
import { createTestApp, DEMO_PASSWORD, signIn } from "../../test/harness.ts";
import { auditLog } from "../audit/tables.ts";
import { decoyPasswordHash, verifyPassword } from "./passwords.ts";
import { signInThrottles } from "./tables.ts";
import { FIRST_WAIT_SECONDS, freeFailures, SHARED_FACTOR, waitSeconds } from "./throttle.ts";

// Every password comparison is watched (and still made), to show what an unknown name costs.
vi.mock("./passwords.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./passwords.ts")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

// The test configuration (harness.ts): LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15.
const POLICY = { maxFailures: 3, lockMinutes: 15 };
const PAIR_FREE = 3;
const SHARED_FREE = PAIR_FREE * SHARED_FACTOR;

describe("the waits", () => {
  it("lets the free failures through, then doubles the wait from the first one up to the cap", () => {
    expect(freeFailures("pair", POLICY)).toBe(PAIR_FREE);
    expect(freeFailures("name", POLICY)).toBe(SHARED_FREE);
    expect(freeFailures("address", POLICY)).toBe(SHARED_FREE);
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 40].map((n) => waitSeconds(n, PAIR_FREE, POLICY));
    expect(waits).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(FIRST_WAIT_SECONDS).toBe(30);
  });
});

forEachEngineWithDemo("sign-in throttling", (getDatabase) => {
  let app: FastifyInstance;
  let database: Database;
  let tenantId: string;

  beforeAll(async () => {
    database = getDatabase();
    let tenant: { id: string };
    ({ app, tenant } = await createTestApp(database, "kien-giang", { TRUST_PROXY: "true" }));
    tenantId = tenant.id;
  });
  afterAll(async () => {
    await app.close();
  });
  // Waits are measured on the one clock, held still so that parallel attempts share an instant.
  beforeEach(() => setClock(clock.now(), { frozen: true }));
  afterEach(() => resetClock());

  const attempt = (username: string, password: string, ip: string, locale = "en") =>
    app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json", "accept-language": locale, "x-forwarded-for": ip },
      payload: JSON.stringify({ username, password }),
    });
  const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode);
  const count = (responses: LightMyRequestResponse[], status: number) =>
    responses.filter((r) => r.statusCode === status).length;

  it("weighs at most the free failures of twenty parallel wrong passwords, then refuses even the right one", async () => {
    const ip = "198.51.100.1";
    const batch = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt("baochi", `wrong-password-${i}`, ip)),
    );
    expect(count(batch, 401) + count(batch, 429), statuses(batch).join(" ")).toBe(20);
    expect(count(batch, 401)).toBeLessThanOrEqual(PAIR_FREE);
    expect(count(batch, 401)).toBeGreaterThan(0);
    const refused = batch.find((r) => r.statusCode === 429)!;
    expect(refused.json().error.code).toBe("sign_in_throttled");
    expect(Number(refused.headers["retry-after"])).toBe(FIRST_WAIT_SECONDS);

    const right = await attempt("baochi", DEMO_PASSWORD, ip);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.message).toBe(
      "Too many failed sign-ins. Please wait 30 seconds and try again.",
    );
    expect(right.headers["set-cookie"]).toBeUndefined();

    // After the wait, a second batch gets one attempt weighed, and the wait doubles.
    advanceClock(FIRST_WAIT_SECONDS * 1000);
    const second = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt("baochi", `again-wrong-${i}`, ip)),
    );
    expect(count(second, 401)).toBe(1);
    expect(count(second, 429)).toBe(19);
    expect(Number(second.find((r) => r.statusCode === 429)!.headers["retry-after"])).toBe(
      2 * FIRST_WAIT_SECONDS,
    );
    const [pair] = await database.db
      .select()
      .from(signInThrottles)
      .where(and(eq(signInThrottles.scope, "pair"), eq(signInThrottles.address, ip)));
    expect(pair.failures).toBe(count(batch, 401) + 1);

    advanceClock(2 * FIRST_WAIT_SECONDS * 1000);
    expect((await attempt("baochi", DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });

  it("answers a known and an unknown name alike: the same statuses, messages and Retry-After", async () => {
    const run = async (username: string, ip: string) => {
      const answers = [];
      for (let i = 0; i < PAIR_FREE + 2; i++) {
        const r = await attempt(username, "not-the-password", ip, "vi");
        answers.push({
          status: r.statusCode,
          code: r.json().error.code,
          message: r.json().error.message,
          retryAfter: r.headers["retry-after"] ?? null,
        });
      }
      return answers;
    };
    const known = await run("giamsat", "198.51.100.2");
    const unknown = await run("khong-co-ai-ten-nay", "198.51.100.3");
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    expect(known[3]).toEqual({
      status: 429,
      code: "sign_in_throttled",
      message: "Đăng nhập sai quá nhiều lần. Vui lòng chờ 30 giây rồi thử lại.",
      retryAfter: "30",
    });
    // Parallel too: the unknown name is throttled just as tightly.
    const parallel = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt("ten-la-hoac", `x-${i}`, "198.51.100.4")),
    );
    expect(count(parallel, 401)).toBeLessThanOrEqual(PAIR_FREE);
    expect(count(parallel, 429)).toBeGreaterThanOrEqual(20 - PAIR_FREE);
  });

  it("spends a password hash on an unknown name too: no timing tells it from a real one", async () => {
    const weighed = vi.mocked(verifyPassword);
    weighed.mockClear();
    expect((await attempt("dieuphoi", "not-the-password", "198.51.100.30")).statusCode).toBe(401);
    expect((await attempt("chua-co-ai-ten-nay", "not-the-password", "198.51.100.31")).statusCode).toBe(401);
    expect(weighed).toHaveBeenCalledTimes(2);
    const [knownHash, unknownHash] = weighed.mock.calls.map(([hash]) => hash);
    // The same argon2id parameters, so the same work: the decoy hash stands in for the missing row.
    expect(unknownHash).toBe(await decoyPasswordHash());
    expect(unknownHash.split("$").slice(0, 4)).toEqual(knownHash.split("$").slice(0, 4));
    // A refusal weighs nothing, for either name.
    weighed.mockClear();
    for (let i = 0; i < PAIR_FREE; i++) await attempt("chua-co-ai-ten-nay", "x", "198.51.100.32");
    expect((await attempt("chua-co-ai-ten-nay", "x", "198.51.100.32")).statusCode).toBe(429);
    expect(weighed).toHaveBeenCalledTimes(PAIR_FREE);
  });

  it("keeps an attacker on one address from keeping the real user out from theirs", async () => {
    const attacker = "203.0.113.66";
    const home = "192.0.2.10";
    // The user has signed in from home before.
    expect((await attempt("lanhdao.tinh", DEMO_PASSWORD, home)).statusCode).toBe(200);
    for (let i = 0; i < PAIR_FREE; i++)
      expect((await attempt("lanhdao.tinh", `guess-${i}`, attacker)).statusCode).toBe(401);
    expect((await attempt("lanhdao.tinh", DEMO_PASSWORD, attacker)).statusCode).toBe(429);
    expect((await attempt("lanhdao.tinh", DEMO_PASSWORD, home)).statusCode).toBe(200);
    // Hours of patient guessing from the one address, each time the wait is over, until the
    // name's own counter is past its free failures.
    let guesses = PAIR_FREE;
    while (guesses < SHARED_FREE + 2) {
      advanceClock(POLICY.lockMinutes * 60_000);
      expect((await attempt("lanhdao.tinh", `guess-${guesses}`, attacker)).statusCode).toBe(401);
      expect((await attempt("lanhdao.tinh", `more-${guesses}`, attacker)).statusCode).toBe(429);
      guesses++;
    }
    // From home (an address the user signed in from) the name's counter does not hold them back.
    expect((await attempt("lanhdao.tinh", DEMO_PASSWORD, home)).statusCode).toBe(200);
    // From a new address it does, but only for a wait no longer than the cap.
    const away = await attempt("lanhdao.tinh", DEMO_PASSWORD, "192.0.2.77");
    expect(away.statusCode).toBe(429);
    const wait = Number(away.headers["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(POLICY.lockMinutes * 60);
    advanceClock(wait * 1000);
    expect((await attempt("lanhdao.tinh", DEMO_PASSWORD, "192.0.2.77")).statusCode).toBe(200);
  });

  it("holds back an address that tries many names, and no other address", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < SHARED_FREE; i++)
      expect((await attempt(`spray-${i}`, "password123", ip)).statusCode).toBe(401);
    const held = await attempt("dieuphoi", DEMO_PASSWORD, ip);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.code).toBe("sign_in_throttled");
    expect((await attempt("dieuphoi", DEMO_PASSWORD, "203.0.113.78")).statusCode).toBe(200);
  });

  it("records failed sign-ins and the start of each wait in the audit trail", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < PAIR_FREE; i++) await attempt("canbo.so", "nope-nope", ip);
    for (let i = 0; i < PAIR_FREE; i++) await attempt("nobody.here", "nope-nope", ip);
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.tenantId, tenantId), inArray(auditLog.action, ["auth.login_failed", "auth.lockout"])),
      );
    const mine = rows.filter((row) => (row.after as { ip?: string }).ip === ip);
    const failed = mine.filter((row) => row.action === "auth.login_failed");
    expect(failed.map((row) => (row.after as { username: string }).username).sort()).toEqual([
      ...Array(PAIR_FREE).fill("canbo.so"),
      ...Array(PAIR_FREE).fill("nobody.here"),
    ]);
    expect(failed.filter((row) => row.entityId !== null)).toHaveLength(PAIR_FREE);
    const lockouts = mine.filter((row) => row.action === "auth.lockout").map((row) => row.after);
    expect(lockouts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: "pair", username: "canbo.so", ip, failures: PAIR_FREE }),
        expect.objectContaining({ scope: "pair", username: "nobody.here", ip, failures: PAIR_FREE }),
      ]),
    );
  });

  it("shows the wait to the administrator, who can let the account sign in again", async () => {
    const ip = "198.51.100.20";
    for (let i = 0; i < PAIR_FREE; i++) await attempt("lanhdao.huyen", "wrong-again", ip);
    expect((await attempt("lanhdao.huyen", DEMO_PASSWORD, ip)).statusCode).toBe(429);
    const admin = await signIn(app, "admin");
    const [user] = (await admin.get("/api/users?q=lanhdao.huyen")).json().items;
    expect(user.lockedUntil).toBe(clock.fromNow(FIRST_WAIT_SECONDS * 1000).toISOString());
    const home = (await admin.get("/api/home")).json();
    const section = home.sections.find((s: { key: string }) => s.key === "locked-accounts");
    expect(section.items.map((item: { id: string }) => item.id)).toContain(user.id);
    expect((await admin.post(`/api/users/${user.id}/unlock`)).statusCode).toBe(204);
    expect((await attempt("lanhdao.huyen", DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });
});
