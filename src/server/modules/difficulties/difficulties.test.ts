import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { auditLog, difficulties, dueItems, notifications } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { buildMovement } from '../launches/obligations.fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let province: TestUnit, districtA: TestUnit, districtB: TestUnit, communeA1: TestUnit, agency: TestUnit;
let reporterA1: Session, adminB: Session, standing: Session, board: Session, viewerA: Session, districtReviewer: Session;
let movementId: string;

async function counts() {
  const n = async (table: typeof difficulties | typeof auditLog | typeof dueItems | typeof notifications) =>
    ((await t.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;
  return { d: await n(difficulties), a: await n(auditLog), i: await n(dueItems), n: await n(notifications) };
}

const body = (overrides: Json = {}) => ({
  unitId: communeA1.id,
  movementId,
  kind: 'adjustment_request',
  title: 'Đề nghị điều chỉnh chỉ tiêu hồ sơ công việc trên môi trường mạng',
  content: 'Xã chưa có đường truyền ổn định; đề nghị lùi thời hạn đạt 60 %.',
  attachments: [{ number: '25/UBND', date: '2022-03-01', summary: 'Công văn đề nghị điều chỉnh' }],
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  province = await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', parentId: province.id });
  districtB = await t.buildUnit({ name: 'Huyện Thanh Hà', kindCode: 'district', parentId: province.id });
  communeA1 = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', parentId: districtA.id });
  agency = await t.buildUnit({ name: 'Sở Thông tin và Truyền thông', kindCode: 'department', parentId: province.id });
  reporterA1 = await t.signIn(await t.buildUser({ role: 'unit_reporter', unitId: communeA1.id }));
  adminB = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtB.id }));
  standing = await t.signIn(await t.buildUser({ role: 'standing_agency', unitId: null }));
  board = await t.signIn(await t.buildUser({ role: 'emulation_board', unitId: null }));
  viewerA = await t.signIn(await t.buildUser({ role: 'viewer', unitId: districtA.id }));
  districtReviewer = await t.signIn(await t.buildUser({ role: 'reviewer', unitId: districtA.id }));
  ({ movementId } = await buildMovement(t.db, t.tenantId, { agencies: [{ role: 'standing_agency', unitId: agency.id }] }));
});
afterAll(async () => t?.close());

