import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { todayInVietnam } from '../../../core/dates.js';
import { queryRows } from '../../db/client.js';
import { auditLog, criteriaEvaluations, movements, rankingSnapshotRows, rankingSnapshots, reportPeriods, reports, units } from '../../db/schema/index.js';
import { ensureTenant } from '../../seed/base.js';
import type { Session } from '../../../../tests/helpers/test-app.js';
import { buildReportsFixture, createOpenPeriod, fillCommuneReport, goodCommuneValues, openReportFor, type ReportsFixture } from '../../../../tests/helpers/reports-fixture.js';
import { publishPeriodRanking, syncRankingSnapshots } from '../snapshots/snapshots.service.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ReportsFixture;
let movement: { id: string; code: string; name: string };
let openPeriodId: string;
let clusterId: string;

async function approved(reporter: Session, periodId: string, unitId: string, values: Record<string, string>) {
  const opened = await openReportFor(reporter, periodId, unitId);
  const rv = await fillCommuneReport(reporter, opened.id, opened.rowVersion, values);
  const submitted = await reporter.request('POST', `/api/reports/${opened.id}/submit`, { rowVersion: rv });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const done = await f.s.standing.request('POST', `/api/reports/${opened.id}/approve`, { rowVersion: submitted.json().rowVersion });
  if (done.statusCode !== 200) throw new Error(`approve: ${done.body}`);
}

const snapshotsOf = (periodId: string) => f.t.db.select().from(rankingSnapshots).where(eq(rankingSnapshots.periodId, periodId));
const publicRanking = (periodId: string, extra = '') => f.t.anonymous('GET', `/api/public/movements/${movement.id}/rankings?periodId=${periodId}&level=commune${extra}`);
const publicUnit = (periodId: string, unitId: string, extra = '') =>
  f.t.anonymous('GET', `/api/public/movements/${movement.id}/rankings/units/${unitId}?periodId=${periodId}&level=commune${extra}`);

beforeAll(async () => {
  f = await buildReportsFixture();
  [movement] = (await f.t.db.select({ id: movements.id, code: movements.code, name: movements.name }).from(movements)) as [typeof movement];
  // A cluster of the two communes of district D1.
  const group = await f.s.admin.request('POST', '/api/groups', { code: 'cum-nam-thu', name: 'Cụm thi đua Nam Thử', kind: 'cluster', validFrom: '2020-01-01' });
  if (group.statusCode !== 201) throw new Error(`group: ${group.body}`);
  clusterId = group.json().id;
  for (const unitId of [f.units.c1.id, f.units.c2.id]) {
    const m = await f.s.admin.request('POST', `/api/groups/${clusterId}/members`, { unitId, validFrom: '2020-01-01' });
    if (m.statusCode !== 201) throw new Error(`member: ${m.body}`);
  }
  const c2reporter = await f.t.signIn(await f.t.buildUser({ role: 'unit_reporter', unitId: f.units.c2.id, includeSubtree: false }));
  await approved(f.s.reporter, f.periodId, f.units.c1.id, goodCommuneValues);
  await approved(c2reporter, f.periodId, f.units.c2.id, { ...goodCommuneValues, records_online: '10' });
  await approved(f.s.outsider, f.periodId, f.units.c3.id, goodCommuneValues);
  // A second period stays open: nothing of it may reach the public.
  openPeriodId = await createOpenPeriod(f.s.standing, f.regimeId, 'MO-BAN', 'Kỳ đang mở', { dueIn: 10 });
  await approved(f.s.reporter, openPeriodId, f.units.c1.id, { ...goodCommuneValues, records_online: '11' });
}, 300_000);
afterAll(async () => f?.t.close());

