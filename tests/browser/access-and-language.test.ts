import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  browserSuiteSkipReason,
  DEMO_PASSWORD,
  formatViolations,
  launchBrowser,
  seriousAxeViolations,
  signIn,
  startBrowserServer,
  type BrowserServer,
} from '../helpers/browser-server.js';

const skipReason = browserSuiteSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('sign-in, language and menus by permission (Chromium)', () => {
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh browser profile (no cookies, no saved language) per test. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    return context.newPage();
  }

  it('a wrong password shows the Vietnamese error and keeps the user on the sign-in page', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau-123');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }).innerText()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(page.url()).toMatch(/\/dang-nhap/);
    const violations = await seriousAxeViolations(page);
    expect(violations, formatViolations('login with error', violations)).toEqual([]);
    await page.context().close();
  });

  it('an address asked for before signing in is opened after signing in', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/to-chuc/cum-khoi`);
    await expect.poll(() => page.url()).toMatch(/\/dang-nhap\?next=%2Fto-chuc%2Fcum-khoi/);
    await page.getByLabel('Tên đăng nhập').fill('thuongtruc');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cụm, khối thi đua' }).waitFor();
    await page.context().close();
  });

  it('the language switch shows English labels and is remembered', async () => {
    const page = await freshPage();
    await signIn(page, server.url, 'bantdkt', DEMO_PASSWORD);
    await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'EN' }).click();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Overview' }).waitFor();
    await nav.getByText('Organisation', { exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overview' }).waitFor();
    // Server messages follow the language too.
    await page.goto(`${server.url}/to-chuc`);
    await page.getByRole('heading', { level: 1, name: 'Organisation — units' }).waitFor();
    await page.getByRole('button', { name: 'Today' }).waitFor();
    await page.screenshot({ path: '/tmp/thiduaso-english.png' });
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'VI' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổ chức — đơn vị' }).waitFor();
    await page.context().close();
  });

  it('a unit reporter sees neither the Users nor the Audit menu, and the pages refuse them', async () => {
    const page = await freshPage();
    await signIn(page, server.url, 'xa.camthuong', DEMO_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Tổng quan' }).waitFor();
    await expect(nav.getByText('Người dùng', { exact: true }).count()).resolves.toBe(0);
    await expect(nav.getByText('Nhật ký hệ thống', { exact: true }).count()).resolves.toBe(0);
    await expect(nav.getByText('Báo cáo định kỳ', { exact: true }).count()).resolves.toBe(1);
    // The overview names the reporter's unit and role.
    await page.getByRole('link', { name: 'Phường Cẩm Thượng' }).first().waitFor();
    await page.getByText('Cán bộ báo cáo của đơn vị', { exact: true }).waitFor();
    await page.goto(`${server.url}/nguoi-dung`);
    await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
    await page.context().close();
  });

  it('an administrator creates a user, who must then change the temporary password', async () => {
    const admin = await freshPage();
    await signIn(admin, server.url, 'admin', DEMO_PASSWORD);
    await admin.goto(`${server.url}/nguoi-dung`);
    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = admin.getByRole('dialog', { name: 'Thêm người dùng' });
    await form.getByLabel('Tên đăng nhập').fill('canbo.thu');
    await form.getByLabel('Họ và tên').fill('Nguyễn Thị Cán Bộ');
    await form.getByLabel('Đơn vị công tác').fill('thanh dong');
    // antd also renders hidden role=option nodes for screen readers; click the visible one.
    await admin
      .locator('.ant-select-dropdown .ant-select-item-option')
      .filter({ hasText: /^Phường Thành Đông/ })
      .first()
      .click();
    await form.getByRole('button', { name: 'Tạo mới' }).click();
    const secret = admin.getByRole('dialog', { name: 'Mật khẩu tạm thời' });
    await secret.waitFor();
    const temporaryPassword = await secret.getByRole('textbox').inputValue();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    await admin.screenshot({ path: '/tmp/thiduaso-temporary-password.png' });
    await secret.getByRole('button', { name: 'Đóng' }).first().click();
    await admin.getByText('canbo.thu', { exact: true }).waitFor();
    await admin.context().close();

    const user = await freshPage();
    await user.goto(`${server.url}/dang-nhap`);
    await user.getByLabel('Tên đăng nhập').fill('canbo.thu');
    await user.getByLabel('Mật khẩu', { exact: true }).fill(temporaryPassword);
    await user.getByRole('button', { name: 'Đăng nhập' }).click();
    await user.getByRole('heading', { level: 1, name: 'Cần đổi mật khẩu trước khi tiếp tục' }).waitFor();
    const violations = await seriousAxeViolations(user);
    expect(violations, formatViolations('forced password change', violations)).toEqual([]);
    await user.getByLabel('Mật khẩu hiện tại').fill(temporaryPassword);
    await user.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
    await user.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
    await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // The server's rule, under the field it concerns.
    await user.getByText('Mật khẩu phải có ít nhất 10 ký tự, gồm chữ và số').waitFor();
    await user.getByLabel('Mật khẩu mới', { exact: true }).fill('MatKhauMoi2025');
    await user.getByLabel('Nhập lại mật khẩu mới').fill('MatKhauMoi2025');
    await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await user.getByRole('heading', { level: 1, name: /Xin chào, Nguyễn Thị Cán Bộ/ }).waitFor();
    await user.context().close();
  });
});
