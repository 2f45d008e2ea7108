import ExcelJS from 'exceljs';
import { levelScopeLabels } from '../../../core/scoring/index.js';
import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { distributionBucketLabels, distributionBuckets, type DashboardView, type OverdueView, type RankingView, type ScorecardView, type TrendView } from './dashboards.schemas.js';

type Column = { header: string; key: string; width: number };

const criteriaColumns: Column[] = [
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
const completenessColumns: Column[] = [
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Phải báo cáo', key: 'expected', width: 12 },
  { header: 'Đã nộp', key: 'submitted', width: 10 },
  { header: 'Đã duyệt', key: 'approved', width: 10 },
  { header: 'Tỷ lệ đầy đủ (%)', key: 'completenessPercent', width: 14 },
  { header: 'Đúng hạn', key: 'onTime', width: 10 },
  { header: 'Trễ hạn', key: 'late', width: 10 },
  { header: 'Quá hạn chưa nộp', key: 'overdue', width: 16 },
];
const distributionColumns: Column[] = [
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Mã tiêu chí', key: 'code', width: 28 },
  { header: 'Tiêu chí', key: 'title', width: 50 },
  { header: 'Chỉ tiêu', key: 'target', width: 12 },
  ...distributionBuckets.map((b) => ({ header: distributionBucketLabels[b].vi, key: b, width: 18 })),
  { header: 'Không áp dụng', key: 'notApplicable', width: 12 },
  { header: 'Chờ số liệu', key: 'awaitingData', width: 12 },
];
const childrenColumns: Column[] = [
  { header: 'Mã đơn vị', key: 'code', width: 12 },
  { header: 'Đơn vị', key: 'name', width: 36 },
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Phải báo cáo', key: 'expected', width: 12 },
  { header: 'Đã duyệt', key: 'approved', width: 10 },
  { header: 'Tỷ lệ đầy đủ (%)', key: 'completenessPercent', width: 14 },
];
const groupColumns: Column[] = [
  { header: 'Cụm, khối thi đua', key: 'name', width: 36 },
  { header: 'Phải báo cáo', key: 'expected', width: 12 },
  { header: 'Đã duyệt', key: 'approved', width: 10 },
  { header: 'Tỷ lệ đầy đủ (%)', key: 'completenessPercent', width: 14 },
];
const overdueColumns: Column[] = [
  { header: 'Mã đơn vị', key: 'code', width: 12 },
  { header: 'Đơn vị', key: 'name', width: 36 },
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Trực thuộc', key: 'parentName', width: 32 },
  { header: 'Tình trạng báo cáo', key: 'reportStatus', width: 18 },
  { header: 'Số ngày quá hạn', key: 'daysOverdue', width: 14 },
];
const trendCompletenessColumns: Column[] = [
  { header: 'Kỳ báo cáo', key: 'period', width: 20 },
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Phải báo cáo', key: 'expected', width: 12 },
  { header: 'Đã nộp', key: 'submitted', width: 10 },
  { header: 'Đã duyệt', key: 'approved', width: 10 },
  { header: 'Đúng hạn', key: 'onTime', width: 10 },
  { header: 'Tỷ lệ đầy đủ (%)', key: 'completenessPercent', width: 14 },
  { header: 'Tỷ lệ đúng hạn (%)', key: 'timelinessPercent', width: 14 },
];
const trendCriteriaColumns: Column[] = [
  { header: 'Kỳ báo cáo', key: 'period', width: 20 },
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Mã tiêu chí', key: 'code', width: 28 },
  { header: 'Tiêu chí', key: 'title', width: 50 },
  { header: 'Đã đánh giá', key: 'evaluated', width: 12 },
  { header: 'Đạt', key: 'met', width: 8 },
  { header: 'Tỷ lệ đạt (%)', key: 'metPercent', width: 12 },
];
const rankingColumns: Column[] = [
  { header: 'Cấp', key: 'level', width: 16 },
  { header: 'Hạng', key: 'rank', width: 8 },
  { header: 'Mã đơn vị', key: 'code', width: 12 },
  { header: 'Đơn vị', key: 'name', width: 36 },
  { header: 'Tổng điểm', key: 'totalPoints', width: 10 },
  { header: 'Tỷ lệ tiêu chí đạt (%)', key: 'shareMet', width: 14 },
  { header: 'Xếp loại', key: 'classification', width: 16 },
  { header: 'Hạng kỳ trước', key: 'previousRank', width: 12 },
  { header: 'Thay đổi', key: 'movement', width: 10 },
  { header: 'Số đơn vị đồng hạng', key: 'tiedCount', width: 12 },
  { header: 'Giải thích đồng hạng', key: 'tieExplanation', width: 60 },
];
const scorecardColumns: Column[] = [
  { header: 'Mã tiêu chí', key: 'code', width: 28 },
  { header: 'Tiêu chí', key: 'title', width: 50 },
  { header: 'Giá trị', key: 'value', width: 14 },
  { header: 'Chỉ tiêu', key: 'target', width: 12 },
  { header: 'Kết quả', key: 'status', width: 14 },
  { header: 'Điểm', key: 'points', width: 8 },
  { header: 'Điểm tối đa', key: 'maxPoints', width: 10 },
  { header: 'Giải thích', key: 'explanation', width: 70 },
  { header: 'Minh chứng', key: 'evidence', width: 60 },
];
const historyColumns: Column[] = [
  { header: 'Kỳ báo cáo', key: 'period', width: 20 },
  { header: 'Đơn vị (theo lịch sử sáp nhập)', key: 'unitName', width: 32 },
  { header: 'Mã tiêu chí', key: 'code', width: 28 },
  { header: 'Giá trị', key: 'value', width: 14 },
  { header: 'Kết quả', key: 'status', width: 14 },
];
const diligenceColumns: Column[] = [
  { header: 'Thành phần', key: 'component', width: 40 },
  { header: 'Tử số', key: 'part', width: 10 },
  { header: 'Mẫu số', key: 'whole', width: 10 },
  { header: 'Tỷ lệ (%)', key: 'rate', width: 12 },
  { header: 'Trọng số (%)', key: 'weight', width: 12 },
];

export const levelText = (level: string) => levelScopeLabels.vi[level as UnitLevel] ?? level;
const num = (v: string | null) => (v === null ? null : Number(v));
const statusText: Record<string, string> = { met: 'Đạt', not_met: 'Không đạt', not_applicable: 'Không áp dụng', awaiting_data: 'Chờ số liệu', awaiting_review: 'Chờ thẩm định' };
const reportStatusText: Record<string, string> = { draft: 'Đang soạn', returned: 'Bị trả lại' };

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[], title: string) {
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

function newWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua Số';
  wb.created = new Date();
  return wb;
}

