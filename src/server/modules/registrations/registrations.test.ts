import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { auditLog, dueItems, mailOutbox, notifications, registrationEvents, registrations, unitGroupMembers, unitGroups, users } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { syncMilestoneDueItems } from '../inbox/inbox.service.js';
import { buildMovement } from '../launches/obligations.fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let province: TestUnit, districtA: TestUnit, districtB: TestUnit, communeA1: TestUnit, agencyUnit: TestUnit;
let standing: Session, communeReporter: Session, districtAdminA: Session, districtAdminB: Session, council: Session;
let standingUserId: string;
let movementId: string, closedMovementId: string;
const today = todayInVietnam();

const RATIO = 'ho_so_cong_viec_tren_mang';
const body = (overrides: Json = {}) => ({
  unitId: communeA1.id,
  contentAreas: ['lanh_dao_nhan_thuc', 'chinh_quyen_so'],
  commitments: [{ criterionCode: RATIO, comparator: 'gte', threshold: '65' }],
  signer: { name: 'Nguyễn Văn Chủ Tịch', position: 'Chủ tịch UBND xã' },
  signedOn: '2021-11-20',
  ...overrides,
});

async function counts() {
  const n = async (table: typeof registrations | typeof auditLog | typeof dueItems | typeof notifications | typeof registrationEvents | typeof mailOutbox) =>
    ((await t.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;
  return { r: await n(registrations), a: await n(auditLog), d: await n(dueItems), n: await n(notifications), e: await n(registrationEvents), m: await n(mailOutbox) };
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
  communeA1 = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', code: '10600', parentId: districtA.id });
  agencyUnit = await t.buildUnit({ name: 'Sở Thông tin và Truyền thông', kindCode: 'department', parentId: province.id });
  const standingUser = await t.buildUser({ role: 'standing_agency', unitId: null });
  standingUserId = standingUser.id;
  await t.db.update(users).set({ email: 'thuongtruc@example.vn' }).where(eq(users.id, standingUser.id));
  standing = await t.signIn(standingUser);
  const reporter = await t.buildUser({ role: 'unit_reporter', unitId: communeA1.id });
  await t.db.update(users).set({ email: 'xa.anlam@example.vn' }).where(eq(users.id, reporter.id));
  communeReporter = await t.signIn(reporter);
  districtAdminA = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id }));
  districtAdminB = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtB.id }));
  council = await t.signIn(await t.buildUser({ role: 'council_member', unitId: null }));
  ({ movementId } = await buildMovement(t.db, t.tenantId, {
    milestones: [{ code: 'dang_ky', obligation: 'register', appliesTo: ['department', 'district'], deadline: '2021-12-31' }],
    agencies: [{ role: 'standing_agency', unitId: agencyUnit.id }],
  }));
  ({ movementId: closedMovementId } = await buildMovement(t.db, t.tenantId, { status: 'closed' }));
  await t.db.transaction((tx) => syncMilestoneDueItems(tx, movementId));
});
afterAll(async () => t?.close());

const create = (session: Session, payload: Json, id = movementId) => session.request('POST', `/api/movements/${id}/registrations`, payload);

