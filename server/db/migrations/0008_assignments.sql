CREATE TABLE "assignment_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"update_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"transferred_from" uuid NOT NULL,
	"transferred_to" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"effective_date" date NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status_from" text,
	"status_to" text,
	"percent" integer,
	"text" text,
	"reason" text,
	"figures" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"reported_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_weights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"weight" double precision NOT NULL,
	"updated_by" uuid,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"occurrence" text NOT NULL,
	"named_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"due_date" date,
	"starts_on" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"percent" integer,
	"pause_reason" text,
	"completed_on" date,
	"plan_version" integer NOT NULL,
	"cancelled_in_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignment_files" ADD CONSTRAINT "assignment_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_files" ADD CONSTRAINT "assignment_files_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_files" ADD CONSTRAINT "assignment_files_update_id_assignment_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."assignment_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_transfers" ADD CONSTRAINT "assignment_transfers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_transfers" ADD CONSTRAINT "assignment_transfers_transferred_from_assignments_id_fk" FOREIGN KEY ("transferred_from") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_transfers" ADD CONSTRAINT "assignment_transfers_transferred_to_assignments_id_fk" FOREIGN KEY ("transferred_to") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_transfers" ADD CONSTRAINT "assignment_transfers_event_id_unit_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."unit_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_updates" ADD CONSTRAINT "assignment_updates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_updates" ADD CONSTRAINT "assignment_updates_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_updates" ADD CONSTRAINT "assignment_updates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_weights" ADD CONSTRAINT "assignment_weights_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_weights" ADD CONSTRAINT "assignment_weights_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_files_update_idx" ON "assignment_files" USING btree ("update_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_transfers_pair_idx" ON "assignment_transfers" USING btree ("transferred_from","transferred_to");--> statement-breakpoint
CREATE INDEX "assignment_transfers_to_idx" ON "assignment_transfers" USING btree ("transferred_to");--> statement-breakpoint
CREATE INDEX "assignment_updates_assignment_idx" ON "assignment_updates" USING btree ("assignment_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_weights_plan_code_idx" ON "assignment_weights" USING btree ("plan_id","item_code");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_key_idx" ON "assignments" USING btree ("plan_id","item_code","unit_id","role","occurrence");--> statement-breakpoint
CREATE INDEX "assignments_tenant_unit_idx" ON "assignments" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "assignments_tenant_plan_code_idx" ON "assignments" USING btree ("tenant_id","plan_id","item_code");--> statement-breakpoint
CREATE INDEX "assignments_tenant_status_due_idx" ON "assignments" USING btree ("tenant_id","status","due_date");