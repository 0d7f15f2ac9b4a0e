-- The audit chain is keyed (server/modules/audit/key.ts): each entry names the key its link was
-- computed with. Entries written before have none and stay linked by plain SHA-256.
ALTER TABLE "audit_log" ADD COLUMN "key_id" text;