describe('difficulties and requests (khó khăn, vướng mắc; đề xuất điều chỉnh)', () => {
  let id: string;

  it('refuses outsiders and bad input, writing nothing', async () => {
    const before = await counts();
    for (const [session, status] of [
      [adminB, 404],
      [viewerA, 404],
    ] as const) {
      const r = await session.request('POST', '/api/difficulties', body());
      expect(r.statusCode, r.body).toBe(status);
    }
    const bad = await reporterA1.request('POST', '/api/difficulties', body({ kind: 'complaint', title: '' }));
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: Json) => d.path)
        .sort(),
    ).toEqual(['body.kind', 'body.title']);
    expect((await reporterA1.request('POST', '/api/difficulties', body({ movementId: crypto.randomUUID() }))).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('files a request: the board and the standing agency are told, the agency unit gets an answer item', async () => {
    const r = await reporterA1.request('POST', '/api/difficulties', body());
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({
      status: 'open',
      unitName: 'Xã An Lâm',
      kind: 'adjustment_request',
      attachments: [{ number: '25/UBND' }],
      abilities: { canAnswer: false, canClose: true },
    });
    const [item] = await t.db.select().from(dueItems).where(eq(dueItems.subjectId, id));
    expect(item).toMatchObject({ kind: 'difficulty_answer', unitId: agency.id, status: 'open', dueDate: addDays(todayInVietnam(), 15), link: `/kho-khan/${id}` });
    for (const s of [standing, board]) {
      const notes = (await s.request('GET', '/api/notifications?unread=true')).json();
      expect(notes.items.map((n: Json) => n.title)).toEqual(['Đề xuất điều chỉnh của Xã An Lâm']);
    }
    const inbox = (await standing.request('GET', '/api/inbox?kind=difficulty_answer')).json();
    expect(inbox.items.map((i: Json) => i.subjectId)).toEqual([id]);
  });

  it("is visible to the filing unit's scope and provincial roles only", async () => {
    expect((await standing.request('GET', `/api/difficulties/${id}`)).json().abilities).toEqual({ canAnswer: true, canClose: true });
    expect((await districtReviewer.request('GET', `/api/difficulties/${id}`)).statusCode).toBe(200);
    expect((await adminB.request('GET', `/api/difficulties/${id}`)).statusCode).toBe(404);
    expect((await adminB.request('GET', '/api/difficulties')).json()).toEqual([]);
    expect((await board.request('GET', '/api/difficulties?status=open')).json().map((d: Json) => d.id)).toEqual([id]);
    expect((await reporterA1.request('GET', `/api/difficulties?unitId=${communeA1.id}`)).json()).toHaveLength(1);
    expect((await adminB.request('GET', `/api/difficulties?unitId=${communeA1.id}`)).statusCode).toBe(404);
  });

  it('is answered by the board, once; the filing unit is told and closes it', async () => {
    const before = await counts();
    expect((await reporterA1.request('POST', `/api/difficulties/${id}/answer`, { answer: 'Tự trả lời' })).statusCode).toBe(403);
    expect((await districtReviewer.request('POST', `/api/difficulties/${id}/answer`, { answer: 'Huyện trả lời' })).statusCode).toBe(403);
    expect((await adminB.request('POST', `/api/difficulties/${id}/answer`, { answer: 'x' })).statusCode).toBe(404);
    expect((await board.request('POST', `/api/difficulties/${id}/answer`, { answer: '' })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    const answered = await board.request('POST', `/api/difficulties/${id}/answer`, { answer: 'Giữ chỉ tiêu 60 %; hỗ trợ đường truyền trong quý II.' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: 'Giữ chỉ tiêu 60 %; hỗ trợ đường truyền trong quý II.' });
    const [item] = await t.db.select().from(dueItems).where(eq(dueItems.subjectId, id));
    expect(item).toMatchObject({ status: 'closed', resolution: 'done' });
    const again = await standing.request('POST', `/api/difficulties/${id}/answer`, { answer: 'Lần hai' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('Không thể trả lời kiến nghị đang ở trạng thái "đã trả lời"');
    const notes = (await reporterA1.request('GET', '/api/notifications')).json();
    expect(notes.items[0]).toMatchObject({ kind: 'difficulty_answered', body: 'Giữ chỉ tiêu 60 %; hỗ trợ đường truyền trong quý II.' });
    const closed = await reporterA1.request('POST', `/api/difficulties/${id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', abilities: { canAnswer: false, canClose: false } });
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(['difficulty.filed', 'difficulty.answered', 'difficulty.closed']);
  });

  it('a withdrawn request cancels its answer item; a request without a movement still reaches the board', async () => {
    const r = await reporterA1.request('POST', '/api/difficulties', body({ kind: 'difficulty', title: 'Thiếu cán bộ chuyên trách' }));
    const withdrawn = await reporterA1.request('POST', `/api/difficulties/${r.json().id}/close`, {});
    expect(withdrawn.json().status).toBe('closed');
    const [item] = await t.db.select().from(dueItems).where(eq(dueItems.subjectId, r.json().id));
    expect(item).toMatchObject({ status: 'closed', resolution: 'cancelled' });
    const free = await reporterA1.request('POST', '/api/difficulties', body({ movementId: undefined, title: 'Câu hỏi chung' }));
    expect(free.statusCode).toBe(201);
    expect(await t.db.select().from(dueItems).where(eq(dueItems.subjectId, free.json().id))).toEqual([]);
    expect((await board.request('GET', '/api/notifications')).json().items[0].body).toBe('Xã An Lâm gửi đề xuất điều chỉnh: Câu hỏi chung.');
  });
});
