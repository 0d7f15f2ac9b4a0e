/**
 * Loaded by Vitest before every test file (vitest.config.ts `setupFiles`): the audit key every
 * write in a test is made under. A fixed one, so that the demo template built by one test
 * process verifies in another; the server's own key comes from its configuration.
 */
import { auditKeyFrom, installAuditKey } from "../modules/audit/key.ts";

export const TEST_AUDIT_KEY = auditKeyFrom(Buffer.alloc(32, "dongthuan-tests"));

installAuditKey(TEST_AUDIT_KEY);
