import { compareVietnamese } from '../../../core/text.js';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import type { DataElement } from '../../../core/criteria/criteria.schemas.js';
import { formatDateVi } from '../../../core/dates.js';
import { renderMessage, type Locale } from '../../../core/i18n/messages.js';
import { buildFormLayout, checkReport, checkValue } from '../../../core/reports/index.js';
import { isEditable, reportStatusLabels, type ReportStatus } from '../../../core/reports/workflow.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { requireActor } from '../../auth/access.js';
import { authorize, can } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import { queryRows, type DatabaseHandle } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { reportImportJobs } from '../../db/schema/index.js';
import { sniffFileType } from '../evidence/file-type.js';
import { findReportsOfPeriod } from '../reports/reports.repository.js';
import { loadOrgTree } from '../units/org-on-date.js';
import { subtreeOf, type OrgUnit } from '../../../core/org/tree.js';
import { findPeriod, type PeriodRow, type RegimeRow } from '../report-regimes/report-regimes.repository.js';
import { reportPolicy, unitReportsPolicy } from '../reports/reports.policy.js';
import { reportImportPolicy } from './report-excel.policy.js';
import { expectedUnits } from '../../../core/reports/expected-units.js';
import { reviewerUnitFor } from '../../../core/reports/reviewers.js';
import { asLevel, loadCriteriaDefinition } from '../criteria/criteria-definitions.js';

export const DATA_SHEET = 'Số liệu';
export const GUIDE_SHEET = 'Hướng dẫn';
const HEADER_ROW = 4;
const CODE_ROW = 5;
const FIRST_DATA_ROW = 6;
/** Columns before the data elements: hidden unit id, official code, name. */
const FIXED_COLUMNS = 3;
const YES = 'Có';
const NO = 'Không';

type Values = Record<string, string | boolean | null>;

export type ImportError = { sheet: string; row: number; column: string; message: string };

/** Test hook: called after each row is written inside the import transaction (inject a failure mid-import). */
/** Rows written per statement during an import. */
const IMPORT_BATCH = 1000;

export const importHooks: { afterRow?: (written: number) => void | Promise<void> } = {};

function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Elements used by the levels present among the units, in the set's order. */
function elementsFor(set: Parameters<typeof buildFormLayout>[0], units: readonly OrgUnit[]): DataElement[] {
  const codes = new Set([...new Set(units.map((u) => asLevel(u.level)))].flatMap((l) => buildFormLayout(set, l).elements.map((e) => e.code)));
  return set.dataElements.filter((e) => codes.has(e.code));
}

/** Units of the template: the unit itself when it reports, else the reporting units under it; all of them without a unit. */
function templateUnits(units: OrgUnit[], tree: Awaited<ReturnType<typeof loadOrgTree>>, unitId: string | undefined): OrgUnit[] {
  if (!unitId) return units;
  const self = units.find((u) => u.id === unitId);
  const below = new Set(subtreeOf(tree, unitId).map((u) => u.id));
  const under = units.filter((u) => below.has(u.id) && u.id !== unitId);
  return under.length > 0 ? under : self ? [self] : [];
}

function describeType(e: DataElement): string {
  switch (e.valueType) {
    case 'integer':
      return `Số nguyên${e.min !== undefined ? `, từ ${e.min}` : ''}${e.max !== undefined ? ` đến ${e.max}` : ''}`;
    case 'decimal':
      return 'Số thập phân (dấu phẩy hoặc dấu chấm)';
    case 'percentage':
      return 'Tỷ lệ phần trăm (0 – 100)';
    case 'boolean':
      return `Chọn "${YES}" hoặc "${NO}"`;
    case 'text':
      return 'Văn bản';
    case 'date':
      return 'Ngày (dd/mm/yyyy)';
  }
}

/**
 * A pre-filled XLSX template for a period: one row per reporting unit (one unit, or every unit under a district),
 * one column per data element, yes/no lists and number rules as data validation, header cells protected, and a
 * Vietnamese instructions sheet. Needs report.read on the unit (or tenant-wide without one).
 */
