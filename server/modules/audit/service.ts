import { and, desc, eq, lt } from "drizzle-orm";
import { shownActor } from "../../../common/actors.ts";
import type { Locale } from "../../../common/enums.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { GENESIS_HASH, type HashedFields, hashEntry, plain } from "./chain.ts";
import { currentAuditKey } from "./key.ts";
import { auditHead, auditLog } from "./tables.ts";

export { canonicalJson, GENESIS_HASH, type HashedFields, hashEntry } from "./chain.ts";
export {
  type AuditProblem,
  type AuditVerification,
  keysInUse,
  type VerifyOptions,
  verifyAudit,
} from "./verify.ts";

/**
 * Who did something: a signed-in user ("Display Name (username)"), or no user: a code of
 * `common/actors.ts` ("system", "portal" …), the command line or the demo loader.
 */
export interface AuditActor {
  userId: string | null;
  name: string;
}

export interface AuditEntry {
  tenantId: string;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one entry to the tenant's chain, inside the caller's transaction so that the
 * change and its record commit together. The head row is locked for the transaction:
 * concurrent writers of one tenant take turns, and the chain never forks.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, [entry]);
}

/**
 * Appends several entries of one tenant under one lock of its head, in one insert: what a
 * writer that takes many changes in one transaction (a batch of petitions, an import) uses, so
 * that the head is locked once per transaction rather than once per entry.
 */
export async function recordAudits(tx: DbOrTx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const tenantId = entries[0].tenantId;
  if (entries.some((entry) => entry.tenantId !== tenantId)) {
    throw new Error("recordAudits: every entry of one call belongs to one tenant");
  }
  const key = currentAuditKey();
  await tx.insert(auditHead).values({ tenantId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.tenantId, tenantId)).for("update");
  const at = clock.now().toISOString();
  let seq = head.seq;
  let prevHash = head.hash;
  const rows = entries.map((entry) => {
    seq += 1;
    const fields: HashedFields = {
      tenantId,
      seq,
      at,
      actorUserId: entry.actor.userId,
      actorName: entry.actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: plain(entry.before),
      after: plain(entry.after),
      prevHash,
    };
    const hash = hashEntry(fields, key);
    prevHash = hash;
    return { ...fields, keyId: key.id, hash };
  });
  await tx.insert(auditLog).values(rows);
  await tx.update(auditHead).set({ seq, hash: prevHash }).where(eq(auditHead.tenantId, tenantId));
}

/**
 * A read of citizens' personal data (names, phones, e-mails) by a member of staff, as one entry:
 * which records of `entityType` were shown, with which fields, for what. Written in a transaction
 * of its own when the caller has none, so a page that shows such data leaves its trace.
 */
export async function recordPersonalDataRead(
  db: DbOrTx,
  read: {
    tenantId: string;
    actor: { userId: string; displayName: string; username: string };
    entityType: string;
    entityId: string;
    purpose: string;
    /** The records whose personal data was shown (questions, comments …). */
    records: string[];
    fields: string[];
  },
): Promise<void> {
  if (read.records.length === 0) return;
  await db.transaction((tx) =>
    recordAudit(tx, {
      tenantId: read.tenantId,
      actor: { userId: read.actor.userId, name: `${read.actor.displayName} (${read.actor.username})` },
      action: `${read.entityType}.read_personal`,
      entityType: read.entityType,
      entityId: read.entityId,
      after: { purpose: read.purpose, records: read.records, fields: read.fields },
    }),
  );
}

export interface AuditListQuery {
  entityType?: string;
  entityId?: string;
  before?: number;
  limit: number;
}

/** The newest entries first; an actor that is not a user is named in the reader's language. */
export async function listAudit(db: DbOrTx, tenantId: string, query: AuditListQuery, locale: Locale) {
  const conditions = [eq(auditLog.tenantId, tenantId)];
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.before) conditions.push(lt(auditLog.seq, query.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(query.limit);
  return rows.map((row) => ({
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actorName: shownActor(row.actorUserId, row.actorName, locale),
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
  }));
}
