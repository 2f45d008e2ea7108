import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { movements, reportPeriods } from '../../db/schema/index.js';
import type { Session } from '../../../../tests/helpers/test-app.js';
import { buildReportsFixture, createOpenPeriod, fillCommuneReport, goodCommuneValues, openReportFor, type ReportsFixture } from '../../../../tests/helpers/reports-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ReportsFixture;
let movement: { id: string; code: string; name: string };
let openPeriodId: string;

async function approved(reporter: Session, periodId: string, unitId: string, values: Record<string, string>) {
  const opened = await openReportFor(reporter, periodId, unitId);
  const rv = await fillCommuneReport(reporter, opened.id, opened.rowVersion, values);
  const submitted = await reporter.request('POST', `/api/reports/${opened.id}/submit`, { rowVersion: rv });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const done = await f.s.standing.request('POST', `/api/reports/${opened.id}/approve`, { rowVersion: submitted.json().rowVersion });
  if (done.statusCode !== 200) throw new Error(`approve: ${done.body}`);
}

beforeAll(async () => {
  f = await buildReportsFixture();
  [movement] = (await f.t.db.select({ id: movements.id, code: movements.code, name: movements.name }).from(movements)) as [typeof movement];
  const c2reporter = await f.t.signIn(await f.t.buildUser({ role: 'unit_reporter', unitId: f.units.c2.id, includeSubtree: false }));
  await approved(f.s.reporter, f.periodId, f.units.c1.id, goodCommuneValues);
  await approved(c2reporter, f.periodId, f.units.c2.id, { ...goodCommuneValues, records_online: '10' });
  await approved(f.s.outsider, f.periodId, f.units.c3.id, goodCommuneValues);
  // A second period stays open: nothing of it may reach the public.
  openPeriodId = await createOpenPeriod(f.s.standing, f.regimeId, 'MO-BAN', 'Kỳ đang mở', { dueIn: 10 });
  await approved(f.s.reporter, openPeriodId, f.units.c1.id, { ...goodCommuneValues, records_online: '11' });
}, 240_000);
afterAll(async () => f?.t.close());

const closePeriod = (id: string) => f.t.db.update(reportPeriods).set({ status: 'closed', closedAt: new Date('2026-01-05T03:00:00Z') }).where(eq(reportPeriods.id, id));

describe('public portal before publication', () => {
  it('shows nothing of open periods, without a session', async () => {
    const list = await f.t.anonymous('GET', '/api/public/movements');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.headers['cache-control']).toBe('public, max-age=60');
    expect(list.json()[0]).toMatchObject({ code: movement.code, periods: [] });
    expect((await f.t.anonymous('GET', `/api/public/movements/${movement.id}/rankings?periodId=${f.periodId}`)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.csv`)).statusCode).toBe(404);
    const catalog = await f.t.anonymous('GET', '/api/public/datasets.jsonld');
    expect(JSON.parse(catalog.body)['dcat:dataset']).toEqual([]);
  });
});

describe('public portal after the period closes', () => {
  beforeAll(async () => closePeriod(f.periodId));

  it('lists the published period with its download links', async () => {
    const body = (await f.t.anonymous('GET', '/api/public/movements')).json() as Json[];
    expect(body[0]!.periods.map((p: Json) => [p.code, p.status, p.csvUrl])).toEqual([['THU-1', 'closed', `/api/public/datasets/${movement.code}/THU-1.csv`]]);
  });

  it('publishes the ranking with shared ranks, and nothing from the open period', async () => {
    const r = await f.t.anonymous('GET', `/api/public/movements/${movement.id}/rankings?periodId=${f.periodId}&level=commune`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.json().rows.map((x: Json) => [x.name, x.rank])).toEqual([
      ['Xã Bắc Thử', 1],
      ['Xã Đông Thử', 1],
      ['Xã Tây Thử', 3],
    ]);
    expect(r.json().rows[0].tieExplanation).toContain('Đồng hạng 1');
    for (const s of [f.s.reporter, f.s.standing]) {
      expect(r.body).not.toContain(s.user.username);
      expect(r.body).not.toContain(s.user.id);
    }
    expect((await f.t.anonymous('GET', `/api/public/movements/${movement.id}/rankings?periodId=${openPeriodId}`)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/MO-BAN.json`)).statusCode).toBe(404);
  });

  it('serves the CSV in UTF-8 with a BOM, Vietnamese headers and correct diacritics', async () => {
    const r = await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.csv`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = r.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Mã đơn vị,Tên đơn vị,Cấp,Hạng trong cấp,Tổng điểm,Tỷ lệ tiêu chí đạt (%),Xếp loại');
    expect(lines.filter((l) => l.includes('cấp xã')).map((l) => l.split(',').slice(0, 4))).toEqual([
      ['99201', 'Xã Bắc Thử', 'cấp xã', '1'],
      ['99101', 'Xã Đông Thử', 'cấp xã', '1'],
      ['99102', 'Xã Tây Thử', 'cấp xã', '3'],
    ]);
    expect(r.body).not.toContain('Kỳ đang mở');
    const json = await f.t.anonymous('GET', `/api/public/datasets/${movement.code}/THU-1.json`);
    expect(json.statusCode).toBe(200);
    expect(json.json().rows.map((x: Json) => x.unitName)).toEqual(['Xã Bắc Thử', 'Xã Đông Thử', 'Xã Tây Thử']);
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
    expect(dataset).toMatchObject({
      '@type': 'dcat:Dataset',
      'dct:identifier': `${movement.code}/THU-1`,
      'dct:license': { '@id': 'https://creativecommons.org/licenses/by/4.0/' },
      'dct:modified': { '@value': '2026-01-05T03:00:00.000Z' },
    });
    expect(dataset['dct:title']).toContain('Kỳ thử 1');
    expect(dataset['dct:publisher']['foaf:name'].length).toBeGreaterThan(0);
    const distributions = dataset['dcat:distribution'] as Json[];
    expect(distributions.map((d) => d['dcat:mediaType'])).toEqual(['text/csv', 'application/json']);
    for (const d of distributions) {
      const url = new URL(d['dcat:downloadURL']['@id']);
      const got = await f.t.anonymous('GET', url.pathname);
      expect(got.statusCode, url.pathname).toBe(200);
      expect(got.headers['content-type']).toContain(d['dcat:mediaType']);
    }
    expect(r.body).not.toContain('MO-BAN');
  });
});

describe('public search', () => {
  it('finds units and movements without accents or case', async () => {
    const r = await f.t.anonymous('GET', `/api/public/search?q=${encodeURIComponent('DONG thu')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.json().units.map((u: Json) => u.name)).toEqual(['Xã Đông Thử']);
    const word = movement.name.split(' ').slice(0, 3).join(' ');
    const m = await f.t.anonymous('GET', `/api/public/search?q=${encodeURIComponent(word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase())}`);
    expect(m.json().movements.map((x: Json) => x.code)).toContain(movement.code);
    expect((await f.t.anonymous('GET', '/api/public/search?q=x')).json()).toEqual({ units: [], movements: [] });
    expect((await f.t.anonymous('GET', `/api/public/search?q=${encodeURIComponent('100%')}`)).statusCode).toBe(200);
  });
});
