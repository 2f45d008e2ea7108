ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_pos" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_pos_idx" ON "audit_log" USING btree ("chain_pos");--> statement-breakpoint
CREATE INDEX "audit_unsealed_idx" ON "audit_log" USING btree ("seq") WHERE "audit_log"."chain_pos" is null;--> statement-breakpoint
-- Rows written before asynchronous sealing were chained in seq order (seq may have gaps; positions do not).
UPDATE "audit_log" SET "chain_pos" = "ordered"."pos" FROM (SELECT "seq", row_number() OVER (ORDER BY "seq") AS "pos" FROM "audit_log" WHERE "hash" IS NOT NULL) AS "ordered" WHERE "audit_log"."seq" = "ordered"."seq";