export async function buildTemplate(ctx: RequestContext, periodId: string, unitId?: string): Promise<{ fileName: string; buffer: Buffer }> {
  requireActor(ctx);
  const authed = ctx as AuthedContext;
  const found = await findPeriod(ctx.db, authed.actor.tenantId, periodId);
  if (!found) throw AppError.notFound();
  await authorize(unitReportsPolicy, authed, 'read', { unitId: unitId ?? null }, 'not_found');
  const { period, regime } = found;
  const tree = await loadOrgTree(ctx.db, authed.actor.tenantId, period.endDate);
  const units = templateUnits(expectedUnits(tree, regime), tree, unitId).sort((a, b) => compareVietnamese(a.code ?? a.name, b.code ?? b.name));
  const { set } = await loadCriteriaDefinition(ctx.db, period.criteriaSetVersionId);
  const elements = elementsFor(set, units);
  const existing = new Map((await findReportsOfPeriod(ctx.db, period.id)).map((r) => [r.unitId, r] as const));
  const buffer = await writeTemplate({
    period,
    regime,
    units,
    elements,
    existing: (id) => existing.get(id)?.values ?? {},
    levelElements: (u) => new Set(buildFormLayout(set, asLevel(u.level)).elements.map((e) => e.code)),
  });
  const scope = unitId ? (tree.byId.get(unitId)?.name ?? 'don-vi') : 'toan-tinh';
  return { fileName: `Mau-bao-cao-${period.code}-${scope}.xlsx`, buffer };
}

export async function writeTemplate(input: {
  period: PeriodRow;
  regime: RegimeRow;
  units: readonly OrgUnit[];
  elements: readonly DataElement[];
  existing: (unitId: string) => Values;
  levelElements: (unit: OrgUnit) => ReadonlySet<string>;
}): Promise<Buffer> {
  const { period, regime, units, elements } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua Số';
  wb.created = new Date();
  const guide = wb.addWorksheet(GUIDE_SHEET);
  const data = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', xSplit: FIXED_COLUMNS, ySplit: CODE_ROW }] });
  guide.columns = [{ width: 28 }, { width: 90 }];
  const lines: [string, string][] = [
    ['Chế độ báo cáo', regime.name],
    ['Kỳ báo cáo', `${period.label} (mã ${period.code})`],
    ['Thời gian chốt số liệu', `Từ ${formatDateVi(period.startDate)} đến ${formatDateVi(period.endDate)}`],
    ['Hạn nộp', formatDateVi(period.dueDate)],
    ['Nơi nhận', regime.receivingUnitName],
    ['', ''],
    ['Cách điền', `Điền số liệu vào trang "${DATA_SHEET}", mỗi dòng là một đơn vị; không sửa các dòng tiêu đề, cột mã và tên đơn vị (đã khoá).`],
    ['', 'Số: chỉ nhập chữ số; phần thập phân dùng dấu phẩy hoặc dấu chấm (ví dụ 59,99). Không nhập dấu phân cách hàng nghìn.'],
    ['', `Có/Không: chọn trong danh sách "${YES}" hoặc "${NO}".`],
    ['', 'Ô để trống nghĩa là chưa có số liệu. Ô tô xám: chỉ tiêu không áp dụng cho đơn vị, để trống.'],
    ['', 'Tải tệp lên tại màn hình "Nhập từ Excel" của kỳ báo cáo: mọi dòng được kiểm tra; nếu có lỗi, không dòng nào được nhập và danh sách lỗi ghi rõ trang, dòng, cột.'],
    ['', 'Số liệu nhập từ Excel được lưu vào bản nháp; đơn vị vẫn cần kiểm tra, bổ sung minh chứng và nộp báo cáo trên hệ thống.'],
    ['', ''],
    ['Chỉ tiêu', 'Giải thích'],
    ...elements.map((e): [string, string] => [`${e.name}${e.unitOfMeasure ? ` (${e.unitOfMeasure})` : ''}`, `${describeType(e)}. ${e.help ?? ''}`.trim()]),
  ];
  guide.addRow(['HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO', '']).font = { bold: true, size: 14 };
  guide.addRow([]);
  for (const [a, b] of lines) {
    const row = guide.addRow([a, b]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  data.getCell(1, 1).value = `${regime.name} — ${period.label}`;
  data.getCell(1, 1).font = { bold: true, size: 13 };
  data.getCell(2, 1).value = `Mã kỳ: ${period.code} · Mã định danh kỳ: ${period.id} · Hạn nộp: ${formatDateVi(period.dueDate)}`;
  const header = ['Mã định danh', 'Mã đơn vị', 'Tên đơn vị', ...elements.map((e) => `${e.name}${e.unitOfMeasure ? ` (${e.unitOfMeasure})` : ''}`)];
  const codes = ['unit_id', 'unit_code', 'unit_name', ...elements.map((e) => e.code)];
  data.getRow(HEADER_ROW).values = header;
  data.getRow(CODE_ROW).values = codes;
  data.getRow(HEADER_ROW).font = { bold: true };
  data.getRow(HEADER_ROW).alignment = { wrapText: true, vertical: 'middle' };
  data.getRow(HEADER_ROW).height = 60;
  data.getRow(CODE_ROW).font = { italic: true, color: { argb: 'FF666666' } };
  data.getColumn(1).hidden = true;
  data.getColumn(1).width = 38;
  data.getColumn(2).width = 12;
  data.getColumn(3).width = 36;
  elements.forEach((_, i) => (data.getColumn(FIXED_COLUMNS + 1 + i).width = 18));
  units.forEach((u, r) => {
    const rowNumber = FIRST_DATA_ROW + r;
    const row = data.getRow(rowNumber);
    const current = input.existing(u.id);
    const applicable = input.levelElements(u);
    row.getCell(1).value = u.id;
    row.getCell(2).value = u.code ?? '';
    row.getCell(3).value = u.name;
    elements.forEach((e, i) => {
      const cell = row.getCell(FIXED_COLUMNS + 1 + i);
      if (!applicable.has(e.code)) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDDDDD' } };
        return;
      }
      cell.protection = { locked: false };
      const v = current[e.code];
      if (typeof v === 'boolean') cell.value = v ? YES : NO;
      else if (typeof v === 'string' && v !== '') cell.value = e.valueType === 'text' || e.valueType === 'date' ? v : Number(v);
      switch (e.valueType) {
        case 'boolean':
          cell.dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [`"${YES},${NO}"`],
            showErrorMessage: true,
            errorTitle: 'Giá trị không hợp lệ',
            error: `Chọn "${YES}" hoặc "${NO}"`,
          };
          break;
        case 'integer':
          cell.dataValidation = {
            type: 'whole',
            operator: 'greaterThanOrEqual',
            allowBlank: true,
            formulae: [Number(e.min ?? '-999999999999')],
            showErrorMessage: true,
            errorTitle: 'Giá trị không hợp lệ',
            error: 'Nhập số nguyên không âm',
          };
          break;
        case 'decimal':
        case 'percentage':
          cell.dataValidation = {
            type: 'decimal',
            operator: 'between',
            allowBlank: true,
            formulae: [Number(e.min ?? (e.valueType === 'percentage' ? 0 : -1e12)), Number(e.max ?? (e.valueType === 'percentage' ? 100 : 1e12))],
            showErrorMessage: true,
            error: 'Nhập số',
          };
          break;
        case 'text':
        case 'date':
          break;
      }
    });
  });
  // Protection guards the headers and unit columns against slips, not against intent (no password).
  await data.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

type JobState = {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  imported: number;
  errors: ImportError[];
  fileName: string;
  periodId: string;
  createdBy: string;
};
/** Progress of imports running in this process (PGlite cannot read the job row while the import transaction holds it). */
const liveJobs = new Map<string, JobState>();

function cellText(cell: ExcelJS.Cell): string | number | boolean | Date | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return (v.result as string | number | boolean | null | undefined) ?? null;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return null;
  }
  return v;
}

