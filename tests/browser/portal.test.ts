import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSuiteSkipReason, DEMO_PASSWORD, launchBrowser, signIn, startBrowserServer, type BrowserServer, expectAccessible } from '../helpers/browser-server.js';

const skipReason = browserSuiteSkipReason();
if (skipReason) console.warn(skipReason);

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`${u}: ${r.status} ${await r.text()}`);
    return r.json();
  }, url) as Promise<T>;
}

describe.skipIf(skipReason !== null)('publication, public portal and map (Chromium)', () => {
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let movementId = '';
  let period = { id: '', label: '', endDate: '' };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserServer(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    page = await context.newPage();
    await signIn(page, server.url, 'thuongtruc', DEMO_PASSWORD);
    const periods = await getJson<{ id: string; code: string; label: string; endDate: string; status: string; regimeId: string }[]>(page, '/api/report-periods');
    const regimes = await getJson<{ id: string; movementId: string; frequency: string }[]>(page, '/api/report-regimes');
    const quarterly = regimes.find((r) => r.frequency === 'quarter')!;
    movementId = quarterly.movementId;
    // Q3/2024: every Nam Sách commune's report approved and locked by the demo seed.
    period = periods.find((p) => p.regimeId === quarterly.id && p.code === '2024-Q3')!;
    expect(period, 'demo period 2024-Q3').toBeTruthy();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the standing agency publishes the frozen ranking of a locked period', async () => {
    await page.goto(`${server.url}/cong-bo-xep-hang?m=${movementId}&p=${period.id}`);
    await page.getByRole('heading', { name: 'Chốt và công bố xếp hạng' }).waitFor();
    await page.getByRole('button', { name: 'Công bố' }).click();
    // The confirmation says it is final.
    await page.getByText('Sau khi công bố không thay đổi được').waitFor();
    await page.getByRole('button', { name: 'Công bố' }).last().click();
    await page.getByText('Bản chốt đã công bố, không thay đổi được').waitFor();
    await page.getByText('Đã công bố', { exact: true }).waitFor();
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    expect(await page.getByRole('button', { name: 'Công bố' }).count()).toBe(0);
    await expectAccessible(page, 'publish page');
  }, 120_000);

  it('the standing agency corrects the published ranking with a reason, then publishes the correction', async () => {
    await page.getByRole('button', { name: 'Đính chính' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đính chính bảng xếp hạng đã công bố' });
    await dialog.waitFor();
    // The reason is required.
    await dialog.getByRole('button', { name: 'Chốt bản đính chính' }).click();
    await dialog.getByText('Nhập lý do, ít nhất 10 ký tự').waitFor();
    await expectAccessible(page, 'correction dialog');
    await dialog.getByLabel('Lý do đính chính').fill('Đính chính sau phúc tra hồ sơ của cấp xã (demo)');
    await dialog.getByRole('button', { name: 'Chốt bản đính chính' }).click();
    await page.getByText(/Đang có bản đính chính chưa công bố\. Công chúng vẫn thấy bản công bố lúc/).waitFor();
    await page.getByText('Bản đính chính (chưa công bố)', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByRole('button', { name: 'Công bố' }).last().click();
    await page.getByText(/Đính chính bản công bố lúc .*Lý do: Đính chính sau phúc tra hồ sơ của cấp xã \(demo\)/).waitFor();
    await page.getByText('Các bản của kỳ').waitFor();
    await expectAccessible(page, 'publish page after a correction');
  }, 120_000);

  it('the public portal, without login, shows the published ranking with its freeze time', async () => {
    const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true });
    const p = await anonymous.newPage();
    await p.goto(`${server.url}/cong-khai`);
    await p.getByRole('heading', { name: 'Cổng công khai kết quả thi đua Chuyển đổi số' }).waitFor();
    await p.getByRole('heading', { name: /Xếp hạng đã công bố/ }).waitFor();
    expect(await p.getByTestId('snapshot-stamp').innerText()).toMatch(/Bản chốt xếp hạng lúc \d{2}\/\d{2}\/\d{4}/);
    await p.getByText(/Bản đính chính, thay cho bản công bố lúc .*Lý do: Đính chính sau phúc tra hồ sơ của cấp xã \(demo\)/).waitFor();
    const rows = p.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const rankingUrl = `/api/public/movements/${movementId}/rankings?periodId=${period.id}&level=commune`;
    const published = await getJson<{ total: number; limit: number; rows: { name: string; rank: number; unitId: string }[] }>(p, `${rankingUrl}&limit=50`);
    expect(published.rows.length).toBeGreaterThan(3);
    expect(published.rows[0]).not.toHaveProperty('criteria');
    expect(await p.getByRole('table').first().innerText()).toContain(published.rows[0]!.name);
    // The table shows the server's total and pages by it (20/50/100 a page).
    await p.getByText(new RegExp(`1–${Math.min(50, published.total)} / ${published.total} đơn vị`)).waitFor();
    expect(await p.getByRole('link', { name: 'Tải CSV (xếp hạng trong cấp)' }).getAttribute('href')).toMatch(/\/api\/public\/datasets\/.+\/2024-Q3\.csv$/);
    // Filtering the ranking by name, without diacritics: the server answers the matching units and their count.
    const last = published.rows.at(-1)!;
    const word = last.name
      .split(' ')
      .slice(-2)
      .join(' ')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    const matching = await getJson<{ total: number; rows: { name: string }[] }>(p, `${rankingUrl}&q=${encodeURIComponent(word)}`);
    expect(matching.total).toBeGreaterThan(0);
    expect(matching.total).toBeLessThan(published.total);
    await p.getByLabel('Lọc bảng xếp hạng theo tên hoặc mã đơn vị').fill(word);
    await p.getByText(`${matching.total} đơn vị khớp “${word}”`).waitFor();
    const table = p.getByRole('table').first();
    expect(await table.getByRole('row').count()).toBe(matching.total + 1);
    // Opening a unit loads its criteria from the snapshot (one request for that unit).
    const unitButton = table.getByRole('button', { name: last.name, exact: true });
    const unitResponse = p.waitForResponse((r) => r.url().includes(`/rankings/units/${last.unitId}`));
    await unitButton.click();
    expect((await unitResponse).status()).toBe(200);
    const criteria = p.getByRole('region', { name: `Kết quả từng tiêu chí của ${last.name}` });
    await criteria.getByRole('listitem').first().waitFor();
    expect(await unitButton.getAttribute('aria-expanded')).toBe('true');
    expect(await criteria.innerText()).toMatch(/Đạt|Chưa đạt|Không áp dụng/);
    // Accent-insensitive search.
    await p.getByLabel('Tìm đơn vị hoặc phong trào (gõ có dấu hoặc không dấu)').fill('nam sach');
    await p
      .getByText(/Nam Sách/)
      .first()
      .waitFor();
    await expectAccessible(p, 'public portal');
    // The results map opens on demand (its chart loads then), with the table of figures beside it.
    await p.getByRole('button', { name: 'Xem bản đồ' }).click();
    const mapTable = p.getByRole('table').filter({ hasText: 'Số liệu theo đơn vị' });
    await mapTable.getByRole('row').nth(1).waitFor();
    expect(await mapTable.innerText()).toMatch(/Đạt|Chưa đạt|Chưa có kết quả công bố/);
    await expectAccessible(p, 'public portal map');
    await p.getByRole('button', { name: 'Ẩn bản đồ' }).click();
    // The same page in English (the reader's choice is kept on this computer).
    await p.getByRole('button', { name: 'Switch to English' }).click();
    await p.getByRole('heading', { name: /Published ranking/ }).waitFor();
    await p.getByLabel('Filter the ranking by unit name or code').waitFor();
    expect(await p.getByRole('table').first().innerText()).toContain('Total points');
    await p.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await p.getByRole('heading', { name: /Xếp hạng đã công bố/ }).waitFor();
    // Nothing from the admin bundle: the portal page never loads the signed-in layout.
    const scripts = await p.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.js')),
    );
    expect(scripts.some((s) => /AppLayout/.test(s))).toBe(false);
    await anonymous.close();
  }, 120_000);

  it('the map renders demo geometry labelled as such, with the table fallback', async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, 'admin', DEMO_PASSWORD);
    await page.goto(`${server.url}/ban-do?m=${movementId}&p=${period.id}`);
    await page.getByRole('heading', { name: 'Bản đồ kết quả thi đua' }).waitFor();
    // No boundaries yet: the table still has every unit.
    await page.getByText('Chưa có bộ ranh giới đơn vị').waitFor();
    const table = page.getByRole('table').last();
    await table.getByRole('row').nth(1).waitFor();
    await page.getByLabel('Ngày của cây tổ chức').fill(period.endDate);
    await page.getByRole('button', { name: 'Tạo hình học minh hoạ' }).click();
    await page.getByText('Hình học minh hoạ — không phải ranh giới hành chính thật').first().waitFor();
    const map = page.getByTestId('choropleth');
    await map.locator('canvas').waitFor();
    expect(await map.getAttribute('aria-label')).toMatch(/\d+ đơn vị đạt/);
    expect(await page.getByText('Bảng số liệu (thay thế bản đồ)').isVisible()).toBe(true);
    expect(await table.innerText()).toContain('Đạt');
    await expectAccessible(page, 'map page');
    // A file with a code that matches no unit on the date is refused with the feature named; nothing is added.
    await page.getByLabel('Tên bộ ranh giới').fill('Ranh giới sai mã');
    await page.getByLabel('Tệp GeoJSON').setInputFiles({
      name: 'sai-ma.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: '00000' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [106.3, 20.9],
                    [106.4, 20.9],
                    [106.4, 20.8],
                    [106.3, 20.9],
                  ],
                ],
              },
            },
          ],
        }),
      ),
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByText('Đối tượng 0: mã đơn vị "00000" không khớp đơn vị nào có hiệu lực').waitFor();
    expect((await getJson<{ sets: unknown[] }>(page, '/api/unit-boundary-sets')).sets).toHaveLength(1);
    await expectAccessible(page, 'map page with upload errors');
    // The map can be hidden (slow phones); the table stays.
    await page.getByRole('switch', { name: 'Hiện bản đồ' }).click();
    expect(await page.getByTestId('choropleth').count()).toBe(0);
    expect(await page.getByText('Bảng số liệu (thay thế bản đồ)').isVisible()).toBe(true);
  }, 120_000);
});
