-- Who read a citizen's personal data is a record (Nghị định 13/2023/NĐ-CP): appended, never
-- rewritten or erased through SQL.
CREATE FUNCTION petition_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'petition_access_log is append-only (% refused)', TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER petition_access_log_append_only BEFORE UPDATE OR DELETE ON "petition_access_log"
  FOR EACH ROW EXECUTE FUNCTION petition_access_log_append_only();
--> statement-breakpoint
-- A rating and a follow-up answer are the citizen's: once given, staff cannot change them.
CREATE FUNCTION petitions_citizen_answers_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.rating_score IS NOT NULL AND NEW.rating_score IS DISTINCT FROM OLD.rating_score)
     OR (OLD.follow_up_resolved IS NOT NULL AND NEW.follow_up_resolved IS DISTINCT FROM OLD.follow_up_resolved) THEN
    RAISE EXCEPTION 'a citizen''s rating and follow-up answer never change (petition %)', OLD.id;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER petitions_citizen_answers_kept BEFORE UPDATE ON "petitions"
  FOR EACH ROW EXECUTE FUNCTION petitions_citizen_answers_kept();
