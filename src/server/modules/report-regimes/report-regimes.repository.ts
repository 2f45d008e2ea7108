import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { reportPeriods, reportRegimes } from '../../db/schema/index.js';

export type RegimeRow = typeof reportRegimes.$inferSelect;
export type PeriodRow = typeof reportPeriods.$inferSelect;

/** A regime of the tenant. */
export function findRegime(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(reportRegimes)
    .where(and(eq(reportRegimes.tenantId, tenantId), eq(reportRegimes.id, id)))
    .then((r) => r[0] ?? null);
}

/** The tenant's regimes by code. */
export function findRegimes(db: DbOrTx, tenantId: string) {
  return db.select().from(reportRegimes).where(eq(reportRegimes.tenantId, tenantId)).orderBy(asc(reportRegimes.code));
}

/** A period of the tenant with its regime. */
export function findPeriod(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select({ period: reportPeriods, regime: reportRegimes })
    .from(reportPeriods)
    .innerJoin(reportRegimes, eq(reportRegimes.id, reportPeriods.regimeId))
    .where(and(eq(reportPeriods.tenantId, tenantId), eq(reportPeriods.id, id)))
    .then((r) => r[0] ?? null);
}

/** Locks a period's row for a status change or a compilation's close (serialises them with each other). */
export function lockPeriod(tx: Tx, id: string) {
  return tx
    .select()
    .from(reportPeriods)
    .where(eq(reportPeriods.id, id))
    .for('update')
    .then((r) => r[0] ?? null);
}

/** The tenant's periods with their regimes, newest first, filtered by `filter`. */
export function findPeriods(db: DbOrTx, tenantId: string, filter: SQL[] = []) {
  return db
    .select({ period: reportPeriods, regime: reportRegimes })
    .from(reportPeriods)
    .innerJoin(reportRegimes, eq(reportRegimes.id, reportPeriods.regimeId))
    .where(and(eq(reportPeriods.tenantId, tenantId), ...filter))
    .orderBy(desc(reportPeriods.endDate), asc(reportRegimes.code));
}
