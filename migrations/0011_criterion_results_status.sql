-- report_criterion_results.approved follows the report's status, so the dashboard counts without joining reports.
CREATE OR REPLACE FUNCTION "report_criterion_results_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.evaluation_id IS NOT DISTINCT FROM NEW.evaluation_id THEN
    -- Only the status changed (lock, unlock): the same criteria, counted or not.
    UPDATE report_criterion_results SET approved = NEW.status IN ('approved', 'locked') WHERE report_id = NEW.id;
    RETURN NULL;
  END IF;
  DELETE FROM report_criterion_results WHERE report_id = NEW.id;
  IF NEW.evaluation_id IS NOT NULL THEN
    INSERT INTO report_criterion_results (report_id, evaluation_id, tenant_id, period_id, unit_id, level, criterion_code, status, bucket, value, approved)
    SELECT NEW.id, e.id, NEW.tenant_id, NEW.period_id, NEW.unit_id, NEW.level, c.value->>'code', c.value->>'status',
           CASE WHEN c.value->>'status' = 'met' THEN (CASE WHEN q.ratio >= 1.2 THEN 'exceeds' ELSE 'met' END)
                WHEN c.value->>'status' = 'not_met' THEN (CASE WHEN q.ratio IS NULL THEN 'unscaled' WHEN q.ratio < 0.5 THEN 'lt50'
                                                             WHEN q.ratio < 0.8 THEN '50to80' ELSE '80to100' END)
                ELSE c.value->>'status' END,
           c.value->>'value', NEW.status IN ('approved', 'locked')
      FROM criteria_evaluations e
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.result->'criteria') = 'array' THEN e.result->'criteria' ELSE '[]'::jsonb END) c
      CROSS JOIN LATERAL (
        SELECT CASE
                 WHEN c.value->>'value' IS NULL OR jsonb_typeof(c.value->'target') IS DISTINCT FROM 'object'
                   OR c.value->>'value' !~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' OR c.value->'target'->>'threshold' !~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' THEN NULL
                 WHEN c.value->'target'->>'comparator' IN ('gte', 'gt') AND (c.value->'target'->>'threshold')::numeric > 0
                   THEN (c.value->>'value')::numeric / (c.value->'target'->>'threshold')::numeric
                 WHEN c.value->'target'->>'comparator' IN ('lte', 'lt') AND (c.value->>'value')::numeric > 0
                   THEN (c.value->'target'->>'threshold')::numeric / (c.value->>'value')::numeric
                 ELSE NULL END AS ratio
      ) q
     WHERE e.id = NEW.evaluation_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER "reports_criterion_results_update" ON "reports";
--> statement-breakpoint
CREATE TRIGGER "reports_criterion_results_update" AFTER UPDATE OF "evaluation_id", "status" ON "reports" FOR EACH ROW
  WHEN (OLD.evaluation_id IS DISTINCT FROM NEW.evaluation_id OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION "report_criterion_results_sync"();
--> statement-breakpoint
UPDATE report_criterion_results s SET approved = r.status IN ('approved', 'locked') FROM reports r WHERE r.id = s.report_id;
