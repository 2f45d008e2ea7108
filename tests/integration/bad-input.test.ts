/**
 * Bad input of every kind gets a 4xx with the error body (Vietnamese message, the field named) and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../helpers/test-app.js';
import { databaseFingerprint } from '../helpers/fingerprint.js';

let t: TestApp;
let admin: Session;
let district: TestUnit;
let commune: TestUnit;
let versionId: string;

const fingerprint = () => databaseFingerprint(t.db);

type BadCase = {
  name: string;
  send: () => Promise<{ statusCode: number; json: () => unknown; body: string }>;
  status: number;
  /** A detail path the error must name (prefix match). */
  path?: string;
  code?: string;
};

beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_KB: 64 });
  const province = await t.buildUnit({ name: 'Tỉnh Kiểm Thử', kindCode: 'province' });
  district = await t.buildUnit({ name: 'Huyện Kiểm Thử', kindCode: 'district', parentId: province.id });
  commune = await t.buildUnit({ name: 'Xã Kiểm Thử', kindCode: 'commune', parentId: district.id });
  admin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: null }));
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../packages/kh-3125-2021.json'), 'utf8')) as unknown;
  const imported = await admin.request('POST', '/api/movement-packages', pkg);
  expect(imported.statusCode).toBe(201);
  const set = await admin.request('GET', `/api/criteria-sets/${imported.json().criteriaSetId}`);
  const created = await admin.request('POST', `/api/criteria-sets/${set.json().id}/versions`, {
    basedOnVersionId: imported.json().versionId,
    effectiveFrom: '2026-01-01',
    legalBasis: { number: '99/KH-UBND', date: '2025-12-01', issuer: 'UBND tỉnh', title: 'Sửa đổi (thử)' },
  });
  expect(created.statusCode).toBe(201);
  versionId = created.json().id;
}, 240_000);
afterAll(async () => t?.close());

