import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { shownActor } from "../../../common/actors.ts";
import type { Locale } from "../../../common/enums.ts";
import type { Db, DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import { auditHead, auditLog } from "./tables.ts";

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

export const GENESIS_HASH = "0".repeat(64);

/** JSON with keys sorted at every level: the form that is hashed, stable across jsonb round trips. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Dates become ISO strings, undefined disappears: what jsonb will give back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export interface HashedFields {
  tenantId: string;
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

export function hashEntry(fields: HashedFields): string {
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

/**
 * Appends one entry to the tenant's chain, inside the caller's transaction so that the
 * change and its record commit together. The head row is locked for the transaction:
 * concurrent writers of one tenant take turns, and the chain never forks.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx
    .insert(auditHead)
    .values({ tenantId: entry.tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditHead)
    .where(eq(auditHead.tenantId, entry.tenantId))
    .for("update");
  const fields: HashedFields = {
    tenantId: entry.tenantId,
    seq: head.seq + 1,
    at: clock.now().toISOString(),
    actorUserId: entry.actor.userId,
    actorName: entry.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: plain(entry.before),
    after: plain(entry.after),
    prevHash: head.hash,
  };
  const hash = hashEntry(fields);
  await tx.insert(auditLog).values({ ...fields, hash });
  await tx.update(auditHead).set({ seq: fields.seq, hash }).where(eq(auditHead.tenantId, entry.tenantId));
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

export interface AuditProblem {
  tenantId: string;
  seq: number;
  kind: "edited" | "missing" | "broken-link" | "head-mismatch";
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problems: AuditProblem[];
}

/**
 * Walks each tenant's chain in order: a row whose hash does not match its content was
 * edited; a gap in the sequence or a link to a hash that is not the previous row's means
 * rows were deleted; a head that points past the last row means the newest rows went.
 */
export async function verifyAudit(db: Db, tenantId?: string): Promise<AuditVerification> {
  const heads = await db
    .select()
    .from(auditHead)
    .where(tenantId ? eq(auditHead.tenantId, tenantId) : sql`true`);
  const problems: AuditProblem[] = [];
  let checked = 0;
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    for (;;) {
      const batch = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, head.tenantId), gt(auditLog.seq, lastSeq)))
        .orderBy(asc(auditLog.seq))
        .limit(2000);
      if (batch.length === 0) break;
      for (const row of batch) {
        checked++;
        if (row.seq !== expectedSeq) {
          problems.push({
            tenantId: head.tenantId,
            seq: expectedSeq,
            kind: "missing",
            message:
              row.seq - expectedSeq === 1
                ? `row ${expectedSeq} is missing (deleted)`
                : `rows ${expectedSeq}–${row.seq - 1} are missing (deleted)`,
          });
        } else if (row.prevHash !== prevHash) {
          problems.push({
            tenantId: head.tenantId,
            seq: row.seq,
            kind: "broken-link",
            message: `row ${row.seq} does not link to row ${row.seq - 1}: the row before it was replaced`,
          });
        }
        const recomputed = hashEntry({
          tenantId: row.tenantId,
          seq: row.seq,
          at: new Date(row.at).toISOString(),
          actorUserId: row.actorUserId,
          actorName: row.actorName,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          before: row.before,
          after: row.after,
          prevHash: row.prevHash,
        });
        if (recomputed !== row.hash) {
          problems.push({
            tenantId: head.tenantId,
            seq: row.seq,
            kind: "edited",
            message: `row ${row.seq} (${row.action} ${row.entityType} ${row.entityId ?? ""}) was edited after it was written`,
          });
        }
        prevHash = row.hash;
        expectedSeq = row.seq + 1;
        lastSeq = row.seq;
      }
    }
    if (head.seq !== lastSeq || head.hash !== prevHash) {
      problems.push({
        tenantId: head.tenantId,
        seq: lastSeq + 1,
        kind: head.seq > lastSeq ? "missing" : "head-mismatch",
        message:
          head.seq > lastSeq
            ? `rows ${lastSeq + 1}–${head.seq} at the end of the trail are missing (deleted)`
            : `the chain head (row ${head.seq}) does not match the last row ${lastSeq}`,
      });
    }
  }
  return { ok: problems.length === 0, checked, problems };
}
