/**
 * Loaded by Vitest before every test file (vitest.config.ts `setupFiles`): the audit key every
 * write in a test is made under. A fixed one, so that the demo template built by one test
 * process verifies in another; the server's own key comes from its configuration.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { auditKeyFrom, installAuditKey } from "../modules/audit/key.ts";

export const TEST_AUDIT_KEY = auditKeyFrom(Buffer.alloc(32, "dongthuan-tests"));

installAuditKey(TEST_AUDIT_KEY);

/**
 * Writes the tests' key as a data folder's key file (`DATA_DIR/audit.key`), for a test that runs
 * a command on a folder whose trail a test process wrote: as an operator's folder holds its key.
 */
export function keepTestAuditKeyIn(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, "audit.key"), `${TEST_AUDIT_KEY.secret.toString("hex")}\n`, { mode: 0o600 });
}
