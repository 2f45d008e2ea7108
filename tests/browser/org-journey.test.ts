import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSuiteSkipReason, DEMO_PASSWORD, launchBrowser, signIn, startBrowserServer, type BrowserServer, expectAccessible } from '../helpers/browser-server.js';

const skipReason = browserSuiteSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('organisation journey (admin, Chromium)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserServer(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the sign-in page is accessible and in Vietnamese', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.url()).toMatch(/\/dang-nhap/);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await expectAccessible(page, 'login');
  });

  it('signs in as admin and lands on the overview', async () => {
    await signIn(page, server.url, 'admin', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    for (const label of ['Tổng quan', 'Phong trào thi đua', 'Tổ chức', 'Người dùng', 'Nhật ký hệ thống']) {
      await expect(nav.getByText(label, { exact: true }).count()).resolves.toBeGreaterThan(0);
    }
    await expectAccessible(page, 'home');
  });

  it('finds Phường Cẩm Thượng by typing without accents', async () => {
    await page.goto(`${server.url}/to-chuc`);
    await page.getByRole('heading', { level: 2, name: /Cây đơn vị ngày/ }).waitFor();
    await page.getByRole('link', { name: 'Thành phố Hải Phòng' }).first().waitFor();
    await expectAccessible(page, 'org explorer');
    await page.getByLabel(/Tìm đơn vị/).fill('cam thuong');
    const result = page
      .getByRole('list', { name: 'Kết quả tìm kiếm' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Phường Cẩm Thượng', exact: true }) });
    await result.first().waitFor();
    await expect(result.first().innerText()).resolves.toMatch(/Đã sáp nhập\/giải thể từ 01\/07\/2025/);
    await result.first().getByRole('link', { name: 'Phường Cẩm Thượng', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Phường Cẩm Thượng' }).waitFor();
  });

  it('on 30/06/2023 the ward sits under Thành phố Hải Dương', async () => {
    await page.getByRole('button', { name: '30/06/2023' }).click();
    await expect.poll(() => page.url()).toMatch(/[?&]ngay=2023-06-30/);
    const breadcrumb = page.getByRole('navigation', { name: 'Vị trí trang' });
    await breadcrumb.getByRole('link', { name: 'Thành phố Hải Dương' }).waitFor();
    await expect(breadcrumb.innerText()).resolves.toMatch(/Tỉnh Hải Dương[\s\S]*Thành phố Hải Dương[\s\S]*Phường Cẩm Thượng/);
    await page.getByText('Đang hoạt động', { exact: true }).first().waitFor();
    // The history lists the merger with its legal basis ("Số …").
    await page
      .getByText(/Căn cứ: Số /)
      .first()
      .waitFor();
    await expectAccessible(page, 'unit detail 2023');
  });

  it('the dated address can be shared: opening it anew shows the same view', async () => {
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await other.getByRole('navigation', { name: 'Vị trí trang' }).getByRole('link', { name: 'Thành phố Hải Dương' }).waitFor();
    await other.close();
  });

  it('today it shows the merger into Phường Thành Đông, Thành phố Hải Phòng', async () => {
    await page.getByRole('button', { name: 'Hôm nay' }).click();
    await expect.poll(() => page.url()).not.toMatch(/ngay=/);
    await page.getByText('Đã sáp nhập/giải thể', { exact: true }).first().waitFor();
    const successors = page.getByTestId('successors');
    await successors.getByRole('link', { name: 'Phường Thành Đông' }).waitFor();
    await expect(successors.innerText()).resolves.toMatch(/Phường Thành Đông — Thành phố Hải Phòng/);
    await expectAccessible(page, 'unit detail today');
  });

  it('the successor links to the new ward, formed from Phường Cẩm Thượng', async () => {
    await page.getByTestId('successors').getByRole('link', { name: 'Phường Thành Đông' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phường Thành Đông' }).waitFor();
    await page.getByTestId('predecessors').getByRole('link', { name: 'Phường Cẩm Thượng' }).waitFor();
  });

  it('the clusters and blocks page opens', async () => {
    await page.goto(`${server.url}/to-chuc/cum-khoi`);
    await page.getByRole('heading', { level: 1, name: 'Cụm, khối thi đua' }).waitFor();
    await page.locator('.ant-table-tbody').waitFor();
    await expectAccessible(page, 'groups');
  });

  it('the users page lists the demo accounts', async () => {
    await page.goto(`${server.url}/nguoi-dung`);
    await page.getByRole('heading', { level: 1, name: 'Người dùng' }).waitFor();
    await page.getByText('xa.camthuong', { exact: true }).waitFor();
    await expectAccessible(page, 'users');
  });

  it('the audit log shows records and verifies the chain', async () => {
    await page.goto(`${server.url}/nhat-ky`);
    await page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' }).waitFor();
    await page.getByText('auth.login', { exact: true }).first().waitFor();
    await expectAccessible(page, 'audit');
    await page.getByRole('button', { name: 'Kiểm tra toàn vẹn' }).click();
    await page.getByText(/Chuỗi nhật ký toàn vẹn: đã kiểm tra \d+ bản ghi/).waitFor();
  });

  it('the profile page shows the account and API tokens', async () => {
    await page.goto(`${server.url}/ca-nhan`);
    await page.getByRole('heading', { level: 1, name: 'Thông tin cá nhân' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mã truy cập API' }).waitFor();
    await expectAccessible(page, 'profile');
  });

  it('creates an API token and shows it once', async () => {
    await page.getByLabel('Tên gợi nhớ').fill('Kết nối thử nghiệm');
    await page.getByRole('checkbox', { name: 'Xem đơn vị' }).check();
    await page.getByRole('button', { name: 'Tạo mã truy cập' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mã truy cập mới' });
    await dialog.waitFor();
    const token = await dialog.getByRole('textbox').inputValue();
    expect(token.length).toBeGreaterThan(20);
    await dialog.getByRole('button', { name: 'Đóng' }).first().click();
    await page.getByRole('cell', { name: /Kết nối thử nghiệm/ }).waitFor();
  });

  it('an unknown address shows the 404 page inside the app', async () => {
    await page.goto(`${server.url}/khong-co-trang-nay`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    await expectAccessible(page, '404');
  });

  it('an area not built yet says so plainly', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Khen thưởng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Khen thưởng' }).waitFor();
    await page.getByText('Đang xây dựng — chức năng sẽ có trong đợt tiếp theo.').waitFor();
    await page.screenshot({ path: '/tmp/thiduaso-under-construction.png' });
  });
});
