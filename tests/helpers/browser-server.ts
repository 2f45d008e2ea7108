import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/main.js';

import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
export { DEMO_PASSWORD };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The system Chromium (never downloaded); CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const hasWebBuild = existsSync(path.join(repoRoot, 'dist/web/index.html'));

/** Why the browser suite cannot run here, or null when it can. */
export function browserSuiteSkipReason(): string | null {
  if (!hasChromium) return `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH); browser tests skipped`;
  if (!hasWebBuild) return 'dist/web is missing: run `npx vite build` first; browser tests skipped';
  return null;
}

export type BrowserServer = { url: string; server: RunningServer; close: () => Promise<void> };

/** The real server on a random port, with a fresh embedded database in a temp dir and the demo seed. */
export async function startBrowserServer(): Promise<BrowserServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'thiduaso-browser-'));
  const server = await startServer(loadConfig({ ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'true' }), { quiet: true });
  return {
    url: server.url,
    server,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: string[]; html: string; failureSummary?: string }[] };

const axePath = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');

/** Runs axe-core on the page; returns the violations with impact serious or critical. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Let fades and colour transitions finish, or axe measures contrast half-way through one.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable report of axe violations for a failing assertion. */
export function formatViolations(label: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `[${label}] ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}\n      ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
}

/** Signs in through the login form and waits for the app shell. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.getByRole('navigation', { name: /Điều hướng chính|Main navigation/ }).waitFor();
}

/** A new browser context (desktop size, Vietnamese) signed in as a demo account: one page per person of a journey. */
export async function openPageAs(browser: Browser, server: BrowserServer, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await signIn(page, server.url, username, DEMO_PASSWORD);
  return page;
}
/** Fails the test with a readable list when axe-core finds a serious or critical violation on the page. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, formatViolations(label, violations)).toEqual([]);
}

/** JSON API call from a signed-in page (cookie + CSRF token from /api/auth/me). */
export async function apiFromPage<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, url, body },
  ) as Promise<T>;
}
