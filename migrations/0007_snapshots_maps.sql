CREATE TABLE "ranking_snapshot_rows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"scope_key" text NOT NULL,
	"scope_kind" text NOT NULL,
	"level" text NOT NULL,
	"group_id" uuid,
	"group_name" text,
	"position" integer NOT NULL,
	"rank" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_code" text,
	"unit_name" text NOT NULL,
	"total_points" text NOT NULL,
	"share_met" text,
	"classification" text,
	"tie_explanation" text,
	"previous_rank" integer,
	"movement" integer,
	"criteria" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ranking_snapshots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"movement_id" uuid NOT NULL,
	"criteria_set_version_id" uuid NOT NULL,
	"status" text DEFAULT 'frozen' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"trigger" text NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"frozen_by_user_id" uuid,
	"published_at" timestamp with time zone,
	"published_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_boundary_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"as_of" date NOT NULL,
	"code_property" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"feature_count" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"geojson" jsonb NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ranking_snapshot_rows" ADD CONSTRAINT "ranking_snapshot_rows_snapshot_id_ranking_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."ranking_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshot_rows" ADD CONSTRAINT "ranking_snapshot_rows_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshot_rows" ADD CONSTRAINT "ranking_snapshot_rows_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "ranking_snapshots_period_id_report_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."report_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "ranking_snapshots_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "ranking_snapshots_criteria_set_version_id_criteria_set_versions_id_fk" FOREIGN KEY ("criteria_set_version_id") REFERENCES "public"."criteria_set_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "ranking_snapshots_frozen_by_user_id_users_id_fk" FOREIGN KEY ("frozen_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "ranking_snapshots_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_boundary_sets" ADD CONSTRAINT "unit_boundary_sets_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ranking_snapshot_rows_scope_unit_idx" ON "ranking_snapshot_rows" USING btree ("snapshot_id","scope_key","unit_id");--> statement-breakpoint
CREATE INDEX "ranking_snapshot_rows_scope_idx" ON "ranking_snapshot_rows" USING btree ("snapshot_id","scope_key","position");--> statement-breakpoint
CREATE UNIQUE INDEX "ranking_snapshots_period_idx" ON "ranking_snapshots" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "ranking_snapshots_tenant_status_idx" ON "ranking_snapshots" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "unit_boundary_sets_tenant_idx" ON "unit_boundary_sets" USING btree ("tenant_id","as_of");--> statement-breakpoint
-- A published ranking snapshot is immutable: the service answers 409 first, the database refuses anyway.
CREATE FUNCTION ranking_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ranking_snapshots' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'ranking snapshot % is published and immutable', OLD.id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM ranking_snapshots s WHERE s.id = NEW.snapshot_id AND s.status = 'published') THEN
      RAISE EXCEPTION 'ranking snapshot % is published and immutable', NEW.snapshot_id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM ranking_snapshots s WHERE s.id = OLD.snapshot_id AND s.status = 'published') THEN
    RAISE EXCEPTION 'ranking snapshot % is published and immutable', OLD.snapshot_id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER ranking_snapshots_immutable BEFORE UPDATE OR DELETE ON "ranking_snapshots" FOR EACH ROW EXECUTE FUNCTION ranking_snapshot_immutable();
--> statement-breakpoint
CREATE TRIGGER ranking_snapshot_rows_immutable BEFORE INSERT OR UPDATE OR DELETE ON "ranking_snapshot_rows" FOR EACH ROW EXECUTE FUNCTION ranking_snapshot_immutable();
