import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CriteriaSetVersion } from '../criteria/criteria.schemas.js';
import { addDays } from '../dates.js';
import {
  advancedStatus,
  allowedActions,
  buildFormLayout,
  checkReport,
  compilationStatusOf,
  compileTotals,
  deriveConsistencyRules,
  isEditable,
  isOutlier,
  modifiedZScore,
  nextStatus,
  pendingObligation,
  periodBounds,
  periodsOfYear,
  permissionFor,
  reportActions,
  reportStatuses,
  scheduleDates,
  scheduledStatus,
  timelinessOf,
  defaultSchedule,
  type ReportStatus,
} from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../../../packages/kh-3125-2021.json', import.meta.url), 'utf8')) as { criteriaSet: CriteriaSetVersion };
const set: CriteriaSetVersion = {
  dataElements: pkg.criteriaSet.dataElements,
  contentAreas: pkg.criteriaSet.contentAreas,
  criteria: pkg.criteriaSet.criteria,
  bands: pkg.criteriaSet.bands,
};

describe('periods (Decree 09/2019 art. 12)', () => {
  it('annual cut-off runs from 15 December of the previous year to 14 December', () => {
    expect(periodBounds('year', 'decree_09', 2024, 1)).toEqual({ startDate: '2023-12-15', endDate: '2024-12-14' });
  });
  it('quarters, half-years and months follow the 15th → 14th rule, across the year boundary', () => {
    expect(periodBounds('quarter', 'decree_09', 2024, 1)).toEqual({ startDate: '2023-12-15', endDate: '2024-03-14' });
    expect(periodBounds('quarter', 'decree_09', 2024, 2)).toEqual({ startDate: '2024-03-15', endDate: '2024-06-14' });
    expect(periodBounds('quarter', 'decree_09', 2024, 4)).toEqual({ startDate: '2024-09-15', endDate: '2024-12-14' });
    expect(periodBounds('half_year', 'decree_09', 2024, 1)).toEqual({ startDate: '2023-12-15', endDate: '2024-06-14' });
    expect(periodBounds('half_year', 'decree_09', 2024, 2)).toEqual({ startDate: '2024-06-15', endDate: '2024-12-14' });
    expect(periodBounds('month', 'decree_09', 2024, 1)).toEqual({ startDate: '2023-12-15', endDate: '2024-01-14' });
    expect(periodBounds('month', 'decree_09', 2024, 3)).toEqual({ startDate: '2024-02-15', endDate: '2024-03-14' });
  });
  it('calendar periods end on the last day, leap years included', () => {
    expect(periodBounds('month', 'calendar', 2024, 2)).toEqual({ startDate: '2024-02-01', endDate: '2024-02-29' });
    expect(periodBounds('month', 'calendar', 2023, 2)).toEqual({ startDate: '2023-02-01', endDate: '2023-02-28' });
    expect(periodBounds('quarter', 'calendar', 2024, 4)).toEqual({ startDate: '2024-10-01', endDate: '2024-12-31' });
    expect(periodBounds('year', 'calendar', 2024, 1)).toEqual({ startDate: '2024-01-01', endDate: '2024-12-31' });
  });
  it('refuses an index outside the year', () => {
    expect(() => periodBounds('quarter', 'decree_09', 2024, 5)).toThrow();
    expect(() => periodBounds('quarter', 'decree_09', 2024, 0)).toThrow();
  });
  it('consecutive decree-09 periods tile the year without gaps or overlaps', () => {
    for (const f of ['month', 'quarter', 'half_year'] as const) {
      const ps = periodsOfYear(f, 'decree_09', 2025);
      for (let i = 1; i < ps.length; i++) expect(addDays(ps[i - 1]!.endDate, 1)).toBe(ps[i]!.startDate);
      expect(ps[0]!.startDate).toBe('2024-12-15');
      expect(ps.at(-1)!.endDate).toBe('2025-12-14');
    }
  });
  it('names periods in Vietnamese with stable codes', () => {
    const qs = periodsOfYear('quarter', 'decree_09', 2024);
    expect(qs.map((q) => q.code)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(qs.map((q) => q.label)).toEqual(['Quý I/2024', 'Quý II/2024', 'Quý III/2024', 'Quý IV/2024']);
    expect(periodsOfYear('year', 'decree_09', 2024)[0]!.label).toBe('Năm 2024');
    expect(periodsOfYear('month', 'decree_09', 2024)[2]!.code).toBe('2024-M03');
  });
  it('schedules opening, due date (the 20th), closing and locking from the cut-off', () => {
    const d = scheduleDates({ startDate: '2023-12-15', endDate: '2024-03-14' }, defaultSchedule);
    expect(d).toMatchObject({ opensOn: '2024-03-07', dueDate: '2024-03-20', closesOn: '2024-04-03', locksOn: '2024-05-03' });
  });
  it('moves open → closed → locked on schedule, never backwards', () => {
    const d = { opensOn: '2024-03-07', closesOn: '2024-04-03', locksOn: '2024-05-03' };
    expect(scheduledStatus(d, '2024-03-06')).toBe('scheduled');
    expect(scheduledStatus(d, '2024-03-07')).toBe('open');
    expect(scheduledStatus(d, '2024-04-02')).toBe('open');
    expect(scheduledStatus(d, '2024-04-03')).toBe('closed');
    expect(scheduledStatus(d, '2024-05-03')).toBe('locked');
    expect(advancedStatus('open', 'scheduled')).toBe('open');
    expect(advancedStatus('open', 'locked')).toBe('locked');
    expect(advancedStatus('locked', 'closed')).toBe('locked');
  });
  it('adds days across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('timeliness', () => {
  it('is on time on the due date itself and late the day after', () => {
    expect(timelinessOf({ dueDate: '2024-03-20', submittedOn: '2024-03-20', today: '2024-04-01' })).toEqual({ kind: 'on_time' });
    expect(timelinessOf({ dueDate: '2024-03-20', submittedOn: '2024-03-21', today: '2024-04-01' })).toEqual({ kind: 'late', daysLate: 1 });
  });
  it('is pending before the due date and overdue after it when not submitted', () => {
    expect(timelinessOf({ dueDate: '2024-03-20', submittedOn: null, today: '2024-03-20' })).toEqual({ kind: 'pending' });
    expect(timelinessOf({ dueDate: '2024-03-20', submittedOn: null, today: '2024-03-25' })).toEqual({ kind: 'overdue', daysLate: 5 });
  });
});

describe('workflow', () => {
  const table: Record<ReportStatus, Partial<Record<(typeof reportActions)[number], ReportStatus>>> = {
    draft: { submit: 'submitted' },
    submitted: { return: 'returned', approve: 'approved' },
    returned: { submit: 'resubmitted' },
    resubmitted: { return: 'returned', approve: 'approved' },
    approved: { lock: 'locked', unlock: 'returned' },
    locked: { unlock: 'returned' },
  };
  it('allows exactly the transitions of the table, from every status for every action', () => {
    for (const s of reportStatuses) for (const a of reportActions) expect(nextStatus(s, a), `${s} ${a}`).toBe(table[s][a] ?? null);
  });
  it('lists allowed actions and editable statuses', () => {
    expect(allowedActions('draft')).toEqual(['submit']);
    expect(allowedActions('approved')).toEqual(['lock', 'unlock']);
    expect(reportStatuses.filter(isEditable)).toEqual(['draft', 'returned']);
  });
  it('names the permission of each action and the obligation each status leaves', () => {
    expect(permissionFor('submit')).toBe('report.submit');
    expect(permissionFor('approve')).toBe('report.review');
    expect(permissionFor('return')).toBe('report.review');
    expect(permissionFor('lock')).toBe('report.review');
    expect(permissionFor('unlock')).toBe('report.unlock');
    expect(reportStatuses.map(pendingObligation)).toEqual(['report_submit', 'report_review', 'report_resubmit', 'report_review', null, null]);
  });
  it('shows a unit in the compilation as not started, draft, late, missing, submitted, returned or approved', () => {
    expect(compilationStatusOf({ status: null, markedMissing: false, overdue: false })).toBe('not_started');
    expect(compilationStatusOf({ status: null, markedMissing: false, overdue: true })).toBe('late');
    expect(compilationStatusOf({ status: 'draft', markedMissing: false, overdue: true })).toBe('late');
    expect(compilationStatusOf({ status: null, markedMissing: true, overdue: true })).toBe('missing');
    expect(compilationStatusOf({ status: 'resubmitted', markedMissing: false, overdue: true })).toBe('submitted');
    expect(compilationStatusOf({ status: 'returned', markedMissing: false, overdue: false })).toBe('returned');
    expect(compilationStatusOf({ status: 'locked', markedMissing: false, overdue: false })).toBe('approved');
  });
});

describe('modified z-score', () => {
  it('needs at least four earlier periods', () => {
    expect(modifiedZScore(['1', '2', '3'], '100')).toBeNull();
    expect(isOutlier(['1', '2', '3'], '1000000')).toBe(false);
  });
  it('flags a value far from a history that itself holds an outlier (robust, unlike mean ± SD)', () => {
    const history = ['100', '104', '98', '102', '5000'];
    expect(isOutlier(history, '101')).toBe(false);
    expect(isOutlier(history, '400')).toBe(true);
    // median 102, MAD 2: M(110) = 0.6745 × 8 / 2 = 2.698
    expect(modifiedZScore(history, '110')).toBeCloseTo(2.698, 3);
  });
  it('falls back to the mean absolute deviation when MAD is zero, and to ±∞ when the history is flat', () => {
    expect(modifiedZScore(['10', '10', '10', '10', '20'], '10')).toBe(0);
    const m = modifiedZScore(['10', '10', '10', '10', '20'], '30')!;
    expect(m).toBeCloseTo(20 / (1.253314 * 2), 5);
    expect(modifiedZScore(['7', '7', '7', '7'], '8')).toBe(Infinity);
    expect(modifiedZScore(['7', '7', '7', '7'], '7')).toBe(0);
  });
});

describe('compiled totals', () => {
  it('sums, averages and counts "yes" exactly, leaving missing values out', () => {
    const elements = [
      { code: 'a', name: 'A', valueType: 'integer', aggregation: 'sum' },
      { code: 'b', name: 'B', valueType: 'decimal', aggregation: 'average' },
      { code: 'c', name: 'C', valueType: 'boolean', aggregation: 'count_true' },
      { code: 'd', name: 'D', valueType: 'text', aggregation: 'none' },
    ] as const;
    const totals = compileTotals(
      [...elements],
      [
        { a: '1', b: '0.1', c: true, d: 'x' },
        { a: '2', b: '0.2', c: false },
        { a: null, b: '0.4', c: true },
      ],
    );
    expect(totals).toEqual([
      { code: 'a', aggregation: 'sum', value: '3', reported: 2 },
      { code: 'b', aggregation: 'average', value: '0.2333333333', reported: 3 },
      { code: 'c', aggregation: 'count_true', value: '2', reported: 3 },
      { code: 'd', aggregation: 'none', value: null, reported: 1 },
    ]);
  });
});

describe('form layout and validation on the KH 3125 criteria', () => {
  const good = {
    records_total: '120',
    records_secret: '20',
    records_online: '80',
    documents_total: '500',
    documents_secret: '10',
    documents_electronic: '490',
    socio_economic_reports_total: '12',
    socio_economic_reports_on_system: '12',
  };
  const evidence = { ho_so_cong_viec_tren_mang: { documents: 1, files: 0 }, van_ban_dien_tu: { documents: 0, files: 1 }, bao_cao_ktxh_tren_he_thong: { documents: 1, files: 1 } };

  it('groups a commune form by content area, with the elements of its applicable criteria only', () => {
    const layout = buildFormLayout(set, 'commune');
    expect(layout.areas).toHaveLength(8);
    const gov = layout.areas.find((a) => a.area.code === 'chinh_quyen_so')!;
    expect(gov.elements.map((e) => e.code)).toEqual(
      Object.keys(good).sort((a, b) => set.dataElements.findIndex((e) => e.code === a) - set.dataElements.findIndex((e) => e.code === b)),
    );
    expect(gov.criteria.map((c) => c.code)).toEqual(['ho_so_cong_viec_tren_mang', 'van_ban_dien_tu', 'bao_cao_ktxh_tren_he_thong']);
    expect(layout.elements.some((e) => e.code === 'lgsp_shared_db_connected')).toBe(false);
  });
  it('gives departments the LGSP field of the province-wide group criterion', () => {
    expect(buildFormLayout(set, 'department').elements.map((e) => e.code)).toContain('lgsp_shared_db_connected');
  });
  it('derives numerator ≤ denominator and exclusions ≤ totals from the ratio criteria', () => {
    const rules = deriveConsistencyRules(set, 'commune');
    expect(rules.filter((r) => r.kind === 'exclusion_le_total').map((r) => r.kind === 'exclusion_le_total' && `${r.exclusion}≤${r.total}`)).toEqual([
      'records_secret≤records_total',
      'documents_secret≤documents_total',
    ]);
    expect(rules.filter((r) => r.kind === 'numerator_le_denominator')).toHaveLength(3);
  });
  it('accepts a complete, consistent report with evidence', () => {
    expect(checkReport({ set, level: 'commune', values: good, evidence, forSubmit: true })).toEqual({ errors: [], warnings: [] });
  });
  it('finds type, range and consistency errors on the right fields', () => {
    const r = checkReport({
      set,
      level: 'commune',
      values: { ...good, records_online: '101', documents_secret: '600', records_total: '120.5', socio_economic_reports_total: 'abc', unknown_code: '1' },
      forSubmit: false,
    });
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.code]));
    expect(byPath).toMatchObject({
      'values.unknown_code': 'unknown_element',
      'values.records_total': 'not_integer',
      'values.socio_economic_reports_total': 'not_a_number',
      'values.documents_secret': 'exclusion_exceeds_total',
    });
    // records_total is invalid, so its rules are skipped; documents_electronic (490) > 500 − 600 is reported.
    expect(r.errors.find((e) => e.path === 'values.documents_electronic')?.code).toBe('numerator_exceeds_denominator');
  });
  it('checks numerator ≤ denominator with the exclusion subtracted', () => {
    const r = checkReport({ set, level: 'commune', values: { ...good, records_online: '101' }, forSubmit: false });
    expect(r.errors).toEqual([expect.objectContaining({ path: 'values.records_online', code: 'numerator_exceeds_denominator' })]);
    expect(r.errors[0]!.message).toContain('#{records_total} - #{records_secret} = 100');
  });
  it('refuses negative counts (element minimum)', () => {
    const r = checkReport({ set, level: 'commune', values: { ...good, records_secret: '-1' }, forSubmit: false });
    expect(r.errors[0]).toMatchObject({ path: 'values.records_secret', code: 'below_min' });
  });
  it('requires every value and the evidence on submit, but not on save', () => {
    expect(checkReport({ set, level: 'commune', values: {}, forSubmit: false }).errors).toEqual([]);
    const r = checkReport({ set, level: 'commune', values: { ...good, records_total: null }, evidence: {}, forSubmit: true });
    expect(r.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'values.records_total:required',
      'evidence.ho_so_cong_viec_tren_mang:evidence_required',
      'evidence.van_ban_dien_tu:evidence_required',
      'evidence.bao_cao_ktxh_tren_he_thong:evidence_required',
    ]);
  });
  it('warns about a value far from the unit history and needs a comment to submit', () => {
    const history = { records_total: ['118', '121', '119', '125'] };
    const values = { ...good, records_total: '1200', records_online: '80' };
    const draft = checkReport({ set, level: 'commune', values, history, evidence, forSubmit: false });
    expect(draft.errors).toEqual([]);
    expect(draft.warnings.map((w) => w.path)).toEqual(['values.records_total']);
    const submit = checkReport({ set, level: 'commune', values, history, evidence, forSubmit: true });
    expect(submit.errors.map((e) => e.path)).toEqual(['warningComments.records_total']);
    const explained = checkReport({ set, level: 'commune', values, history, evidence, warningComments: { records_total: 'Sáp nhập 2 xã' }, forSubmit: true });
    expect(explained.errors).toEqual([]);
    expect(explained.warnings).toHaveLength(1);
  });
  it('checks yes/no fields', () => {
    const r = checkReport({ set, level: 'department', values: { lgsp_shared_db_connected: 'yes' }, forSubmit: false });
    expect(r.errors[0]).toMatchObject({ path: 'values.lgsp_shared_db_connected', code: 'not_boolean' });
  });
});
