import ExcelJS from 'exceljs';
import { formatDateVi } from '../../../core/dates.js';
import type { PilotRegistrationView } from './pilots.schemas.js';

const columns: { header: string; key: string; width: number }[] = [
  { header: 'STT', key: 'no', width: 6 },
  { header: 'Cấp đăng ký', key: 'level', width: 14 },
  { header: 'Đơn vị đăng ký', key: 'registrant', width: 34 },
  { header: 'Đơn vị chỉ đạo điểm', key: 'unit', width: 36 },
  { header: 'Mã đơn vị', key: 'code', width: 12 },
  { header: 'Loại đơn vị', key: 'kind', width: 30 },
  { header: 'Ngày đăng ký', key: 'registeredOn', width: 14 },
  { header: 'Hạn đăng ký', key: 'deadline', width: 14 },
  { header: 'Tình trạng', key: 'status', width: 12 },
  { header: 'Lý do (khi hơn 02 đơn vị)', key: 'reason', width: 40 },
];

/**
 * The pilot unit list as an XLSX workbook: one row per pilot unit, Vietnamese headers, the header row frozen and
 * filterable, dates as dd/mm/yyyy text (what officials type and read).
 */
export async function buildPilotWorkbook(movementName: string, lists: readonly PilotRegistrationView[], kindNames: ReadonlyMap<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua Số';
  wb.created = new Date();
  const ws = wb.addWorksheet('Đơn vị chỉ đạo điểm', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  let no = 0;
  for (const list of lists) {
    for (const unit of list.units) {
      no += 1;
      ws.addRow({
        no,
        level: list.level === 'province' ? 'Tỉnh (Hội đồng)' : 'Huyện',
        registrant: list.level === 'province' ? 'Hội đồng Thi đua - Khen thưởng tỉnh' : (list.registeringUnitName ?? ''),
        unit: unit.name,
        code: unit.code ?? '',
        kind: kindNames.get(unit.kindCode) ?? unit.kindCode,
        registeredOn: formatDateVi(list.registeredOn),
        deadline: list.deadline ? formatDateVi(list.deadline) : '',
        status: list.isLate ? 'Trễ hạn' : 'Đúng hạn',
        reason: list.reason ?? '',
      });
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.headerFooter.oddHeader = `&L${movementName}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