describe('registration (đăng ký thi đua)', () => {
  let registrationId: string;

  it("refuses a commitment looser than the plan, quoting the plan's figure for the level, and writes nothing", async () => {
    const before = await counts();
    const error = await expectRefused(
      await create(communeReporter, body({ commitments: [{ criterionCode: RATIO, comparator: 'gte', threshold: '55' }] })),
      before,
      422,
      'commitment_looser',
      'body.commitments[0].threshold',
    );
    expect(error.message).toBe('Cam kết 55 % thấp hơn chỉ tiêu của Kế hoạch (≥ 60 %) cho cấp xã');
    expect(error.details[0].message).toBe('Cam kết 55 % thấp hơn chỉ tiêu của Kế hoạch (≥ 60 %) cho cấp xã');
    const en = await communeReporter.request(
      'POST',
      `/api/movements/${movementId}/registrations`,
      body({ commitments: [{ criterionCode: RATIO, comparator: 'gte', threshold: '59.99' }] }),
      { 'accept-language': 'en' },
    );
    expect(en.json().error.message).toBe('The commitment 59.99% is below the plan target (≥ 60%) for communes');
    // A district's target is 80 %: 75 is looser for it.
    const district = await expectRefused(
      await create(districtAdminA, body({ unitId: districtA.id, commitments: [{ criterionCode: RATIO, comparator: 'gte', threshold: '75' }] })),
      before,
      422,
      'commitment_looser',
    );
    expect(district.message).toBe('Cam kết 75 % thấp hơn chỉ tiêu của Kế hoạch (≥ 80 %) cho cấp huyện');
    const upside = await expectRefused(
      await create(communeReporter, body({ commitments: [{ criterionCode: RATIO, comparator: 'lte', threshold: '90' }] })),
      before,
      422,
      'commitment_looser',
    );
    expect(upside.message).toBe('Cam kết ≤ 90 % thấp hơn chỉ tiêu của Kế hoạch (≥ 60 %) cho cấp xã');
  });

  it('refuses unknown contents and criteria, criteria of another level, closed movements and units out of scope', async () => {
    const before = await counts();
    await expectRefused(await create(communeReporter, body({ contentAreas: ['khong_co'] })), before, 422, 'content_area_unknown', 'body.contentAreas[0]');
    await expectRefused(
      await create(communeReporter, body({ commitments: [{ criterionCode: 'khong_co', comparator: 'gte', threshold: '1' }] })),
      before,
      422,
      'invalid_commitment',
      'body.commitments[0].criterionCode',
    );
    const lgsp = await expectRefused(
      await create(communeReporter, body({ commitments: [{ criterionCode: 'csdl_dung_chung_lgsp', comparator: 'gte', threshold: '80' }] })),
      before,
      422,
      'invalid_commitment',
      'body.commitments[0].criterionCode',
    );
    expect(lgsp.message).toBe('Tiêu chí csdl_dung_chung_lgsp không áp dụng cho cấp xã');
    await expectRefused(
      await create(
        communeReporter,
        body({
          commitments: [
            { criterionCode: RATIO, comparator: 'gte', threshold: '61' },
            { criterionCode: RATIO, comparator: 'gte', threshold: '62' },
          ],
        }),
      ),
      before,
      422,
      'invalid_commitment',
      'body.commitments[1].criterionCode',
    );
    const closed = await expectRefused(await create(communeReporter, body(), closedMovementId), before, 422, 'movement_closed');
    expect(closed.message).toMatch(/đã kết thúc; không nhận đăng ký thi đua/);
    await expectRefused(
      await create(communeReporter, body({ commitments: [{ criterionCode: RATIO, comparator: 'gte', threshold: '6O' }] })),
      before,
      400,
      'validation_failed',
      'body.commitments[0].threshold',
    );
    await expectRefused(await create(communeReporter, body({ groupId: randomUUID() })), before, 400, 'validation_failed', 'body.unitId');
    await expectRefused(await create(districtAdminB, body()), before, 404, 'not_found');
    await expectRefused(await create(communeReporter, body({ signedOn: addDays(today, 1) })), before, 422, 'date_in_future', 'body.signedOn');
    await expectRefused(await create(communeReporter, body({ signedOn: '2019-01-01' })), before, 422, 'unit_not_valid', 'body.signedOn');
    await expectRefused(await create(communeReporter, body({ signer: undefined, contentAreas: [], submit: true })), before, 422, 'registration_incomplete', 'body.signer');
  });

  it("accepts a stricter commitment as a draft; the form shows the plan targets of the unit's level", async () => {
    const form = await communeReporter.request('GET', `/api/movements/${movementId}/registration-form?unitId=${communeA1.id}`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().levels).toEqual([{ level: 'commune', label: 'cấp xã' }]);
    expect(form.json().criteria.find((c: Json) => c.code === RATIO).targets).toEqual([{ level: 'commune', comparator: 'gte', threshold: '60', text: '≥ 60 %' }]);
    expect(form.json().criteria.some((c: Json) => c.code === 'csdl_dung_chung_lgsp')).toBe(false);
    expect(form.json().existingRegistrationId).toBeNull();

    const r = await create(communeReporter, body());
    expect(r.statusCode, r.body).toBe(201);
    registrationId = r.json().id;
    expect(r.json()).toMatchObject({
      status: 'draft',
      unitName: 'Xã An Lâm',
      level: 'commune',
      contentAreas: [{ code: 'lanh_dao_nhan_thuc' }, { code: 'chinh_quyen_so' }],
      commitments: [{ criterionCode: RATIO, text: '≥ 65 %', planTarget: { text: '≥ 60 %' } }],
      signer: { name: 'Nguyễn Văn Chủ Tịch', position: 'Chủ tịch UBND xã' },
      abilities: { canEdit: true, canSubmit: true, canConfirm: false, canReturn: false },
    });
    const before = await counts();
    await expectRefused(await create(communeReporter, body()), before, 409, 'registration_exists', 'body.unitId');
  });

  it('submits: the standing agency gets a review item, a notification and a queued mail', async () => {
    const r = await communeReporter.request('POST', `/api/registrations/${registrationId}/submit`, { rowVersion: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'submitted', submissionCount: 1, abilities: { canEdit: false } });
    const [review] = await t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.subjectId, registrationId), eq(dueItems.kind, 'registration_review')));
    expect(review).toMatchObject({ unitId: agencyUnit.id, status: 'open', dueDate: addDays(today, 10), link: `/dang-ky/${registrationId}` });
    const [note] = await t.db.select().from(notifications).where(eq(notifications.userId, standingUserId));
    expect(note).toMatchObject({ kind: 'registration_submitted', title: 'Xã An Lâm gửi đăng ký thi đua' });
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'thuongtruc@example.vn'));
    expect(mail).toMatchObject({ status: 'pending', subject: '[Thi Đua Số] Xã An Lâm gửi đăng ký thi đua' });
    const before = await counts();
    await expectRefused(
      await communeReporter.request('PATCH', `/api/registrations/${registrationId}`, { rowVersion: 2, note: 'x' }),
      before,
      422,
      'transition_not_allowed',
      'status',
    );
    await expectRefused(await communeReporter.request('POST', `/api/registrations/${registrationId}/confirm`, {}), before, 403, 'forbidden');
    await expectRefused(await districtAdminB.request('POST', `/api/registrations/${registrationId}/confirm`, {}), before, 404, 'not_found');
    await expectRefused(await standing.request('POST', `/api/registrations/${registrationId}/return`, { comment: '' }), before, 400, 'validation_failed', 'body.comment');
  });

  it('returns with comments (a register item reopens), is edited and resubmitted, then confirmed', async () => {
    const ret = await standing.request('POST', `/api/registrations/${registrationId}/return`, { comment: 'Đề nghị bổ sung nội dung an toàn thông tin' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', reviewComment: 'Đề nghị bổ sung nội dung an toàn thông tin' });
    const items = await t.db.select().from(dueItems).where(eq(dueItems.subjectId, registrationId));
    expect(items.find((i) => i.kind === 'registration_review')).toMatchObject({ status: 'closed' });
    expect(items.find((i) => i.kind === 'register')).toMatchObject({ unitId: communeA1.id, status: 'open', details: { comment: 'Đề nghị bổ sung nội dung an toàn thông tin' } });
    const inbox = await communeReporter.request('GET', '/api/inbox');
    expect(inbox.json().items.map((i: Json) => i.kind)).toEqual(['register']);
    const notes = (await communeReporter.request('GET', '/api/notifications')).json();
    expect(notes.items[0]).toMatchObject({ kind: 'registration_returned', readAt: null });

    const edit = await communeReporter.request('PATCH', `/api/registrations/${registrationId}`, {
      rowVersion: ret.json().rowVersion,
      contentAreas: ['lanh_dao_nhan_thuc', 'chinh_quyen_so', 'an_toan_an_ninh_mang'],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const stale = await communeReporter.request('PATCH', `/api/registrations/${registrationId}`, { rowVersion: ret.json().rowVersion, note: 'x' });
    expect(stale.statusCode).toBe(409);
    const again = await communeReporter.request('POST', `/api/registrations/${registrationId}/submit`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'submitted', submissionCount: 2 });
    const after = await t.db.select().from(dueItems).where(eq(dueItems.subjectId, registrationId));
    expect(after.filter((i) => i.kind === 'register').every((i) => i.status === 'closed')).toBe(true);
    expect(after.filter((i) => i.kind === 'registration_review' && i.status === 'open')).toHaveLength(1);

    // A council member reviews tenant-wide as well; here the standing agency confirms.
    const confirmed = await standing.request('POST', `/api/registrations/${registrationId}/confirm`, { comment: 'Thống nhất' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const detail = (await communeReporter.request('GET', `/api/registrations/${registrationId}`)).json();
    expect(detail.status).toBe('confirmed');
    expect(detail.history.map((h: Json) => h.action)).toEqual(['created', 'submitted', 'returned', 'updated', 'resubmitted', 'confirmed']);
    expect(detail.history[2]).toMatchObject({ comment: 'Đề nghị bổ sung nội dung an toàn thông tin', fromStatus: 'submitted', toStatus: 'returned' });
    expect(
      await t.db
        .select()
        .from(dueItems)
        .where(and(eq(dueItems.subjectId, registrationId), eq(dueItems.status, 'open'))),
    ).toHaveLength(0);
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, registrationId));
    expect(audit.map((a) => a.action)).toEqual([
      'registration.created',
      'registration.submitted',
      'registration.returned',
      'registration.updated',
      'registration.resubmitted',
      'registration.confirmed',
    ]);
    const before = await counts();
    await expectRefused(await council.request('POST', `/api/registrations/${registrationId}/return`, { comment: 'Muộn' }), before, 422, 'transition_not_allowed');
  });

  it('lets a cluster register jointly through its lead unit; every member counts as registered', async () => {
    const groupId = randomUUID();
    await t.db
      .insert(unitGroups)
      .values({ id: groupId, tenantId: t.tenantId, code: 'cum-huyen', name: 'Cụm thi đua các huyện phía Bắc', kind: 'cluster', validFrom: '2021-01-01' });
    await t.db.insert(unitGroupMembers).values([
      { id: randomUUID(), tenantId: t.tenantId, groupId, unitId: districtA.id, isLead: true, validFrom: '2021-01-01' },
      { id: randomUUID(), tenantId: t.tenantId, groupId, unitId: districtB.id, isLead: false, validFrom: '2021-01-01' },
    ]);
    // The lead's form offers the joint registration; a member's does not.
    const leadForm = (await districtAdminA.request('GET', `/api/movements/${movementId}/registration-form?unitId=${districtA.id}`)).json();
    expect(leadForm.ledGroups).toEqual([{ id: groupId, name: 'Cụm thi đua các huyện phía Bắc', kind: 'cluster', asOf: todayInVietnam() }]);
    // A cluster that has ended since is offered on the registration deadline, its form read on that date.
    const oldGroupId = randomUUID();
    await t.db
      .insert(unitGroups)
      .values({ id: oldGroupId, tenantId: t.tenantId, code: 'cum-cu', name: 'Cụm thi đua cũ', kind: 'cluster', validFrom: '2021-01-01', validTo: '2022-01-01' });
    await t.db
      .insert(unitGroupMembers)
      .values({ id: randomUUID(), tenantId: t.tenantId, groupId: oldGroupId, unitId: districtA.id, isLead: true, validFrom: '2021-01-01', validTo: '2022-01-01' });
    const withOld = (await districtAdminA.request('GET', `/api/movements/${movementId}/registration-form?unitId=${districtA.id}`)).json();
    expect(withOld.ledGroups.map((g: Json) => [g.name, g.asOf])).toEqual([
      ['Cụm thi đua các huyện phía Bắc', todayInVietnam()],
      ['Cụm thi đua cũ', '2021-12-31'],
    ]);
    expect((await districtAdminA.request('GET', `/api/movements/${movementId}/registration-form?groupId=${oldGroupId}`)).statusCode).toBe(422);
    const oldForm = await districtAdminA.request('GET', `/api/movements/${movementId}/registration-form?groupId=${oldGroupId}&asOf=2021-12-31`);
    expect(oldForm.statusCode, oldForm.body).toBe(200);
    expect(oldForm.json()).toMatchObject({ groupId: oldGroupId, levels: [{ level: 'district' }] });
    expect((await districtAdminB.request('GET', `/api/movements/${movementId}/registration-form?unitId=${districtB.id}`)).json().ledGroups).toEqual([]);
    const groupForm = (await districtAdminA.request('GET', `/api/movements/${movementId}/registration-form?groupId=${groupId}`)).json();
    expect(groupForm).toMatchObject({ groupId, unitId: null, existingRegistrationId: null, ledGroups: [] });
    const before = await counts();
    // Only the lead unit's people register for the group.
    await expectRefused(await create(districtAdminB, body({ unitId: undefined, groupId, commitments: [] })), before, 404, 'not_found');
    const joint = await create(
      districtAdminA,
      body({ unitId: undefined, groupId, commitments: [{ criterionCode: RATIO, comparator: 'gte', threshold: '85' }], signedOn: '2021-12-15', submit: true }),
    );
    expect(joint.statusCode, joint.body).toBe(201);
    expect(joint.json()).toMatchObject({
      status: 'submitted',
      unitId: districtA.id,
      groupName: 'Cụm thi đua các huyện phía Bắc',
      memberUnits: [{ unitId: districtB.id, name: 'Huyện Thanh Hà' }],
      deadline: '2021-12-31',
      onTime: true,
    });
    const items = await t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.movementId, movementId), eq(dueItems.kind, 'register'), eq(dueItems.subjectType, 'milestone')));
    expect(items.filter((i) => i.unitId === districtA.id || i.unitId === districtB.id).map((i) => i.status)).toEqual(['closed', 'closed']);
    // The member sees the joint registration; the progress counts both districts.
    const seen = await districtAdminB.request('GET', `/api/movements/${movementId}/registrations`);
    expect(seen.json().map((r: Json) => r.id)).toEqual([joint.json().id]);
    const progress = (await standing.request('GET', `/api/movements/${movementId}/progress?obligation=register`)).json();
    expect(progress.totals).toMatchObject({ expected: 3, done: 2, onTime: 2, overdue: 1, voluntary: 1 });
    expect(progress.overdue.map((o: Json) => o.unitName)).toEqual(['Sở Thông tin và Truyền thông']);
    await expectRefused(await create(districtAdminA, body({ unitId: undefined, groupId, commitments: [] })), await counts(), 409, 'registration_exists', 'body.groupId');
  });

  it('scopes lists and details', async () => {
    const all = await standing.request('GET', `/api/movements/${movementId}/registrations`);
    expect(all.json()).toHaveLength(2);
    const mine = await communeReporter.request('GET', `/api/movements/${movementId}/registrations`);
    expect(mine.json().map((r: Json) => r.unitName)).toEqual(['Xã An Lâm']);
    expect((await districtAdminB.request('GET', `/api/registrations/${registrationId}`)).statusCode).toBe(404);
    expect((await districtAdminA.request('GET', `/api/registrations/${registrationId}`)).statusCode).toBe(200);
    expect((await districtAdminB.request('GET', `/api/movements/${movementId}/registrations?unitId=${communeA1.id}`)).statusCode).toBe(404);
    expect((await districtAdminB.request('GET', `/api/movements/${movementId}/registration-form?unitId=${communeA1.id}`)).statusCode).toBe(404);
    expect((await t.anonymous('GET', `/api/registrations/${registrationId}`)).statusCode).toBe(401);
  });
});
