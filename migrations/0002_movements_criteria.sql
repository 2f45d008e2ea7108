CREATE TABLE "criteria_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"criteria_set_version_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period_label" text NOT NULL,
	"level" text NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evaluated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "criteria_set_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"criteria_set_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"frozen_at" timestamp with time zone,
	"frozen_reason" text,
	"definition" jsonb NOT NULL,
	"based_on_version_id" uuid,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criteria_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"movement_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "movement_agencies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"movement_id" uuid NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid,
	"unit_name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"note" text DEFAULT '' NOT NULL,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "movement_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"movement_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"deadline" date NOT NULL,
	"phase_code" text NOT NULL,
	"applies_to" text[] NOT NULL,
	"obligation" text NOT NULL,
	"target" text,
	"description" text NOT NULL,
	"source" text,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "movement_phases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"movement_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"description" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "movements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"description" text NOT NULL,
	"purposes" text NOT NULL,
	"requirements" text NOT NULL,
	"issuing_document" jsonb NOT NULL,
	"legal_bases" jsonb NOT NULL,
	"participant_kinds" jsonb NOT NULL,
	"content_areas" jsonb NOT NULL,
	"priority_sectors" jsonb NOT NULL,
	"award_forms" jsonb NOT NULL,
	"responsibilities" jsonb NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "criteria_evaluations" ADD CONSTRAINT "criteria_evaluations_criteria_set_version_id_criteria_set_versions_id_fk" FOREIGN KEY ("criteria_set_version_id") REFERENCES "public"."criteria_set_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_evaluations" ADD CONSTRAINT "criteria_evaluations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_evaluations" ADD CONSTRAINT "criteria_evaluations_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_set_versions" ADD CONSTRAINT "criteria_set_versions_criteria_set_id_criteria_sets_id_fk" FOREIGN KEY ("criteria_set_id") REFERENCES "public"."criteria_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_set_versions" ADD CONSTRAINT "criteria_set_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_sets" ADD CONSTRAINT "criteria_sets_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movement_agencies" ADD CONSTRAINT "movement_agencies_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movement_agencies" ADD CONSTRAINT "movement_agencies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movement_milestones" ADD CONSTRAINT "movement_milestones_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movement_phases" ADD CONSTRAINT "movement_phases_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "criteria_evaluations_version_idx" ON "criteria_evaluations" USING btree ("criteria_set_version_id");--> statement-breakpoint
CREATE INDEX "criteria_evaluations_unit_idx" ON "criteria_evaluations" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_set_versions_set_version_idx" ON "criteria_set_versions" USING btree ("criteria_set_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_sets_movement_code_idx" ON "criteria_sets" USING btree ("movement_id","code");--> statement-breakpoint
CREATE INDEX "movement_agencies_movement_idx" ON "movement_agencies" USING btree ("movement_id");--> statement-breakpoint
CREATE INDEX "movement_milestones_movement_idx" ON "movement_milestones" USING btree ("movement_id","deadline");--> statement-breakpoint
CREATE INDEX "movement_phases_movement_idx" ON "movement_phases" USING btree ("movement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "movements_tenant_code_idx" ON "movements" USING btree ("tenant_id","code");