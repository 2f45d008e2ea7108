CREATE TABLE "org_tree_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "org_tree_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
-- Every statement that changes units, their versions or the kinds' levels moves the counter on (the application
-- reloads a cached tree when it differs). Statement-level: a bulk insert moves it once.
CREATE FUNCTION "org_tree_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE org_tree_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "units_org_tree_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "units" FOR EACH STATEMENT EXECUTE FUNCTION "org_tree_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "unit_versions_org_tree_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_versions" FOR EACH STATEMENT EXECUTE FUNCTION "org_tree_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "unit_kinds_org_tree_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_kinds" FOR EACH STATEMENT EXECUTE FUNCTION "org_tree_version_bump"();
