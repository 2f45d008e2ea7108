import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { todayInVietnam } from '../../../core/dates.js';
import { auditLog, dueItems, notifications, pilotRegistrations, pilotUnits } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { syncMilestoneDueItems } from '../inbox/inbox.service.js';
import { buildMovement } from '../launches/obligations.fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let province: TestUnit, districtA: TestUnit, districtB: TestUnit, a1: TestUnit, a2: TestUnit, a3: TestUnit, b1: TestUnit, department: TestUnit;
let council: Session, standing: Session, board: Session, adminA: Session, adminB: Session, communeA1: Session;
let movementId: string, closedMovementId: string;

async function counts() {
  const n = async (table: typeof pilotRegistrations | typeof pilotUnits | typeof auditLog | typeof notifications) =>
    ((await t.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;
  const open = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(dueItems)
    .where(eq(dueItems.status, 'open'));
  return { r: await n(pilotRegistrations), u: await n(pilotUnits), a: await n(auditLog), n: await n(notifications), open: open[0]!.n };
}

async function expectRefused(response: { statusCode: number; json: () => Json }, before: Awaited<ReturnType<typeof counts>>, status: number, code: string, path?: string) {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.json().error.code).toBe(code);
  if (path) expect(response.json().error.details.map((d: Json) => d.path)).toContain(path);
  expect(await counts()).toEqual(before);
  return response.json().error as Json;
}

beforeAll(async () => {
  t = await createTestApp();
  province = await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', code: '291', parentId: province.id });
  districtB = await t.buildUnit({ name: 'Huyện Thanh Hà', kindCode: 'district', code: '292', parentId: province.id });
  a1 = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', code: '10600', parentId: districtA.id });
  a2 = await t.buildUnit({ name: 'Xã Nam Hưng', kindCode: 'commune', code: '10601', parentId: districtA.id });
  a3 = await t.buildUnit({ name: 'Thị trấn Nam Sách', kindCode: 'commune', code: '10602', parentId: districtA.id });
  b1 = await t.buildUnit({ name: 'Xã Thanh An', kindCode: 'commune', code: '10700', parentId: districtB.id });
  department = await t.buildUnit({ name: 'Sở Nông nghiệp và Phát triển nông thôn', kindCode: 'department', parentId: province.id });
  council = await t.signIn(await t.buildUser({ role: 'council_member', unitId: null }));
  standing = await t.signIn(await t.buildUser({ role: 'standing_agency', unitId: null }));
  board = await t.signIn(await t.buildUser({ role: 'emulation_board', unitId: null }));
  adminA = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id }));
  adminB = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtB.id }));
  communeA1 = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: a1.id }));
  ({ movementId } = await buildMovement(t.db, t.tenantId, {
    milestones: [
      { code: 'diem_tinh', obligation: 'register_pilot', appliesTo: ['province'], deadline: '2021-12-31' },
      { code: 'diem_huyen', obligation: 'register_pilot', appliesTo: ['district'], deadline: '2021-12-31' },
    ],
  }));
  ({ movementId: closedMovementId } = await buildMovement(t.db, t.tenantId, { status: 'closed' }));
  await t.db.transaction((tx) => syncMilestoneDueItems(tx, movementId));
});
afterAll(async () => t?.close());

const put = (s: Session, district: string, body: Json, id = movementId) => s.request('PUT', `/api/movements/${id}/pilot-units/${district}`, body);

