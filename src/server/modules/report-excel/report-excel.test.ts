import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { reportRevisions, reports } from '../../db/schema/index.js';
import {
  buildReportsFixture,
  buildZip,
  createOpenPeriod,
  fillCommuneReport,
  goodCommuneValues,
  multipartFile,
  openReportFor,
  XLSX_CONTENT_TYPES,
  type ReportsFixture,
} from '../../../../tests/helpers/reports-fixture.js';
import type { Session } from '../../../../tests/helpers/test-app.js';
import { importHooks } from './report-excel.service.js';
import { testEngine } from '../../../../tests/helpers/test-db.js';
import { reportImportJobs } from '../../db/schema/index.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ReportsFixture;
beforeAll(async () => {
  f = await buildReportsFixture();
});
afterAll(async () => f?.t.close());

async function template(session: Session, periodId: string, unitId?: string): Promise<Buffer> {
  const r = await session.request('GET', `/api/report-periods/${periodId}/template.xlsx${unitId ? `?unitId=${unitId}` : ''}`);
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  return r.rawPayload;
}

/** Writes values into the data sheet by unit id and element code; returns the new file. */
async function fill(buffer: Buffer, values: Record<string, Record<string, string | number | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Số liệu')!;
  const codes = (ws.getRow(5).values as unknown[]).map((v) => String(v ?? ''));
  ws.eachRow((row, n) => {
    if (n < 6) return;
    const unitId = String(row.getCell(1).value);
    for (const [code, v] of Object.entries(values[unitId] ?? {})) row.getCell(codes.indexOf(code)).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function postImport(session: Session, periodId: string, name: string, content: Buffer, wait = true) {
  const { payload, headers } = multipartFile(name, content, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return f.t.app.inject({
    method: 'POST',
    url: `/api/report-periods/${periodId}/imports${wait ? '?wait=true' : ''}`,
    payload,
    headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  });
}

async function snapshot() {
  const rows = await f.t.db.select().from(reports).orderBy(reports.id);
  const [rev] = (await f.t.db.select({ n: sql<number>`count(*)::int` }).from(reportRevisions)) as [{ n: number }];
  return { reports: JSON.stringify(rows), revisions: rev.n };
}

const numbers = (v: Record<string, string>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Number(x)]));

describe('Excel template', () => {
  it('pre-fills one row per commune of a district, protects headers, validates cells and explains in Vietnamese', async () => {
    const buffer = await template(f.s.reviewer, f.periodId, f.units.d1.id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hướng dẫn', 'Số liệu']);
    const guide = wb.getWorksheet('Hướng dẫn')!;
    expect(String(guide.getCell('A1').value)).toBe('HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO');
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getRow(5).getCell(1).value).toBe('unit_id');
    expect(ws.getRow(6).getCell(3).value).toBe('Xã Đông Thử');
    expect(ws.getRow(7).getCell(3).value).toBe('Xã Tây Thử');
    expect(ws.getRow(8).getCell(1).value).toBeNull();
    expect(ws.getRow(4).getCell(4).value).toContain('(hồ sơ)');
    expect(ws.getRow(6).getCell(4).protection?.locked).toBe(false);
    expect(ws.getRow(6).getCell(4).dataValidation).toMatchObject({ type: 'whole' });
    expect(ws.getRow(4).getCell(4).protection?.locked).not.toBe(false);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
  });

  it('offers a yes/no list for the department LGSP field in the province-wide template', async () => {
    const buffer = await template(f.s.standing, f.periodId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Số liệu')!;
    const codes = (ws.getRow(5).values as unknown[]).map(String);
    const col = codes.indexOf('lgsp_shared_db_connected');
    expect(col).toBeGreaterThan(3);
    let depRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === f.units.dep.id) depRow = n;
    });
    expect(ws.getRow(depRow).getCell(col).dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
  });

  it('opens in LibreOffice, which converts it to PDF and keeps the Vietnamese text', async (context) => {
    const soffice = ['soffice', 'libreoffice'].find((bin) => spawnSync('which', [bin]).status === 0);
    if (!soffice) {
      console.log('SKIPPED: LibreOffice (soffice) is not installed; apt-get install -y libreoffice-calc-nogui');
      context.skip();
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-lo-'));
    const file = path.join(dir, 'mau.xlsx');
    writeFileSync(file, await template(f.s.reviewer, f.periodId, f.units.d1.id));
    const env = { ...process.env, HOME: dir };
    execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], {
      env,
      timeout: 120_000,
      stdio: 'pipe',
    });
    expect(existsSync(path.join(dir, 'mau.pdf'))).toBe(true);
    expect(readFileSync(path.join(dir, 'mau.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // The first sheet as CSV: the Vietnamese instructions survive the round trip.
    execFileSync(
      soffice,
      ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file],
      { env, timeout: 120_000, stdio: 'pipe' },
    );
    const csv = readFileSync(path.join(dir, 'mau.csv'), 'utf8');
    expect(csv).toContain('HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO');
    expect(csv).toContain('Tổng số hồ sơ công việc');
  }, 240_000);
});

describe('Excel import', () => {
  it('imports a filled template back into the drafts, all rows in one go', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'XL-1', 'Kỳ nhập Excel 1', { dueIn: 10 });
    const admin = await f.t.signIn(await f.t.buildUser({ role: 'unit_admin', unitId: f.units.d1.id }));
    const filled = await fill(await template(admin, periodId, f.units.d1.id), {
      [f.units.c1.id]: numbers(goodCommuneValues),
      [f.units.c2.id]: { ...numbers(goodCommuneValues), records_online: 70, records_total: 110 },
    });
    const r = await postImport(admin, periodId, 'Mẫu đã điền.xlsx', filled);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'succeeded', imported: 2, errorCount: 0, fileName: 'Mẫu đã điền.xlsx' });
    const rows = await f.t.db.select().from(reports).where(eq(reports.periodId, periodId));
    const c2 = rows.find((x) => x.unitId === f.units.c2.id)!;
    expect(c2.values).toMatchObject({ records_total: '110', records_online: '70', records_secret: '20' });
    expect(c2.status).toBe('draft');
    expect(c2.reviewerUnitId).toBe(f.units.d1.id);
    // Each written report keeps a revision of what the import stored; importing again moves the version on.
    const revisionsOf = async (reportId: string) =>
      (await f.t.db.select().from(reportRevisions).where(eq(reportRevisions.reportId, reportId))).map((x) => ({ rowVersion: x.rowVersion, values: x.values }));
    expect(await revisionsOf(c2.id)).toEqual([{ rowVersion: c2.rowVersion, values: c2.values }]);
    const refilled = await fill(await template(admin, periodId, f.units.d1.id), { [f.units.c2.id]: { ...numbers(goodCommuneValues), records_online: 71, records_total: 110 } });
    // The template comes pre-filled, so both communes' rows are written again.
    expect((await postImport(admin, periodId, 'Lần 2.xlsx', refilled)).json()).toMatchObject({ status: 'succeeded', imported: 2 });
    const [c2again] = await f.t.db.select().from(reports).where(eq(reports.id, c2.id));
    expect(c2again!.rowVersion).toBe(c2.rowVersion + 1);
    expect(c2again!.values).toMatchObject({ records_online: '71' });
    expect((await revisionsOf(c2.id)).map((x) => x.rowVersion).sort()).toEqual([c2.rowVersion, c2.rowVersion + 1]);
    // The template of the same period now comes back pre-filled.
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await template(admin, periodId, f.units.d1.id)) as unknown as ArrayBuffer);
    expect(again.getWorksheet('Số liệu')!.getRow(7).getCell(4).value).toBe(110);
  });

  it('refuses a file with good and bad rows: nothing imported, every error listed with sheet, row and column', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'XL-2', 'Kỳ nhập Excel 2', { dueIn: 10 });
    const buffer = await template(f.s.admin, periodId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await fill(buffer, {
        [f.units.c1.id]: numbers(goodCommuneValues),
        [f.units.c2.id]: { ...numbers(goodCommuneValues), records_total: 'nhiều', documents_secret: 600 },
        [f.units.c3.id]: { ...numbers(goodCommuneValues), records_online: 150 },
        [f.units.dep.id]: { ...numbers(goodCommuneValues), lgsp_shared_db_connected: 'Chưa rõ' },
      })) as unknown as ArrayBuffer,
    );
    const ws = wb.getWorksheet('Số liệu')!;
    ws.addRow(['00000000-0000-4000-8000-000000000000', 'X', 'Xã không có thật', 1]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await snapshot();
    const r = await postImport(f.s.admin, periodId, 'co-loi.xlsx', file);
    expect(r.statusCode).toBe(200);
    const job = r.json() as Json;
    expect(job.status).toBe('failed');
    expect(job.imported).toBe(0);
    const rowOf = (unitId: string) => {
      let n = 0;
      ws.eachRow((row, i) => {
        if (row.getCell(1).value === unitId) n = i;
      });
      return n;
    };
    const codes = (ws.getRow(5).values as unknown[]).map(String);
    const letter = (code: string) => String.fromCharCode(64 + codes.indexOf(code));
    const errors = job.errors as Json[];
    expect(errors.every((e) => e.sheet === 'Số liệu')).toBe(true);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: rowOf(f.units.c2.id), column: letter('records_total'), message: expect.stringContaining('Phải là số') }),
        expect.objectContaining({ row: rowOf(f.units.c3.id), column: letter('records_online'), message: expect.stringContaining('không được lớn hơn mẫu số') }),
        expect.objectContaining({ row: rowOf(f.units.dep.id), column: letter('lgsp_shared_db_connected'), message: expect.stringContaining('Phải chọn "Có" hoặc "Không"') }),
        expect.objectContaining({ row: ws.rowCount, column: 'A', message: expect.stringContaining('không thuộc diện báo cáo') }),
      ]),
    );
    expect(errors.length).toBe(4);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves no partial rows when the import fails half-way inside its transaction', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'XL-3', 'Kỳ nhập Excel 3', { dueIn: 10 });
    const ids = [f.units.c1.id, f.units.c2.id, f.units.c3.id, f.units.c4.id, f.units.d1.id, f.units.d2.id];
    const file = await fill(await template(f.s.admin, periodId), Object.fromEntries(ids.map((id) => [id, numbers(goodCommuneValues)])));
    const before = await snapshot();
    importHooks.afterRow = (written) => {
      if (written === 3) throw new Error('mất điện giữa chừng (giả lập)');
    };
    try {
      const r = await postImport(f.s.admin, periodId, 'giua-chung.xlsx', file);
      expect(r.json().status).toBe('failed');
    } finally {
      importHooks.afterRow = undefined;
    }
    expect(await snapshot()).toEqual(before);
    expect(await f.t.db.select().from(reports).where(eq(reports.periodId, periodId))).toEqual([]);
  });

  it.skipIf(testEngine() !== 'postgres')(
    'leaves no partial rows when the importing process is killed mid-way (PostgreSQL, child process)',
    async () => {
      const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'XL-KILL', 'Kỳ nhập bị ngắt', { dueIn: 10 });
      const ids = [f.units.c1.id, f.units.c2.id, f.units.c3.id, f.units.c4.id];
      const dir = mkdtempSync(path.join(tmpdir(), 'thidua-kill-'));
      const file = path.join(dir, 'mau.xlsx');
      writeFileSync(file, await fill(await template(f.s.admin, periodId), Object.fromEntries(ids.map((id) => [id, numbers(goodCommuneValues)]))));
      const before = await snapshot();
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.resolve(import.meta.dirname, '../../../../tests/helpers/import-child.ts'), f.t.handle.url!, periodId, f.s.admin.cookie, f.s.admin.csrfToken, file],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child did not reach the middle of the import: ${out}`)), 90_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('MID-IMPORT')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`child exited early: ${out}`)));
      });
      // Rows are written inside the open transaction at this point; kill the process without any chance to clean up.
      child.removeAllListeners('exit');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      // PostgreSQL rolls back the dead connection's transaction.
      for (let i = 0; i < 50; i++) {
        const [{ n }] = (
          (await f.t.db.execute(sql`select count(*)::int as n from pg_stat_activity where state like 'idle in transaction%'`)) as unknown as { rows: [{ n: number }] }
        ).rows;
        if (n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await f.t.db.select().from(reports).where(eq(reports.periodId, periodId))).toEqual([]);
      expect(await snapshot()).toEqual(before);
      const [job] = await f.t.db.select().from(reportImportJobs).where(eq(reportImportJobs.periodId, periodId));
      expect(job!.status).toBe('running');
      expect(job!.imported).toBe(0);
    },
    180_000,
  );

  it('reports progress for a running import and its outcome when polled', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'XL-4', 'Kỳ nhập Excel 4', { dueIn: 10 });
    const file = await fill(await template(f.s.admin, periodId), { [f.units.c1.id]: numbers(goodCommuneValues) });
    const r = await postImport(f.s.admin, periodId, 'cho.xlsx', file, false);
    expect(r.statusCode).toBe(202);
    const id = r.json().id as string;
    let job: Json = r.json();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await f.s.admin.request('GET', `/api/report-imports/${id}`)).json() as Json;
    }
    expect(job).toMatchObject({ status: 'succeeded', imported: 1, total: 1, processed: 1 });
    expect((await f.s.outsider.request('GET', `/api/report-imports/${id}`)).statusCode).toBe(404);
  });

  it('refuses rows of reports already submitted, and broken files', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'XL-5', 'Kỳ nhập Excel 5', { dueIn: 10 });
    const opened = await openReportFor(f.s.reporter, periodId, f.units.c1.id);
    const rv = await fillCommuneReport(f.s.reporter, opened.id, opened.rowVersion);
    expect((await f.s.reporter.request('POST', `/api/reports/${opened.id}/submit`, { rowVersion: rv })).statusCode).toBe(200);
    const file = await fill(await template(f.s.admin, periodId, f.units.d1.id), { [f.units.c1.id]: { records_total: 999 } });
    const r = await postImport(f.s.admin, periodId, 'de.xlsx', file);
    expect(r.json().errors).toEqual([expect.objectContaining({ row: 6, column: 'C', message: expect.stringContaining('Đã nộp') })]);

    const corrupted = Buffer.concat([file.subarray(0, 400), Buffer.alloc(300, 7)]);
    const broken = await postImport(f.s.admin, periodId, 'hong.xlsx', corrupted);
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('bị hỏng');
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from(XLSX_CONTENT_TYPES), deflate: true },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(32 * 1024 * 1024), deflate: true, declaredSize: 100 },
    ]);
    const bombed = await postImport(f.s.admin, periodId, 'bom.xlsx', bomb);
    expect(bombed.statusCode).toBe(400);
    expect(bombed.json().error.message).toContain('zip bomb');
    const pdf = await postImport(f.s.admin, periodId, 'bao-cao.xlsx', Buffer.from('%PDF-1.4 giả'));
    expect(pdf.statusCode).toBe(400);
    expect((await postImport(f.s.outsider, periodId, 'x.xlsx', file)).json().errors[0].message).toContain('không có quyền');
  });
});