describe('before anything is published', () => {
  it('shows nothing of open periods, without a session', async () => {
    const list = await f.t.anonymous('GET', '/api/public/movements');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.headers['cache-control']).toBe('public, max-age=60');
    expect(list.json()[0]).toMatchObject({ code: movement.code, periods: [] });
    expect((await publicRanking(f.periodId)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.csv`)).statusCode).toBe(404);
    const catalog = await f.t.anonymous('GET', '/api/public/datasets.jsonld');
    expect(JSON.parse(catalog.body)['dcat:dataset']).toEqual([]);
  });

  it('refuses to freeze or publish an open period, and lets only the standing agency act', async () => {
    expect((await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/freeze`)).statusCode).toBe(409);
    const publish = await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/publish`);
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.message).toContain('Kỳ báo cáo chưa đóng');
    expect((await f.s.reviewer.request('POST', `/api/ranking-snapshots/${f.periodId}/close`)).statusCode).toBe(403);
    expect(await snapshotsOf(f.periodId)).toEqual([]);
  });
});

describe('close and freeze', () => {
  let frozenAt: string;

  beforeAll(async () => {
    const closed = await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/close`);
    if (closed.statusCode !== 200) throw new Error(`close: ${closed.body}`);
    frozenAt = closed.json().snapshot.frozenAt;
  });

  it('closes the period and freezes every level and cluster in the same transaction, audited', async () => {
    const [period] = await f.t.db.select().from(reportPeriods).where(eq(reportPeriods.id, f.periodId));
    expect(period!.status).toBe('closed');
    const [snapshot] = await snapshotsOf(f.periodId);
    expect(snapshot).toMatchObject({ status: 'frozen', revision: 1, trigger: 'manual', criteriaSetVersionId: period!.criteriaSetVersionId });
    expect(snapshot!.frozenAt.toISOString()).toBe(frozenAt);
    // Same transaction: the freeze is stamped at the close.
    expect(Math.abs(snapshot!.frozenAt.getTime() - period!.closedAt!.getTime())).toBeLessThan(5_000);
    const audit = await f.t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'ranking_snapshot'), eq(auditLog.entityId, snapshot!.id)));
    expect(audit.map((a) => a.action)).toEqual(['ranking_snapshot.frozen']);

    const view = (await f.s.standing.request('GET', `/api/ranking-snapshots/${f.periodId}`)).json() as Json;
    expect(view.scopes.map((s: Json) => [s.key.replace(clusterId, 'CUM'), s.units])).toEqual(
      expect.arrayContaining([
        ['level:commune', 3],
        ['group:CUM:commune', 2],
      ]),
    );
    expect(view.abilities).toEqual({ canClose: false, canFreeze: true, canPublish: true, canCorrect: false });
  });

  it('ranks ties with a shared rank and says why', async () => {
    const view = (await f.s.standing.request('GET', `/api/ranking-snapshots/${f.periodId}?scope=level:commune`)).json() as Json;
    expect(view.rows.map((r: Json) => [r.name, r.rank])).toEqual([
      ['Xã Bắc Thử', 1],
      ['Xã Đông Thử', 1],
      ['Xã Tây Thử', 3],
    ]);
    expect(view.rows[0].tieExplanation).toContain('Đồng hạng 1');
    expect(view.rows[2].tieExplanation).toBeNull();
    expect(view.rows.map((r: Json) => r.tiedCount)).toEqual([2, 2, 1]);
    expect(view.ties).toEqual([
      expect.objectContaining({ scopeKey: 'level:commune', rank: 1, count: 2, names: ['Xã Bắc Thử', 'Xã Đông Thử'], reason: expect.stringMatching(/^cùng tổng điểm/) }),
    ]);
    expect(view.rows[0].criteria.map((c: Json) => c.code)).toContain('ho_so_cong_viec_tren_mang');
    const cluster = (await f.s.standing.request('GET', `/api/ranking-snapshots/${f.periodId}?scope=group:${clusterId}:commune`)).json() as Json;
    expect(cluster.rows.map((r: Json) => [r.name, r.rank])).toEqual([
      ['Xã Đông Thử', 1],
      ['Xã Tây Thử', 2],
    ]);
  });

  it('freezes exactly once: the schedule and a second close change nothing', async () => {
    expect((await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/close`)).statusCode).toBe(409);
    await syncRankingSnapshots(f.t.db);
    await syncRankingSnapshots(f.t.db);
    const list = await snapshotsOf(f.periodId);
    expect(list).toHaveLength(1);
    expect(list[0]!.revision).toBe(1);
    // The unique key holds even against a direct second insert.
    await expect(f.t.db.insert(rankingSnapshots).values({ ...list[0]!, id: '00000000-0000-4000-8000-000000000001' })).rejects.toThrow();
    expect(await snapshotsOf(f.periodId)).toHaveLength(1);
  });

  it('is not public until published', async () => {
    expect((await publicRanking(f.periodId)).statusCode).toBe(404);
    const unit = await publicUnit(f.periodId, f.units.c1.id);
    expect(unit.statusCode).toBe(404);
    expect(unit.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy', details: [] } });
  });

  it('may be re-frozen before publication (revision 2)', async () => {
    const r = await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/freeze`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().snapshot).toMatchObject({ status: 'frozen', revision: 2 });
    const rows = await f.t.db.select().from(rankingSnapshotRows).where(eq(rankingSnapshotRows.snapshotId, r.json().snapshot.id));
    expect(rows.filter((x) => x.scopeKey === 'level:commune')).toHaveLength(3);
  });
});

