import ExcelJS from 'exceljs';
import { levelScopeLabels } from '../../../core/scoring/index.js';
import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import type { DashboardView } from './dashboards.schemas.js';

const criteriaColumns = [
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Mã tiêu chí', key: 'code', width: 28 },
  { header: 'Tiêu chí', key: 'title', width: 60 },
  { header: 'Chỉ tiêu', key: 'target', width: 12 },
  { header: 'Phải báo cáo', key: 'expected', width: 12 },
  { header: 'Đã đánh giá', key: 'evaluated', width: 12 },
  { header: 'Đạt', key: 'met', width: 8 },
  { header: 'Tỷ lệ đạt (%)', key: 'metPercent', width: 12 },
  { header: 'Không đạt', key: 'notMet', width: 10 },
  { header: 'Chờ kết quả', key: 'awaiting', width: 12 },
];
const completenessColumns = [
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Phải báo cáo', key: 'expected', width: 12 },
  { header: 'Đã nộp', key: 'submitted', width: 10 },
  { header: 'Đã duyệt', key: 'approved', width: 10 },
  { header: 'Tỷ lệ đầy đủ (%)', key: 'completenessPercent', width: 14 },
  { header: 'Đúng hạn', key: 'onTime', width: 10 },
  { header: 'Trễ hạn', key: 'late', width: 10 },
  { header: 'Quá hạn chưa nộp', key: 'overdue', width: 16 },
];

const levelText = (level: string) => levelScopeLabels.vi[level as UnitLevel] ?? level;
const num = (v: string | null) => (v === null ? null : Number(v));

function sheet(wb: ExcelJS.Workbook, name: string, columns: typeof criteriaColumns, rows: Record<string, unknown>[], title: string) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  for (const row of rows) ws.addRow(row);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.headerFooter.oddHeader = `&L${title}`;
}

/** The dashboard's two tables as a workbook: Vietnamese headers, header row frozen and filterable. */
export async function buildDashboardWorkbook(view: DashboardView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua Số';
  wb.created = new Date();
  const title = `${view.movement.name} — ${view.period.label}${view.unit ? ` — ${view.unit.name}` : ''}`;
  sheet(wb, 'Tiêu chí', criteriaColumns, view.criteria.map((c) => ({ ...c, level: levelText(c.level), target: c.target ?? '', metPercent: num(c.metPercent) })), title);
  sheet(wb, 'Đầy đủ, đúng hạn', completenessColumns, view.completeness.map((c) => ({ ...c, level: levelText(c.level), completenessPercent: num(c.completenessPercent) })), title);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