/** A cell to a report value: numbers as exact decimal strings, "Có"/"Không" to yes/no, blank to null. */
function parseCell(e: DataElement, raw: ReturnType<typeof cellText>, locale: Locale): { value: string | boolean | null } | { error: string } {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  switch (e.valueType) {
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const t = String(raw).trim().toLowerCase();
      if (['có', 'co', 'x', '1', 'true', 'yes'].includes(t)) return { value: true };
      if (['không', 'khong', '0', 'false', 'no'].includes(t)) return { value: false };
      return { error: renderMessage('import.cell_yes_no', locale, { yes: YES, no: NO, value: String(raw) }) };
    }
    case 'integer':
    case 'decimal':
    case 'percentage': {
      let s: string;
      if (typeof raw === 'number') {
        if (!Number.isFinite(raw)) return { error: renderMessage('import.cell_not_number', locale) };
        s = String(raw);
        if (/e/i.test(s)) return { error: renderMessage('import.cell_number_range', locale, { value: s }) };
      } else if (typeof raw === 'string') {
        s = raw.trim().replace(/\s/g, '');
        if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
      } else return { error: renderMessage('import.cell_number', locale) };
      return { value: s };
    }
    case 'date':
      if (raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
      return { value: String(raw).trim() };
    case 'text':
      return { value: String(raw) };
  }
}

