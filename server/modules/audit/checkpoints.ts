/**
 * Checkpoints of the audit chain kept outside the database: one line per tenant each time its
 * head moved, `{tenantId, seq, hash, at, keyId, mac}`, appended to a file (AUDIT_CHECKPOINT_FILE)
 * by a job every few minutes, at shutdown and with each backup. The MAC is under the audit key.
 *
 * The key alone stops rows from being rewritten; a checkpoint also stops the newest rows from
 * being deleted together with the head (which the chain cannot tell from a shorter trail), and
 * a whole trail from being replaced by one written under no key. Someone who can change the
 * database and this file, and holds the key, can still rewrite history: keep the file (and its
 * copies in the backups) where the database's administrators cannot write.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/connection.ts";
import { clock } from "../../lib/clock.ts";
import type { AuditKey } from "./key.ts";
import { canonicalJson } from "./service.ts";
import { auditHead } from "./tables.ts";

export interface Checkpoint {
  tenantId: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  mac: string;
}

export interface CheckpointFileProblem {
  line: number;
  message: string;
}

function macOf(key: AuditKey, point: Omit<Checkpoint, "mac">): string {
  return createHmac("sha256", key.secret)
    .update(canonicalJson({ kind: "audit-checkpoint", ...point }))
    .digest("hex");
}

/**
 * Reads the file. A line that is not a checkpoint, or whose MAC does not match under this key
 * (forged, edited, or written under another key), is a problem, never silently skipped.
 */
export function readCheckpoints(
  file: string,
  key: AuditKey,
): { checkpoints: Checkpoint[]; problems: CheckpointFileProblem[] } {
  if (!existsSync(file)) return { checkpoints: [], problems: [] };
  const checkpoints: Checkpoint[] = [];
  const problems: CheckpointFileProblem[] = [];
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((text, index) => {
    if (text.trim() === "") return;
    const line = index + 1;
    let point: Checkpoint;
    try {
      point = JSON.parse(text) as Checkpoint;
    } catch {
      problems.push({ line, message: `checkpoint line ${line} is not JSON: the file was damaged` });
      return;
    }
    const shaped =
      typeof point?.tenantId === "string" &&
      Number.isSafeInteger(point.seq) &&
      typeof point.hash === "string" &&
      typeof point.at === "string" &&
      typeof point.keyId === "string" &&
      typeof point.mac === "string";
    if (!shaped) {
      problems.push({ line, message: `checkpoint line ${line} is not a checkpoint: the file was damaged` });
      return;
    }
    if (point.keyId !== key.id) {
      problems.push({
        line,
        message: `checkpoint line ${line} was signed with key ${point.keyId}, not this key (${key.id})`,
      });
      return;
    }
    const { mac, ...rest } = point;
    const expected = Buffer.from(macOf(key, rest), "hex");
    const given = Buffer.from(mac, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      problems.push({
        line,
        message: `checkpoint line ${line} does not carry a valid signature: it was forged or edited`,
      });
      return;
    }
    checkpoints.push(point);
  });
  return { checkpoints, problems };
}

/**
 * Appends a checkpoint for each tenant whose head moved since its last one, and flushes the
 * file to disk before returning. Returns the checkpoints written.
 */
export async function writeCheckpoints(db: DbOrTx, key: AuditKey, file: string): Promise<Checkpoint[]> {
  const heads = await db.select().from(auditHead).where(sql`${auditHead.seq} > 0`);
  const { checkpoints } = readCheckpoints(file, key);
  const lastSeq = new Map<string, number>();
  for (const point of checkpoints) {
    lastSeq.set(point.tenantId, Math.max(lastSeq.get(point.tenantId) ?? 0, point.seq));
  }
  const at = clock.now().toISOString();
  const written = heads
    .filter((head) => head.seq > (lastSeq.get(head.tenantId) ?? 0))
    .map((head) => {
      const point = { tenantId: head.tenantId, seq: head.seq, hash: head.hash, at, keyId: key.id };
      return { ...point, mac: macOf(key, point) };
    });
  if (written.length === 0) return [];
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, "a", 0o600);
  try {
    writeSync(fd, written.map((point) => `${JSON.stringify(point)}\n`).join(""));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return written;
}
