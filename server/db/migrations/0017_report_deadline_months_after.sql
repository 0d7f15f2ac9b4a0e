ALTER TABLE "report_schedules" ADD COLUMN "deadline_months_after" integer;
