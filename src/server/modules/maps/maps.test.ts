import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { movements } from '../../db/schema/index.js';
import type { Session } from '../../../../tests/helpers/test-app.js';
import { buildReportsFixture, fillCommuneReport, goodCommuneValues, openReportFor, type ReportsFixture } from '../../../../tests/helpers/reports-fixture.js';
import { demoBoundaryGeoJson } from './maps.geojson.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ReportsFixture;
let movementId: string;
const AS_OF = '2024-06-30';

/** multipart/form-data with text fields and one file. */
function form(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const boundary = `----thidua${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/geo+json\r\n\r\n`, 'utf8'));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'));
    parts.push(Buffer.from('\r\n', 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(session: Session, geojson: unknown, fields: Record<string, string> = { name: 'Ranh giới thử', asOf: AS_OF }) {
  const content = typeof geojson === 'string' || Buffer.isBuffer(geojson) ? geojson : JSON.stringify(geojson);
  const { payload, headers } = form(fields, { name: 'ranh-gioi.geojson', content });
  return f.t.app.inject({ method: 'POST', url: '/api/unit-boundary-sets', payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
}

const units = () => [
  { id: f.units.c1.id, code: '99101', name: f.units.c1.name },
  { id: f.units.c2.id, code: '99102', name: f.units.c2.name },
  { id: f.units.c3.id, code: '99201', name: f.units.c3.name },
];
const valid = () => demoBoundaryGeoJson(units());

async function state() {
  const [row] = await queryRows<{ sets: number; audit: number }>(
    f.t.db,
    sql`select (select count(*)::int from unit_boundary_sets) as sets, (select count(*)::int from audit_log where entity_type = 'unit_boundary_set') as audit`,
  );
  return row!;
}

beforeAll(async () => {
  f = await buildReportsFixture({ GEOJSON_MAX_MB: 1 });
  [{ id: movementId }] = (await f.t.db.select({ id: movements.id }).from(movements)) as [{ id: string }];
  const opened = await openReportFor(f.s.reporter, f.periodId, f.units.c1.id);
  const rv = await fillCommuneReport(f.s.reporter, opened.id, opened.rowVersion, goodCommuneValues);
  const submitted = await f.s.reporter.request('POST', `/api/reports/${opened.id}/submit`, { rowVersion: rv });
  const approved = await f.s.standing.request('POST', `/api/reports/${opened.id}/approve`, { rowVersion: submitted.json().rowVersion });
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
}, 300_000);
afterAll(async () => f?.t.close());

describe('boundary upload refused, nothing stored', () => {
  const feature = (code: string, geometry: unknown) => ({ type: 'Feature', properties: { code }, geometry });
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [106.3, 20.9],
        [106.4, 20.9],
        [106.4, 20.8],
        [106.3, 20.8],
        [106.3, 20.9],
      ],
    ],
  };
  const cases: [string, unknown, number, string, RegExp | null][] = [
    ['not JSON', '{"type": "FeatureCollection", "features": [', 400, 'invalid_json', null],
    ['not a FeatureCollection', { type: 'Feature', properties: { code: '99101' }, geometry: square }, 422, 'not_feature_collection', null],
    ['an empty collection', { type: 'FeatureCollection', features: [] }, 422, 'not_feature_collection', null],
    [
      'a point',
      { type: 'FeatureCollection', features: [feature('99101', { type: 'Point', coordinates: [106.3, 20.9] })] },
      422,
      'invalid_features',
      /Đối tượng 0: kiểu hình học "Point" không được nhận/,
    ],
    [
      'a line',
      {
        type: 'FeatureCollection',
        features: [
          feature('99101', {
            type: 'LineString',
            coordinates: [
              [106.3, 20.9],
              [106.4, 20.9],
            ],
          }),
        ],
      },
      422,
      'invalid_features',
      /chỉ nhận Polygon hoặc MultiPolygon/,
    ],
    [
      'a latitude of 120',
      {
        type: 'FeatureCollection',
        features: [
          feature('99101', {
            type: 'Polygon',
            coordinates: [
              [
                [106.3, 120],
                [106.4, 20.9],
                [106.4, 20.8],
                [106.3, 120],
              ],
            ],
          }),
        ],
      },
      422,
      'invalid_features',
      /ngoài phạm vi/,
    ],
    [
      'text coordinates',
      {
        type: 'FeatureCollection',
        features: [
          feature('99101', {
            type: 'Polygon',
            coordinates: [
              [
                ['106.3', '20.9'],
                [106.4, 20.9],
                [106.4, 20.8],
                ['106.3', '20.9'],
              ],
            ],
          }),
        ],
      },
      422,
      'invalid_features',
      /cặp số/,
    ],
    [
      'an open ring',
      {
        type: 'FeatureCollection',
        features: [
          feature('99101', {
            type: 'Polygon',
            coordinates: [
              [
                [106.3, 20.9],
                [106.4, 20.9],
                [106.4, 20.8],
                [106.3, 20.8],
              ],
            ],
          }),
        ],
      },
      422,
      'invalid_features',
      /khép kín/,
    ],
    ['a missing code', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { ten: 'Xã' }, geometry: square }] }, 422, 'invalid_features', /thiếu mã đơn vị/],
    ['a duplicate code', { type: 'FeatureCollection', features: [feature('99101', square), feature('99101', square)] }, 422, 'invalid_features', /trùng với đối tượng 0/],
  ];
  it.each(cases)('%s', async (_name, body, status, code, message) => {
    const before = await state();
    const r = await upload(f.s.admin, body);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().error.code).toBe(code);
    if (message)
      expect(
        r
          .json()
          .error.details.map((d: Json) => d.message)
          .join('\n'),
      ).toMatch(message);
    expect(await state()).toEqual(before);
  });

  it('lists unmatched unit codes by feature index, in Vietnamese', async () => {
    const before = await state();
    const body = valid();
    body.features[1]!.properties.code = '99999';
    // 99301 only exists from 1 July 2025, after the chosen date.
    body.features.push({ ...body.features[0]!, properties: { code: '99301', ten: 'Phường Mới Thử', ghiChu: 'hình học minh hoạ' } });
    const r = await upload(f.s.admin, body);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.message).toBe('Không lưu ranh giới nào: có 2 lỗi trong tệp GeoJSON (xem danh sách theo từng đối tượng)');
    expect(r.json().error.details).toEqual([
      { path: 'features[1].properties.code', message: 'Đối tượng 1: mã đơn vị "99999" không khớp đơn vị nào có hiệu lực ngày 30/06/2024' },
      { path: 'features[3].properties.code', message: 'Đối tượng 3: mã đơn vị "99301" không khớp đơn vị nào có hiệu lực ngày 30/06/2024' },
    ]);
    expect(await state()).toEqual(before);
  });

  it('refuses a file over the size limit, a missing file or date, and people who are not administrators', async () => {
    const before = await state();
    const big = JSON.stringify({ ...valid(), padding: 'x'.repeat(1024 * 1024 + 10) });
    const tooBig = await upload(f.s.admin, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toBe('Tệp GeoJSON vượt quá dung lượng cho phép (1 MB)');
    const noDate = await upload(f.s.admin, valid(), { name: 'Thiếu ngày' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.details.map((d: Json) => d.path)).toContain('body.asOf');
    const { payload, headers } = form({ name: 'Không tệp', asOf: AS_OF });
    const noFile = await f.t.app.inject({
      method: 'POST',
      url: '/api/unit-boundary-sets',
      payload,
      headers: { ...headers, cookie: f.s.admin.cookie, 'x-csrf-token': f.s.admin.csrfToken },
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('no_file');
    for (const s of [f.s.standing, f.s.reporter, f.s.viewer]) expect((await upload(s, valid())).statusCode).toBe(403);
    expect(await state()).toEqual(before);
  });
});

describe('boundary upload and the choropleth', () => {
  let setId: string;

  it('stores a valid collection, keyed by the matched units, audited', async () => {
    const r = await upload(f.s.admin, valid(), { name: 'Ranh giới xã (thử)', asOf: AS_OF, codeProperty: 'code' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ name: 'Ranh giới xã (thử)', asOf: AS_OF, featureCount: 3, isDemo: false });
    setId = r.json().id;
    const detail = (await f.s.viewer.request('GET', `/api/unit-boundary-sets/${setId}`)).json() as Json;
    expect(detail.geojson.features.map((x: Json) => x.properties)).toEqual(units().map((u) => ({ unitId: u.id, code: u.code, name: u.name })));
    expect(await state()).toMatchObject({ sets: 1, audit: 1 });
    const list = (await f.s.admin.request('GET', '/api/unit-boundary-sets')).json() as Json;
    expect(list).toMatchObject({ abilities: { canUpload: true }, maxMb: 1 });
    expect((await f.s.viewer.request('GET', '/api/unit-boundary-sets')).json().abilities.canUpload).toBe(false);
  });

  it("answers each unit's status and value for a criterion, with geometry, within the reader's scope", async () => {
    const r = await f.s.standing.request('GET', `/api/movements/${movementId}/map?periodId=${f.periodId}&level=commune&criterion=ho_so_cong_viec_tren_mang`);
    expect(r.statusCode, r.body).toBe(200);
    const view = r.json() as Json;
    expect(view.boundarySet.id).toBe(setId);
    expect(view.criterion.code).toBe('ho_so_cong_viec_tren_mang');
    expect(view.criteria.length).toBeGreaterThan(1);
    const byName = Object.fromEntries(view.rows.map((x: Json) => [x.name, x]));
    expect(byName['Xã Đông Thử']).toMatchObject({ status: 'met', hasGeometry: true });
    expect(byName['Xã Đông Thử'].value).toBeTypeOf('number');
    expect(byName['Xã Đông Thử'].displayValue).toContain('%');
    expect(byName['Xã Tây Thử']).toMatchObject({ status: 'no_report', value: null, hasGeometry: true });
    expect(view.geojson.features).toHaveLength(3);
    // The district reviewer sees its own communes only, on the map as in the table.
    const scoped = (await f.s.reviewer.request('GET', `/api/movements/${movementId}/map?periodId=${f.periodId}&level=commune`)).json() as Json;
    expect(scoped.rows.map((x: Json) => x.name).sort()).toEqual(['Xã Tây Thử', 'Xã Đông Thử'].sort());
    expect(scoped.geojson.features.map((x: Json) => x.properties.code).sort()).toEqual(['99101', '99102']);
    expect(JSON.stringify(scoped)).not.toContain(f.units.c3.id);
    const unknown = await f.s.standing.request('GET', `/api/movements/${movementId}/map?periodId=${f.periodId}&level=commune&criterion=khong_co`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details[0].path).toBe('query.criterion');
    expect((await f.s.standing.request('GET', `/api/movements/${movementId}/map?periodId=${randomUUID()}&level=commune`)).statusCode).toBe(404);
  });

  it('makes demo geometry that says it is demo geometry', async () => {
    const r = await f.s.admin.request('POST', '/api/unit-boundary-sets/demo', { asOf: AS_OF, levels: ['commune'] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ isDemo: true, featureCount: 3 });
    expect(r.json().name).toContain('Hình học minh hoạ (không phải ranh giới thật)');
    expect((await f.s.standing.request('POST', '/api/unit-boundary-sets/demo', { asOf: AS_OF })).statusCode).toBe(403);
  });
});
