CREATE TABLE "report_criterion_results" (
	"report_id" uuid NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"level" text NOT NULL,
	"criterion_code" text,
	"status" text,
	"bucket" text,
	"value" text
);
--> statement-breakpoint
ALTER TABLE "criteria_evaluations" ADD COLUMN "total_points" text GENERATED ALWAYS AS (result->>'totalPoints') STORED;--> statement-breakpoint
ALTER TABLE "criteria_evaluations" ADD COLUMN "share_met" text GENERATED ALWAYS AS (result->>'shareMet') STORED;--> statement-breakpoint
ALTER TABLE "criteria_evaluations" ADD COLUMN "classification_label" text GENERATED ALWAYS AS (result->'classification'->>'label') STORED;--> statement-breakpoint
ALTER TABLE "report_criterion_results" ADD CONSTRAINT "report_criterion_results_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_criterion_results" ADD CONSTRAINT "report_criterion_results_evaluation_id_criteria_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."criteria_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_criterion_results_period_idx" ON "report_criterion_results" USING btree ("period_id","level","criterion_code","status");--> statement-breakpoint
CREATE INDEX "report_criterion_results_report_idx" ON "report_criterion_results" USING btree ("report_id");