/**
 * The audit trail's key. Every entry's link is an HMAC-SHA256 under a key the database never
 * holds, so someone with database access alone can edit rows and recompute the chain only with a
 * function they cannot compute: `audit verify` then names what they touched.
 *
 * The key comes from `AUDIT_KEY` (64 hex digits or 44 base64 characters: 32 bytes), or else from
 * the file `AUDIT_KEY_FILE` (default `DATA_DIR/audit.key`), which the server creates on its first
 * start (mode 600). Its id — the first 16 hex digits of its SHA-256 — is stored with each entry,
 * so a server started with another key is refused instead of silently starting a second chain.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Config } from "../../config.ts";

export interface AuditKey {
  id: string;
  secret: Buffer;
}

export class AuditKeyError extends Error {}

export function auditKeyFrom(secret: Buffer): AuditKey {
  if (secret.length < 32) throw new AuditKeyError("The audit key must be at least 32 bytes");
  return { id: createHash("sha256").update(secret).digest("hex").slice(0, 16), secret };
}

/** 64 hex digits, or base64 of 32 bytes or more; anything else is refused, never truncated. */
export function parseAuditKey(text: string, where: string): AuditKey {
  const trimmed = text.trim();
  let secret: Buffer;
  if (/^[0-9a-fA-F]{64,}$/.test(trimmed) && trimmed.length % 2 === 0) secret = Buffer.from(trimmed, "hex");
  else if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) secret = Buffer.from(trimmed, "base64");
  else throw new AuditKeyError(`${where}: the audit key must be 64 hex digits or base64 of 32 bytes`);
  if (secret.length < 32) {
    throw new AuditKeyError(`${where}: the audit key must be 32 bytes or more (got ${secret.length})`);
  }
  return auditKeyFrom(secret);
}

/**
 * The configured key: `AUDIT_KEY`, or the key file. With `create`, a missing key file is written
 * with a new random key (the first start of a server); without it (`audit verify`), a missing
 * key is an error, since nothing could be checked.
 */
export function loadAuditKey(
  config: Pick<Config, "auditKey" | "auditKeyFile">,
  options: { create: boolean },
): AuditKey {
  if (config.auditKey) return parseAuditKey(config.auditKey, "AUDIT_KEY");
  const file = config.auditKeyFile;
  if (existsSync(file)) return parseAuditKey(readFileSync(file, "utf8"), file);
  if (!options.create) {
    throw new AuditKeyError(
      `No audit key: ${file} does not exist and AUDIT_KEY is not set. Give the key the trail was written with.`,
    );
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${secret.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  return auditKeyFrom(secret);
}

let current: AuditKey | null = null;

/** The key every entry is written with from now on, in this process. */
export function installAuditKey(key: AuditKey | null): void {
  current = key;
}

export function currentAuditKey(): AuditKey {
  if (!current) {
    throw new AuditKeyError(
      "The audit key is not loaded: the process must call installAuditKey(loadAuditKey(config)) before writing",
    );
  }
  return current;
}
