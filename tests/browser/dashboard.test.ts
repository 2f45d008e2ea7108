import { readFileSync } from 'node:fs';
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

type Form = {
  report: { id: string; rowVersion: number; status: string };
  areas: { code: string; elements: { code: string }[]; criteria: { code: string; evidenceRequirement: string }[] }[];
  warnings: { code: string }[];
  submitErrors: { path: string; message: string }[];
};

describe.skipIf(skipReason !== null)('standing agency dashboard (Chromium)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let periodId = '';
  let pastPeriodId = '';
  let cityId = '';
  let movementId = '';
  let reportId = '';

  async function as(username: string) {
    await page.context().clearCookies();
    await signIn(page, server.url, username, DEMO_PASSWORD);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserServer(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
    // Through the API: Phường Cẩm Thượng (on Hải Dương's tree until 30/6/2025) reports for the catch-up period.
    await signIn(page, server.url, 'admin', DEMO_PASSWORD);
    const periods = await call<{ id: string; code: string; regimeId: string }[]>(page, 'GET', '/api/report-periods');
    const period = periods.find((p) => p.code === '2025-Q2-BS')!;
    periodId = period.id;
    pastPeriodId = periods.find((p) => p.code === '2024-Q4' && p.regimeId === period.regimeId)?.id ?? periods.find((p) => p.code === '2024-Q4')!.id;
    const regimes = await call<{ id: string; movementId: string }[]>(page, 'GET', '/api/report-regimes');
    movementId = regimes.find((r) => r.id === period.regimeId)!.movementId;
    const users = await call<{ items: { username: string; unitId: string }[] }>(page, 'GET', '/api/users?q=xa.camthuong');
    const wardId = users.items.find((u) => u.username === 'xa.camthuong')!.unitId;
    reportId = (await call<{ id: string }>(page, 'POST', '/api/reports', { periodId, unitId: wardId })).id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the ward submits its report and the standing agency approves it (API)', async () => {
    await as('xa.camthuong');
    let form = await call<Form>(page, 'GET', `/api/reports/${reportId}/form`);
    const values = Object.fromEntries(form.areas.flatMap((a) => a.elements.map((e) => [e.code, FIGURES[e.code] ?? '1'])));
    const narratives = Object.fromEntries(form.areas.map((a) => [a.code, 'Thuyết minh kết quả thực hiện trong kỳ.']));
    let saved = await call<{ rowVersion: number }>(page, 'PUT', `/api/reports/${reportId}`, { rowVersion: form.report.rowVersion, values, narratives });
    for (const c of form.areas.flatMap((a) => a.criteria).filter((c) => c.evidenceRequirement !== 'none' && c.evidenceRequirement !== 'file')) {
      await call(page, 'POST', `/api/reports/${reportId}/evidence`, {
        criterionCode: c.code,
        documentNumber: '21/BC-UBND',
        documentDate: '2025-06-20',
        issuer: 'UBND phường Cẩm Thượng',
        summary: 'Báo cáo kết quả chuyển đổi số quý II',
      });
    }
    form = await call<Form>(page, 'GET', `/api/reports/${reportId}/form`);
    if (form.warnings.length > 0) {
      const warningComments = Object.fromEntries(form.warnings.map((w) => [w.code, 'Số liệu đã kiểm tra lại, đúng thực tế.']));
      saved = await call<{ rowVersion: number }>(page, 'PUT', `/api/reports/${reportId}`, { rowVersion: form.report.rowVersion, warningComments });
    }
    form = await call<Form>(page, 'GET', `/api/reports/${reportId}/form`);
    expect(form.submitErrors).toEqual([]);
    const submitted = await call<{ rowVersion: number }>(page, 'POST', `/api/reports/${reportId}/submit`, { rowVersion: form.report.rowVersion ?? saved.rowVersion });
    await as('thuongtruc');
    const approved = await call<{ status: string }>(page, 'POST', `/api/reports/${reportId}/approve`, { rowVersion: submitted.rowVersion });
    expect(approved.status).toBe('approved');
  }, 120_000);

  it('the standing agency drills province → district → ward on the period’s tree and sees the approved report', async () => {
    await page.goto(`${server.url}/bang-dieu-khien?m=${movementId}&p=${periodId}`);
    await page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' }).waitFor();
    // The period ended on 14/6/2025: Hải Dương's tree.
    await page.getByRole('button', { name: 'Xem chi tiết Tỉnh Hải Dương' }).click({ timeout: 90_000 });
    await page.getByText('Đơn vị: Tỉnh Hải Dương').waitFor();
    await page.getByRole('button', { name: 'Xem chi tiết Thành phố Hải Dương' }).click();
    await page.getByText('Đơn vị: Thành phố Hải Dương').waitFor();
    cityId = new URL(page.url()).searchParams.get('u')!;
    const ward = page.locator('.dashboard-drill li').filter({ hasText: 'Phường Cẩm Thượng' });
    await expect.poll(() => ward.innerText()).toMatch(/Phường Cẩm Thượng\s*1\/1 đã duyệt \(100 %\)/);
    await expectAccessible(page, 'dashboard (district)');

    // Charts: a PNG download from the met-share chart.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PNG biểu đồ “Tỷ lệ đơn vị đạt theo tiêu chí”' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    // The other tabs, with their text alternatives.
    await page.getByRole('tab', { name: 'Phân bố' }).click();
    await page.getByRole('img', { name: /Biểu đồ cột chồng số đơn vị theo mức so với chỉ tiêu/ }).waitFor();
    await page.getByRole('tab', { name: 'Xu hướng' }).click();
    await page.getByRole('img', { name: /Biểu đồ đường tỷ lệ đạt qua các kỳ/ }).waitFor();
    await expectAccessible(page, 'dashboard (trend)');
    // The overdue list is loaded when its tab opens, a page at a time. This period is not yet due: nobody is overdue.
    await page.getByRole('tab', { name: 'Quá hạn (0)' }).click();
    await page
      .getByRole('tabpanel', { name: /^Quá hạn/ })
      .getByText('Không có đơn vị quá hạn')
      .waitFor();
    // A past period (Q4/2024, due long ago): the units that never submitted, 50 to a page.
    await page.goto(`${server.url}/bang-dieu-khien?m=${movementId}&p=${pastPeriodId}`);
    const overdueTab = page.getByRole('tab', { name: /^Quá hạn \(\d+\)$/ });
    await overdueTab.waitFor({ timeout: 90_000 });
    const count = Number((await overdueTab.innerText()).match(/\d+/)![0]);
    expect(count).toBeGreaterThan(50);
    await overdueTab.click();
    const overdueRows = page.getByRole('tabpanel', { name: /^Quá hạn/ }).locator('.ant-table-tbody tr.ant-table-row');
    await overdueRows.first().waitFor();
    expect(await overdueRows.count()).toBe(50);
    await expect(overdueRows.first().innerText()).resolves.toMatch(/Chưa mở báo cáo|Đang soạn/);
    const firstOfPage1 = await overdueRows.first().innerText();
    await page
      .getByRole('tabpanel', { name: /^Quá hạn/ })
      .locator('.ant-pagination')
      .getByTitle('2', { exact: true })
      .click();
    await expect.poll(() => overdueRows.first().innerText()).not.toBe(firstOfPage1);
    await expectAccessible(page, 'dashboard (overdue)');
    await page.goto(`${server.url}/bang-dieu-khien?m=${movementId}&p=${periodId}&u=${cityId}`);
    await page.getByText('Đơn vị: Thành phố Hải Dương').waitFor();

    await page.getByRole('tab', { name: 'Tiêu chí' }).click();
    await ward.getByRole('link', { name: 'Phường Cẩm Thượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phiếu kết quả: Phường Cẩm Thượng' }).waitFor();
    await page.getByText('Quý II/2025 (kỳ bổ sung, demo)').first().waitFor();
    const online = page.getByRole('row').filter({ hasText: 'hồ sơ công việc' }).first();
    await expect.poll(() => online.innerText()).toMatch(/Đạt/);
    await expect(online.innerText()).resolves.toContain('21/BC-UBND');
    await page.getByText('Chỉ số chuyên cần').first().waitFor();
    await expectAccessible(page, 'scorecard');
  }, 180_000);
});
