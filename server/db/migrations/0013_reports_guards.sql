-- A report's sent revisions, its steps, its signed scans, the reopenings of a locked period and
-- the versions of a form are records: appended, never rewritten or deleted.
CREATE FUNCTION report_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_revisions_append_only BEFORE UPDATE OR DELETE ON "report_revisions"
  FOR EACH ROW EXECUTE FUNCTION report_records_append_only();
--> statement-breakpoint
CREATE TRIGGER report_events_append_only BEFORE UPDATE OR DELETE ON "report_events"
  FOR EACH ROW EXECUTE FUNCTION report_records_append_only();
--> statement-breakpoint
CREATE TRIGGER report_files_append_only BEFORE UPDATE OR DELETE ON "report_files"
  FOR EACH ROW EXECUTE FUNCTION report_records_append_only();
--> statement-breakpoint
CREATE TRIGGER report_reopenings_append_only BEFORE UPDATE OR DELETE ON "report_reopenings"
  FOR EACH ROW EXECUTE FUNCTION report_records_append_only();
--> statement-breakpoint
CREATE TRIGGER report_forms_append_only BEFORE UPDATE OR DELETE ON "report_forms"
  FOR EACH ROW EXECUTE FUNCTION report_records_append_only();
--> statement-breakpoint
-- A sent report is frozen: while it is sent, received or accepted its content never changes.
CREATE FUNCTION reports_sent_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'reports are never deleted (report %)', OLD.id;
  END IF;
  IF OLD.status IN ('sent', 'received', 'accepted') AND (
       NEW.sections IS DISTINCT FROM OLD.sections OR NEW."values" IS DISTINCT FROM OLD."values"
       OR NEW.difficulties IS DISTINCT FROM OLD.difficulties OR NEW.proposals IS DISTINCT FROM OLD.proposals
       OR NEW.unit_id IS DISTINCT FROM OLD.unit_id OR NEW.period_id IS DISTINCT FROM OLD.period_id
       OR NEW.form_version IS DISTINCT FROM OLD.form_version) THEN
    RAISE EXCEPTION 'a sent report is frozen (report %)', OLD.id;
  END IF;
  IF OLD.status = 'accepted' AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'an accepted report stays accepted (report %)', OLD.id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reports_sent_frozen BEFORE UPDATE OR DELETE ON "reports"
  FOR EACH ROW EXECUTE FUNCTION reports_sent_frozen();