/** Starts an import job; with `wait` the answer is the finished job, otherwise the client polls GET /api/report-imports/:id. */
export async function startImport(ctx: RequestContext, database: DatabaseHandle, periodId: string, file: { name: string; buffer: Buffer }, wait: boolean): Promise<JobView> {
  requireActor(ctx);
  // Only people who report somewhere may import; rows for units outside their scope are then refused one by one.
  await authorize(reportImportPolicy, ctx, 'start', null);
  const authed = ctx as AuthedContext;
  const found = await findPeriod(ctx.db, authed.actor.tenantId, periodId);
  if (!found) throw AppError.notFound();
  const sniffed = sniffFileType(file.buffer);
  if (!sniffed.ok || sniffed.kind !== 'xlsx') {
    const reason =
      !sniffed.ok && sniffed.reason === 'bomb'
        ? 'import.reason_zip_bomb'
        : !sniffed.ok && sniffed.reason === 'empty'
          ? 'import.reason_empty'
          : !sniffed.ok && sniffed.reason === 'corrupt'
            ? 'import.reason_corrupt'
            : 'import.reason_not_xlsx';
    throw new AppError('import_invalid_file', 400, 'import.invalid_file', [{ path: 'file', message: '' }], { reason: renderMessage(reason, ctx.locale) });
  }
  const id = randomUUID();
  const state: JobState = { id, status: 'running', total: 0, processed: 0, imported: 0, errors: [], fileName: file.name, periodId, createdBy: authed.actor.userId };
  await ctx.db.insert(reportImportJobs).values({ id, tenantId: authed.actor.tenantId, periodId, fileName: file.name, status: 'running', createdBy: authed.actor.userId });
  liveJobs.set(id, state);
  const run = runImport(authed, database, found.period, found.regime, file.buffer, state)
    .catch((error: unknown) => {
      state.status = 'failed';
      if (state.errors.length === 0) {
        const message =
          error instanceof AppError && error.code === 'import_conflict'
            ? renderMessage('import.conflict_retry', ctx.locale)
            : error instanceof AppError
              ? renderMessage(error.messageKey, ctx.locale, error.params)
              : renderMessage('import.failed', ctx.locale);
        state.errors.push({ sheet: DATA_SHEET, row: 0, column: '', message });
      }
    })
    .finally(async () => {
      await ctx.db
        .update(reportImportJobs)
        .set({ status: state.status, total: state.total, processed: state.processed, imported: state.imported, errors: state.errors.slice(0, 5000), finishedAt: new Date() })
        .where(eq(reportImportJobs.id, id));
      setTimeout(() => liveJobs.delete(id), 60_000).unref();
    });
  if (wait) await run;
  return presentJob(state);
}

export type JobView = {
  id: string;
  periodId: string;
  fileName: string;
  status: 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  imported: number;
  errorCount: number;
  errors: ImportError[];
};

function presentJob(s: Pick<JobState, 'id' | 'periodId' | 'fileName' | 'status' | 'total' | 'processed' | 'imported' | 'errors'>): JobView {
  return {
    id: s.id,
    periodId: s.periodId,
    fileName: s.fileName,
    status: s.status,
    total: s.total,
    processed: s.processed,
    imported: s.imported,
    errorCount: s.errors.length,
    errors: s.errors.slice(0, 1000),
  };
}

/** Progress or outcome of an import (its author, or anyone reading reports tenant-wide). */
export async function getImportJob(ctx: RequestContext, id: string): Promise<JobView> {
  requireActor(ctx);
  const live = liveJobs.get(id);
  if (live) {
    await authorize(reportImportPolicy, ctx, 'read', live, 'not_found');
    return presentJob(live);
  }
  const [row] = await ctx.db
    .select()
    .from(reportImportJobs)
    .where(and(eq(reportImportJobs.id, id), eq(reportImportJobs.tenantId, ctx.actor.tenantId)));
  if (!row) throw AppError.notFound();
  await authorize(reportImportPolicy, ctx, 'read', row, 'not_found');
  return presentJob({ ...row, status: row.status as JobState['status'] });
}

