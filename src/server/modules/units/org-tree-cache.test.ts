import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.js';
import { unitKinds, unitVersions, units } from '../../db/schema/index.js';
import { loadOrgTree } from './org-on-date.js';

// The organisation tree is cached per database handle while org_tree_version (moved on by triggers) is unchanged.
describe('organisation tree cache', () => {
  let t: TestApp;
  let districtId: string;
  let communeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const district = await t.buildUnit({ name: 'Huyện Cache', kindCode: 'district' });
    const commune = await t.buildUnit({ name: 'Xã Cũ', kindCode: 'commune', parentId: district.id });
    districtId = district.id;
    communeId = commune.id;
  });
  afterAll(async () => t.close());

  it('answers the same tree while nothing changed, and a frozen one', async () => {
    const first = await loadOrgTree(t.db, t.tenantId, '2024-06-30');
    const second = await loadOrgTree(t.db, t.tenantId, '2024-06-30');
    expect(second).toBe(first);
    expect(first.byId.get(communeId)?.name).toBe('Xã Cũ');
    const unit = first.byId.get(communeId)!;
    expect(() => {
      (unit as { name: string }).name = 'sửa trong bộ nhớ';
    }).toThrow(TypeError);
    expect(() => first.children.get(districtId)!.push(unit)).toThrow(TypeError);
    // Another date is another tree.
    expect(await loadOrgTree(t.db, t.tenantId, '2019-06-30')).not.toBe(first);
  });

  it('reads the tree again after a unit, a version or a kind changes', async () => {
    const before = await loadOrgTree(t.db, t.tenantId, '2024-06-30');
    await t.db.update(unitVersions).set({ name: 'Xã Mới' }).where(eq(unitVersions.unitId, communeId));
    const renamed = await loadOrgTree(t.db, t.tenantId, '2024-06-30');
    expect(renamed).not.toBe(before);
    expect(renamed.byId.get(communeId)?.name).toBe('Xã Mới');

    const added = await t.buildUnit({ name: 'Xã Thêm', kindCode: 'commune', parentId: districtId });
    const withNew = await loadOrgTree(t.db, t.tenantId, '2024-06-30');
    expect(
      withNew.children
        .get(districtId)
        ?.map((u) => u.name)
        .sort(),
    ).toEqual(['Xã Mới', 'Xã Thêm']);

    await t.db.update(units).set({ validTo: '2024-01-01' }).where(eq(units.id, added.id));
    expect((await loadOrgTree(t.db, t.tenantId, '2024-06-30')).byId.has(added.id)).toBe(false);

    const [kind] = await t.db
      .select()
      .from(unitKinds)
      .where(and(eq(unitKinds.tenantId, t.tenantId), eq(unitKinds.code, 'commune')));
    await t.db
      .update(unitKinds)
      .set({ level: 'other' })
      .where(and(eq(unitKinds.tenantId, t.tenantId), eq(unitKinds.code, 'commune')));
    expect((await loadOrgTree(t.db, t.tenantId, '2024-06-30')).byId.get(communeId)?.level).toBe('other');
    await t.db
      .update(unitKinds)
      .set({ level: kind!.level })
      .where(and(eq(unitKinds.tenantId, t.tenantId), eq(unitKinds.code, 'commune')));
    expect((await loadOrgTree(t.db, t.tenantId, '2024-06-30')).byId.get(communeId)?.level).toBe(kind!.level);
  });

  it('inside a transaction sees the transaction’s own changes, and the others do not until it commits', async () => {
    const outside = await loadOrgTree(t.db, t.tenantId, '2024-06-30');
    await expect(
      t.db.transaction(async (tx) => {
        await tx.update(unitVersions).set({ name: 'Xã Trong Giao Dịch' }).where(eq(unitVersions.unitId, communeId));
        expect((await loadOrgTree(tx, t.tenantId, '2024-06-30')).byId.get(communeId)?.name).toBe('Xã Trong Giao Dịch');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const after = await loadOrgTree(t.db, t.tenantId, '2024-06-30');
    expect(after.byId.get(communeId)?.name).toBe(outside.byId.get(communeId)?.name);
  });
});
