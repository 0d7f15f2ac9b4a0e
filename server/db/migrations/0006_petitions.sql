CREATE TABLE "petition_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"petition_id" uuid NOT NULL,
	"user_id" uuid,
	"actor_name" text NOT NULL,
	"purpose" text NOT NULL,
	"fields" text[] NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_clock_warnings" (
	"tenant_id" uuid NOT NULL,
	"clock_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"threshold" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_clock_warnings_clock_id_due_date_threshold_pk" PRIMARY KEY("clock_id","due_date","threshold")
);
--> statement-breakpoint
CREATE TABLE "petition_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"petition_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"purpose" text NOT NULL,
	"starts_from" text NOT NULL,
	"start_date" date NOT NULL,
	"unit" text NOT NULL,
	"base_days" integer NOT NULL,
	"extended_days" integer DEFAULT 0 NOT NULL,
	"due_date" date NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"basis" text NOT NULL,
	"check_note" text,
	"status" text DEFAULT 'running' NOT NULL,
	"met_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"petition_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"from_unit_id" uuid,
	"to_unit_id" uuid,
	"note" text,
	"public" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"petition_id" uuid NOT NULL,
	"clock_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"flag" text,
	"reason" text NOT NULL,
	"decision_number" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_idempotency" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"body_hash" text NOT NULL,
	"tracking_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_idempotency_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "petition_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"petition_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"clock_id" uuid,
	"threshold" integer,
	"due_date" date,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "petition_rate_counters" (
	"tenant_id" uuid NOT NULL,
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "petition_rate_counters_tenant_id_bucket_window_start_pk" PRIMARY KEY("tenant_id","bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "petition_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"petition_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tracking_code" text NOT NULL,
	"tracking_hash" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"title" text,
	"category" text,
	"text" text NOT NULL,
	"commune_id" uuid,
	"contact_name" text NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"assigned_unit_id" uuid,
	"merged_into_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_date" date NOT NULL,
	"accepted_date" date,
	"answer_draft" text,
	"answer_drafted_by" uuid,
	"answer_drafted_at" timestamp with time zone,
	"answer_public" text,
	"answer_approved_by" uuid,
	"answer_published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"rating_score" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"follow_up_requested_at" timestamp with time zone,
	"follow_up_resolved" boolean,
	"follow_up_comment" text,
	"follow_up_at" timestamp with time zone,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "petition_access_log" ADD CONSTRAINT "petition_access_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_access_log" ADD CONSTRAINT "petition_access_log_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_access_log" ADD CONSTRAINT "petition_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_clock_warnings" ADD CONSTRAINT "petition_clock_warnings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_clock_warnings" ADD CONSTRAINT "petition_clock_warnings_clock_id_petition_clocks_id_fk" FOREIGN KEY ("clock_id") REFERENCES "public"."petition_clocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_clocks" ADD CONSTRAINT "petition_clocks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_clocks" ADD CONSTRAINT "petition_clocks_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_extensions" ADD CONSTRAINT "petition_extensions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_extensions" ADD CONSTRAINT "petition_extensions_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_extensions" ADD CONSTRAINT "petition_extensions_clock_id_petition_clocks_id_fk" FOREIGN KEY ("clock_id") REFERENCES "public"."petition_clocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_extensions" ADD CONSTRAINT "petition_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_idempotency" ADD CONSTRAINT "petition_idempotency_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_notices" ADD CONSTRAINT "petition_notices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_notices" ADD CONSTRAINT "petition_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_notices" ADD CONSTRAINT "petition_notices_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_notices" ADD CONSTRAINT "petition_notices_clock_id_petition_clocks_id_fk" FOREIGN KEY ("clock_id") REFERENCES "public"."petition_clocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_rate_counters" ADD CONSTRAINT "petition_rate_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_uploads" ADD CONSTRAINT "petition_uploads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_uploads" ADD CONSTRAINT "petition_uploads_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_commune_id_units_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_assigned_unit_id_units_id_fk" FOREIGN KEY ("assigned_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_merged_into_id_petitions_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_answer_drafted_by_users_id_fk" FOREIGN KEY ("answer_drafted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_answer_approved_by_users_id_fk" FOREIGN KEY ("answer_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "petition_access_petition_idx" ON "petition_access_log" USING btree ("petition_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "petition_clocks_rule_idx" ON "petition_clocks" USING btree ("petition_id","rule_key");--> statement-breakpoint
CREATE INDEX "petition_clocks_running_idx" ON "petition_clocks" USING btree ("tenant_id","status","due_date");--> statement-breakpoint
CREATE INDEX "petition_events_petition_idx" ON "petition_events" USING btree ("petition_id","at");--> statement-breakpoint
CREATE INDEX "petition_extensions_clock_idx" ON "petition_extensions" USING btree ("clock_id");--> statement-breakpoint
CREATE INDEX "petition_idempotency_created_idx" ON "petition_idempotency" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "petition_notices_user_idx" ON "petition_notices" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "petition_notices_once_idx" ON "petition_notices" USING btree ("user_id","clock_id","due_date","threshold");--> statement-breakpoint
CREATE INDEX "petition_uploads_petition_idx" ON "petition_uploads" USING btree ("tenant_id","petition_id");--> statement-breakpoint
CREATE INDEX "petition_uploads_expires_idx" ON "petition_uploads" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "petitions_tracking_idx" ON "petitions" USING btree ("tenant_id","tracking_hash");--> statement-breakpoint
CREATE INDEX "petitions_tenant_status_idx" ON "petitions" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "petitions_tenant_unit_idx" ON "petitions" USING btree ("tenant_id","assigned_unit_id");--> statement-breakpoint
CREATE INDEX "petitions_tenant_received_idx" ON "petitions" USING btree ("tenant_id","received_date");--> statement-breakpoint
CREATE INDEX "petitions_tenant_phone_idx" ON "petitions" USING btree ("tenant_id","contact_phone");--> statement-breakpoint
CREATE INDEX "petitions_tenant_email_idx" ON "petitions" USING btree ("tenant_id","contact_email");--> statement-breakpoint
CREATE INDEX "petitions_text_trgm_idx" ON "petitions" USING gin (vi_fold("text") gin_trgm_ops);