describe('pilot units (chỉ đạo điểm)', () => {
  it("refuses a pilot unit outside the district's area, naming it, and writes nothing", async () => {
    const before = await counts();
    const error = await expectRefused(
      await put(adminA, districtA.id, { unitIds: [a1.id, b1.id], registeredOn: '2021-12-20' }),
      before,
      422,
      'pilot_outside_subtree',
      'body.unitIds[1]',
    );
    expect(error.message).toBe('Đơn vị Xã Thanh An không thuộc địa bàn Huyện Nam Sách');
    await expectRefused(await put(adminA, districtA.id, { unitIds: [districtA.id] }), before, 422, 'pilot_outside_subtree', 'body.unitIds[0]');
    await expectRefused(await put(adminA, districtA.id, { unitIds: [department.id] }), before, 422, 'pilot_outside_subtree', 'body.unitIds[0]');
  });

  it('needs at least one unit, a reason beyond two, a district registrant in scope, an open movement', async () => {
    const before = await counts();
    await expectRefused(await put(adminA, districtA.id, { unitIds: [] }), before, 400, 'validation_failed', 'body.unitIds');
    const reason = await expectRefused(await put(adminA, districtA.id, { unitIds: [a1.id, a2.id, a3.id] }), before, 422, 'reason_required', 'body.reason');
    expect(reason.message).toBe('Đăng ký hơn 02 đơn vị chỉ đạo điểm cần nêu lý do');
    await expectRefused(await put(adminA, districtA.id, { unitIds: [a1.id, a1.id] }), before, 422, 'duplicate_unit', 'body.unitIds[1]');
    await expectRefused(await put(adminB, districtA.id, { unitIds: [a1.id] }), before, 404, 'not_found');
    await expectRefused(await put(communeA1, a1.id, { unitIds: [a1.id] }), before, 422, 'not_district', 'params.unitId');
    await expectRefused(await put(adminA, districtA.id, { unitIds: [a1.id] }, closedMovementId), before, 422, 'movement_closed');
    await expectRefused(await put(adminA, districtA.id, { unitIds: [a1.id], registeredOn: '2999-01-01' }), before, 422, 'date_in_future', 'body.registeredOn');
    await expectRefused(await put(adminA, districtA.id, { unitIds: [crypto.randomUUID()] }), before, 404, 'not_found', 'body.unitIds[0]');
  });

  it('registers two pilot units on time; a late list is accepted and marked late; the overdue list shrinks', async () => {
    const progress = async () => (await standing.request('GET', `/api/movements/${movementId}/progress?obligation=register_pilot`)).json() as Json;
    const first = await progress();
    expect(first.overdue.map((o: Json) => o.unitName)).toEqual(['Tỉnh Hải Dương', 'Huyện Nam Sách', 'Huyện Thanh Hà']);

    const a = await put(adminA, districtA.id, { unitIds: [a1.id, a2.id], registeredOn: '2021-12-20' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({
      level: 'district',
      registeringUnitName: 'Huyện Nam Sách',
      deadline: '2021-12-31',
      isLate: false,
      units: [{ name: 'Xã An Lâm', code: '10600' }, { name: 'Xã Nam Hưng' }],
      abilities: { canEdit: true },
    });
    const b = await put(adminB, districtB.id, { unitIds: [b1.id] });
    expect(b.json()).toMatchObject({ isLate: true, registeredOn: todayInVietnam() });
    const after = await progress();
    expect(after.overdue.map((o: Json) => o.unitName)).toEqual(['Tỉnh Hải Dương']);
    expect(after.totals).toMatchObject({ expected: 3, done: 2, onTime: 1, late: 1, overdue: 1 });
    const [item] = await t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.unitId, districtA.id), eq(dueItems.kind, 'register_pilot')));
    expect(item).toMatchObject({ status: 'closed', resolution: 'done' });
    // Sent to the council, the emulation board and the standing agency.
    const inbox = (await council.request('GET', '/api/notifications')).json();
    expect(inbox.items.map((n: Json) => n.title)).toContain('Huyện Nam Sách đăng ký đơn vị chỉ đạo điểm');
    expect((await board.request('GET', '/api/notifications')).json().unread).toBe(2);

    // More than two with a reason replaces the list (optimistic locking on the list's version).
    const stale = await put(adminA, districtA.id, { unitIds: [a1.id, a2.id, a3.id], reason: 'Ba xã điểm về chính quyền số', rowVersion: 9 });
    expect(stale.statusCode).toBe(409);
    const three = await put(adminA, districtA.id, { unitIds: [a1.id, a2.id, a3.id], reason: 'Ba xã điểm về chính quyền số', registeredOn: '2021-12-22', rowVersion: 1 });
    expect(three.statusCode, three.body).toBe(200);
    expect(three.json()).toMatchObject({ rowVersion: 2, reason: 'Ba xã điểm về chính quyền số' });
    expect(three.json().units).toHaveLength(3);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'pilot.district_registered'));
    expect(audit.at(-1)!.before).toMatchObject({ unitIds: [a1.id, a2.id] });
  });

  it('lets the council select one or two provincial pilot units, never three', async () => {
    const before = await counts();
    const three = await expectRefused(
      await council.request('PUT', `/api/movements/${movementId}/pilot-units/provincial`, { unitIds: [districtA.id, districtB.id, department.id] }),
      before,
      422,
      'too_many_pilots',
      'body.unitIds[2]',
    );
    expect(three.message).toBe('Hội đồng chọn 01 đến 02 đơn vị chỉ đạo điểm cấp tỉnh; danh sách có 3 đơn vị');
    await expectRefused(await board.request('PUT', `/api/movements/${movementId}/pilot-units/provincial`, { unitIds: [districtA.id] }), before, 403, 'forbidden');
    await expectRefused(await adminA.request('PUT', `/api/movements/${movementId}/pilot-units/provincial`, { unitIds: [districtA.id] }), before, 403, 'forbidden');
    const ok = await council.request('PUT', `/api/movements/${movementId}/pilot-units/provincial`, { unitIds: [districtA.id, department.id], registeredOn: '2021-11-30' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      level: 'province',
      registeringUnitId: null,
      isLate: false,
      units: [{ name: 'Huyện Nam Sách' }, { name: 'Sở Nông nghiệp và Phát triển nông thôn' }],
    });
    const [item] = await t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.unitId, province.id), eq(dueItems.kind, 'register_pilot')));
    expect(item!.status).toBe('closed');
    const progress = (await standing.request('GET', `/api/movements/${movementId}/progress?obligation=register_pilot`)).json();
    expect(progress.overdue).toEqual([]);
    // The standing agency may also select on the council's behalf.
    expect((await standing.request('PUT', `/api/movements/${movementId}/pilot-units/provincial`, { unitIds: [districtA.id] })).statusCode).toBe(200);
  });

  it('lists per movement within scope and exports the list to XLSX', async () => {
    const all = (await standing.request('GET', `/api/movements/${movementId}/pilot-units`)).json();
    expect(all.provincial.units.map((u: Json) => u.name)).toEqual(['Huyện Nam Sách']);
    expect(all.districts.map((d: Json) => d.registeringUnitName)).toEqual(['Huyện Nam Sách', 'Huyện Thanh Hà']);
    expect(all.abilities.canSelectProvincial).toBe(true);
    const b = (await adminB.request('GET', `/api/movements/${movementId}/pilot-units`)).json();
    expect(b.districts.map((d: Json) => d.registeringUnitName)).toEqual(['Huyện Thanh Hà']);
    expect(b.provincial).not.toBeNull();
    expect(b.abilities.canSelectProvincial).toBe(false);

    const file = await standing.request('GET', `/api/movements/${movementId}/pilot-units.xlsx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="don-vi-chi-dao-diem-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Đơn vị chỉ đạo điểm')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Cấp đăng ký',
      'Đơn vị đăng ký',
      'Đơn vị chỉ đạo điểm',
      'Mã đơn vị',
      'Loại đơn vị',
      'Ngày đăng ký',
      'Hạn đăng ký',
      'Tình trạng',
      'Lý do (khi hơn 02 đơn vị)',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).width).toBe(36);
    expect(ws.rowCount).toBe(1 + 1 + 3 + 1);
    const rows = [2, 3, 4, 5, 6].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      1,
      'Tỉnh (Hội đồng)',
      'Hội đồng Thi đua - Khen thưởng tỉnh',
      'Huyện Nam Sách',
      '291',
      'Cấp huyện (huyện, thị xã, thành phố thuộc tỉnh)',
      expect.any(String),
      '31/12/2021',
      'Trễ hạn',
      '',
    ]);
    expect(rows[1]).toEqual([
      2,
      'Huyện',
      'Huyện Nam Sách',
      'Xã An Lâm',
      '10600',
      'Cấp xã (xã, phường, thị trấn, đặc khu)',
      '22/12/2021',
      '31/12/2021',
      'Đúng hạn',
      'Ba xã điểm về chính quyền số',
    ]);
    expect(rows[4]![8]).toBe('Trễ hạn');
    // District B's export holds the provincial selection and its own list only.
    const bFile = await adminB.request('GET', `/api/movements/${movementId}/pilot-units.xlsx`);
    const wbB = new ExcelJS.Workbook();
    await wbB.xlsx.load(bFile.rawPayload as unknown as ArrayBuffer);
    expect(wbB.getWorksheet(1)!.rowCount).toBe(3);
    expect((await t.anonymous('GET', `/api/movements/${movementId}/pilot-units.xlsx`)).statusCode).toBe(401);
  });
});
