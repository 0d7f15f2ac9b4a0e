import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "../../db/connection.ts";
import type { AppContext, Tenant } from "../../http/context.ts";
import { resetClock, setClock } from "../../lib/clock.ts";
import { type Client, createTestApp, DEMO_PASSWORD, signIn } from "../../test/harness.ts";
import { createUser } from "../auth/users.ts";
import { listUnits } from "../orgs/service.ts";
import { outboxIdle } from "./outbox.ts";
import { type ReceivedMail, startSmtpPeer } from "./testing.ts";

// The province the hand-off tests run in: the demo, mail to a real SMTP peer, and the health
// department's people — an officer, a leader who reads English, an officer without an e-mail
// address (the bell only), and a disabled officer (nothing).

export interface HandoffWorld {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  tenant: Tenant;
  smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  /** Signed in: the coordinator, the culture department's officer and leader, the health department's. */
  users: Record<string, Client>;
  emailOf: Record<string, string>;
  idOf: Record<string, string>;
  svId: string;
  svName: string;
  sytId: string;
  /** Waits for the after-response send, then returns the mails received since `from`. */
  mailsSince(from: number): Promise<ReceivedMail[]>;
  recipients(mails: ReceivedMail[]): string[];
  emails(...names: string[]): string[];
  /** The users (by name) holding a notice of this kind about this link. */
  toldOf(kind: string, link: string): Promise<string[]>;
  close(): Promise<void>;
}

const STAFF = [
  { username: "canbo.syt", role: "unit_officer", email: "canbo.syt@dongthuan.local" },
  { username: "lanhdao.syt", role: "unit_leader", email: "lanhdao.syt@dongthuan.local" },
  { username: "vanthu.syt", role: "unit_officer", email: null },
  { username: "nghiviec.syt", role: "unit_officer", email: "nghiviec.syt@dongthuan.local" },
] as const;

export async function openHandoffWorld(database: Database): Promise<HandoffWorld> {
  const smtp = await startSmtpPeer();
  const { app, ctx, tenant } = await createTestApp(database, "kien-giang", {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
  });
  const units = await listUnits(database.db, tenant.id);
  const byCode = (code: string) => units.find((u) => u.code === code && !u.validTo)!.id;
  const svId = byCode("SVHTTDL");
  const sytId = byCode("SYT");
  await database.db.transaction(async (tx) => {
    for (const person of STAFF)
      await createUser(
        tx,
        tenant.id,
        { userId: null, name: "test" },
        {
          username: person.username,
          displayName: person.username,
          email: person.email,
          password: DEMO_PASSWORD,
          grants: [{ role: person.role, unitId: sytId }],
        },
      );
  });
  await database.query("UPDATE users SET locale = 'en' WHERE tenant_id = $1 AND username = 'lanhdao.syt'", [
    tenant.id,
  ]);
  await database.query(
    "UPDATE users SET disabled = true WHERE tenant_id = $1 AND username = 'nghiviec.syt'",
    [tenant.id],
  );
  const idOf: Record<string, string> = {};
  const emailOf: Record<string, string> = {};
  for (const row of await database.query<{ id: string; username: string; email: string | null }>(
    "SELECT id, username, email FROM users WHERE tenant_id = $1",
    [tenant.id],
  )) {
    idOf[row.username] = row.id;
    if (row.email) emailOf[row.username] = row.email;
  }
  const users: Record<string, Client> = {};
  for (const name of ["dieuphoi", "canbo.so", "lanhdao.so", "canbo.syt", "lanhdao.syt"])
    users[name] = await signIn(app, name);
  return {
    app,
    ctx,
    database,
    tenant,
    smtp,
    users,
    emailOf,
    idOf,
    svId,
    svName: units.find((u) => u.id === svId)!.name,
    sytId,
    async mailsSince(from) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await outboxIdle(database);
      return smtp.mails.slice(from);
    },
    recipients: (mails) => mails.flatMap((m) => m.to).sort(),
    emails: (...names) => names.map((n) => emailOf[n]).sort(),
    async toldOf(kind, link) {
      const rows = await database.query<{ username: string }>(
        `SELECT u.username FROM notices n JOIN users u ON u.id = n.user_id
        WHERE n.tenant_id = $1 AND n.kind = $2 AND n.link = $3 ORDER BY u.username`,
        [tenant.id, kind, link],
      );
      return rows.map((r) => r.username).sort();
    },
    async close() {
      await outboxIdle(database);
      await app.close();
      await smtp.close();
    },
  };
}

/**
 * The world for one engine's block of tests: opened before them (at `base` on the clock), closed
 * after; every test starts again from `base` with the outbox idle.
 */
export function useHandoffWorld(getDatabase: () => Database, base: string): HandoffWorld {
  const world = {} as HandoffWorld;
  beforeAll(async () => {
    setClock(base);
    Object.assign(world, await openHandoffWorld(getDatabase()));
  });
  afterAll(async () => {
    await world.close?.();
    resetClock();
  });
  beforeEach(async () => {
    setClock(base);
    await outboxIdle(world.database);
  });
  return world;
}
