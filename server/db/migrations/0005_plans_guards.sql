-- A plan's imported version is kept as parsed forever: the working tree changes, the import never.
CREATE FUNCTION plans_imported_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.imported_tree IS DISTINCT FROM OLD.imported_tree OR NEW.source_text IS DISTINCT FROM OLD.source_text THEN
    RAISE EXCEPTION 'plans.imported_tree and plans.source_text never change (plan %)', OLD.id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER plans_imported_unchanged BEFORE UPDATE ON "plans"
  FOR EACH ROW EXECUTE FUNCTION plans_imported_unchanged();
--> statement-breakpoint
-- Published versions and the edit history are records: appended, never rewritten.
CREATE FUNCTION plan_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER plan_versions_append_only BEFORE UPDATE OR DELETE ON "plan_versions"
  FOR EACH ROW EXECUTE FUNCTION plan_records_append_only();
--> statement-breakpoint
CREATE TRIGGER plan_edits_append_only BEFORE UPDATE OR DELETE ON "plan_edits"
  FOR EACH ROW EXECUTE FUNCTION plan_records_append_only();
