ALTER TABLE "assignments" ADD COLUMN "historical" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD COLUMN "published_on" date;--> statement-breakpoint
CREATE INDEX "plans_tenant_number_idx" ON "plans" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "plans_tenant_text_idx" ON "plans" USING btree ("tenant_id",md5(regexp_replace(vi_fold("source_text"), '\s+', ' ', 'g')));