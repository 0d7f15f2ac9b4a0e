-- Sign-in throttling replaces the per-account lock: failures are counted per account name (known
-- or not), per client address and per pair, each with growing waits (server/modules/auth/throttle.ts).
CREATE TABLE "sign_in_throttles" (
	"tenant_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"signed_in_at" timestamp with time zone,
	CONSTRAINT "sign_in_throttles_tenant_id_scope_name_address_pk" PRIMARY KEY("tenant_id","scope","name","address")
);
--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD CONSTRAINT "sign_in_throttles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_throttles_name_idx" ON "sign_in_throttles" USING btree ("tenant_id","name");--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";