describe('published snapshot', () => {
  let snapshotId: string;

  beforeAll(async () => {
    const r = await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/publish`);
    if (r.statusCode !== 200) throw new Error(`publish: ${r.body}`);
    snapshotId = r.json().snapshot.id;
  });

  it('is immutable: publish, freeze and direct writes are refused', async () => {
    const again = await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('snapshot_published');
    expect(again.json().error.message).toContain('đã công bố');
    expect((await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/freeze`)).statusCode).toBe(409);
    await expect(f.t.db.update(rankingSnapshotRows).set({ rank: 9 }).where(eq(rankingSnapshotRows.snapshotId, snapshotId))).rejects.toThrow();
    await expect(f.t.db.update(rankingSnapshots).set({ revision: 9 }).where(eq(rankingSnapshots.id, snapshotId))).rejects.toThrow();
    const [s] = await snapshotsOf(f.periodId);
    expect(s).toMatchObject({ status: 'published', revision: 2 });
    const actions = await queryRows<{ action: string }>(f.t.db, sql`select action from audit_log where entity_id = ${snapshotId} order by at, action`);
    expect(actions.map((a) => a.action)).toEqual(['ranking_snapshot.frozen', 'ranking_snapshot.refrozen', 'ranking_snapshot.published']);
  });

  it('lists the published period with its freeze time and download links', async () => {
    const body = (await f.t.anonymous('GET', '/api/public/movements')).json() as Json[];
    const [p] = body[0]!.periods as Json[];
    expect(body[0]!.periods).toHaveLength(1);
    expect(p).toMatchObject({
      code: 'THU-1',
      status: 'closed',
      csvUrl: `/api/public/datasets/${movement.code}/THU-1.csv`,
      groupsCsvUrl: `/api/public/datasets/${movement.code}/THU-1-cum.csv`,
      levels: ['commune'],
    });
    expect(p!.groups).toEqual([{ id: clusterId, name: 'Cụm thi đua Nam Thử' }]);
    expect(new Date(p!.frozenAt).getTime()).toBeLessThanOrEqual(new Date(p!.publishedAt).getTime());
  });

  it('publishes the ranking with shared ranks from the snapshot, and nothing from the open period', async () => {
    const r = await publicRanking(f.periodId);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.json().snapshot).toMatchObject({ revision: 2, criteriaVersion: expect.any(Number) });
    expect(r.json().rows.map((x: Json) => [x.name, x.rank])).toEqual([
      ['Xã Bắc Thử', 1],
      ['Xã Đông Thử', 1],
      ['Xã Tây Thử', 3],
    ]);
    expect(r.json().rows[0].tieExplanation).toContain('Đồng hạng 1');
    expect(r.json().rows.map((x: Json) => x.tiedCount)).toEqual([2, 2, 1]);
    expect(r.json().ties).toEqual([expect.objectContaining({ rank: 1, count: 2, names: ['Xã Bắc Thử', 'Xã Đông Thử'] })]);
    for (const s of [f.s.reporter, f.s.standing]) {
      expect(r.body).not.toContain(s.user.username);
      expect(r.body).not.toContain(s.user.id);
    }
    const cluster = await publicRanking(f.periodId, `&groupId=${clusterId}`);
    expect(cluster.json()).toMatchObject({ group: { id: clusterId, name: 'Cụm thi đua Nam Thử' } });
    expect((await publicRanking(openPeriodId)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/MO-BAN.json`)).statusCode).toBe(404);
  });

  it('pages in the order of the snapshot, with the total, and without per-row criteria', async () => {
    const all = (await publicRanking(f.periodId)).json() as Json;
    expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.rows[0]).not.toHaveProperty('criteria');
    const second = await publicRanking(f.periodId, '&limit=2&offset=2');
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ total: 3, limit: 2, offset: 2, snapshot: { revision: 2 } });
    expect(second.json().rows.map((x: Json) => [x.name, x.rank, x.tiedCount])).toEqual([['Xã Tây Thử', 3, 1]]);
    expect(second.json().ties).toEqual([]);
    const beyond = (await publicRanking(f.periodId, '&limit=10&offset=10')).json() as Json;
    expect(beyond).toMatchObject({ total: 3, rows: [], ties: [] });
  });

  it('keeps a tie group that spans two pages: shared rank, its size and every name', async () => {
    const [page1, page2] = [(await publicRanking(f.periodId, '&limit=1&offset=0')).json() as Json, (await publicRanking(f.periodId, '&limit=1&offset=1')).json() as Json];
    expect(page1.rows.map((x: Json) => [x.name, x.rank, x.tiedCount])).toEqual([['Xã Bắc Thử', 1, 2]]);
    expect(page2.rows.map((x: Json) => [x.name, x.rank, x.tiedCount])).toEqual([['Xã Đông Thử', 1, 2]]);
    expect(page2.rows[0].tieExplanation).toContain('Đồng hạng 1 với Xã Bắc Thử');
    for (const page of [page1, page2]) {
      expect(page.total).toBe(3);
      expect(page.ties).toEqual([expect.objectContaining({ rank: 1, count: 2, names: ['Xã Bắc Thử', 'Xã Đông Thử'], reason: expect.stringMatching(/^cùng tổng điểm/) })]);
    }
  });

  it('filters by name without accents, counting ties over the whole level', async () => {
    const r = await publicRanking(f.periodId, `&q=${encodeURIComponent('DONG thu')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ total: 1, offset: 0 });
    expect(r.json().rows.map((x: Json) => [x.name, x.rank, x.tiedCount])).toEqual([['Xã Đông Thử', 1, 2]]);
    expect(r.json().ties).toEqual([expect.objectContaining({ rank: 1, count: 2, names: ['Xã Bắc Thử', 'Xã Đông Thử'] })]);
    expect((await publicRanking(f.periodId, '&q=99102')).json().rows.map((x: Json) => x.name)).toEqual(['Xã Tây Thử']);
    expect((await publicRanking(f.periodId, `&q=${encodeURIComponent('100%')}`)).json()).toMatchObject({ total: 0, rows: [] });
    const cluster = (await publicRanking(f.periodId, `&groupId=${clusterId}&q=tay`)).json() as Json;
    expect(cluster).toMatchObject({ total: 1, group: { id: clusterId, name: 'Cụm thi đua Nam Thử' } });
    expect(cluster.rows.map((x: Json) => [x.name, x.rank])).toEqual([['Xã Tây Thử', 2]]);
  });

  it('refuses a page size above 200 or a negative offset, naming the field in Vietnamese', async () => {
    for (const [extra, field, message] of [
      ['&limit=201', 'limit', 'Quá lớn: giá trị tối đa 200'],
      ['&limit=0', 'limit', 'Quá nhỏ: giá trị tối thiểu 1'],
      ['&offset=-1', 'offset', 'Quá nhỏ: giá trị tối thiểu 0'],
    ] as const) {
      const r = await publicRanking(f.periodId, extra);
      expect(r.statusCode, extra).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'validation_failed', message: 'Dữ liệu gửi lên không hợp lệ' });
      expect(r.json().error.details).toEqual([{ path: expect.stringMatching(new RegExp(`(^|\\.)${field}$`)), message }]);
    }
  });

  it("serves one unit's published row with its criteria, and 404 for units outside the scope or the tenant", async () => {
    const r = await publicUnit(f.periodId, f.units.c1.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.json()).toMatchObject({ level: 'commune', group: null, snapshot: { revision: 2 }, row: { name: 'Xã Đông Thử', rank: 1, tiedCount: 2, scopeTotal: 3 } });
    const criterion = (r.json().criteria as Json[]).find((c) => c.code === 'ho_so_cong_viec_tren_mang');
    expect(criterion).toMatchObject({ status: expect.any(String), title: expect.any(String) });
    expect(criterion!.title).not.toBe(criterion!.code);
    const inCluster = await publicUnit(f.periodId, f.units.c2.id, `&groupId=${clusterId}`);
    expect(inCluster.json()).toMatchObject({ group: { id: clusterId, name: 'Cụm thi đua Nam Thử' }, row: { name: 'Xã Tây Thử', rank: 2, tiedCount: 1, scopeTotal: 2 } });
    // Xã Bắc Thử is in no cluster; a unit of another tenant and an unknown id are in no snapshot of this one.
    const otherTenant = await ensureTenant(f.t.db, 'tinh-khac', 'Tỉnh khác (thử)');
    const foreignUnit = randomUUID();
    await f.t.db.insert(units).values({ id: foreignUnit, tenantId: otherTenant, code: '99901', kindCode: 'commune', validFrom: '2020-01-01', searchText: 'xa khac' });
    for (const [unitId, extra] of [
      [f.units.c3.id, `&groupId=${clusterId}`],
      [foreignUnit, ''],
      [randomUUID(), ''],
    ] as const) {
      const missing = await publicUnit(f.periodId, unitId, extra);
      expect(missing.statusCode, `${unitId}${extra}`).toBe(404);
      expect(missing.json().error.code).toBe('not_found');
    }
    expect((await f.t.anonymous('GET', `/api/public/movements/${movement.id}/rankings/units/${f.units.c1.id}?periodId=${f.periodId}&level=district`)).statusCode).toBe(404);
    // Periods without a published snapshot answer 404 too.
    expect((await publicUnit(openPeriodId, f.units.c1.id)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', `/api/public/movements/${randomUUID()}/rankings/units/${f.units.c1.id}?periodId=${f.periodId}`)).statusCode).toBe(404);
  });

  it('documents the paged list and the unit route in the OpenAPI description', async () => {
    const paths = (await f.t.anonymous('GET', '/api/openapi.json')).json().paths as Json;
    const list = JSON.stringify(paths['/api/public/movements/{id}/rankings']);
    for (const word of ['"limit"', '"offset"', '"q"', '"total"', '"tiedCount"']) expect(list).toContain(word);
    expect(list).not.toContain('"criteria"');
    const unit = JSON.stringify(paths['/api/public/movements/{id}/rankings/units/{unitId}']);
    for (const word of ['"criteria"', '"title"', '"scopeTotal"']) expect(unit).toContain(word);
  });

  it('keeps serving the snapshot, not live values, after a later correction', async () => {
    // Xã Tây Thử's approved result is corrected upwards after publication: the live ranking moves, the public one does not.
    const [report] = await f.t.db
      .select()
      .from(reports)
      .where(and(eq(reports.periodId, f.periodId), eq(reports.unitId, f.units.c2.id)));
    await f.t.db
      .update(criteriaEvaluations)
      .set({ result: sql`jsonb_set(${criteriaEvaluations.result}, '{totalPoints}', '"999"')` })
      .where(eq(criteriaEvaluations.id, report!.evaluationId!));
    const live = await f.s.standing.request('GET', `/api/movements/${movement.id}/rankings?periodId=${f.periodId}&level=commune`);
    expect(live.json().rows[0]).toMatchObject({ name: 'Xã Tây Thử', rank: 1 });
    const published = await publicRanking(f.periodId);
    expect(published.json().rows.map((x: Json) => [x.name, x.rank, x.totalPoints === '999'])).toEqual([
      ['Xã Bắc Thử', 1, false],
      ['Xã Đông Thử', 1, false],
      ['Xã Tây Thử', 3, false],
    ]);
    const csv = await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.csv`);
    expect(csv.body).not.toContain('999');
  });

  it('serves the CSV in UTF-8 with a BOM, Vietnamese headers and correct diacritics', async () => {
    const r = await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.csv`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = r.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Mã đơn vị,Tên đơn vị,Cấp,Hạng trong cấp,Tổng điểm,Tỷ lệ tiêu chí đạt (%),Xếp loại,Số đơn vị đồng hạng,Giải thích đồng hạng');
    expect(lines.filter((l) => l.includes('cấp xã')).map((l) => l.split(',').slice(0, 4))).toEqual([
      ['99201', 'Xã Bắc Thử', 'cấp xã', '1'],
      ['99101', 'Xã Đông Thử', 'cấp xã', '1'],
      ['99102', 'Xã Tây Thử', 'cấp xã', '3'],
    ]);
    expect(r.body).not.toContain('Kỳ đang mở');
    const groups = await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1-cum.csv`);
    expect(groups.statusCode).toBe(200);
    expect(groups.body).toContain('Cụm thi đua Nam Thử,cấp xã,1,99101,Xã Đông Thử');
    const json = await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.json`);
    expect(json.statusCode).toBe(200);
    expect(json.json().rows.map((x: Json) => x.unitName)).toEqual(['Xã Bắc Thử', 'Xã Đông Thử', 'Xã Tây Thử']);
    expect(json.json().snapshot.revision).toBe(2);
    expect((await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.xml`)).statusCode).toBe(404);
  });

  it('lists every distribution in a DCAT JSON-LD catalogue, and each URL answers', async () => {
    const r = await f.t.anonymous('GET', '/api/public/datasets.jsonld');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const catalog = JSON.parse(r.body) as Json;
    expect(catalog['@context']).toMatchObject({ dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' });
    expect(catalog['@type']).toBe('dcat:Catalog');
    const datasets = catalog['dcat:dataset'] as Json[];
    expect(datasets).toHaveLength(1);
    const dataset = datasets[0]!;
    const [snapshot] = await snapshotsOf(f.periodId);
    expect(dataset).toMatchObject({
      '@type': 'dcat:Dataset',
      'dct:identifier': `${movement.code}/THU-1`,
      'dct:license': { '@id': 'https://creativecommons.org/licenses/by/4.0/' },
      'dct:modified': { '@value': snapshot!.publishedAt!.toISOString() },
    });
    expect(dataset['dct:title']).toContain('Kỳ thử 1');
    expect(dataset['dct:publisher']['foaf:name'].length).toBeGreaterThan(0);
    const distributions = dataset['dcat:distribution'] as Json[];
    expect(distributions.map((d) => new URL(d['dcat:downloadURL']['@id']).pathname)).toEqual([
      `/api/public/datasets/${movement.code}/THU-1.csv`,
      `/api/public/datasets/${movement.code}/THU-1.json`,
      `/api/public/datasets/${movement.code}/THU-1-cum.csv`,
      `/api/public/datasets/${movement.code}/THU-1-cum.json`,
    ]);
    // Every distribution the portal offers is in the catalogue (stable URLs), and each answers with its media type.
    const offered = ((await f.t.anonymous('GET', '/api/public/movements')).json() as Json[]).flatMap((m) =>
      m.periods.flatMap((p: Json) => [p.csvUrl, p.jsonUrl, p.groupsCsvUrl, p.groupsJsonUrl].filter(Boolean)),
    );
    expect(distributions.map((d) => new URL(d['dcat:downloadURL']['@id']).pathname).sort()).toEqual(offered.sort());
    for (const d of distributions) {
      const url = new URL(d['dcat:downloadURL']['@id']);
      const got = await f.t.anonymous('GET', url.pathname);
      expect(got.statusCode, url.pathname).toBe(200);
      expect(got.headers['content-type']).toContain(d['dcat:mediaType']);
    }
    // Valid JSON-LD in the sense that matters here: every prefix used is declared in the context.
    const prefixes = new Set([...r.body.matchAll(/"([a-z]+):[A-Za-z]+"/g)].map((m) => m[1]));
    for (const prefix of prefixes) expect(catalog['@context'], prefix).toHaveProperty(prefix!);
    expect(r.body).not.toContain('MO-BAN');
  });

  it('opens the CSV in LibreOffice with correct diacritics', async (context) => {
    const soffice = ['soffice', 'libreoffice'].find((bin) => spawnSync('which', [bin]).status === 0);
    if (!soffice) {
      console.log('SKIPPED: LibreOffice (soffice) is not installed; apt-get install -y libreoffice-calc-nogui');
      context.skip();
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-csv-'));
    const file = path.join(dir, 'ket-qua.csv');
    writeFileSync(file, (await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.csv`)).rawPayload);
    const env = { ...process.env, HOME: dir };
    // Headless LibreOffice skips the Text Import dialog (which preselects UTF-8 from the byte-order mark) and falls
    // back to the system charset, so the dialog's choice is given as the filter option: comma, quote, UTF-8 (76).
    execFileSync(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${dir}/profile`,
        '--infilter=Text - txt - csv (StarCalc):44,34,76',
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        file,
      ],
      { env, timeout: 120_000, stdio: 'pipe' },
    );
    expect(existsSync(path.join(dir, 'ket-qua.xlsx'))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path.join(dir, 'ket-qua.xlsx')) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    // The byte-order mark is consumed, not left in the first cell.
    expect(sheet.getRow(1).getCell(1).text).toBe('Mã đơn vị');
    expect(sheet.getRow(1).getCell(6).text).toBe('Tỷ lệ tiêu chí đạt (%)');
    const names = [2, 3, 4].map((i) => sheet.getRow(i).getCell(2).text);
    expect(names).toEqual(['Xã Bắc Thử', 'Xã Đông Thử', 'Xã Tây Thử']);
  }, 240_000);
});

describe('correcting a published ranking (đính chính)', () => {
  const REASON = 'Đính chính tổng điểm của Xã Tây Thử sau khi phúc tra hồ sơ';
  let oldId: string;
  let oldPublishedAt: string;
  const correct = (session: Session, body: unknown) => session.request('POST', `/api/ranking-snapshots/${f.periodId}/correct`, body);

  beforeAll(async () => {
    const [s] = await snapshotsOf(f.periodId);
    oldId = s!.id;
    oldPublishedAt = s!.publishedAt!.toISOString();
  });

  it('refuses a missing or short reason, another role, or a period without a ranking, changing nothing', async () => {
    for (const body of [{}, { reason: 'ngắn' }, { reason: 'x'.repeat(2001) }]) {
      const r = await correct(f.s.standing, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details.map((d: Json) => d.path)).toContain('body.reason');
    }
    expect((await correct(f.s.reviewer, { reason: REASON })).statusCode).toBe(403);
    const none = await createOpenPeriod(f.s.standing, f.regimeId, 'DC-0', 'Kỳ chưa chốt', { dueIn: 10 });
    const missing = await f.s.standing.request('POST', `/api/ranking-snapshots/${none}/correct`, { reason: REASON });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.code).toBe('snapshot_missing');
    expect((await snapshotsOf(f.periodId)).map((s) => [s.id, s.status])).toEqual([[oldId, 'published']]);
  });

  it('freezes a correction from the live results while the published ranking stays public', async () => {
    const r = await correct(f.s.standing, { reason: `  ${REASON}  ` });
    expect(r.statusCode, r.body).toBe(200);
    const view = r.json() as Json;
    expect(view.snapshot).toMatchObject({ status: 'frozen', revision: 3, supersedesId: oldId, correctionReason: REASON, publishedAt: null });
    expect(view.published).toMatchObject({ id: oldId, status: 'published' });
    expect(view.history.map((h: Json) => [h.revision, h.status])).toEqual([
      [2, 'published'],
      [3, 'frozen'],
    ]);
    expect(view.abilities).toMatchObject({ canCorrect: false, canPublish: true, canFreeze: true });
    // The draft ranks the corrected live values.
    expect(view.rows.filter((x: Json) => x.scopeKey === 'level:commune').map((x: Json) => [x.name, x.rank])).toEqual([
      ['Xã Tây Thử', 1],
      ['Xã Bắc Thử', 2],
      ['Xã Đông Thử', 2],
    ]);
    const published = (await publicRanking(f.periodId)).json() as Json;
    expect(published.rows.map((x: Json) => [x.name, x.rank])).toEqual([
      ['Xã Bắc Thử', 1],
      ['Xã Đông Thử', 1],
      ['Xã Tây Thử', 3],
    ]);
    expect(published.snapshot.correction).toBeNull();
    // One correction at a time; the draft may be frozen again.
    const twice = await correct(f.s.standing, { reason: REASON });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('bản đính chính chưa công bố');
    const refrozen = await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/freeze`);
    expect(refrozen.json().snapshot).toMatchObject({ status: 'frozen', revision: 4, supersedesId: oldId });
  });

  it('publishes the correction and retires the corrected ranking in one transaction, with the reason shown', async () => {
    const r = await f.s.standing.request('POST', `/api/ranking-snapshots/${f.periodId}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    const newId = r.json().snapshot.id as string;
    expect(r.json().published).toMatchObject({ id: newId, status: 'published', correctionReason: REASON });
    const all = await snapshotsOf(f.periodId);
    expect(all.find((s) => s.id === oldId)).toMatchObject({ status: 'superseded', publishedAt: new Date(oldPublishedAt) });
    expect(all.find((s) => s.id === oldId)!.supersededAt).not.toBeNull();
    const published = (await publicRanking(f.periodId)).json() as Json;
    expect(published.rows.map((x: Json) => [x.name, x.rank])).toEqual([
      ['Xã Tây Thử', 1],
      ['Xã Bắc Thử', 2],
      ['Xã Đông Thử', 2],
    ]);
    expect(published.snapshot).toMatchObject({ revision: 4, correction: { reason: REASON, correctedPublishedAt: oldPublishedAt } });
    const list = (await f.t.anonymous('GET', '/api/public/movements')).json() as Json[];
    expect(list[0]!.periods.find((p: Json) => p.id === f.periodId).correction).toEqual({ reason: REASON, correctedPublishedAt: oldPublishedAt });
    const json = (await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.json`)).json() as Json;
    expect(json.snapshot.correction.reason).toBe(REASON);
    expect((await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.csv`)).body).toContain('999');
    // Audited: the correction's freeze, re-freeze and publication (which names the snapshot it retired).
    const actions = await queryRows<{ action: string; before: Json }>(f.t.db, sql`select action, before from audit_log where entity_id = ${newId} order by at, action`);
    expect(actions.map((a) => a.action)).toEqual(['ranking_snapshot.correction_frozen', 'ranking_snapshot.refrozen', 'ranking_snapshot.published']);
    expect(actions[2]!.before).toMatchObject({ supersededSnapshotId: oldId });
  });

  it('keeps the retired ranking and its rows immutable, and never two published rankings for a period', async () => {
    const rows = await f.t.db.select().from(rankingSnapshotRows).where(eq(rankingSnapshotRows.snapshotId, oldId));
    expect(rows.length).toBeGreaterThan(0);
    await expect(f.t.db.update(rankingSnapshotRows).set({ rank: 9 }).where(eq(rankingSnapshotRows.snapshotId, oldId))).rejects.toThrow();
    await expect(f.t.db.update(rankingSnapshots).set({ status: 'published' }).where(eq(rankingSnapshots.id, oldId))).rejects.toThrow();
    const current = (await snapshotsOf(f.periodId)).find((s) => s.status === 'published')!;
    // Superseding changes only the status and when/by whom: anything else with it is refused.
    await expect(f.t.db.update(rankingSnapshots).set({ status: 'superseded', revision: 99 }).where(eq(rankingSnapshots.id, current.id))).rejects.toThrow();
    await expect(f.t.db.insert(rankingSnapshots).values({ ...current, id: randomUUID(), revision: 99, createdAt: new Date() })).rejects.toThrow();
    expect((await snapshotsOf(f.periodId)).map((s) => s.status).sort()).toEqual(['published', 'superseded']);
  });
});

describe('public map', () => {
  const ONLINE = 'ho_so_cong_viec_tren_mang';
  const map = (query: string) => f.t.anonymous('GET', `/api/public/movements/${movement.id}/map?${query}`);

  it('colours the level by a criterion as published, on demo geometry labelled as such, without login', async () => {
    const period = (await f.s.standing.request('GET', `/api/report-periods/${f.periodId}`)).json() as Json;
    const before = await map(`periodId=${f.periodId}&level=commune`);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ boundarySet: null, geojson: null });
    const demo = await f.s.admin.request('POST', '/api/unit-boundary-sets/demo', { asOf: period.endDate, levels: ['commune'] });
    expect(demo.statusCode, demo.body).toBe(201);
    const r = await map(`periodId=${f.periodId}&level=commune&criterion=${ONLINE}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    const body = r.json() as Json;
    expect(body.criterion).toMatchObject({ code: ONLINE });
    expect(body.boundarySet).toMatchObject({ isDemo: true });
    expect(body.geojson.features.map((x: Json) => x.properties.name).sort()).toEqual(['Phường Mới Thử', 'Xã Bắc Thử', 'Xã Tây Thử', 'Xã Đông Thử'].sort());
    const status = Object.fromEntries(body.rows.map((x: Json) => [x.name, x.status]));
    // From the published snapshot: Xã Tây Thử handled 10 % of records online; Phường Mới Thử has no published result.
    expect(status).toEqual({ 'Xã Đông Thử': 'met', 'Xã Tây Thử': 'not_met', 'Xã Bắc Thử': 'met', 'Phường Mới Thử': 'no_report' });
    expect(body.rows.find((x: Json) => x.name === 'Xã Tây Thử').displayValue).toMatch(/10/);
    expect(body.rows.every((x: Json) => x.hasGeometry)).toBe(true);
  });

  it('answers 404 for a period not published and 422 naming an unknown criterion', async () => {
    expect((await map(`periodId=${openPeriodId}&level=commune`)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', `/api/public/movements/${randomUUID()}/map?periodId=${f.periodId}`)).statusCode).toBe(404);
    const unknown = await map(`periodId=${f.periodId}&level=commune&criterion=khong_co`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.map((d: Json) => d.path)).toContain('query.criterion');
    expect((await map('periodId=khong-phai-uuid')).statusCode).toBe(400);
  });
});

describe('the schedule', () => {
  it('freezes when a period closes on its date and publishes when it locks, once', async () => {
    const today = todayInVietnam();
    await f.t.db.update(reportPeriods).set({ closesOn: today }).where(eq(reportPeriods.id, openPeriodId));
    // Reading the periods brings them up to the schedule (as the scheduler does).
    expect((await f.s.reporter.request('GET', `/api/report-periods/${openPeriodId}`)).json().status).toBe('closed');
    let [s] = await snapshotsOf(openPeriodId);
    expect(s).toMatchObject({ status: 'frozen', trigger: 'schedule', revision: 1, frozenByUserId: null });
    expect((await publicRanking(openPeriodId)).statusCode).toBe(404);
    await f.t.db.update(reportPeriods).set({ locksOn: today }).where(eq(reportPeriods.id, openPeriodId));
    expect(await syncRankingSnapshots(f.t.db)).toEqual({ frozen: 0, published: 0 });
    expect((await snapshotsOf(openPeriodId))[0]!.status).toBe('published');
    expect(await syncRankingSnapshots(f.t.db)).toEqual({ frozen: 0, published: 0 });
    [s] = await snapshotsOf(openPeriodId);
    expect(s).toMatchObject({ status: 'published', revision: 1 });
    const r = await publicRanking(openPeriodId);
    expect(r.statusCode).toBe(200);
    expect(r.json().rows.map((x: Json) => x.name)).toEqual(['Xã Đông Thử']);
  });

  it('publishes a period written as closed by a script, idempotently', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'KB-1', 'Kỳ kịch bản', { dueIn: 10 });
    await f.t.db.update(reportPeriods).set({ status: 'closed', closedAt: new Date() }).where(eq(reportPeriods.id, periodId));
    await publishPeriodRanking(f.t.db, periodId);
    await publishPeriodRanking(f.t.db, periodId);
    expect((await snapshotsOf(periodId)).map((s) => [s.status, s.revision])).toEqual([['published', 1]]);
    await expect(publishPeriodRanking(f.t.db, randomUUID())).rejects.toThrow();
  });

  it('never publishes a pending correction when the period locks: that is left to the standing agency', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'KB-2', 'Kỳ đính chính', { dueIn: 10 });
    await f.t.db.update(reportPeriods).set({ status: 'closed', closedAt: new Date() }).where(eq(reportPeriods.id, periodId));
    await publishPeriodRanking(f.t.db, periodId);
    const corrected = await f.s.standing.request('POST', `/api/ranking-snapshots/${periodId}/correct`, { reason: 'Đính chính thử trước khi khoá kỳ' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    await f.t.db.update(reportPeriods).set({ locksOn: todayInVietnam() }).where(eq(reportPeriods.id, periodId));
    expect((await f.s.reporter.request('GET', `/api/report-periods/${periodId}`)).json().status).toBe('locked');
    await syncRankingSnapshots(f.t.db);
    expect((await snapshotsOf(periodId)).map((s) => [s.revision, s.status]).sort()).toEqual([
      [1, 'published'],
      [2, 'frozen'],
    ]);
    const published = await f.s.standing.request('POST', `/api/ranking-snapshots/${periodId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect((await snapshotsOf(periodId)).map((s) => [s.revision, s.status]).sort()).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
  });

  it('catches up periods recorded as locked without a snapshot', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'CU-1', 'Kỳ cũ', { dueIn: 10 });
    await f.t.db.update(reportPeriods).set({ status: 'locked', closedAt: new Date(), lockedAt: new Date() }).where(eq(reportPeriods.id, periodId));
    expect(await syncRankingSnapshots(f.t.db)).toEqual({ frozen: 1, published: 1 });
    expect(await syncRankingSnapshots(f.t.db)).toEqual({ frozen: 0, published: 0 });
    expect((await snapshotsOf(periodId)).map((s) => s.status)).toEqual(['published']);
  });
});

describe('public search', () => {
  it('finds units and movements without accents or case', async () => {
    const r = await f.t.anonymous('GET', `/api/public/search?q=${encodeURIComponent('DONG thu')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.json().units.map((u: Json) => u.name)).toEqual(['Xã Đông Thử']);
    const word = movement.name.split(' ').slice(0, 3).join(' ');
    const m = await f.t.anonymous(
      'GET',
      `/api/public/search?q=${encodeURIComponent(
        word
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase(),
      )}`,
    );
    expect(m.json().movements.map((x: Json) => x.code)).toContain(movement.code);
    expect((await f.t.anonymous('GET', '/api/public/search?q=x')).json()).toEqual({ units: [], movements: [] });
    expect((await f.t.anonymous('GET', `/api/public/search?q=${encodeURIComponent('100%')}`)).statusCode).toBe(200);
  });
});

