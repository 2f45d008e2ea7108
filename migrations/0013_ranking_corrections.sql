DROP INDEX "ranking_snapshots_period_idx";--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD COLUMN "supersedes_id" uuid;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD COLUMN "correction_reason" text;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD COLUMN "superseded_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "ranking_snapshots_supersedes_id_ranking_snapshots_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."ranking_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "ranking_snapshots_superseded_by_user_id_users_id_fk" FOREIGN KEY ("superseded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ranking_snapshots_period_revision_idx" ON "ranking_snapshots" USING btree ("period_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "ranking_snapshots_period_published_idx" ON "ranking_snapshots" USING btree ("period_id") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "ranking_snapshots_period_frozen_idx" ON "ranking_snapshots" USING btree ("period_id") WHERE status = 'frozen';--> statement-breakpoint
-- A published ranking snapshot stays immutable, except that a correction marks it superseded (status, when, by whom:
-- nothing else may change); a superseded one is immutable, and so are the rows of both.
CREATE OR REPLACE FUNCTION ranking_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ranking_snapshots' THEN
    IF OLD.status = 'published' AND TG_OP = 'UPDATE' AND NEW.status = 'superseded'
       AND (to_jsonb(NEW) - 'status' - 'superseded_at' - 'superseded_by_user_id') = (to_jsonb(OLD) - 'status' - 'superseded_at' - 'superseded_by_user_id') THEN
      RETURN NEW;
    END IF;
    IF OLD.status IN ('published', 'superseded') THEN
      RAISE EXCEPTION 'ranking snapshot % is published and immutable', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM ranking_snapshots s WHERE s.id = NEW.snapshot_id AND s.status IN ('published', 'superseded')) THEN
      RAISE EXCEPTION 'ranking snapshot % is published and immutable', NEW.snapshot_id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM ranking_snapshots s WHERE s.id = OLD.snapshot_id AND s.status IN ('published', 'superseded')) THEN
    RAISE EXCEPTION 'ranking snapshot % is published and immutable', OLD.snapshot_id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