/**
 * Every table of the dashboard as a workbook — criteria, distribution, completeness, drill-down units, clusters,
 * overdue list, trend, rankings per level: Vietnamese headers, header row frozen and filterable.
 */
export async function buildDashboardWorkbook(view: DashboardView, extra: { overdue: OverdueView['rows']; trend?: TrendView; rankings?: RankingView[] }): Promise<Buffer> {
  const wb = newWorkbook();
  const title = `${view.movement.name} — ${view.period.label}${view.unit ? ` — ${view.unit.name}` : ''}${view.group ? ` — ${view.group.name}` : ''}`;
  sheet(
    wb,
    'Tiêu chí',
    criteriaColumns,
    view.criteria.map((c) => ({ ...c, level: levelText(c.level), target: c.target ?? '', metPercent: num(c.metPercent) })),
    title,
  );
  sheet(
    wb,
    'Phân bố',
    distributionColumns,
    view.distribution.map((d) => ({ ...d, level: levelText(d.level), target: d.target ?? '', ...Object.fromEntries(d.buckets.map((b) => [b.key, b.count])) })),
    title,
  );
  sheet(
    wb,
    'Đầy đủ, đúng hạn',
    completenessColumns,
    view.completeness.map((c) => ({ ...c, level: levelText(c.level), completenessPercent: num(c.completenessPercent) })),
    title,
  );
  sheet(
    wb,
    'Đơn vị trực thuộc',
    childrenColumns,
    view.children.map((c) => ({ ...c, code: c.code ?? '', level: levelText(c.level), completenessPercent: num(c.completenessPercent) })),
    title,
  );
  sheet(
    wb,
    'Cụm, khối',
    groupColumns,
    view.groups.map((g) => ({ ...g, completenessPercent: num(g.completenessPercent) })),
    title,
  );
  sheet(
    wb,
    'Quá hạn',
    overdueColumns,
    extra.overdue.map((o) => ({
      ...o,
      code: o.code ?? '',
      level: levelText(o.level),
      parentName: o.parentName ?? '',
      reportStatus: o.reportStatus ? (reportStatusText[o.reportStatus] ?? o.reportStatus) : 'Chưa mở báo cáo',
    })),
    title,
  );
  if (extra.trend) {
    const trend = extra.trend;
    const label = new Map(trend.periods.map((p) => [p.id, p.label] as const));
    sheet(
      wb,
      'Xu hướng đầy đủ',
      trendCompletenessColumns,
      trend.completeness.map((c) => ({
        ...c,
        period: label.get(c.periodId),
        level: levelText(c.level),
        completenessPercent: num(c.completenessPercent),
        timelinessPercent: num(c.timelinessPercent),
      })),
      title,
    );
    sheet(
      wb,
      'Xu hướng tiêu chí',
      trendCriteriaColumns,
      trend.criteria.flatMap((c) =>
        c.points.map((p) => ({
          period: label.get(p.periodId),
          level: levelText(c.level),
          code: c.code,
          title: c.title,
          evaluated: p.evaluated,
          met: p.met,
          metPercent: num(p.metPercent),
        })),
      ),
      title,
    );
  }
  if (extra.rankings) {
    sheet(
      wb,
      'Xếp hạng',
      rankingColumns,
      extra.rankings.flatMap((r) =>
        r.rows.map((x) => ({
          ...x,
          level: levelText(r.level),
          code: x.code ?? '',
          shareMet: num(x.shareMet),
          classification: x.classification ?? '',
          tieExplanation: x.tieExplanation ?? '',
        })),
      ),
      title,
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A unit's scorecard as a workbook: criteria with evidence, history across periods (and lineage), diligence index. */
export async function buildScorecardWorkbook(view: ScorecardView): Promise<Buffer> {
  const wb = newWorkbook();
  const title = `${view.unit.name}${view.period ? ` — ${view.period.label}` : ''}${view.rank ? ` — hạng ${view.rank.rank}/${view.rank.of}` : ''}`;
  const evidenceText = (c: ScorecardView['criteria'][number]) =>
    c.evidence.map((e) => [e.documentNumber, e.documentDate, e.issuer, e.summary, e.fileName].filter(Boolean).join(', ')).join('; ');
  sheet(
    wb,
    'Tiêu chí',
    scorecardColumns,
    view.criteria.map((c) => ({
      ...c,
      value: c.value ?? '',
      target: c.target ?? '',
      status: statusText[c.status] ?? c.status,
      points: Number(c.points),
      maxPoints: Number(c.maxPoints),
      evidence: evidenceText(c),
    })),
    title,
  );
  sheet(
    wb,
    'Lịch sử',
    historyColumns,
    view.criteria.flatMap((c) =>
      c.history.map((h) => ({ period: h.periodLabel, unitName: h.unitName, code: c.code, value: h.value ?? '', status: h.status ? (statusText[h.status] ?? h.status) : '' })),
    ),
    title,
  );
  const d = view.diligence;
  sheet(
    wb,
    'Chỉ số chuyên cần',
    diligenceColumns,
    [
      { component: 'Báo cáo nộp đúng hạn / báo cáo đến hạn', part: d.timeliness.onTime, whole: d.timeliness.due, rate: num(d.timeliness.rate), weight: d.weights.timeliness * 100 },
      {
        component: 'Tiêu chí có minh chứng / tiêu chí phải báo cáo',
        part: d.evidence.withEvidence,
        whole: d.evidence.criteria,
        rate: num(d.evidence.rate),
        weight: d.weights.evidence * 100,
      },
      {
        component: 'Báo cáo đã nộp / (đã nộp + số lần bị trả lại)',
        part: d.returns.submitted,
        whole: d.returns.submitted + d.returns.returned,
        rate: num(d.returns.rate),
        weight: d.weights.returns * 100,
      },
      { component: 'Chỉ số chuyên cần', part: null, whole: null, rate: num(d.index), weight: 100 },
    ],
    title,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