describe('pages through large ties', () => {
  // A snapshot written directly (as freezing would at national scale): rank 1, nine units tied at 2, two at 11, one at 13.
  let periodId: string;
  const names = Array.from({ length: 13 }, (_, k) => `Xã Trang ${String(k + 1).padStart(2, '0')}`);
  const ranks = [1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 11, 11, 13];

  beforeAll(async () => {
    periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'DH-1', 'Kỳ đồng hạng', { dueIn: 10 });
    const [period] = await f.t.db.update(reportPeriods).set({ status: 'closed', closedAt: new Date() }).where(eq(reportPeriods.id, periodId)).returning();
    const tenantId = f.t.tenantId;
    const snapshotId = randomUUID();
    await f.t.db.insert(rankingSnapshots).values({
      id: snapshotId,
      tenantId,
      periodId,
      movementId: movement.id,
      criteriaSetVersionId: period!.criteriaSetVersionId!,
      status: 'frozen',
      trigger: 'manual',
      frozenAt: new Date(),
    });
    const built = [];
    for (const name of names) built.push(await f.t.buildUnit({ name }));
    await f.t.db.insert(rankingSnapshotRows).values(
      built.map((u, position) => ({
        id: randomUUID(),
        tenantId,
        snapshotId,
        scopeKey: 'level:commune',
        scopeKind: 'level',
        level: 'commune',
        position,
        rank: ranks[position]!,
        unitId: u.id,
        unitName: u.name,
        totalPoints: String(100 - ranks[position]!),
        shareMet: '50',
        tieExplanation: null,
        criteria: [],
      })),
    );
    await f.t.db.update(rankingSnapshots).set({ status: 'published', publishedAt: new Date() }).where(eq(rankingSnapshots.id, snapshotId));
  });

  it('gives every row of a large group its size on every page, and describes the group by its count', async () => {
    const page = (await publicRanking(periodId, '&limit=5&offset=5')).json() as Json;
    expect(page.total).toBe(13);
    expect(page.rows.map((x: Json) => [x.rank, x.tiedCount])).toEqual([
      [2, 9],
      [2, 9],
      [2, 9],
      [2, 9],
      [2, 9],
    ]);
    expect(page.rows[0].tieExplanation).toMatch(/^Đồng hạng 2 với 8 đơn vị khác/);
    expect(page.ties).toEqual([expect.objectContaining({ rank: 2, count: 9, names: null })]);
    const first = (await publicRanking(periodId, '&limit=3')).json() as Json;
    expect(first.rows.map((x: Json) => [x.rank, x.tiedCount])).toEqual([
      [1, 1],
      [2, 9],
      [2, 9],
    ]);
  });

  it('names both members of a small group split by the page, and sizes the last group from the scope', async () => {
    const page = (await publicRanking(periodId, '&limit=5&offset=11')).json() as Json;
    expect(page.rows.map((x: Json) => [x.name, x.rank, x.tiedCount])).toEqual([
      ['Xã Trang 12', 11, 2],
      ['Xã Trang 13', 13, 1],
    ]);
    expect(page.ties).toEqual([expect.objectContaining({ rank: 11, count: 2, names: ['Xã Trang 11', 'Xã Trang 12'] })]);
    const filtered = (await publicRanking(periodId, `&q=${encodeURIComponent('trang 11')}`)).json() as Json;
    expect(filtered).toMatchObject({ total: 1, rows: [{ name: 'Xã Trang 11', rank: 11, tiedCount: 2 }] });
    const unit = (await f.t.anonymous('GET', `/api/public/movements/${movement.id}/rankings/units/${page.rows[1].unitId}?periodId=${periodId}`)).json() as Json;
    expect(unit).toMatchObject({ level: 'commune', row: { rank: 13, tiedCount: 1, scopeTotal: 13 }, criteria: [] });
  });
});
