/**
 * Error details reach people in their language: the same refusal names the same field, in Vietnamese by default and
 * in English with `Accept-Language: en` — for a shared contract's own check (zod) and for a check made by a service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../helpers/test-app.js';

let t: TestApp;
let admin: Session;
let district: TestUnit;
let versionId: string;
let packageText: string;

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.buildUnit({ name: 'Tỉnh Kiểm Thử', kindCode: 'province' });
  district = await t.buildUnit({ name: 'Huyện Kiểm Thử', kindCode: 'district', parentId: province.id });
  admin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: null }));
  packageText = readFileSync(path.resolve(import.meta.dirname, '../../packages/kh-3125-2021.json'), 'utf8');
  const pkg = JSON.parse(packageText) as unknown;
  const imported = await admin.request('POST', '/api/movement-packages', pkg);
  expect(imported.statusCode).toBe(201);
  versionId = imported.json().versionId;
}, 240_000);
afterAll(async () => t?.close());

type Detail = { path: string; message: string };

/** The refusal's details in both languages (the request sent twice; nothing is written by either). */
async function detailsInBoth(method: 'POST', url: string, body: unknown): Promise<{ vi: Detail[]; en: Detail[] }> {
  const vi = await admin.request(method, url, body);
  const en = await admin.request(method, url, body, { 'accept-language': 'en' });
  expect(vi.statusCode, vi.body).toBe(400);
  expect(en.statusCode, en.body).toBe(400);
  return { vi: vi.json().error.details, en: en.json().error.details };
}

const unit = (patch: Record<string, unknown>) => ({ kindCode: 'commune', name: 'Xã Mới', parentId: district.id, validFrom: '2024-01-01', ...patch });

describe('error details in the request language', () => {
  it('words the one date contract: no such day, and the accepted range', async () => {
    const impossible = await detailsInBoth('POST', '/api/units', unit({ validFrom: '2023-02-30' }));
    expect(impossible.vi).toEqual([{ path: 'body.validFrom', message: 'Ngày không có thật trên lịch (ví dụ 2021-02-30)' }]);
    expect(impossible.en).toEqual([{ path: 'body.validFrom', message: 'No such day in the calendar (e.g. 2021-02-30)' }]);

    const tooEarly = await detailsInBoth('POST', '/api/units', unit({ validFrom: '1899-12-31' }));
    expect(tooEarly.vi).toEqual([{ path: 'body.validFrom', message: 'Ngày phải trong khoảng 01/01/1900 – 31/12/2999' }]);
    expect(tooEarly.en).toEqual([{ path: 'body.validFrom', message: 'The date must be between 1900-01-01 and 2999-12-31' }]);

    const malformed = await detailsInBoth('POST', '/api/units', unit({ validFrom: '01/07/2025' }));
    expect(malformed.en).toEqual([{ path: 'body.validFrom', message: 'Dates are written YYYY-MM-DD, e.g. 2021-08-25' }]);
  });

  it("words a contract's pattern check", async () => {
    const { vi, en } = await detailsInBoth('POST', '/api/units', unit({ code: 'abc' }));
    expect(vi).toEqual([{ path: 'body.code', message: 'Mã đơn vị gồm 2 đến 10 chữ số' }]);
    expect(en).toEqual([{ path: 'body.code', message: 'A unit code has 2 to 10 digits' }]);
  });

  it('words the details a service finds, with their parameters', async () => {
    const { vi, en } = await detailsInBoth('POST', `/api/criteria-versions/${versionId}/dry-run`, { level: 'commune', values: { khong_co: '1' } });
    expect(vi).toEqual([{ path: 'body.values.khong_co', message: "Chỉ tiêu dữ liệu 'khong_co' không có trong bộ tiêu chí" }]);
    expect(en).toEqual([{ path: 'body.values.khong_co', message: "Data element 'khong_co' is not in the criteria set" }]);
  });

  it('words the problems of an imported movement package', async () => {
    const pkg = JSON.parse(packageText) as { movement: { code: string }; phases: { code: string }[] };
    pkg.movement.code = 'goi-thu-loi';
    pkg.phases[1]!.code = pkg.phases[0]!.code;
    const { vi, en } = await detailsInBoth('POST', '/api/movement-packages', pkg);
    expect(vi).toContainEqual({ path: 'body.phases[1].code', message: `Mã giai đoạn "${pkg.phases[0]!.code}" bị trùng với phases[0].code` });
    expect(en).toContainEqual({ path: 'body.phases[1].code', message: `Phase code "${pkg.phases[0]!.code}" repeats phases[0].code` });
  });
});
