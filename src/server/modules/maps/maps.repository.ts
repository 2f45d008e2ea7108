import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { unitBoundarySets } from '../../db/schema/index.js';

// Queries only.

export type BoundarySetRow = typeof unitBoundarySets.$inferSelect;
const summaryColumns = {
  id: unitBoundarySets.id,
  name: unitBoundarySets.name,
  asOf: unitBoundarySets.asOf,
  codeProperty: unitBoundarySets.codeProperty,
  isDemo: unitBoundarySets.isDemo,
  featureCount: unitBoundarySets.featureCount,
  byteSize: unitBoundarySets.byteSize,
  createdAt: unitBoundarySets.createdAt,
};
export type BoundarySetSummary = Omit<BoundarySetRow, 'geojson' | 'tenantId' | 'uploadedByUserId'>;

/** The tenant's boundary sets without their geometry, newest date first. */
export function findBoundarySets(db: DbOrTx, tenantId: string): Promise<BoundarySetSummary[]> {
  return db.select(summaryColumns).from(unitBoundarySets).where(eq(unitBoundarySets.tenantId, tenantId)).orderBy(desc(unitBoundarySets.asOf), desc(unitBoundarySets.createdAt));
}

export function findBoundarySet(db: DbOrTx, tenantId: string, id: string): Promise<BoundarySetRow | null> {
  return db
    .select()
    .from(unitBoundarySets)
    .where(and(eq(unitBoundarySets.tenantId, tenantId), eq(unitBoundarySets.id, id)))
    .then((r) => r[0] ?? null);
}

/** The newest set whose date is on or before `date`; failing that, the oldest one. */
export async function findBoundarySetFor(db: DbOrTx, tenantId: string, date: string): Promise<BoundarySetRow | null> {
  const rows = await db
    .select()
    .from(unitBoundarySets)
    .where(eq(unitBoundarySets.tenantId, tenantId))
    .orderBy(
      sql`${unitBoundarySets.asOf} <= ${date}::date desc`,
      sql`case when ${unitBoundarySets.asOf} <= ${date}::date then ${unitBoundarySets.asOf} end desc nulls last`,
      unitBoundarySets.asOf,
      desc(unitBoundarySets.createdAt),
    )
    .limit(1);
  return rows[0] ?? null;
}

export type CriterionValueRow = { unit_id: string; status: string | null; value: string | null; display_value: string | null; report_status: string };

/** Each report of a period at a level with one criterion of its approved result (null while not approved). */
export function findCriterionValues(db: DbOrTx, periodId: string, level: string, criterionCode: string): Promise<CriterionValueRow[]> {
  return queryRows<CriterionValueRow>(
    db,
    sql`select r.unit_id, r.status as report_status, c.value->>'status' as status, c.value->>'value' as value, c.value->>'displayValue' as display_value
          from reports r
          left join criteria_evaluations e on e.id = r.evaluation_id and r.status in ('approved', 'locked')
          left join lateral (select x.value from jsonb_array_elements(e.result->'criteria') x where x.value->>'code' = ${criterionCode} limit 1) c on true
         where r.period_id = ${periodId}::uuid and r.level = ${level}`,
  );
}
