import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { reportEvidence, storedFiles } from '../../db/schema/index.js';
import {
  buildReportsFixture,
  buildZip,
  DOCX_CONTENT_TYPES,
  multipartFile,
  openReportFor,
  XLSX_CONTENT_TYPES,
  type ReportsFixture,
} from '../../../../tests/helpers/reports-fixture.js';
import { contentDisposition, displayFileName } from './file-store.js';
import { sniffFileType } from './file-type.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ReportsFixture;
let reportId: string;
beforeAll(async () => {
  f = await buildReportsFixture({ MAX_UPLOAD_MB: 1 });
  reportId = (await openReportFor(f.s.reporter, f.periodId, f.units.c1.id)).id;
});
afterAll(async () => f?.t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Every stored file under DATA_DIR/files (not the temporary folder). */
function storedOnDisk(): string[] {
  const root = path.join(f.dataDir, 'files');
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

async function rows() {
  const [e] = (await f.t.db.select({ n: sql<number>`count(*)::int` }).from(reportEvidence)) as [{ n: number }];
  const [s] = (await f.t.db.select({ n: sql<number>`count(*)::int` }).from(storedFiles)) as [{ n: number }];
  return { evidence: e.n, stored: s.n, disk: storedOnDisk() };
}

function upload(name: string, content: Buffer, criterionCode = 'van_ban_dien_tu', session = f.s.reporter) {
  const { payload, headers } = multipartFile(name, content);
  return f.t.app.inject({
    method: 'POST',
    url: `/api/reports/${reportId}/evidence/files?criterionCode=${criterionCode}`,
    payload,
    headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  });
}

describe('evidence files', () => {
  it('stores a PDF by its SHA-256, keeps the Vietnamese name for display and serves it to readers in scope only', async () => {
    const name = 'Báo cáo số hoá hồ sơ quý I.pdf';
    const r = await upload(name, PDF);
    expect(r.statusCode, r.body).toBe(201);
    const view = r.json() as Json;
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(view.file).toMatchObject({ name, mediaType: 'application/pdf', size: PDF.length, sha256: sha });
    expect(storedOnDisk()).toContain(path.join(sha.slice(0, 2), sha.slice(2, 4), sha));

    const download = await f.s.reviewer.request('GET', view.file.downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-sha256']).toBe(sha);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Bao cao so hoa ho so quy I.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect((await f.s.outsider.request('GET', view.file.downloadUrl)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', view.file.downloadUrl)).statusCode).toBe(401);
  });

  it('deduplicates identical content: one stored file, two evidence records', async () => {
    const before = await rows();
    const r = await upload('ban-sao.pdf', PDF, 'ho_so_cong_viec_tren_mang');
    expect(r.statusCode).toBe(201);
    const after = await rows();
    expect(after.evidence).toBe(before.evidence + 1);
    expect(after.stored).toBe(before.stored);
    expect(after.disk).toEqual(before.disk);
  });

  it('accepts DOCX, XLSX, ODT, ODS, PNG and JPEG by content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trang 1').getCell('A1').value = 'Số liệu';
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const cases: [string, Buffer, string][] = [
      [
        'quyet-dinh.docx',
        buildZip([
          { name: '[Content_Types].xml', data: Buffer.from(DOCX_CONTENT_TYPES), deflate: true },
          { name: 'word/document.xml', data: Buffer.from('<w:document/>'), deflate: true },
        ]),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      ['thong-ke.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [
        'van-ban.odt',
        buildZip([
          { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') },
          { name: 'content.xml', data: Buffer.from('<x/>'), deflate: true },
        ]),
        'application/vnd.oasis.opendocument.text',
      ],
      ['bang.ods', buildZip([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') }]), 'application/vnd.oasis.opendocument.spreadsheet'],
      ['anh.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]), 'image/png'],
      // A JPEG with a misleading extension is still a JPEG.
      ['anh-chup.pdf', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'image/jpeg'],
    ];
    for (const [name, content, type] of cases) {
      const r = await upload(name, content);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(201);
      expect(r.json().file.mediaType, name).toBe(type);
    }
  });

  it('refuses bad files with a clear message and stores nothing', async () => {
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from(XLSX_CONTENT_TYPES), deflate: true },
      // 64 MB of zeros, declared as 1 kB: the inflater stops at the budget.
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024), deflate: true, declaredSize: 1024 },
    ]);
    const declaredBomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from(XLSX_CONTENT_TYPES), deflate: true },
      { name: 'xl/big.xml', data: Buffer.from('x'), deflate: true, declaredSize: 4_000_000_000 },
    ]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').getCell('A1').value = 1;
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const corrupted = Buffer.concat([xlsx.subarray(0, Math.floor(xlsx.length / 2)), Buffer.alloc(200, 0x41)]);
    const cases: [string, string, Buffer, number, string, string][] = [
      ['an executable renamed .pdf', 'bao-cao.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), 415, 'file_executable', 'chương trình thực thi'],
      ['an ELF binary renamed .docx', 'bao-cao.docx', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]), 415, 'file_executable', 'thực thi'],
      [
        'an oversize file',
        'lon.pdf',
        Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]),
        413,
        'file_too_large',
        'vượt quá dung lượng cho phép (1 MB)',
      ],
      ['an empty file', 'rong.pdf', Buffer.alloc(0), 400, 'file_empty', 'Tệp rỗng'],
      ['a zip bomb named .xlsx', 'so-lieu.xlsx', bomb, 400, 'file_zip_bomb', 'nén bất thường'],
      ['a zip declaring 4 GB named .xlsx', 'so-lieu-2.xlsx', declaredBomb, 400, 'file_zip_bomb', 'nén bất thường'],
      ['a corrupted XLSX', 'hong.xlsx', corrupted, 400, 'file_corrupt', 'bị hỏng'],
      ['a text file', 'ghi-chu.txt', Buffer.from('chỉ là văn bản'), 415, 'file_type_refused', 'PDF, DOCX, XLSX'],
      [
        'a macro-enabled workbook',
        'macro.xlsx',
        buildZip([{ name: '[Content_Types].xml', data: Buffer.from(XLSX_CONTENT_TYPES.replace('sheet.main+xml', 'sheet.macroEnabled.main+xml')) }]),
        415,
        'file_macro',
        'macro',
      ],
    ];
    for (const [label, name, content, status, code, text] of cases) {
      const before = await rows();
      const r = await upload(name, content);
      expect(r.statusCode, `${label}: ${r.body}`).toBe(status);
      expect(r.json().error.code, label).toBe(code);
      expect(r.json().error.message, label).toContain(text);
      expect(await rows(), label).toEqual(before);
      expect(readdirSync(path.join(f.dataDir, 'files', 'tmp')), label).toEqual([]);
    }
  });

  it('refuses uploads by users outside the unit and for criteria not on the form', async () => {
    const before = await rows();
    expect((await upload('x.pdf', PDF, 'van_ban_dien_tu', f.s.outsider)).statusCode).toBe(404);
    expect((await upload('x.pdf', PDF, 'van_ban_dien_tu', f.s.reviewer)).statusCode).toBe(403);
    const unknown = await upload('x.pdf', PDF, 'csdl_dung_chung_lgsp');
    expect(unknown.statusCode).toBe(422);
    expect(await rows()).toEqual(before);
  });

  it('adds and removes document references', async () => {
    const r = await f.s.reporter.request('POST', `/api/reports/${reportId}/evidence`, {
      criterionCode: 'bao_cao_ktxh_tren_he_thong',
      documentNumber: '25/BC-UBND',
      documentDate: '2024-03-18',
      issuer: 'UBND xã Đông Thử',
      summary: 'Báo cáo kết quả thực hiện báo cáo trên hệ thống',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await f.s.outsider.request('DELETE', `/api/reports/${reportId}/evidence/${r.json().id}`)).statusCode).toBe(404);
    expect((await f.s.reporter.request('DELETE', `/api/reports/${reportId}/evidence/${r.json().id}`)).statusCode).toBe(200);
    const form = (await f.s.reporter.request('GET', `/api/reports/${reportId}/form`)).json() as Json;
    const criterion = form.areas.flatMap((a: Json) => a.criteria).find((c: Json) => c.code === 'bao_cao_ktxh_tren_he_thong');
    expect(criterion.evidence).toHaveLength(0);
  });
});

describe('file names and types (pure)', () => {
  it('keeps Vietnamese names for display, strips paths and control characters', () => {
    expect(displayFileName('C:\\Users\\a\\Báo cáo "quý" 1.pdf')).toBe('Báo cáo _quý_ 1.pdf');
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('')).toBe('tep');
    expect(contentDisposition('Đề án số hoá.pdf')).toBe(`attachment; filename="De an so hoa.pdf"; filename*=UTF-8''${encodeURIComponent('Đề án số hoá.pdf')}`);
  });
  it('sniffs by content, not extension', () => {
    expect(sniffFileType(PDF)).toMatchObject({ ok: true, kind: 'pdf' });
    expect(sniffFileType(Buffer.from('#!/bin/sh\nrm -rf /'))).toEqual({ ok: false, reason: 'executable' });
    expect(sniffFileType(buildZip([{ name: 'a.txt', data: Buffer.from('x') }]))).toEqual({ ok: false, reason: 'unknown' });
    const many = buildZip(Array.from({ length: 5001 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(0) })));
    expect(sniffFileType(many)).toEqual({ ok: false, reason: 'bomb' });
  });
});
