import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSuiteSkipReason, DEMO_PASSWORD, launchBrowser, signIn, startBrowserServer, type BrowserServer, expectAccessible } from '../helpers/browser-server.js';

const skipReason = browserSuiteSkipReason();
if (skipReason) console.warn(skipReason);

const MOVEMENT = 'Phong trào thi đua “Chuyển đổi số giai đoạn 2021 - 2025”';
const RECORDS_CRITERION = 'ho_so_cong_viec_tren_mang';

describe.skipIf(skipReason !== null)('movements and criteria (Chromium)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let movementPath = '';
  let draftPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserServer(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The try-it panel's result row of a criterion. */
  const resultRow = (code: string) => page.locator('.score-table tr', { hasText: code });

  it('lists KH 3125 with its issuing document, status, phase and criteria version', async () => {
    await signIn(page, server.url, 'thuongtruc', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Phong trào thi đua' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phong trào thi đua' }).waitFor();
    await page.getByText('Số 3125/KH-UBND ngày 25/08/2021').first().waitFor();
    await page.getByText('Đang triển khai', { exact: true }).waitFor();
    await page.getByText(/Đang áp dụng: phiên bản 1 \(từ 25\/08\/2021\)/).waitFor();
    await page.getByRole('button', { name: 'Nhập gói phong trào' }).waitFor();
    await expectAccessible(page, 'movements list');
  });

  it('an invalid package is refused with every error and its path', async () => {
    await page.getByRole('button', { name: 'Nhập gói phong trào' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập gói phong trào (JSON)' });
    await dialog.waitFor();
    await dialog.getByLabel('Tệp gói phong trào').setInputFiles({
      name: 'goi-loi.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ formatVersion: 1, movement: { code: 'Sai Ma' }, phases: [] })),
    });
    await dialog.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
    await dialog.getByText(/Gói phong trào không hợp lệ: \d+ lỗi/).waitFor();
    await dialog.getByRole('cell', { name: 'movement.code', exact: true }).waitFor();
    await dialog.getByRole('cell', { name: 'participantKinds', exact: true }).waitFor();
    await expectAccessible(page, 'import errors');
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the movement shows its document, phases with milestones, and the standing agency history', async () => {
    await page.getByRole('link', { name: MOVEMENT }).click();
    await page.getByRole('heading', { level: 1, name: MOVEMENT }).waitFor();
    movementPath = new URL(page.url()).pathname;
    await page.locator('.doc-line').getByText('Số 3125/KH-UBND ngày 25/08/2021').waitFor();
    await expect(page.locator('.doc-line').innerText()).resolves.toMatch(
      /Cơ quan thường trực: Sở Khoa học và Công nghệ \(từ 01\/03\/2025; trước đó: Sở Thông tin và Truyền thông\)/,
    );
    await expectAccessible(page, 'movement overview');

    await page.getByRole('tab', { name: 'Giai đoạn và tiến độ' }).click();
    await page.getByText('Giai đoạn 1 (2021 - 2025)').first().waitFor();
    await page.getByText('01/01/2026 – 31/12/2030').waitFor();
    const launch = page.locator('tr', { hasText: 'Phát động, triển khai phong trào thi đua' });
    await expect(launch.innerText()).resolves.toMatch(/31\/12\/2021[\s\S]*Đã qua hạn/);
    await expectAccessible(page, 'movement timeline');

    await page.getByRole('tab', { name: 'Nội dung thi đua' }).click();
    await page.getByRole('heading', { level: 2, name: 'Nội dung thi đua (8)' }).waitFor();
    await expectAccessible(page, 'movement contents');

    await page.getByRole('tab', { name: 'Cơ quan và trách nhiệm' }).click();
    const before = page.locator('tr.agency-row-ended', { hasText: 'Sở Thông tin và Truyền thông' });
    await expect(before.innerText()).resolves.toMatch(/Cơ quan thường trực[\s\S]*Từ 25\/08\/2021 đến hết 28\/02\/2025[\s\S]*Đã chuyển giao/);
    const after = page.locator('tr.agency-row-current', { hasText: 'Sở Khoa học và Công nghệ' });
    await expect(after.innerText()).resolves.toMatch(/Cơ quan thường trực[\s\S]*Từ 01\/03\/2025[\s\S]*Hiện tại/);
    await expectAccessible(page, 'movement agencies');

    await page.getByRole('tab', { name: 'Hình thức khen thưởng' }).click();
    await page.getByRole('heading', { level: 2, name: 'Bằng khen của Chủ tịch UBND tỉnh (sơ kết, tổng kết)' }).waitFor();
    await expectAccessible(page, 'movement awards');
  });

  it('exports the movement package as a JSON file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất gói phong trào (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
  });

  it('the criteria tab shows the targets per level: 90 / 80 / 60 %', async () => {
    await page.getByRole('tab', { name: 'Tiêu chí' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tiêu chí và chỉ tiêu theo cấp' }).waitFor();
    const row = page.locator('.criteria-table tr', { hasText: RECORDS_CRITERION });
    await expect(row.locator('[data-level="department"]').innerText()).resolves.toBe('≥ 90 %');
    await expect(row.locator('[data-level="district"]').innerText()).resolves.toBe('≥ 80 %');
    await expect(row.locator('[data-level="commune"]').innerText()).resolves.toBe('≥ 60 %');
    await expect(row.innerText()).resolves.toMatch(/Tỷ lệ[\s\S]*Minh chứng: Văn bản hoặc tệp đính kèm/);
    await expectAccessible(page, 'criteria tab');
  });

  it('try it: a commune at 59.99 % has not met the 60 % target, one at 60 % has', async () => {
    await page.getByRole('radiogroup', { name: 'Cấp của đơn vị' }).getByText('Cấp xã', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Cấp xã' }).isChecked()).resolves.toBe(true);
    await page.getByLabel(/\(records_total\)/).fill('10000');
    await page.getByLabel(/\(records_secret\)/).fill('0');
    await page.getByLabel(/\(records_online\)/).fill('5999');
    await page.getByRole('button', { name: 'Tính thử' }).click();
    await resultRow(RECORDS_CRITERION).getByText('Không đạt', { exact: true }).waitFor();
    await expect(resultRow(RECORDS_CRITERION).innerText()).resolves.toMatch(/59,99 %[\s\S]*≥ 60 %[\s\S]*5999 \/ \(10000 − 0\) = 59,99 %, yêu cầu ≥ 60 %: không đạt/);
    // Criteria without data wait for it, and the totals and classification are shown.
    await resultRow('van_ban_dien_tu').getByText('Chờ số liệu', { exact: true }).waitFor();
    await page.getByText('Chưa hoàn thành').waitFor();
    await expectAccessible(page, 'try it (not met)');
    await page.screenshot({ path: '/tmp/thiduaso-criteria-tab.png', fullPage: true });

    await page.getByLabel(/\(records_online\)/).fill('6000');
    await page.getByRole('button', { name: 'Tính thử' }).click();
    await resultRow(RECORDS_CRITERION).getByText('Đạt', { exact: true }).waitFor();
    await expect(resultRow(RECORDS_CRITERION).innerText()).resolves.toMatch(/6000 \/ \(10000 − 0\) = 60,00 % ≥ 60 %: đạt/);
  });

  it('creates an amendment (new draft version with effective date and legal basis)', async () => {
    await page.getByRole('button', { name: 'Tạo phiên bản sửa đổi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo phiên bản sửa đổi' });
    await dialog.waitFor();
    await dialog.getByLabel('Số, ký hiệu văn bản căn cứ').fill('215/QĐ-UBND');
    const date = dialog.getByLabel('Ngày ban hành văn bản');
    await date.click();
    await date.fill('15/11/2026');
    await date.press('Enter');
    await dialog.getByLabel('Trích yếu').fill('Sửa đổi chỉ tiêu hồ sơ công việc trên môi trường mạng cấp xã');
    await expectAccessible(page, 'amendment form');
    await dialog.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bộ tiêu chí — phiên bản 2' }).waitFor();
    draftPath = new URL(page.url()).pathname;
    expect(draftPath).toMatch(new RegExp(`^${movementPath}/tieu-chi/[0-9a-f-]{36}$`));
    await page.getByRole('button', { name: 'Lưu bản nháp' }).waitFor();
    await page.getByRole('button', { name: 'Khoá phiên bản' }).waitFor();
    await expectAccessible(page, 'criteria editor');
  });

  it('checks formulas live, with the error position marked', async () => {
    await page.getByRole('button', { name: new RegExp(RECORDS_CRITERION) }).click();
    const editor = page.getByTestId(`criterion-editor-${RECORDS_CRITERION}`);
    await editor.waitFor();
    const numerator = editor.getByTestId(`${RECORDS_CRITERION}-numerator`);
    const status = editor.getByTestId(`${RECORDS_CRITERION}-numerator-status`);
    await status.getByText(/Công thức hợp lệ — dùng: records_online/).waitFor();
    await numerator.fill('#{records_online} / (#{records_total} - ');
    await status.getByText(/Lỗi ở vị trí \d+:/).waitFor();
    await editor.screenshot({ path: '/tmp/thiduaso-formula-error.png' });
    await expect(status.locator('.caret-marker').innerText()).resolves.toMatch(/\^$/);
    await expectAccessible(page, 'formula error');
    await numerator.fill('#{records_online}');
    await status.getByText(/Công thức hợp lệ/).waitFor();
  });

  it('changes the commune target to 65, saves, and the diff shows the change', async () => {
    const editor = page.getByTestId(`criterion-editor-${RECORDS_CRITERION}`);
    await editor.getByLabel('Ngưỡng — Cấp xã').fill('65');
    await page.getByText('Có thay đổi chưa lưu').waitFor();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Đã lưu phiên bản 2').waitFor();
    await page.getByText('Không có thay đổi chưa lưu').waitFor();
    const diff = page.getByTestId('criteria-diff');
    await diff.getByText(`Tiêu chí ${RECORDS_CRITERION}: chỉ tiêu cấp xã 60 → 65`).waitFor();
    await expectAccessible(page, 'criteria editor after save');
    await page.screenshot({ path: '/tmp/thiduaso-criteria-editor.png', fullPage: true });

    // The movement's version history compares version 1 with the new draft the same way.
    await page.goto(`${server.url}${movementPath}?phan=tieu-chi`);
    await page.getByRole('heading', { level: 2, name: 'Lịch sử phiên bản' }).waitFor();
    await page.getByTestId('criteria-diff').getByText(`Tiêu chí ${RECORDS_CRITERION}: chỉ tiêu cấp xã 60 → 65`).waitFor();
    await page.getByText('1 thay đổi từ phiên bản 1 sang phiên bản 2').waitFor();
    await expectAccessible(page, 'version history');
  });

  it('a frozen version is read-only with a banner and offers an amendment', async () => {
    await page.getByRole('link', { name: 'Phiên bản 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bộ tiêu chí — phiên bản 1' }).waitFor();
    await page.getByText(/Phiên bản đã khoá từ .* \(lý do: Ban hành kèm 3125\/KH-UBND\) — tạo phiên bản sửa đổi/).waitFor();
    await expect(page.getByRole('button', { name: 'Lưu bản nháp' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Tạo phiên bản sửa đổi' }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, 'frozen version');
  });

  it('a reporter (xa.camthuong) reads everything but sees no edit buttons', async () => {
    const reporterContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const reporter = await reporterContext.newPage();
    try {
      await signIn(reporter, server.url, 'xa.camthuong', DEMO_PASSWORD);
      await reporter.goto(`${server.url}/phong-trao`);
      await reporter.getByRole('heading', { level: 1, name: 'Phong trào thi đua' }).waitFor();
      await reporter.getByText('Số 3125/KH-UBND ngày 25/08/2021').first().waitFor();
      await expect(reporter.getByRole('button', { name: 'Nhập gói phong trào' }).count()).resolves.toBe(0);

      await reporter.goto(`${server.url}${movementPath}?phan=tieu-chi`);
      await reporter.getByRole('heading', { level: 2, name: 'Tiêu chí và chỉ tiêu theo cấp' }).waitFor();
      await reporter.getByRole('link', { name: 'Xem chi tiết phiên bản' }).waitFor();
      for (const name of ['Tạo phiên bản sửa đổi', 'Sửa bản nháp', 'Nhập gói phong trào']) {
        await expect(reporter.getByText(name, { exact: true }).count(), name).resolves.toBe(0);
      }
      await expectAccessible(reporter, 'criteria tab (reporter)');

      await reporter.goto(`${server.url}${draftPath}`);
      await reporter.getByRole('heading', { level: 1, name: 'Bộ tiêu chí — phiên bản 2' }).waitFor();
      await reporter.getByText('Bạn chỉ có quyền xem phiên bản này.').waitFor();
      for (const name of ['Lưu bản nháp', 'Khoá phiên bản', 'Tạo phiên bản sửa đổi']) {
        await expect(reporter.getByText(name, { exact: true }).count(), name).resolves.toBe(0);
      }
      const row = reporter.locator('.criteria-table tr', { hasText: RECORDS_CRITERION });
      await expect(row.locator('[data-level="commune"]').innerText()).resolves.toBe('≥ 65 %');
      await expectAccessible(reporter, 'draft version (reporter)');
    } finally {
      await reporterContext.close();
    }
  });
});
