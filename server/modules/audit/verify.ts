import { and, asc, eq, gt, sql } from "drizzle-orm";
import { type Db, type DbOrTx, queryRows } from "../../db/connection.ts";
import { GENESIS_HASH, type HashedFields, hashEntry } from "./chain.ts";
import type { Checkpoint } from "./checkpoints.ts";
import type { AuditKey } from "./key.ts";
import { auditHead, auditLog } from "./tables.ts";

export interface AuditProblem {
  tenantId: string;
  seq: number;
  kind:
    | "edited"
    | "missing"
    | "broken-link"
    | "head-mismatch"
    | "unkeyed"
    | "other-key"
    | "checkpoint"
    | "checkpoint-file";
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** Entries written before the trail was keyed: linked by plain SHA-256 only. */
  unkeyed: number;
  /** Checkpoints from outside the database that the trail was compared with. */
  checkpoints: number;
  problems: AuditProblem[];
}

export interface VerifyOptions {
  tenantId?: string;
  /** The key the trail is written with; without it only the links are checked, and that is said. */
  key: AuditKey | null;
  /** Signed checkpoints read from the file (checkpoints.ts), and the problems found reading it. */
  checkpoints?: Checkpoint[];
  checkpointProblems?: { line: number; message: string }[];
}

/**
 * Walks each tenant's chain in order: a row whose link does not match its content under the key
 * was edited (or rewritten by someone without the key); a gap in the sequence or a link to a hash
 * that is not the previous row's means rows were deleted; a head that points past the last row
 * means the newest rows went; a row unkeyed after keyed ones was rewritten without the key; a
 * row at a checkpoint's place with another link, or a trail shorter than a checkpoint, means the
 * trail was rewritten or cut back together with its head.
 */
export async function verifyAudit(db: Db, options: VerifyOptions): Promise<AuditVerification> {
  const { key, tenantId } = options;
  const heads = await db
    .select()
    .from(auditHead)
    .where(tenantId ? eq(auditHead.tenantId, tenantId) : sql`true`);
  const problems: AuditProblem[] = (options.checkpointProblems ?? []).map((problem) => ({
    tenantId: tenantId ?? "",
    seq: 0,
    kind: "checkpoint-file" as const,
    message: problem.message,
  }));
  const anchors = new Map<string, Map<number, Checkpoint>>();
  let checkpointCount = 0;
  for (const point of options.checkpoints ?? []) {
    if (tenantId && point.tenantId !== tenantId) continue;
    checkpointCount++;
    const forTenant = anchors.get(point.tenantId) ?? new Map<number, Checkpoint>();
    forTenant.set(point.seq, point);
    anchors.set(point.tenantId, forTenant);
  }
  const headTenants = new Set(heads.map((head) => head.tenantId));
  for (const [anchoredTenant, points] of anchors) {
    if (headTenants.has(anchoredTenant)) continue;
    const last = Math.max(...points.keys());
    problems.push({
      tenantId: anchoredTenant,
      seq: last,
      kind: "checkpoint",
      message: `the trail of tenant ${anchoredTenant} is gone: a checkpoint anchored its row ${last}`,
    });
  }
  let checked = 0;
  let unkeyed = 0;
  for (const head of heads) {
    const points = anchors.get(head.tenantId) ?? new Map<number, Checkpoint>();
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    let keyedSeen = false;
    let otherKey: { id: string; first: number; count: number } | null = null;
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
        const described = `row ${row.seq} (${row.action} ${row.entityType} ${row.entityId ?? ""})`.replace(
          / \)$/,
          ")",
        );
        const fields: HashedFields = {
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
        };
        if (row.keyId === null) {
          if (keyedSeen) {
            problems.push({
              tenantId: head.tenantId,
              seq: row.seq,
              kind: "unkeyed",
              message: `${described} carries no key though rows before it do: it was rewritten without the key`,
            });
          } else {
            unkeyed++;
            if (hashEntry(fields, null) !== row.hash) {
              problems.push({
                tenantId: head.tenantId,
                seq: row.seq,
                kind: "edited",
                message: `${described} was edited after it was written`,
              });
            }
          }
        } else {
          keyedSeen = true;
          if (key && row.keyId === key.id) {
            if (hashEntry(fields, key) !== row.hash) {
              problems.push({
                tenantId: head.tenantId,
                seq: row.seq,
                kind: "edited",
                message: `${described} was edited after it was written (its link does not match under the key)`,
              });
            }
          } else if (key) {
            if (otherKey && otherKey.id === row.keyId) otherKey.count++;
            else {
              if (otherKey) problems.push(otherKeyProblem(head.tenantId, otherKey, key));
              otherKey = { id: row.keyId, first: row.seq, count: 1 };
            }
          }
        }
        const point = points.get(row.seq);
        if (point && point.hash !== row.hash) {
          problems.push({
            tenantId: head.tenantId,
            seq: row.seq,
            kind: "checkpoint",
            message: `${described} is not the row the checkpoint of ${point.at} anchored: the trail up to it was rewritten`,
          });
        }
        prevHash = row.hash;
        expectedSeq = row.seq + 1;
        lastSeq = row.seq;
      }
    }
    if (otherKey && key) problems.push(otherKeyProblem(head.tenantId, otherKey, key));
    const furthest = Math.max(0, ...points.keys());
    if (furthest > lastSeq) {
      problems.push({
        tenantId: head.tenantId,
        seq: lastSeq + 1,
        kind: "checkpoint",
        message: `rows ${lastSeq + 1}–${furthest} are missing: the checkpoint of ${points.get(furthest)?.at} anchored row ${furthest}, and the trail ends at row ${lastSeq}`,
      });
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
  return { ok: problems.length === 0, checked, unkeyed, checkpoints: checkpointCount, problems };
}

function otherKeyProblem(
  tenantId: string,
  other: { id: string; first: number; count: number },
  key: AuditKey,
): AuditProblem {
  return {
    tenantId,
    seq: other.first,
    kind: "other-key",
    message: `${other.count} row(s) from row ${other.first} carry key ${other.id}, not this key (${key.id}): written under another key, or rewritten`,
  };
}

/**
 * The key of each tenant's newest entry. A server whose key differs from it would start a second
 * chain that verifies under neither key: `prepareAuditKey` refuses to start instead.
 */
export async function keysInUse(db: DbOrTx): Promise<string[]> {
  const list = await queryRows<{ key_id: string | null }>(
    db,
    sql`SELECT DISTINCT ON (tenant_id) key_id FROM audit_log ORDER BY tenant_id, seq DESC`,
  );
  return [...new Set(list.map((row) => row.key_id).filter((id): id is string => id !== null))];
}