const raw = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: string, contentType = 'application/json') =>
  t.app.inject({ method, url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': contentType } });
const validUnit = () => ({ kindCode: 'commune', name: 'Xã Mới', parentId: district.id, validFrom: '2024-01-01' });

const cases: BadCase[] = [
  { name: 'malformed JSON', send: () => raw('POST', '/api/units', '{"name": "Xã'), status: 400, code: 'malformed_json', path: 'body' },
  { name: 'a JSON array instead of an object', send: () => raw('POST', '/api/units', '[1,2,3]'), status: 400, path: 'body' },
  { name: 'JSON null as the body', send: () => raw('POST', '/api/units', 'null'), status: 400 },
  { name: 'a content type the API does not take', send: () => raw('POST', '/api/units', 'name=Xa', 'text/plain'), status: 415, code: 'unsupported_media_type' },
  {
    name: 'a body over the size limit',
    send: () => raw('POST', '/api/units', JSON.stringify({ ...validUnit(), note: 'x'.repeat(80 * 1024) })),
    status: 413,
    code: 'body_too_large',
  },
  { name: 'an unknown field', send: () => admin.request('POST', '/api/units', { ...validUnit(), extra: 1 }), status: 400, path: 'body' },
  { name: 'a missing required field', send: () => admin.request('POST', '/api/units', { ...validUnit(), name: undefined }), status: 400, path: 'body.name' },
  { name: 'a wrong type', send: () => admin.request('POST', '/api/units', { ...validUnit(), name: 123 }), status: 400, path: 'body.name' },
  { name: 'a blank name', send: () => admin.request('POST', '/api/units', { ...validUnit(), name: '   ' }), status: 400, path: 'body.name' },
  { name: 'a string far too long', send: () => admin.request('POST', '/api/units', { ...validUnit(), name: 'X'.repeat(600) }), status: 400, path: 'body.name' },
  { name: 'a NUL character in a string', send: () => admin.request('POST', '/api/units', { ...validUnit(), name: 'Xã\u0000Mới' }), status: 400, code: 'validation_failed' },
  { name: 'a NUL character in the query string', send: () => admin.request('GET', '/api/units?q=%00'), status: 400 },
  { name: 'a malformed id in the path', send: () => admin.request('GET', '/api/units/khong-phai-uuid'), status: 400, path: 'params.id' },
  { name: 'a malformed id in the body', send: () => admin.request('POST', '/api/units', { ...validUnit(), parentId: 'abc' }), status: 400, path: 'body.parentId' },
  { name: 'an impossible calendar date', send: () => admin.request('POST', '/api/units', { ...validUnit(), validFrom: '2023-02-30' }), status: 400, path: 'body.validFrom' },
  { name: 'a date in the wrong format in the query', send: () => admin.request('GET', '/api/units/tree?asOf=30/06/2023'), status: 400, path: 'querystring.asOf' },
  { name: 'a non-numeric limit', send: () => admin.request('GET', '/api/units?q=xa&limit=nhieu'), status: 400, path: 'querystring.limit' },
  {
    name: 'a unit kind that is not in the catalogue',
    send: () => admin.request('POST', '/api/units', { ...validUnit(), kindCode: 'vuong_quoc' }),
    status: 422,
    path: 'body.kindCode',
  },
  {
    name: 'an unknown lineage event type',
    send: () => admin.request('POST', `/api/units/${commune.id}/events`, { type: 'exploded', effectiveDate: '2024-01-01', legalBasis: { title: 'x' }, rowVersion: 1 }),
    status: 400,
    path: 'body',
  },
  { name: 'a stale row version', send: () => admin.request('PATCH', `/api/units/${commune.id}`, { rowVersion: 99, phone: '0220' }), status: 409, code: 'conflict' },
  { name: 'a zero row version', send: () => admin.request('PATCH', `/api/units/${commune.id}`, { rowVersion: 0, phone: '0220' }), status: 400, path: 'body.rowVersion' },
  {
    name: 'an unknown role in a grant',
    send: () => admin.request('POST', `/api/users/${t.tenantId}/grants`, { role: 'vua', unitId: null, includeSubtree: true, validFrom: '2024-01-01' }),
    status: 400,
    path: 'body.role',
  },
  {
    name: 'a weak password',
    send: () => admin.request('POST', '/api/users', { username: 'yeu.mk', fullName: 'Yếu', unitId: commune.id, password: '123' }),
    status: 400,
    path: 'body.password',
  },
  {
    name: 'a username with forbidden characters',
    send: () => admin.request('POST', '/api/users', { username: 'Nguyễn Văn A', fullName: 'A', unitId: commune.id }),
    status: 400,
    path: 'body.username',
  },
  {
    name: 'an API token expiring in the past',
    send: () => admin.request('POST', '/api/auth/tokens', { name: 'cũ', permissions: ['unit.read'], expiresAt: '2020-01-01' }),
    status: 400,
    path: 'body.expiresAt',
  },
  {
    name: 'a permission name that does not exist',
    send: () => admin.request('POST', '/api/auth/tokens', { name: 'x', permissions: ['moi.thu'], expiresAt: '2099-01-01' }),
    status: 400,
    path: 'body.permissions',
  },
  {
    name: 'a malformed formula in a criteria version',
    send: async () => {
      const version = (await admin.request('GET', `/api/criteria-versions/${versionId}`)).json() as {
        rowVersion: number;
        definition: { criteria: { kind: string; numerator?: string }[] };
      };
      const definition = structuredClone(version.definition);
      const ratio = definition.criteria.find((c) => c.kind === 'ratio')!;
      ratio.numerator = '#{records_online} / (';
      return admin.request('PUT', `/api/criteria-versions/${versionId}`, { rowVersion: version.rowVersion, definition });
    },
    status: 400,
    path: 'body.definition.criteria',
  },
  { name: 'a package that is not a package', send: () => admin.request('POST', '/api/movement-packages', { formatVersion: 7, movement: {} }), status: 400, path: 'body' },
  { name: 'a date range the wrong way round', send: () => admin.request('GET', '/api/audit?from=2025-01-02&to=2025-01-01'), status: 400, path: 'querystring.to' },
];

describe('bad input', () => {
  it('has at least twenty kinds', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s → 4xx with the error body, nothing changed', async (_name, c) => {
    const before = await fingerprint();
    const response = await c.send();
    expect(response.statusCode, response.body.slice(0, 400)).toBe(c.status);
    const body = response.json() as { error: { code: string; message: string; details: { path: string; message: string }[] } };
    expect(typeof body.error.message).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(3);
    expect(Array.isArray(body.error.details)).toBe(true);
    if (c.code) expect(body.error.code).toBe(c.code);
    if (c.path)
      expect(
        body.error.details.map((d) => d.path).some((p) => p.startsWith(c.path!)),
        JSON.stringify(body.error.details),
      ).toBe(true);
    // Messages are Vietnamese by default.
    expect(body.error.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳýạ-ỹ]/i);
    expect(await fingerprint()).toBe(before);
  });

  it('answers in English when asked', async () => {
    const response = await admin.request('POST', '/api/units', { ...validUnit(), name: 123 }, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('The request data is invalid');
  });

  it('stores decomposed Vietnamese input as NFC', async () => {
    const decomposed = 'Xã Cẩm Thượng Mới'.normalize('NFD');
    const response = await admin.request('POST', '/api/units', { ...validUnit(), name: decomposed });
    expect(response.statusCode).toBe(201);
    expect(response.json().displayName ?? response.json().version.name).toBe('Xã Cẩm Thượng Mới'.normalize('NFC'));
  });
});