async function runImport(ctx: AuthedContext, database: DatabaseHandle, period: PeriodRow, regime: RegimeRow, buffer: Buffer, state: JobState): Promise<void> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    state.errors.push({ sheet: '', row: 0, column: '', message: renderMessage('import.workbook_corrupt', ctx.locale) });
    throw new AppError('import_invalid_file', 400, 'import.invalid_file');
  }
  const sheet = wb.getWorksheet(DATA_SHEET);
  if (!sheet) {
    state.errors.push({ sheet: DATA_SHEET, row: 0, column: '', message: renderMessage('import.sheet_missing', ctx.locale, { sheet: DATA_SHEET }) });
    throw new AppError('import_invalid_file', 400, 'import.invalid_file');
  }
  const { set } = await loadCriteriaDefinition(ctx.db, period.criteriaSetVersionId);
  const elementByCode = new Map(set.dataElements.map((e) => [e.code, e] as const));
  const codeRow = sheet.getRow(CODE_ROW);
  const columns: { index: number; element: DataElement }[] = [];
  const headerErrors: ImportError[] = [];
  for (let c = FIXED_COLUMNS + 1; c <= codeRow.cellCount; c++) {
    const code = String(cellText(codeRow.getCell(c)) ?? '').trim();
    if (!code) continue;
    const e = elementByCode.get(code);
    if (!e) headerErrors.push({ sheet: DATA_SHEET, row: CODE_ROW, column: columnLetter(c), message: renderMessage('import.code_unknown', ctx.locale, { code }) });
    else columns.push({ index: c, element: e });
  }
  if (String(cellText(codeRow.getCell(1)) ?? '') !== 'unit_id')
    headerErrors.push({ sheet: DATA_SHEET, row: CODE_ROW, column: 'A', message: renderMessage('import.code_row', ctx.locale) });
  if (headerErrors.length > 0) {
    state.errors.push(...headerErrors);
    throw new AppError('import_invalid_file', 400, 'import.invalid_file');
  }
  const tree = await loadOrgTree(ctx.db, ctx.actor.tenantId, period.endDate);
  const expected = new Map(expectedUnits(tree, regime).map((u) => [u.id, u] as const));
  const existing = new Map((await findReportsOfPeriod(ctx.db, period.id)).map((r) => [r.unitId, r] as const));
  const lastRow = sheet.actualRowCount > 0 ? sheet.rowCount : 0;
  state.total = Math.max(0, lastRow - FIRST_DATA_ROW + 1);
  const accepted: { unit: OrgUnit; reviewerUnitId: string | null; values: Values; rowNumber: number }[] = [];
  const seen = new Set<string>();
  const periodOpen = period.status === 'open';
  if (!periodOpen && period.status !== 'closed')
    state.errors.push({ sheet: DATA_SHEET, row: 0, column: '', message: renderMessage('import.period_not_open', ctx.locale, { period: period.label }) });
  for (let r = FIRST_DATA_ROW; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    state.processed++;
    const unitId = String(cellText(row.getCell(1)) ?? '').trim();
    const hasData = columns.some((c) => cellText(row.getCell(c.index)) !== null);
    // A row left blank changes nothing (blank cells never clear a stored value).
    if (!hasData) continue;
    const err = (column: string, message: string) => state.errors.push({ sheet: DATA_SHEET, row: r, column, message });
    const unit = expected.get(unitId);
    if (!unit) {
      err('A', renderMessage('import.unit_not_expected', ctx.locale, { unit: String(cellText(row.getCell(3)) ?? unitId) }));
      continue;
    }
    if (seen.has(unitId)) {
      err('A', renderMessage('import.unit_repeated', ctx.locale, { unit: unit.name }));
      continue;
    }
    seen.add(unitId);
    const reviewerUnitId = reviewerUnitFor(tree, regime, unit);
    if (!(await can(reportPolicy, ctx, 'edit', { unitId, reviewerUnitId }))) {
      err('C', renderMessage('import.unit_out_of_scope', ctx.locale, { unit: unit.name }));
      continue;
    }
    const report = existing.get(unitId);
    if (report && (!isEditable(report.status as ReportStatus) || (!periodOpen && report.status !== 'returned'))) {
      err('C', renderMessage('import.report_not_editable', ctx.locale, { unit: unit.name, status: reportStatusLabels[report.status as ReportStatus][ctx.locale] }));
      continue;
    }
    const applicable = new Set(buildFormLayout(set, asLevel(unit.level)).elements.map((e) => e.code));
    const values: Values = {};
    let rowOk = true;
    for (const { index, element } of columns) {
      const parsed = parseCell(element, cellText(row.getCell(index)), ctx.locale);
      const letter = columnLetter(index);
      if ('error' in parsed) {
        err(letter, `${element.name}: ${parsed.error}`);
        rowOk = false;
        continue;
      }
      if (!applicable.has(element.code)) {
        if (parsed.value !== null) {
          err(letter, renderMessage('import.not_applicable', ctx.locale, { element: element.name, unit: unit.name }));
          rowOk = false;
        }
        continue;
      }
      const problem = checkValue(element, parsed.value);
      if (problem) {
        err(letter, `${element.name}: ${ctx.locale === 'en' ? problem.messageEn : problem.message}`);
        rowOk = false;
        continue;
      }
      if (parsed.value !== null) values[element.code] = parsed.value;
    }
    if (!rowOk) continue;
    const merged = { ...(report?.values ?? {}), ...values };
    const check = checkReport({ set, level: asLevel(unit.level), values: merged, forSubmit: false });
    for (const e of check.errors) {
      const code = e.path.replace(/^values\./, '');
      const col = columns.find((c) => c.element.code === code);
      err(col ? columnLetter(col.index) : '', ctx.locale === 'en' ? e.messageEn : e.message);
    }
    if (check.errors.length === 0) accepted.push({ unit, reviewerUnitId, values, rowNumber: r });
  }
  if (state.errors.length > 0) throw new AppError('import_rows_invalid', 400, 'import.rows_invalid', [], { count: state.errors.length });
  // Writing: all rows in one transaction; the rowVersion moves and a revision is kept for each report.
  state.processed = 0;
  state.total = accepted.length;
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    let written = 0;
    for (let i = 0; i < accepted.length; i += IMPORT_BATCH) {
      const batch = accepted.slice(i, i + IMPORT_BATCH);
      const rows = batch.map(({ unit, reviewerUnitId, values }) => ({
        id: existing.get(unit.id)?.id ?? randomUUID(),
        unit_id: unit.id,
        level: unit.level,
        reviewer_unit_id: reviewerUnitId,
        values,
        is_demo: period.isDemo || unit.is_demo,
      }));
      // One statement per batch: the rows travel as one JSON parameter, the upsert keeps a revision of each report
      // it writes, and a report submitted since the check is not overwritten (then the whole import is refused).
      const [result] = await queryRows<{ saved: number }>(
        tx,
        sql`with input as (
              select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                as t(id uuid, unit_id uuid, level text, reviewer_unit_id uuid, values jsonb, is_demo boolean)
            ), saved as (
              insert into reports (id, tenant_id, period_id, unit_id, criteria_set_version_id, level, reviewer_unit_id, status, values, is_demo, created_by, updated_by)
              select id, ${period.tenantId}::uuid, ${period.id}::uuid, unit_id, ${period.criteriaSetVersionId}::uuid, level, reviewer_unit_id, 'draft', values, is_demo, ${ctx.actor.userId}::uuid, ${ctx.actor.userId}::uuid
              from input
              on conflict (period_id, unit_id) do update
                set values = reports.values || excluded.values, row_version = reports.row_version + 1, updated_by = excluded.updated_by, updated_at = ${now.toISOString()}::timestamptz
                where reports.status in ('draft', 'returned')
              returning id, row_version, values, narratives
            ), revisions as (
              insert into report_revisions (report_id, row_version, values, narratives, saved_by)
              select id, row_version, values, narratives, ${ctx.actor.userId}::uuid from saved
              on conflict do nothing
            )
            select count(*)::int as saved from saved`,
      );
      if (result?.saved !== batch.length) throw new AppError('import_conflict', 409, 'error.conflict');
      for (let k = 0; k < batch.length; k++) {
        written++;
        if (importHooks.afterRow) await importHooks.afterRow(written);
      }
      state.processed = written;
      await reportProgress(database, state);
    }
    await recordAudit(tx, ctx, {
      action: 'report.imported',
      entityType: 'report_period',
      entityId: period.id,
      after: { jobId: state.id, fileName: state.fileName, rows: accepted.length, units: accepted.length <= 1000 ? accepted.map((a) => a.unit.id) : undefined },
    });
  });
  state.imported = accepted.length;
  state.status = 'succeeded';
}

/** On PostgreSQL the job row is updated outside the import transaction so other instances see the progress. */
async function reportProgress(database: DatabaseHandle, state: JobState): Promise<void> {
  if (database.engine !== 'postgres') return;
  await database.db.update(reportImportJobs).set({ processed: state.processed, total: state.total }).where(eq(reportImportJobs.id, state.id));
}
