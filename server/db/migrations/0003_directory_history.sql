CREATE TABLE "unit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"effective_date" date NOT NULL,
	"legal_basis" text NOT NULL,
	"spec" jsonb NOT NULL,
	"outcome" jsonb NOT NULL,
	"applied_by" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"valid_from" date,
	"valid_to" date NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"parent_id" uuid,
	"event_id" uuid
);
--> statement-breakpoint
CREATE TABLE "unit_successions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"predecessor_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	"effective_date" date NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_events" ADD CONSTRAINT "unit_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_revisions" ADD CONSTRAINT "unit_revisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_revisions" ADD CONSTRAINT "unit_revisions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_event_id_unit_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."unit_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_predecessor_id_units_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_successor_id_units_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_events_tenant_date_idx" ON "unit_events" USING btree ("tenant_id","effective_date");--> statement-breakpoint
CREATE INDEX "unit_revisions_unit_idx" ON "unit_revisions" USING btree ("unit_id","valid_to");--> statement-breakpoint
CREATE INDEX "unit_successions_predecessor_idx" ON "unit_successions" USING btree ("predecessor_id");--> statement-breakpoint
CREATE INDEX "unit_successions_successor_idx" ON "unit_successions" USING btree ("successor_id");