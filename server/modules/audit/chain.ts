import { createHash, createHmac } from "node:crypto";
import type { AuditKey } from "./key.ts";

// The links of the audit trail's chain: the canonical form of an entry and its keyed hash, the
// same for writing an entry (service.ts) and for checking one (verify.ts).

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
export function plain(value: unknown): unknown {
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

/**
 * An entry's link: HMAC-SHA256 of its canonical form under the audit key. Entries written before
 * the trail was keyed (`keyId` null) were linked by a plain SHA-256, which anyone can recompute;
 * `verifyAudit` says how many there are.
 */
export function hashEntry(fields: HashedFields, key: AuditKey | null): string {
  const canonical = canonicalJson(fields);
  return key
    ? createHmac("sha256", key.secret).update(canonical).digest("hex")
    : createHash("sha256").update(canonical).digest("hex");
}
