import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { reportPeriods, reportRegimes, reports, users } from '../db/schema/index.js';
import { DEMO_PASSWORD, seedDemo } from './demo.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
});
afterAll(async () => t?.close());

describe('demo reports', () => {
  it('seeds KH 3125 regimes, 2024 quarters and Nam Sách reports labelled demo', async () => {
    const regimes = await t.db.select().from(reportRegimes);
    expect(regimes.map((r) => r.code).sort()).toEqual(['kh3125_bao_cao_nam_demo', 'kh3125_bao_cao_quy_demo']);
    expect(regimes.every((r) => r.isDemo)).toBe(true);
    const periods = await t.db.select().from(reportPeriods);
    expect(periods.map((p) => p.code).sort()).toEqual(['2023', '2024', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q2-BS']);
    const rows = await t.db.select().from(reports);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.every((r) => r.isDemo)).toBe(true);
  });

  it('shows Nam Sách its communes in the 2024 Q4 compilation, and opens the catch-up period for the journey', async () => {
    const [account] = await t.db.select().from(users).where(eq(users.username, 'huyen.namsach'));
    const s = await t.signIn({ id: account!.id, username: 'huyen.namsach', password: DEMO_PASSWORD });
    const periods = (await s.request('GET', '/api/report-periods')).json() as Json[];
    const q4 = periods.find((p) => p.code === '2024-Q4')!;
    expect(q4.status).toBe('locked');
    expect(periods.find((p) => p.code === '2025-Q2-BS')!.status).toBe('open');
    const me = (await s.request('GET', '/api/auth/me')).json() as Json;
    const view = (await s.request('GET', `/api/report-periods/${q4.id}/compilation?unitId=${me.user.unitId}`)).json() as Json;
    const statuses = new Set(view.units.map((u: Json) => u.status));
    expect(statuses).toEqual(new Set(['approved', 'late']));
    expect(view.units.find((u: Json) => u.status === 'approved').totalPoints).not.toBeNull();
  });
});
