-- An assignment's timeline, its evidence and its transfers are records: appended, never rewritten.
CREATE FUNCTION assignment_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assignment_updates_append_only BEFORE UPDATE OR DELETE ON "assignment_updates"
  FOR EACH ROW EXECUTE FUNCTION assignment_records_append_only();
--> statement-breakpoint
CREATE TRIGGER assignment_files_append_only BEFORE UPDATE OR DELETE ON "assignment_files"
  FOR EACH ROW EXECUTE FUNCTION assignment_records_append_only();
--> statement-breakpoint
CREATE TRIGGER assignment_transfers_append_only BEFORE UPDATE OR DELETE ON "assignment_transfers"
  FOR EACH ROW EXECUTE FUNCTION assignment_records_append_only();
--> statement-breakpoint
-- Completed work stays with the unit that did it, as it was reported: no later change (an
-- amendment, a restructuring) moves or edits it. Only the list of units it answers for may grow,
-- when a merger brings another unit's same duty to it. Assignments are never deleted.
CREATE FUNCTION assignments_completed_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'assignments are never deleted (assignment %)', OLD.id;
  END IF;
  IF OLD.status = 'completed' AND (
       NEW.status IS DISTINCT FROM OLD.status OR NEW.unit_id IS DISTINCT FROM OLD.unit_id
       OR NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.item_code IS DISTINCT FROM OLD.item_code
       OR NEW.role IS DISTINCT FROM OLD.role OR NEW.occurrence IS DISTINCT FROM OLD.occurrence
       OR NEW.percent IS DISTINCT FROM OLD.percent OR NEW.completed_on IS DISTINCT FROM OLD.completed_on
       OR NEW.due_date IS DISTINCT FROM OLD.due_date OR NEW.version IS DISTINCT FROM OLD.version) THEN
    RAISE EXCEPTION 'a completed assignment never changes (assignment %)', OLD.id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assignments_completed_kept BEFORE UPDATE OR DELETE ON "assignments"
  FOR EACH ROW EXECUTE FUNCTION assignments_completed_kept();
