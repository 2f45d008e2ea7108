import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '../../../core/dates.js';
import { buildTree } from '../../../core/org/tree.js';
import { foldVietnamese } from '../../../core/text.js';
import { auditLog, lineageEvents, units, unitVersions } from '../../db/schema/index.js';
import { sealAuditChain, verifyAuditChain } from '../../audit/audit.js';
import { ensureTenant } from '../../seed/base.js';
import { seedDemo } from '../../seed/demo.js';
import { createTestApp, type Session, type TestApp } from '../../../../tests/helpers/test-app.js';

const LEGAL = { number: '1669/NQ-UBTVQH15', date: '2025-06-16', title: 'Nghị quyết sắp xếp đơn vị hành chính cấp xã' };

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: null }));
});
afterAll(async () => t?.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function rowVersion(id: string): Promise<number> {
  const [row] = await t.db.select({ rv: units.rowVersion }).from(units).where(eq(units.id, id));
  return row!.rv;
}

async function recordEvent(session: Session, unitId: string, body: Json) {
  return session.request('POST', `/api/units/${unitId}/events`, { legalBasis: LEGAL, rowVersion: await rowVersion(unitId), ...body });
}

/** Rows that a refused write must leave untouched. */
async function counts() {
  const c = async (table: typeof units | typeof unitVersions | typeof lineageEvents | typeof auditLog) =>
    ((await t.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;
  const [u, v, e, a] = await Promise.all([c(units), c(unitVersions), c(lineageEvents), c(auditLog)]);
  const versions = await t.db.select({ id: unitVersions.id, validTo: unitVersions.validTo, name: unitVersions.name }).from(unitVersions);
  const unitRows = await t.db.select({ id: units.id, validTo: units.validTo, rv: units.rowVersion, s: units.searchText }).from(units);
  return { u, v, e, a, state: JSON.stringify([versions.sort((x, y) => x.id.localeCompare(y.id)), unitRows.sort((x, y) => x.id.localeCompare(y.id))]) };
}

async function expectRefused(response: { statusCode: number; json: () => Json }, before: Awaited<ReturnType<typeof counts>>, status: number, code: string, path?: string) {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  const error = response.json().error;
  expect(error.code).toBe(code);
  if (path) expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
  expect(await counts()).toEqual(before);
}

describe('access', () => {
  it('answers 401 to anonymous callers on every unit and group route', async () => {
    const id = randomUUID();
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/unit-kinds'],
      ['GET', '/api/units/tree'],
      ['GET', '/api/units?q=hai'],
      ['GET', `/api/units/${id}`],
      ['GET', `/api/units/${id}/history`],
      ['POST', '/api/units', { kindCode: 'commune', name: 'X', parentId: null, validFrom: '2025-01-01' }],
      ['PATCH', `/api/units/${id}`, { rowVersion: 1 }],
      ['PATCH', `/api/units/${id}`, { nonsense: true }],
      ['POST', '/api/units', 'not json at all'],
      ['POST', `/api/units/${id}/events`, { type: 'dissolved', effectiveDate: '2025-01-01', legalBasis: LEGAL, rowVersion: 1 }],
      ['GET', '/api/groups'],
      ['GET', `/api/groups/${id}`],
      ['POST', '/api/groups', { code: 'c1', name: 'Cụm 1', kind: 'cluster', validFrom: '2025-01-01' }],
      ['POST', `/api/groups/${id}/members`, { unitId: id, validFrom: '2025-01-01' }],
      ['POST', `/api/groups/${id}/members/${id}/end`, { validTo: '2025-01-01' }],
    ];
    for (const [method, url, payload] of calls) {
      const r = await t.anonymous(method as 'GET', url, payload);
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('declares access on every route', () => {
    // The dashboards area adds /api/units/:id/scorecard and the maps area /api/unit-boundary-sets; they are not this area's.
    const mine = t.routes.filter(
      (r) => (r.url.startsWith('/api/units') || r.url.startsWith('/api/unit-kinds') || r.url.startsWith('/api/groups')) && !r.url.endsWith('/scorecard'),
    );
    expect(mine.length).toBe(13);
    for (const r of mine) {
      expect(r.access, `${r.method} ${r.url}`).toBeDefined();
      expect((r.access as { public?: boolean }).public).not.toBe(true);
    }
  });

  it('describes every unit and group route in the OpenAPI document', async () => {
    const r = await t.anonymous('GET', '/api/openapi.json');
    expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
    const paths = Object.keys(r.json().paths as Json);
    for (const p of [
      '/api/unit-kinds',
      '/api/units/tree',
      '/api/units',
      '/api/units/{id}',
      '/api/units/{id}/history',
      '/api/units/{id}/events',
      '/api/groups',
      '/api/groups/{id}',
      '/api/groups/{id}/members',
      '/api/groups/{id}/members/{memberId}/end',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('lists the kind catalogue in order', async () => {
    const r = await admin.request('GET', '/api/unit-kinds');
    expect(r.statusCode).toBe(200);
    const kinds = r.json() as Json[];
    expect(kinds[0]).toEqual({ code: 'province', name: 'Tỉnh / Thành phố trực thuộc Trung ương', nameEn: 'Province / centrally-run city', level: 'province', sortOrder: 1 });
    expect(kinds.map((k) => k.code)).toContain('commune');
  });
});

describe('creating units', () => {
  it('creates a root and a child, normalising names, with a created event and an audit record', async () => {
    const root = await admin.request('POST', '/api/units', {
      code: '33',
      kindCode: 'province',
      adminType: 'Tỉnh',
      name: '  Tỉnh   Hưng Yên '.normalize('NFD'),
      shortName: 'T. Hưng Yên',
      parentId: null,
      validFrom: '2021-07-01',
      email: 'ubnd@haiduong.gov.vn',
    });
    expect(root.statusCode, root.body).toBe(201);
    const body = root.json();
    expect(body.displayName).toBe('Tỉnh Hưng Yên');
    expect(body.displayName).toBe('Tỉnh Hưng Yên'.normalize('NFC'));
    expect(body.unit).toMatchObject({ code: '33', kindCode: 'province', adminType: 'Tỉnh', rowVersion: 1, email: 'ubnd@haiduong.gov.vn', validTo: null });
    expect(body.status).toBe('active');
    expect(body.abilities).toEqual({ canEdit: true, canRecordEvent: true });
    const [stored] = await t.db.select().from(units).where(eq(units.id, body.unit.id));
    expect(stored!.searchText).toBe('tinh hung yen');

    const child = await admin.request('POST', '/api/units', { code: '323', kindCode: 'district', name: 'Thành phố Hưng Yên', parentId: body.unit.id, validFrom: '2021-07-01' });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json().ancestors).toEqual([{ id: body.unit.id, name: 'Tỉnh Hưng Yên', kindCode: 'province' }]);
    const events = await t.db.select().from(lineageEvents).where(eq(lineageEvents.unitId, child.json().unit.id));
    expect(events.map((e) => [e.type, e.effectiveDate])).toEqual([['created', '2021-07-01']]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, child.json().unit.id));
    expect(audit.map((a) => a.action)).toEqual(['unit.created']);
    expect((audit[0]!.after as Json).name).toBe('Thành phố Hưng Yên');
  });

  it('refuses an unknown kind, a parent not valid on the start date, bad fields and unknown fields', async () => {
    const parent = await t.buildUnit({ name: 'Huyện Cũ', kindCode: 'district', validFrom: '2021-07-01', validTo: '2025-07-01' });
    const before = await counts();
    await expectRefused(
      await admin.request('POST', '/api/units', { kindCode: 'galaxy', name: 'Xã A', parentId: null, validFrom: '2022-01-01' }),
      before,
      422,
      'kind_unknown',
      'body.kindCode',
    );
    await expectRefused(
      await admin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã A', parentId: parent.id, validFrom: '2020-01-01' }),
      before,
      422,
      'parent_not_valid',
      'body.parentId',
    );
    // Open-ended under a parent that ends would be left hanging.
    await expectRefused(
      await admin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã A', parentId: parent.id, validFrom: '2022-01-01' }),
      before,
      422,
      'parent_not_valid',
      'body.parentId',
    );
    await expectRefused(
      await admin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã A', parentId: randomUUID(), validFrom: '2022-01-01' }),
      before,
      404,
      'not_found',
      'body.parentId',
    );
    await expectRefused(
      await admin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã A', parentId: null, validFrom: '2022-01-01', rowVersion: 3 }),
      before,
      400,
      'validation_failed',
    );
    await expectRefused(
      await admin.request('POST', '/api/units', { code: '1', kindCode: 'commune', name: 'Xã A', parentId: null, validFrom: '2022-01-01' }),
      before,
      400,
      'validation_failed',
      'body.code',
    );
    await expectRefused(
      await admin.request('POST', '/api/units', { kindCode: 'commune', name: '   ', parentId: null, validFrom: '2022-01-01' }),
      before,
      400,
      'validation_failed',
      'body.name',
    );
    await expectRefused(
      await admin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã A', parentId: null, validFrom: '2023-02-30' }),
      before,
      400,
      'validation_failed',
      'body.validFrom',
    );
  });

  it('allows an official code to be reused at a later time, never at an overlapping one', async () => {
    const old = await admin.request('POST', '/api/units', { code: '10999', kindCode: 'commune', name: 'Phường Cũ', parentId: null, validFrom: '2021-07-01' });
    expect(old.statusCode).toBe(201);
    const oldId = old.json().unit.id;
    const before = await counts();
    await expectRefused(
      await admin.request('POST', '/api/units', { code: '10999', kindCode: 'commune', name: 'Phường Mới', parentId: null, validFrom: '2025-07-01' }),
      before,
      422,
      'code_in_use',
      'body.code',
    );
    expect((await recordEvent(admin, oldId, { type: 'dissolved', effectiveDate: '2025-07-01' })).statusCode).toBe(201);
    const overlapping = await admin.request('POST', '/api/units', { code: '10999', kindCode: 'commune', name: 'Phường Mới', parentId: null, validFrom: '2025-06-30' });
    expect(overlapping.statusCode).toBe(422);
    expect(overlapping.json().error.message).toContain('10999');
    const reused = await admin.request('POST', '/api/units', { code: '10999', kindCode: 'commune', name: 'Phường Mới', parentId: null, validFrom: '2025-07-01' });
    expect(reused.statusCode, reused.body).toBe(201);
    const search = await admin.request('GET', '/api/units?q=10999');
    expect(search.json().items.map((i: Json) => i.name)).toEqual(['Phường Cũ', 'Phường Mới'].sort((a, b) => a.localeCompare(b, 'vi')));
  });
});

describe('a small province over time', () => {
  let province: string, d1: string, d2: string, c1: string, c2: string, c3: string, c4: string;
  beforeAll(async () => {
    province = (await t.buildUnit({ name: 'Tỉnh Thử', kindCode: 'province', code: '90', validFrom: '2021-07-01' })).id;
    d1 = (await t.buildUnit({ name: 'Huyện Đông', kindCode: 'district', code: '901', parentId: province, validFrom: '2021-07-01' })).id;
    d2 = (await t.buildUnit({ name: 'Huyện Tây', kindCode: 'district', code: '902', parentId: province, validFrom: '2021-07-01' })).id;
    c1 = (await t.buildUnit({ name: 'Xã An Bình', code: '90101', parentId: d1, validFrom: '2021-07-01' })).id;
    c2 = (await t.buildUnit({ name: 'Xã Bình Minh', code: '90102', parentId: d1, validFrom: '2021-07-01' })).id;
    c3 = (await t.buildUnit({ name: 'Xã Cẩm Hoà', code: '90201', parentId: d2, validFrom: '2021-07-01' })).id;
    c4 = (await t.buildUnit({ name: 'Xã Đức Chính', code: '90202', parentId: d2, validFrom: '2021-07-01' })).id;
  });

  it('records a rename, a move and a merger, and the tree answers for dates on either side', async () => {
    const renamed = await recordEvent(admin, c1, { type: 'renamed', name: 'Thị trấn An Bình', shortName: 'TT An Bình', effectiveDate: '2023-01-01' });
    expect(renamed.statusCode, renamed.body).toBe(201);
    expect(renamed.json().event).toMatchObject({
      type: 'renamed',
      effectiveDate: '2023-01-01',
      legalBasis: LEGAL,
      details: { oldName: 'Xã An Bình', newName: 'Thị trấn An Bình' },
    });
    expect(renamed.json().unit.displayName).toBe('Thị trấn An Bình');
    expect(renamed.json().unit.unit.rowVersion).toBe(2);
    const [row] = await t.db.select().from(units).where(eq(units.id, c1));
    expect(row!.searchText).toBe('xa an binh thi tran an binh');

    const moved = await recordEvent(admin, c2, { type: 'moved', parentId: d2, effectiveDate: '2024-01-01' });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json().event.relatedUnits).toEqual([{ id: d2, code: '902', name: 'Huyện Tây' }]);

    const merged = await recordEvent(admin, c3, { type: 'merged_into', targetUnitId: c4, kind: 'full', effectiveDate: '2025-01-01' });
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json().unit.status).toBe('ceased');
    expect(merged.json().unit.abilities).toEqual({ canEdit: true, canRecordEvent: false });

    const tree = async (asOf: string) => {
      const r = await admin.request('GET', `/api/units/tree?asOf=${asOf}`);
      expect(r.statusCode).toBe(200);
      expect(r.json().asOf).toBe(asOf);
      const nodes = (r.json().nodes as Json[]).filter((n) => [province, d1, d2, c1, c2, c3, c4].includes(n.id));
      return new Map(nodes.map((n) => [n.id, n]));
    };
    const before = await tree('2022-12-31');
    expect(before.get(c1)).toMatchObject({ name: 'Xã An Bình', shortName: null, parentId: d1, code: '90101', kindCode: 'commune' });
    expect(before.get(c2)!.parentId).toBe(d1);
    expect(before.has(c3)).toBe(true);
    const after = await tree('2025-01-01');
    expect(after.get(c1)).toMatchObject({ name: 'Thị trấn An Bình', shortName: 'TT An Bình', parentId: d1 });
    expect(after.get(c2)!.parentId).toBe(d2);
    expect(after.has(c3)).toBe(false);
    expect(after.size).toBe(6);
    const nested = buildTree([...after.values()] as { id: string; parentId: string | null }[]);
    expect(nested.map((n) => n.id)).toEqual([province]);

    const detail = await admin.request('GET', `/api/units/${c4}?asOf=2025-06-01`);
    expect(detail.json().predecessors).toEqual([{ id: c3, code: '90201', name: 'Xã Cẩm Hoà', eventType: 'merged_into', effectiveDate: '2025-01-01', kind: 'full' }]);
    const old = await admin.request('GET', `/api/units/${c3}?asOf=2024-06-01`);
    expect(old.json()).toMatchObject({ status: 'active', displayName: 'Xã Cẩm Hoà', version: { name: 'Xã Cẩm Hoà', parentId: d2, validTo: '2025-01-01' } });
    expect(old.json().ancestors.map((a: Json) => a.name)).toEqual(['Tỉnh Thử', 'Huyện Tây']);
    expect(old.json().successors).toEqual([
      {
        id: c4,
        code: '90202',
        name: 'Xã Đức Chính',
        eventType: 'merged_into',
        effectiveDate: '2025-01-01',
        kind: 'full',
        ancestors: [
          { id: province, name: 'Tỉnh Thử', kindCode: 'province' },
          { id: d2, name: 'Huyện Tây', kindCode: 'district' },
        ],
      },
    ]);
    const district = await admin.request('GET', `/api/units/${d2}?asOf=2024-06-01`);
    expect(district.json().children.map((c: Json) => c.code)).toEqual(['90102', '90201', '90202']);
    const districtEarlier = await admin.request('GET', `/api/units/${d2}?asOf=2023-06-01`);
    expect(districtEarlier.json().children.map((c: Json) => c.code)).toEqual(['90201', '90202']);

    const history = await admin.request('GET', `/api/units/${c1}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().versions.map((v: Json) => [v.name, v.parentName, v.validFrom, v.validTo])).toEqual([
      ['Xã An Bình', 'Huyện Đông', '2021-07-01', '2023-01-01'],
      ['Thị trấn An Bình', 'Huyện Đông', '2023-01-01', null],
    ]);
    expect(history.json().events.map((e: Json) => e.type)).toEqual(['renamed']);
    const movedHistory = await admin.request('GET', `/api/units/${c2}/history`);
    expect(movedHistory.json().versions.map((v: Json) => v.parentName)).toEqual(['Huyện Đông', 'Huyện Tây']);
    expect(movedHistory.json().events[0]).toMatchObject({ type: 'moved', details: { fromParentId: d1, toParentId: d2 } });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, c3));
    expect(audit.map((a) => a.action)).toEqual(['unit.merged_into']);
    expect(audit[0]!.after).toMatchObject({ validTo: '2025-01-01', mergedInto: c4, kind: 'full', rowVersion: 2 });
  });

  it('refuses events that break the timeline, writing nothing', async () => {
    const before = await counts();
    // Renamed on 2023-01-01: a new change must come after that.
    await expectRefused(await recordEvent(admin, c1, { type: 'renamed', name: 'Xã Khác', effectiveDate: '2023-01-01' }), before, 422, 'event_before_start', 'body.effectiveDate');
    await expectRefused(
      await recordEvent(admin, c1, { type: 'renamed', name: 'Thị trấn An Bình', shortName: 'TT An Bình', effectiveDate: '2024-01-01' }),
      before,
      422,
      'same_name',
      'body.name',
    );
    // A district under its own commune.
    await expectRefused(await recordEvent(admin, d1, { type: 'moved', parentId: c1, effectiveDate: '2024-06-01' }), before, 422, 'cycle', 'body.parentId');
    await expectRefused(await recordEvent(admin, d1, { type: 'moved', parentId: d1, effectiveDate: '2024-06-01' }), before, 422, 'cycle', 'body.parentId');
    await expectRefused(await recordEvent(admin, c4, { type: 'moved', parentId: d2, effectiveDate: '2024-06-01' }), before, 422, 'same_parent', 'body.parentId');
    // The merged-away commune is no parent after 2025-01-01.
    await expectRefused(await recordEvent(admin, c4, { type: 'moved', parentId: c3, effectiveDate: '2025-02-01' }), before, 422, 'parent_not_valid', 'body.parentId');
    // A district with communes still under it.
    const dissolve = await recordEvent(admin, d2, { type: 'dissolved', effectiveDate: '2025-07-01' });
    await expectRefused(dissolve, before, 422, 'has_open_children');
    expect(dissolve.json().error.message).toContain('Xã Đức Chính');
    expect(dissolve.json().error.details.map((d: Json) => d.message)).toEqual(['90102 Xã Bình Minh', '90202 Xã Đức Chính']);
    // Already ended.
    await expectRefused(await recordEvent(admin, c3, { type: 'dissolved', effectiveDate: '2025-07-01' }), before, 422, 'already_closed');
    await expectRefused(await recordEvent(admin, c3, { type: 'renamed', name: 'Xã Mới', effectiveDate: '2025-07-01' }), before, 422, 'already_closed');
    // Merging into a unit that has ended, or into itself.
    await expectRefused(
      await recordEvent(admin, c4, { type: 'merged_into', targetUnitId: c3, kind: 'full', effectiveDate: '2025-07-01' }),
      before,
      422,
      'related_not_valid',
      'body.targetUnitId',
    );
    await expectRefused(
      await recordEvent(admin, c4, { type: 'merged_into', targetUnitId: c4, kind: 'full', effectiveDate: '2025-07-01' }),
      before,
      422,
      'related_self',
      'body.targetUnitId',
    );
    await expectRefused(
      await recordEvent(admin, c4, { type: 'merged_into', targetUnitId: randomUUID(), kind: 'full', effectiveDate: '2025-07-01' }),
      before,
      404,
      'not_found',
      'body.targetUnitId',
    );
    // Bodies: unknown type, missing legal basis title, a field of another type.
    await expectRefused(await recordEvent(admin, c4, { type: 'exploded', effectiveDate: '2025-07-01' }), before, 400, 'validation_failed');
    await expectRefused(
      await recordEvent(admin, c4, { type: 'dissolved', effectiveDate: '2025-07-01', legalBasis: { number: '1' } }),
      before,
      400,
      'validation_failed',
      'body.legalBasis.title',
    );
    await expectRefused(await recordEvent(admin, c4, { type: 'dissolved', effectiveDate: '2025-07-01', name: 'x' }), before, 400, 'validation_failed');
    // A stale row version.
    const stale = await admin.request('POST', `/api/units/${c1}/events`, { type: 'renamed', name: 'Xã Mới', effectiveDate: '2025-01-01', legalBasis: LEGAL, rowVersion: 1 });
    await expectRefused(stale, before, 409, 'conflict', 'unit.name');
  });

  it('dissolves a unit and records a split', async () => {
    const newer = (await t.buildUnit({ name: 'Xã Tân Lập', code: '90203', parentId: d2, validFrom: '2024-01-01' })).id;
    const split = await recordEvent(admin, newer, { type: 'split_from', sourceUnitId: c4, effectiveDate: '2024-01-01' });
    expect(split.statusCode, split.body).toBe(201);
    expect(split.json().unit.predecessors).toEqual([{ id: c4, code: '90202', name: 'Xã Đức Chính', eventType: 'split_from', effectiveDate: '2024-01-01', kind: null }]);
    const source = await admin.request('GET', `/api/units/${c4}`);
    expect(source.json().successors.map((s: Json) => [s.id, s.eventType])).toEqual([[newer, 'split_from']]);
    const before = await counts();
    await expectRefused(
      await recordEvent(admin, newer, { type: 'split_from', sourceUnitId: newer, effectiveDate: '2024-01-01' }),
      before,
      422,
      'related_self',
      'body.sourceUnitId',
    );
    await expectRefused(
      await recordEvent(admin, newer, { type: 'split_from', sourceUnitId: c4, effectiveDate: '2023-01-01' }),
      before,
      422,
      'event_before_start',
      'body.effectiveDate',
    );

    const dissolved = await recordEvent(admin, newer, { type: 'dissolved', effectiveDate: '2025-03-01' });
    expect(dissolved.statusCode, dissolved.body).toBe(201);
    const [row] = await t.db.select().from(units).where(eq(units.id, newer));
    expect(row!.validTo).toBe('2025-03-01');
    const versions = await t.db.select().from(unitVersions).where(eq(unitVersions.unitId, newer));
    expect(versions.map((v) => v.validTo)).toEqual(['2025-03-01']);
    const detail = await admin.request('GET', `/api/units/${newer}?asOf=2026-01-01`);
    expect(detail.json()).toMatchObject({ status: 'ceased', version: null, displayName: 'Xã Tân Lập' });
    expect(detail.json().ancestors.map((a: Json) => a.name)).toEqual(['Tỉnh Thử', 'Huyện Tây']);
    const notYet = await admin.request('GET', `/api/units/${newer}?asOf=2023-01-01`);
    expect(notYet.json()).toMatchObject({ status: 'not_yet', version: null, displayName: 'Xã Tân Lập' });
  });

  it('divides a unit among several successors with partial shares on its end date', async () => {
    const a = (await t.buildUnit({ name: 'Xã Chia Đôi', code: '90301', validFrom: '2021-07-01' })).id;
    const x = (await t.buildUnit({ name: 'Xã Nhận Một', code: '90302', validFrom: '2021-07-01' })).id;
    const y = (await t.buildUnit({ name: 'Xã Nhận Hai', code: '90303', validFrom: '2021-07-01' })).id;
    expect((await recordEvent(admin, a, { type: 'merged_into', targetUnitId: x, kind: 'partial', effectiveDate: '2025-07-01' })).statusCode).toBe(201);
    const second = await recordEvent(admin, a, { type: 'merged_into', targetUnitId: y, kind: 'partial', effectiveDate: '2025-07-01' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().unit.successors.map((s: Json) => [s.name, s.kind])).toEqual([
      ['Xã Nhận Một', 'partial'],
      ['Xã Nhận Hai', 'partial'],
    ]);
    const before = await counts();
    await expectRefused(await recordEvent(admin, a, { type: 'merged_into', targetUnitId: y, kind: 'partial', effectiveDate: '2025-07-01' }), before, 422, 'already_closed');
    await expectRefused(await recordEvent(admin, a, { type: 'merged_into', targetUnitId: x, kind: 'full', effectiveDate: '2025-07-01' }), before, 422, 'already_closed');
  });

  it('edits contact fields with optimistic locking and an audit record', async () => {
    const r = await admin.request('PATCH', `/api/units/${d1}`, { rowVersion: await rowVersion(d1), address: ' Số 1 Đường Trần Hưng Đạo ', phone: '0220 3852 000', note: '' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().unit).toMatchObject({ address: 'Số 1 Đường Trần Hưng Đạo', phone: '0220 3852 000', note: null, rowVersion: 2 });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, d1), eq(auditLog.action, 'unit.updated')));
    expect(audit[0]!.before).toEqual({ address: null, phone: null });
    expect(audit[0]!.after).toEqual({ address: 'Số 1 Đường Trần Hưng Đạo', phone: '0220 3852 000', rowVersion: 2 });

    const before = await counts();
    const stale = await admin.request('PATCH', `/api/units/${d1}`, { rowVersion: 1, website: 'https://dong.example.vn' });
    await expectRefused(stale, before, 409, 'conflict');
    expect(stale.json().error.details.map((d: Json) => d.path)).toEqual(['body.address', 'body.phone']);
    await expectRefused(await admin.request('PATCH', `/api/units/${d1}`, { rowVersion: 2, name: 'Huyện Khác' }), before, 400, 'validation_failed');
    await expectRefused(await admin.request('PATCH', `/api/units/${d1}`, { rowVersion: 2, email: 'khong-phai-email' }), before, 400, 'validation_failed', 'body.email');
    await expectRefused(await admin.request('PATCH', `/api/units/${randomUUID()}`, { rowVersion: 2 }), before, 404, 'not_found');

    const unchanged = await admin.request('PATCH', `/api/units/${d1}`, { rowVersion: 2, phone: '0220 3852 000' });
    expect(unchanged.json().unit.rowVersion).toBe(2);
  });

  it('limits writes to the actor’s subtree: 404 outside it, 403 for tenant-wide acts', async () => {
    const eastAdmin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: d1, includeSubtree: true }));
    const viewer = await t.signIn(await t.buildUser({ role: 'viewer', unitId: d1 }));
    const before = await counts();
    await expectRefused(await eastAdmin.request('PATCH', `/api/units/${c4}`, { rowVersion: await rowVersion(c4), note: 'x' }), before, 404, 'not_found');
    await expectRefused(await recordEvent(eastAdmin, c4, { type: 'renamed', name: 'Xã Lạ', effectiveDate: '2025-08-01' }), before, 404, 'not_found');
    await expectRefused(await recordEvent(eastAdmin, d2, { type: 'dissolved', effectiveDate: '2025-08-01' }), before, 404, 'not_found');
    await expectRefused(await eastAdmin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã Lạ', parentId: d2, validFrom: '2025-08-01' }), before, 404, 'not_found');
    // Moving one of its own communes out of its subtree.
    await expectRefused(await recordEvent(eastAdmin, c1, { type: 'moved', parentId: d2, effectiveDate: '2025-08-01' }), before, 404, 'not_found');
    await expectRefused(
      await eastAdmin.request('POST', '/api/units', { kindCode: 'province', name: 'Tỉnh Lạ', parentId: null, validFrom: '2025-08-01' }),
      before,
      403,
      'forbidden',
    );

    await expectRefused(await viewer.request('PATCH', `/api/units/${c1}`, { rowVersion: await rowVersion(c1), note: 'x' }), before, 404, 'not_found');
    await expectRefused(await viewer.request('POST', '/api/units', { kindCode: 'province', name: 'Tỉnh Lạ', parentId: null, validFrom: '2025-08-01' }), before, 404, 'not_found');
    expect((await viewer.request('GET', `/api/units/${c4}`)).json().abilities).toEqual({ canEdit: false, canRecordEvent: false });

    const own = await eastAdmin.request('PATCH', `/api/units/${c1}`, { rowVersion: await rowVersion(c1), note: 'Ghi chú' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().abilities).toEqual({ canEdit: true, canRecordEvent: true });
    expect((await eastAdmin.request('GET', `/api/units/${c4}`)).json().abilities).toEqual({ canEdit: false, canRecordEvent: false });
    const created = await eastAdmin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã Mới Lập', parentId: d1, validFrom: '2025-08-01' });
    expect(created.statusCode, created.body).toBe(201);
  });

  it('hides units of another tenant', async () => {
    const otherTenant = await ensureTenant(t.db, 'tinh-khac', 'Tỉnh khác');
    const id = randomUUID();
    await t.db.insert(units).values({ id, tenantId: otherTenant, code: '99', kindCode: 'province', validFrom: '2021-01-01', searchText: 'tinh bi mat' });
    await t.db.insert(unitVersions).values({ id: randomUUID(), tenantId: otherTenant, unitId: id, name: 'Tỉnh Bí Mật', validFrom: '2021-01-01' });
    expect((await admin.request('GET', `/api/units/${id}`)).statusCode).toBe(404);
    expect((await admin.request('GET', `/api/units/${id}/history`)).statusCode).toBe(404);
    expect((await admin.request('PATCH', `/api/units/${id}`, { rowVersion: 1, note: 'x' })).statusCode).toBe(404);
    expect((await recordEvent(admin, id, { type: 'dissolved', effectiveDate: '2025-01-01' })).statusCode).toBe(404);
    expect((await admin.request('GET', '/api/units?q=bi%20mat')).json().total).toBe(0);
    expect((await admin.request('GET', '/api/units/tree')).json().nodes.some((n: Json) => n.id === id)).toBe(false);
    const child = await admin.request('POST', '/api/units', { kindCode: 'commune', name: 'Xã Lạc', parentId: id, validFrom: '2025-01-01' });
    expect(child.statusCode).toBe(404);
  });
});

describe('search', () => {
  let province: string;
  beforeAll(async () => {
    province = (await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province', code: '30', validFrom: '2021-07-01', validTo: '2025-07-01' })).id;
    const city = await t.buildUnit({ name: 'Thành phố Hải Dương', kindCode: 'district', code: '288', parentId: province, validFrom: '2021-07-01', validTo: '2025-07-01' });
    await t.buildUnit({ name: 'Phường Cẩm Thượng', code: '10507', parentId: city.id, validFrom: '2021-07-01', validTo: '2025-07-01' });
    await t.buildUnit({ name: 'Phường Thành Đông', code: '10507', validFrom: '2025-07-01' });
    await t.buildUnit({ name: 'Xã Đoàn Kết', validFrom: '2021-07-01' });
    await t.buildUnit({ name: 'Xã Hải Dương Mới', validFrom: '2021-07-01' });
  });
  const search = async (query: string) => {
    const r = await admin.request('GET', `/api/units?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { items: Json[]; total: number };
  };

  it('ignores accents, case and Unicode composition', async () => {
    const spellings = ['hai duong', 'HẢI DƯƠNG', 'Hai Dương', 'Hải Dương'.normalize('NFD'), '  hải   dương '];
    for (const q of spellings) {
      const names = (await search(`q=${encodeURIComponent(q)}`)).items.map((i) => i.name);
      expect(names, q).toContain('Tỉnh Hải Dương');
      expect(names, q).toContain('Thành phố Hải Dương');
    }
    expect((await search('q=doan ket')).items.map((i) => i.name)).toEqual(['Xã Đoàn Kết']);
  });

  it('finds ceased units by default, marked by validTo, with parent as of their last day', async () => {
    const result = await search('q=cam%20thuong');
    expect(result.total).toBe(1);
    expect(result.items[0]).toMatchObject({
      name: 'Phường Cẩm Thượng',
      code: '10507',
      validTo: '2025-07-01',
      parentName: 'Thành phố Hải Dương',
      matchedOldName: null,
      kindCode: 'commune',
      isDemo: false,
    });
    expect((await search('q=cam%20thuong&includeClosed=false')).total).toBe(0);
    expect((await search('q=cam%20thuong&asOf=2023-06-30&includeClosed=false')).total).toBe(1);
    expect((await search('q=thanh%20dong&asOf=2023-06-30')).total).toBe(0);
  });

  it('finds a unit by a former name and says which', async () => {
    const unit = await t.buildUnit({ name: 'Xã Quốc Tuấn', validFrom: '2021-07-01' });
    await recordEvent(admin, unit.id, { type: 'renamed', name: 'Xã An Phú', effectiveDate: '2025-01-01' });
    const byOld = await search('q=quoc%20tuan');
    expect(byOld.items.map((i) => [i.name, i.matchedOldName])).toEqual([['Xã An Phú', 'Xã Quốc Tuấn']]);
    const asThen = await search('q=quoc%20tuan&asOf=2024-01-01');
    expect(asThen.items.map((i) => [i.name, i.matchedOldName])).toEqual([['Xã Quốc Tuấn', null]]);
  });

  it('matches the code exactly, ranks prefix matches first, filters by kind and pages', async () => {
    expect((await search('q=10507')).items.map((i) => i.name)).toEqual(['Phường Cẩm Thượng', 'Phường Thành Đông']);
    expect((await search('q=1050')).total).toBe(0);
    // "Dương" starts the name of Xã Dương Quang after its type; elsewhere it is inside the name.
    const created = await admin.request('POST', '/api/units', { kindCode: 'commune', adminType: 'Xã', name: 'Xã Dương Quang', parentId: null, validFrom: '2021-07-01' });
    expect(created.statusCode).toBe(201);
    const ranked = (await search('q=duong')).items.map((i) => i.name);
    expect(ranked.slice(0, 4)).toEqual(['Xã Dương Quang', 'Thành phố Hải Dương', 'Tỉnh Hải Dương', 'Xã Hải Dương Mới']);
    const all = await search('q=hai%20duong');
    expect(all.total).toBe(3);
    expect((await search('q=hai%20duong&kind=district')).items.map((i) => i.name)).toEqual(['Thành phố Hải Dương']);
    const page = await search('q=hai%20duong&limit=1&offset=1');
    expect(page.total).toBe(3);
    expect(page.items).toEqual([all.items[1]]);
    expect((await admin.request('GET', '/api/units?limit=0')).statusCode).toBe(400);
    expect((await admin.request('GET', '/api/units?asOf=2025-13-01')).statusCode).toBe(400);
    // No text: a listing of units in force.
    const listing = await search('asOf=2025-08-01&limit=200');
    expect(listing.items.some((i) => i.name === 'Phường Cẩm Thượng')).toBe(false);
    expect(listing.items.some((i) => i.name === 'Phường Thành Đông')).toBe(true);
    // LIKE wildcards in the query are literal.
    expect((await search('q=%25')).total).toBe(0);
    expect((await search('q=_')).total).toBe(0);
  });
});

describe('the seeded Hải Dương / Hải Phòng data', () => {
  let s: TestApp;
  let viewer: Session;
  beforeAll(async () => {
    s = await createTestApp();
    await seedDemo(s.db);
    viewer = await s.signIn(await s.buildUser({ role: 'viewer' }));
  });
  afterAll(async () => s?.close());

  it('shows Phường Cẩm Thượng in 2023 and as merged into Phường Thành Đông of Hải Phòng today', async () => {
    const found = await viewer.request('GET', '/api/units?q=cam%20thuong');
    const item = (found.json().items as Json[]).find((i) => i.code === '10507')!;
    expect(item).toMatchObject({ name: 'Phường Cẩm Thượng', validTo: '2025-07-01' });

    const then = (await viewer.request('GET', `/api/units/${item.id}?asOf=2023-06-30`)).json();
    expect(then.status).toBe('active');
    expect(then.ancestors.map((a: Json) => a.name)).toEqual(['Tỉnh Hải Dương', 'Thành phố Hải Dương']);

    const now = await viewer.request('GET', `/api/units/${item.id}`);
    expect(now.statusCode).toBe(200);
    expect(now.json().asOf).toBe(todayInVietnam());
    expect(now.json().status).toBe('ceased');
    expect(now.json().ancestors.map((a: Json) => a.name)).toEqual(['Tỉnh Hải Dương', 'Thành phố Hải Dương']);
    const successor = (now.json().successors as Json[]).find((x) => x.name === 'Phường Thành Đông')!;
    expect(successor).toMatchObject({ code: '10507', eventType: 'merged_into' });
    expect(successor.ancestors.map((a: Json) => a.name)).toEqual(['Thành phố Hải Phòng']);

    const newer = (await viewer.request('GET', `/api/units/${successor.id}`)).json();
    expect(newer.predecessors.map((p: Json) => p.name)).toContain('Phường Cẩm Thượng');
    const history = (await viewer.request('GET', `/api/units/${successor.id}/history`)).json();
    expect(history.events[0].type).toBe('created');
    expect(history.events[0].relatedUnits.map((r: Json) => r.name)).toContain('Phường Cẩm Thượng');
  });

  it('answers the whole tree for a date in one request, quickly', async () => {
    await viewer.request('GET', '/api/units/tree?asOf=2023-06-30');
    const started = performance.now();
    const r = await viewer.request('GET', '/api/units/tree?asOf=2023-06-30');
    const elapsed = performance.now() - started;
    expect(r.statusCode).toBe(200);
    const nodes = r.json().nodes as Json[];
    expect(nodes.filter((n) => n.kindCode === 'commune').length).toBe(235);
    const roots = buildTree(nodes as { id: string; parentId: string | null }[]);
    expect(roots.map((n) => (n as unknown as Json).name)).toEqual(['Tỉnh Hải Dương']);
    expect(elapsed).toBeLessThan(2000);
    const today = (await viewer.request('GET', '/api/units/tree')).json().nodes as Json[];
    expect(today.filter((n) => n.kindCode === 'commune').length).toBe(114);
    const search = (await viewer.request('GET', `/api/units?q=${encodeURIComponent('phường')}&limit=200`)).json();
    expect(search.total).toBeGreaterThan(50);
    expect(search.items.every((i: Json) => foldVietnamese(i.name).includes('phuong') || i.matchedOldName)).toBe(true);
  });

  it('keeps the audit chain intact', async () => {
    await sealAuditChain(s.db);
    expect((await verifyAuditChain(s.db)).ok).toBe(true);
  });
});

describe('audit chain', () => {
  it('stays intact after all the writes above', async () => {
    await sealAuditChain(t.db);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
