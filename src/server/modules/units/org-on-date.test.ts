import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.js';
import { queryRows } from '../../db/client.js';
import { lineageEvents, units, unitVersions } from '../../db/schema/index.js';
import { nameOn } from '../../../core/org/names.js';
import { unitNameOnSql } from './org-on-date.repository.js';
import { findSubtreeIdsOn, findSuccessorInForce, findUnitNames, findUnitOn, findUnitsNamed } from './org-on-date.js';

// The organisation on a date: one rule for a unit's level and one for its name, whichever function answers.
describe('organisation on a date', () => {
  let t: TestApp;
  let district: string;
  let gap: string;
  let future: string;
  let club: string;
  let merged: string;

  beforeAll(async () => {
    t = await createTestApp();
    district = (await t.buildUnit({ name: 'Huyện Ngày', kindCode: 'district' })).id;
    // Named "Trước" in 2020, nothing in 2021, "Sau" from 2022 (a gap between its versions).
    gap = (await t.buildUnit({ name: 'Trước', parentId: district, validTo: '2021-01-01' })).id;
    await t.db.update(units).set({ validTo: null }).where(eq(units.id, gap));
    await t.db.insert(unitVersions).values({ id: randomUUID(), tenantId: t.tenantId, unitId: gap, name: 'Sau', parentId: district, validFrom: '2022-01-01', validTo: null });
    // Created in 2030, renamed in 2031.
    future = (await t.buildUnit({ name: 'Đầu', parentId: district, validFrom: '2030-01-01', validTo: '2031-01-01' })).id;
    await t.db.update(units).set({ validTo: null }).where(eq(units.id, future));
    await t.db.insert(unitVersions).values({ id: randomUUID(), tenantId: t.tenantId, unitId: future, name: 'Sau đó', parentId: district, validFrom: '2031-01-01', validTo: null });
    // A kind missing from unit_kinds.
    club = (await t.buildUnit({ name: 'Câu lạc bộ', kindCode: 'club', parentId: gap })).id;
    // Ended in 2025, merged into the district.
    merged = (await t.buildUnit({ name: 'Xã Sáp Nhập', parentId: district, validTo: '2025-07-01' })).id;
    await t.db
      .insert(lineageEvents)
      .values({ id: randomUUID(), tenantId: t.tenantId, unitId: merged, type: 'merged_into', relatedUnitIds: [district], effectiveDate: '2025-07-01', details: { kind: 'full' } });
  });
  afterAll(async () => t.close());

  it('gives a unit of a kind without a level the level "other", and no unit when it is not in force', async () => {
    expect(await findUnitOn(t.db, t.tenantId, club, '2024-06-30')).toMatchObject({ id: club, name: 'Câu lạc bộ', kind_code: 'club', level: 'other', parent_id: gap });
    expect((await findUnitOn(t.db, t.tenantId, district, '2024-06-30'))?.level).toBe('district');
    expect(await findUnitOn(t.db, t.tenantId, gap, '2021-06-30')).toBeNull();
    expect(await findUnitOn(t.db, t.tenantId, merged, '2025-07-01')).toBeNull();
    expect(await findUnitOn(t.db, randomUUID(), district, '2024-06-30')).toBeNull();
  });

  it('names units by the one rule in every reader: in force, else the latest before, else the first', async () => {
    const versions = await t.db
      .select()
      .from(unitVersions)
      .where(sql`${unitVersions.unitId} in (${gap}::uuid, ${future}::uuid)`);
    const ids = [gap, future];
    for (const date of ['2020-06-30', '2021-06-30', '2024-06-30', '2025-01-01', '2030-06-30', '2032-01-01']) {
      const expected = new Map(
        ids.map((id) => [
          id,
          nameOn(
            versions.filter((v) => v.unitId === id),
            date,
          ),
        ]),
      );
      const names = await findUnitNames(t.db, t.tenantId, ids, date);
      const named = new Map((await findUnitsNamed(t.db, t.tenantId, ids, date)).map((u) => [u.id, u.name]));
      const inSql = new Map(
        (
          await queryRows<{ id: string; name: string }>(
            t.db,
            sql`select u.id, ${unitNameOnSql(sql`u.id`, sql`${date}::date`)} as name from units u where u.id in (${gap}::uuid, ${future}::uuid)`,
          )
        ).map((r) => [r.id, r.name]),
      );
      expect({ date, names }).toEqual({ date, names: expected });
      expect({ date, named }).toEqual({ date, named: expected });
      expect({ date, inSql }).toEqual({ date, inSql: expected });
    }
    expect((await findUnitNames(t.db, t.tenantId, [gap], '2021-06-30')).get(gap)).toBe('Trước');
    expect((await findUnitNames(t.db, t.tenantId, [future], '2025-01-01')).get(future)).toBe('Đầu');
    expect((await findUnitNames(t.db, randomUUID(), [gap], '2024-06-30')).size).toBe(0);
    expect((await findUnitNames(t.db, t.tenantId, [], '2024-06-30')).size).toBe(0);
  });

  it('lists the units below a unit on a date, the unit itself excluded', async () => {
    expect(await findSubtreeIdsOn(t.db, t.tenantId, district, '2024-06-30')).toEqual(new Set([gap, club, merged]));
    expect(await findSubtreeIdsOn(t.db, t.tenantId, district, '2025-07-01')).toEqual(new Set([gap, club]));
    expect(await findSubtreeIdsOn(t.db, t.tenantId, gap, '2021-06-30')).toEqual(new Set([club]));
  });

  it('follows a merger to the successor in force', async () => {
    expect(await findSuccessorInForce(t.db, t.tenantId, merged, '2025-06-30')).toBe(merged);
    expect(await findSuccessorInForce(t.db, t.tenantId, merged, '2025-08-01')).toBe(district);
    expect(await findSuccessorInForce(t.db, t.tenantId, gap, '2021-06-30')).toBeNull();
  });
});
