import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../tests/helpers/test-db.js';
import type { DatabaseHandle } from '../db/client.js';
import { lineageEvents, units, unitVersions, users } from '../db/schema/index.js';
import { sealAuditChain, verifyAuditChain } from '../audit/audit.js';
import { demoAccounts, seedDemo } from './demo.js';

let handle: DatabaseHandle;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ handle, drop } = await createTestDatabase());
});
afterAll(async () => drop?.());

describe('demo seed', () => {
  it('loads the real administrative units with their lineage, once', async () => {
    const first = await seedDemo(handle.db);
    expect(first.skipped).toBe(false);
    expect(first.units).toBeGreaterThan(390);
    const second = await seedDemo(handle.db);
    expect(second.skipped).toBe(true);
    const [{ count }] = (await handle.db.select({ count: sql<number>`count(*)::int` }).from(units)) as [{ count: number }];
    expect(count).toBe(first.units);
  });

  it('has 235 communes valid on 2021-07-01 and 114 today, with code 10507 reused', async () => {
    const validOn = (date: string) =>
      handle.db
        .select({ id: units.id, code: units.code })
        .from(units)
        .where(and(eq(units.kindCode, 'commune'), sql`${units.validFrom} <= ${date}`, sql`(${units.validTo} is null or ${units.validTo} > ${date})`));
    expect((await validOn('2021-07-01')).length).toBe(235);
    expect((await validOn('2025-07-01')).length).toBe(114);
    const withCode = await handle.db.select().from(units).where(eq(units.code, '10507'));
    expect(withCode.length).toBe(2);
    const names = await handle.db
      .select({ name: unitVersions.name })
      .from(unitVersions)
      .where(
        sql`${unitVersions.unitId} in (${sql.join(
          withCode.map((u) => sql`${u.id}::uuid`),
          sql`, `,
        )})`,
      );
    expect(names.map((n) => n.name).sort()).toEqual(['Phường Cẩm Thượng', 'Phường Thành Đông']);
    const merged = await handle.db.select().from(lineageEvents).where(eq(lineageEvents.type, 'merged_into'));
    expect(merged.length).toBeGreaterThan(240);
  });

  it('creates the demo accounts, marked as demo, and an intact audit chain', async () => {
    const rows = await handle.db.select().from(users);
    expect(rows.map((u) => u.username).sort()).toEqual(demoAccounts.map((a) => a.username).sort());
    expect(rows.every((u) => u.isDemo && u.fullName.includes('(demo)'))).toBe(true);
    await sealAuditChain(handle.db);
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);
  });
});
