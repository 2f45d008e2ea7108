import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  browserSuiteSkipReason,
  DEMO_PASSWORD,
  launchBrowser,
  signIn,
  startBrowserServer,
  type BrowserServer,
  expectAccessible,
  apiFromPage as call,
} from '../helpers/browser-server.js';

const skipReason = browserSuiteSkipReason();
if (skipReason) console.warn(skipReason);

const PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const FIGURES: Record<string, string> = {
  records_total: '100',
  records_secret: '2',
  records_online: '80',
  documents_total: '400',
  documents_secret: '3',
  documents_electronic: '390',
  socio_economic_reports_total: '12',
  socio_economic_reports_on_system: '12',
};

describe.skipIf(skipReason !== null)('periodic report journey (Chromium)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let reportId = '';
  let periodId = '';
  const pdfPath = path.join(os.tmpdir(), `minh-chung-${process.pid}.pdf`);

  async function as(username: string) {
    await page.context().clearCookies();
    await signIn(page, server.url, username, DEMO_PASSWORD);
  }

  beforeAll(async () => {
    writeFileSync(pdfPath, PDF);
    [server, browser] = await Promise.all([startBrowserServer(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    page = await context.newPage();
    // Setup as admin through the API: open the ward's report in the catch-up period (to learn its reviewer) and create a
    // reviewer user for that reviewing unit (huyen.namsach is a unit admin of another district, without report.review).
    await signIn(page, server.url, 'admin', DEMO_PASSWORD);
    const periods = await call<{ id: string; code: string; status: string }[]>(page, 'GET', '/api/report-periods');
    periodId = periods.find((p) => p.code === '2025-Q2-BS')!.id;
    const users = await call<{ items: { username: string; unitId: string }[] }>(page, 'GET', '/api/users?q=xa.camthuong');
    const wardId = users.items.find((u) => u.username === 'xa.camthuong')!.unitId;
    const report = await call<{ id: string; reviewerUnitId: string | null }>(page, 'POST', '/api/reports', { periodId, unitId: wardId });
    reportId = report.id;
    expect(report.reviewerUnitId).not.toBeNull();
    const created = await call<{ user: { id: string } }>(page, 'POST', '/api/users', {
      username: 'duyet.tphd',
      fullName: 'Người duyệt TP Hải Dương (test)',
      unitId: report.reviewerUnitId,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
    });
    await call(page, 'POST', `/api/users/${created.user.id}/grants`, { role: 'reviewer', unitId: report.reviewerUnitId, includeSubtree: true, validFrom: '2020-01-01' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the reporter sees the report in the list and fills and submits it with a file', async () => {
    await as('xa.camthuong');
    await page.goto(`${server.url}/bao-cao?ky=${periodId}`);
    await page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
    await page.getByRole('link', { name: 'Phường Cẩm Thượng' }).first().waitFor();
    await page.getByText('Nháp', { exact: true }).first().waitFor();
    await expectAccessible(page, 'reports list');
    await page.getByRole('link', { name: 'Phường Cẩm Thượng' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Phường Cẩm Thượng/ }).waitFor();
    // Evidence first: a file for every criterion that asks for one.
    const uploads = page.locator('.report-evidence input[type=file]');
    const count = await uploads.count();
    for (let i = 0; i < count; i++) {
      const before = await page.locator('.report-sha').count();
      await uploads.nth(i).setInputFiles(pdfPath);
      await expect.poll(() => page.locator('.report-sha').count()).toBeGreaterThan(before);
    }
    await expect(page.locator('.report-sha').first().innerText()).resolves.toMatch(/SHA-256: [0-9a-f]{64}/);
    for (const [code, value] of Object.entries(FIGURES)) {
      const input = page.locator(`#value-${code}`);
      if (await input.count()) await input.fill(value);
    }
    for (const input of await page.locator('input[id^="value-"]').all()) if (!(await input.inputValue())) await input.fill('1');
    for (const group of await page.getByRole('radiogroup').all()) await group.getByRole('radio').first().check();
    for (const area of await page.locator('textarea[id^="narrative-"]').all()) await area.fill('Thuyết minh kết quả thực hiện trong kỳ.');
    await expectAccessible(page, 'report form');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu báo cáo').first().waitFor();
    for (const warn of await page.locator('textarea[id^="warn-"]').all()) await warn.fill('Số liệu đã kiểm tra lại, đúng thực tế.');
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await page.getByText('Đã nộp', { exact: true }).first().waitFor({ timeout: 15_000 });
  }, 120_000);

  it('the reviewer returns it with a field comment', async () => {
    await as('duyet.tphd');
    await page.goto(`${server.url}/bao-cao/${reportId}`);
    await page.getByRole('heading', { level: 2, name: 'Duyệt báo cáo' }).waitFor();
    await expectAccessible(page, 'review');
    await page.locator('[id^="review-values."]').first().fill('Kiểm tra lại số hồ sơ.');
    await page.getByLabel('Nhận xét chung (bắt buộc khi trả lại)').fill('Đề nghị bổ sung.');
    await page.getByRole('button', { name: 'Trả lại' }).click();
    await page.getByText('Bị trả lại', { exact: true }).first().waitFor();
  }, 60_000);

  it('the reporter sees the comment in red, fixes and resubmits', async () => {
    await as('xa.camthuong');
    await page.goto(`${server.url}/bao-cao/${reportId}`);
    await page.getByText('Đề nghị bổ sung.').first().waitFor();
    await page.getByRole('note').filter({ hasText: 'Kiểm tra lại số hồ sơ.' }).first().waitFor();
    await expectAccessible(page, 'returned report');
    const first = page.locator('input[id^="value-"]').first();
    await first.fill(String(Number(await first.inputValue()) + 1));
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await page
      .getByText(/Đã nộp/)
      .first()
      .waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await call<{ status: string }>(page, 'GET', `/api/reports/${reportId}`)).status).toBe('resubmitted');
  }, 60_000);

  it('the reviewer approves', async () => {
    await as('duyet.tphd');
    await page.goto(`${server.url}/bao-cao/${reportId}`);
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page
      .getByText(/^Đã duyệt/)
      .first()
      .waitFor();
    const report = await call<{ status: string; evaluationId: string | null }>(page, 'GET', `/api/reports/${reportId}`);
    expect(report.status).toBe('approved');
    expect(report.evaluationId).not.toBeNull();
  }, 60_000);

  it('the standing agency sees the ward counted and evaluated in the compilation', async () => {
    await as('thuongtruc');
    await page.goto(`${server.url}/bao-cao?ky=${periodId}&tab=compilation`);
    await page.getByRole('textbox', { name: 'Đơn vị' }).first().fill('cam thuong');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Phường Cẩm Thượng' }) });
    await row.first().waitFor();
    await expect(row.first().innerText()).resolves.toMatch(/Đã duyệt[\s\S]*\d/);
    const compilation = await call<{ units: { unitId: string; name: string; status: string; totalPoints: string | null }[]; byLevel: { level: string; approved: number }[] }>(
      page,
      'GET',
      `/api/report-periods/${periodId}/compilation`,
    );
    const ward = compilation.units.find((u) => u.name === 'Phường Cẩm Thượng')!;
    expect(ward.status).toBe('approved');
    expect(ward.totalPoints).not.toBeNull();
    expect(compilation.byLevel.find((l) => l.level === 'commune')!.approved).toBeGreaterThanOrEqual(1);
    await expectAccessible(page, 'compilation');
  }, 60_000);
});
