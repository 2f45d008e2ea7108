import { describe, expect, it } from 'vitest';
import type { CriteriaSetVersion, UnitLevel } from '../criteria/criteria.schemas';
import { CompiledCriteriaSet, InvalidCriteriaSetError, compileCriteriaSet, scoreUnit, type CriterionScore, type DataValues, type MemberUnit } from './engine';
import { buildPlanCriteriaSet } from './test-fixtures';

const set = buildPlanCriteriaSet();
const compiledResult = compileCriteriaSet(set);
if (!compiledResult.ok) throw new Error(JSON.stringify(compiledResult.errors));
const compiled = compiledResult.compiled;

function criterion(level: UnitLevel, values: DataValues, code: string, extra: { judgements?: Record<string, string>; members?: MemberUnit[] } = {}): CriterionScore {
  const result = scoreUnit({ set: compiled, level, values, ...extra });
  const c = result.criteria.find((x) => x.code === code);
  if (!c) throw new Error(code);
  return c;
}

const records = (online: number | string, total: number | string, secret: number | string = 0): DataValues => ({
  records_online: String(online),
  records_total: String(total),
  records_secret: String(secret),
});

describe('ratio criteria: boundaries at every level (compare unrounded values)', () => {
  it.each([
    ['department', 8999, 10000, 'not_met', '89.99'],
    ['department', 9000, 10000, 'met', '90'],
    ['department', 9001, 10000, 'met', '90.01'],
    ['district', 7999, 10000, 'not_met', '79.99'],
    ['district', 8000, 10000, 'met', '80'],
    ['commune', 5999, 10000, 'not_met', '59.99'],
    ['commune', '6000', '10000', 'met', '60'],
    ['commune', '60.00', '100', 'met', '60'],
  ] as const)('%s: %s / %s → %s', (level, online, total, status, value) => {
    const c = criterion(level, records(online, total), 'records_online_rate');
    expect(c.status).toBe(status);
    expect(c.value).toBe(value);
    expect(c.points).toBe(status === 'met' ? '10' : '0');
    expect(c.maxPoints).toBe('10');
    expect(c.target).toEqual(set.criteria[0]!.targets.find((t) => t.level === level));
  });

  it('a value that displays as 90,00 % but is below 90 does not meet ≥ 90 %', () => {
    const c = criterion('department', records(89999, 100000), 'records_online_rate');
    expect(c.status).toBe('not_met');
    expect(c.value).toBe('89.999');
    expect(c.displayValue).toBe('90,00 %');
    expect(c.explanation).toBe('89999 / (100000 − 0) = 90,00 % (chính xác 89,999), yêu cầu ≥ 90 %: không đạt');
    expect(c.explanationEn).toBe('89999 / (100000 − 0) = 90.00% (exactly 89.999), target ≥ 90%: not met');
  });

  it('100 % criteria: 99.99 is not met, 100 is', () => {
    const docs = (electronic: number) => ({ docs_electronic: String(electronic), docs_total: '10005', docs_secret: '5' });
    expect(criterion('district', docs(9999), 'electronic_documents_rate')).toMatchObject({ status: 'not_met', value: '99.99', displayValue: '99,99 %' });
    expect(criterion('district', docs(10000), 'electronic_documents_rate')).toMatchObject({ status: 'met', value: '100', displayValue: '100,00 %' });
    // 2999/3000 = 99.9666…: displays as 99,97 % and is not met.
    expect(criterion('commune', { docs_electronic: '2999', docs_total: '3000', docs_secret: '0' }, 'electronic_documents_rate').status).toBe('not_met');
  });

  it('excludes secret records: #{records_online} / (#{records_total} - #{records_secret})', () => {
    const c = criterion('department', records(950, 1000, 50), 'records_online_rate');
    expect(c.status).toBe('met');
    expect(c.value).toBe('100');
    expect(c.explanation).toBe('950 / (1000 − 50) = 100,00 % ≥ 90 %: đạt');
    expect(c.explanationEn).toBe('950 / (1000 − 50) = 100.00% ≥ 90%: met');
    expect(criterion('department', records(855, 1000, 50), 'records_online_rate')).toMatchObject({ status: 'met', value: '90' });
    expect(criterion('department', records(854, 1000, 50), 'records_online_rate').status).toBe('not_met');
  });

  it('2/3 × 100 = 66.666… does not meet ≥ 66.67 (but meets ≥ 66.66)', () => {
    const custom = buildPlanCriteriaSet();
    const first = custom.criteria[0]!;
    first.targets = [
      { level: 'department', comparator: 'gte', threshold: '66.67' },
      { level: 'district', comparator: 'gte', threshold: '66.66' },
    ];
    const dept = scoreUnit({ set: custom, level: 'department', values: records(2, 3) }).criteria[0]!;
    expect(dept.status).toBe('not_met');
    expect(dept.value).toBe('66.66666666666666666666666666666666666667');
    expect(dept.displayValue).toBe('66,67 %');
    expect(dept.explanation).toBe('2 / (3 − 0) = 66,67 % (chính xác 66,6666666666…), yêu cầu ≥ 66,67 %: không đạt');
    expect(scoreUnit({ set: custom, level: 'district', values: records(2, 3) }).criteria[0]!.status).toBe('met');
  });

  it('zero denominator: not applicable, no points, excluded from the applicable count', () => {
    const result = scoreUnit({ set: compiled, level: 'commune', values: records(0, 40, 40) });
    const c = result.criteria[0]!;
    expect(c).toMatchObject({ status: 'not_applicable', points: '0', maxPoints: '0', value: null, displayValue: null });
    expect(c.explanation).toBe('Mẫu số bằng 0: không áp dụng (mẫu số: 40 − 40 = 0)');
    expect(c.explanationEn).toBe('Denominator is zero: not applicable (denominator: 40 − 40 = 0)');
    // Commune: records (n/a), documents and reports (awaiting data), training (no commune target → n/a).
    expect(result.applicableCount).toBe(2);
  });

  it('missing data: awaiting data, listing the missing elements', () => {
    const c = criterion('department', { records_online: '10' }, 'records_online_rate');
    expect(c).toMatchObject({ status: 'awaiting_data', points: '0', maxPoints: '10', value: null, missingCodes: ['records_total', 'records_secret'] });
    expect(c.explanation).toBe('Chưa có số liệu: Tổng số hồ sơ công việc (records_total); Hồ sơ công việc thuộc phạm vi bí mật nhà nước (records_secret)');
    expect(c.explanationEn).toMatch(/^Awaiting data: /);
    expect(criterion('department', { records_online: '10', records_total: '', records_secret: null as unknown as string }, 'records_online_rate').status).toBe('awaiting_data');
  });

  it('uses target points when the target has them', () => {
    const values = { reports_on_software: '12', reports_total: '12' };
    expect(criterion('department', values, 'reports_on_software_rate')).toMatchObject({ status: 'met', points: '10', maxPoints: '10' });
    expect(criterion('district', values, 'reports_on_software_rate')).toMatchObject({ status: 'met', points: '8', maxPoints: '8' });
    expect(criterion('commune', { reports_on_software: '11', reports_total: '12' }, 'reports_on_software_rate')).toMatchObject({
      status: 'not_met',
      points: '0',
      maxPoints: '6',
    });
  });

  it('ratio display multiplies by nothing and shows two decimals', () => {
    const custom = buildPlanCriteriaSet();
    const first = custom.criteria[0]!;
    if (first.kind !== 'ratio') throw new Error('fixture');
    first.display = 'ratio';
    first.targets = [{ level: 'department', comparator: 'gte', threshold: '0.9' }];
    const c = scoreUnit({ set: custom, level: 'department', values: records(900, 1000) }).criteria[0]!;
    expect(c).toMatchObject({ status: 'met', value: '0.9', displayValue: '0,90', displayValueEn: '0.90' });
    expect(c.explanation).toBe('900 / (1000 − 0) = 0,90 ≥ 0,9: đạt');
  });
});

describe('applicability', () => {
  it('a criterion whose levels exclude the unit is not applicable', () => {
    const c = criterion('province', records(1, 1), 'records_online_rate');
    expect(c).toMatchObject({ status: 'not_applicable', points: '0', maxPoints: '0', target: null });
    expect(c.explanation).toBe('Tiêu chí không áp dụng cho cấp tỉnh');
    expect(c.explanationEn).toBe('The criterion does not apply to the province level');
  });
  it('a level without a target is not applicable', () => {
    const c = criterion('commune', { training_hours: '100', staff: '10' }, 'training_hours_per_staff');
    expect(c).toMatchObject({ status: 'not_applicable', maxPoints: '0' });
    expect(c.explanation).toBe('Chưa có mục tiêu cho cấp xã: không áp dụng');
  });
});

describe('value criteria', () => {
  it('yes/no shows Có/Không and compares 1/0 with the target', () => {
    const yes = criterion('department', { has_dx_plan: true }, 'dx_plan_issued');
    expect(yes).toMatchObject({ status: 'met', value: '1', displayValue: 'Có', displayValueEn: 'Yes', points: '5' });
    expect(yes.explanation).toBe('Có (yêu cầu: Có): đạt');
    expect(yes.explanationEn).toBe('Yes (target: Yes): met');
    const no = criterion('district', { has_dx_plan: false }, 'dx_plan_issued');
    expect(no).toMatchObject({ status: 'not_met', value: '0', displayValue: 'Không', points: '0', maxPoints: '5' });
    expect(no.explanation).toBe('Không (yêu cầu: Có): không đạt');
    expect(criterion('district', { has_dx_plan: '1' }, 'dx_plan_issued').status).toBe('met');
    expect(criterion('district', {}, 'dx_plan_issued')).toMatchObject({ status: 'awaiting_data', missingCodes: ['has_dx_plan'] });
  });

  it('numbers: exact evaluation and explanation with the formula', () => {
    const met = criterion('department', { training_hours: '80', staff: '10' }, 'training_hours_per_staff');
    expect(met).toMatchObject({ status: 'met', value: '8', displayValue: '8' });
    expect(met.explanation).toBe('80 / 10 = 8 ≥ 8: đạt');
    const notMet = criterion('department', { training_hours: '79.5', staff: '10' }, 'training_hours_per_staff');
    expect(notMet).toMatchObject({ status: 'not_met', value: '7.95', displayValue: '7,95' });
    expect(notMet.explanation).toBe('79,5 / 10 = 7,95, yêu cầu ≥ 8: không đạt');
    expect(notMet.explanationEn).toBe('79.5 / 10 = 7.95, target ≥ 8: not met');
    // 8/3 × 3 is exactly 8, not 7.999…: the evaluator works on exact fractions.
    expect(criterion('department', { training_hours: '24', staff: '3' }, 'training_hours_per_staff')).toMatchObject({ status: 'met', value: '8' });
  });

  it('division by zero in a value expression is not applicable', () => {
    const c = criterion('district', { training_hours: '5', staff: '0' }, 'training_hours_per_staff');
    expect(c).toMatchObject({ status: 'not_applicable', points: '0', maxPoints: '0' });
    expect(c.explanation).toBe('Công thức có phép chia cho 0: không áp dụng');
  });
});

describe('qualitative criteria', () => {
  const code = 'enterprise_digital_products';
  it('awaits review without a judgement', () => {
    const c = criterion('enterprise', {}, code);
    expect(c).toMatchObject({ status: 'awaiting_review', points: '0', maxPoints: '20', explanation: 'Chưa có kết quả đánh giá' });
  });
  it.each([
    ['excellent', 'met', '20', 'Đánh giá: Xuất sắc (20/20 điểm): đạt'],
    ['good', 'met', '15', 'Đánh giá: Tốt (15/20 điểm): đạt'],
    ['fair', 'not_met', '5', 'Đánh giá: Trung bình (5/20 điểm): không đạt'],
    ['poor', 'not_met', '0', 'Đánh giá: Yếu (0/20 điểm): không đạt'],
  ])('%s → %s with %s points', (judgement, status, points, explanation) => {
    const c = criterion('enterprise', {}, code, { judgements: { [code]: judgement } });
    expect(c).toMatchObject({ status, points, maxPoints: '20', judgement, explanation });
  });
  it('an unknown scale level awaits a new review and says so', () => {
    const c = criterion('enterprise', {}, code, { judgements: { [code]: 'superb' } });
    expect(c).toMatchObject({ status: 'awaiting_review', points: '0', judgement: 'superb' });
    expect(c.explanation).toBe("Mức đánh giá 'superb' không có trong thang đánh giá của tiêu chí: cần đánh giá lại");
  });
  it('a target for the level sets the points', () => {
    const custom = buildPlanCriteriaSet();
    const q = custom.criteria.find((c) => c.code === code)!;
    q.targets = [{ level: 'enterprise', comparator: 'gte', threshold: '1', points: '8' }];
    const c = scoreUnit({ set: custom, level: 'enterprise', values: {}, judgements: { [code]: 'good' } }).criteria.find((x) => x.code === code)!;
    expect(c).toMatchObject({ status: 'met', points: '6', maxPoints: '8' });
  });
});

describe('group criteria (≥ 70 % of departments connected to LGSP)', () => {
  const code = 'lgsp_shared_databases';
  const departments = (flags: (boolean | null)[]): MemberUnit[] =>
    flags.map((flag, i) => ({ unitId: `d${i + 1}`, name: `Sở ${i + 1}`, level: 'department', values: { lgsp_shared_db_connected: flag } }));

  it('7 of 10 is exactly 70 %: met', () => {
    const c = criterion('province', {}, code, { members: departments([true, true, true, true, true, true, true, false, false, false]) });
    expect(c).toMatchObject({ status: 'met', value: '70', displayValue: '70,00 %', points: '10' });
    expect(c.explanation).toBe('7/10 sở, ban, ngành đạt điều kiện = 70,00 % ≥ 70 %: đạt');
    expect(c.explanationEn).toBe('7/10 departments meet the condition = 70.00% ≥ 70%: met');
    expect(c.members).toHaveLength(10);
  });

  it('members without data count as not meeting and are listed', () => {
    const c = criterion('province', {}, code, { members: departments([true, true, true, true, true, true, null, false, false, false]) });
    expect(c).toMatchObject({ status: 'not_met', value: '60', points: '0' });
    expect(c.explanation).toBe('6/10 sở, ban, ngành đạt điều kiện = 60,00 %, yêu cầu ≥ 70 %: không đạt. Chưa có số liệu (tính là không đạt): Sở 7');
    expect(c.explanationEn).toContain('No data yet (counted as not meeting): Sở 7');
    expect(c.members![6]).toEqual({ unitId: 'd7', name: 'Sở 7', status: 'missing', missingCodes: ['lgsp_shared_db_connected'] });
  });

  it('only members at the member level count; 2 of 3 is 66.67 % and not 70 %', () => {
    const members: MemberUnit[] = [...departments([true, true, false]), { unitId: 'h1', name: 'Huyện A', level: 'district', values: { lgsp_shared_db_connected: true } }];
    const c = criterion('province', {}, code, { members });
    expect(c).toMatchObject({ status: 'not_met', displayValue: '66,67 %' });
    expect(c.members).toHaveLength(3);
  });

  it('no members at the member level: not applicable; members unknown: awaiting data', () => {
    const none = criterion('province', {}, code, { members: [{ unitId: 'h1', name: 'Huyện A', level: 'district', values: {} }] });
    expect(none).toMatchObject({ status: 'not_applicable', maxPoints: '0' });
    expect(none.explanation).toBe('Không có đơn vị thành viên thuộc sở, ban, ngành: không áp dụng');
    expect(criterion('province', {}, code)).toMatchObject({ status: 'awaiting_data', maxPoints: '10' });
  });

  it('lists at most ten names', () => {
    const c = criterion('province', {}, code, { members: departments(Array.from({ length: 14 }, () => null)) });
    expect(c.explanation).toMatch(/Sở 10 và 4 đơn vị khác$/);
  });

  it('is evaluated only for the levels of the criterion', () => {
    expect(criterion('department', {}, code, { members: departments([true]) }).status).toBe('not_applicable');
  });
});

describe('unit totals and classification', () => {
  const fullDepartment: DataValues = {
    ...records(950, 1000, 50),
    docs_electronic: '200',
    docs_total: '200',
    docs_secret: '0',
    reports_on_software: '12',
    reports_total: '12',
    has_dx_plan: true,
    training_hours: '100',
    staff: '10',
  };

  it('all met: 100 %, top band, points summed', () => {
    const r = scoreUnit({ set: compiled, level: 'department', values: fullDepartment });
    expect(r).toMatchObject({
      metCount: 5,
      applicableCount: 5,
      awaitingCount: 0,
      totalPoints: '40',
      maxPoints: '40',
      shareMet: '100',
      shareMetDisplay: '100,00 %',
      shareMetDisplayEn: '100.00%',
    });
    expect(r.classification?.code).toBe('hoan_thanh_xuat_sac');
    expect(r.criteria.map((c) => c.status)).toEqual(['met', 'met', 'met', 'not_applicable', 'met', 'met', 'not_applicable']);
  });

  it('4 of 5 is exactly 80 %: hoàn thành tốt', () => {
    const r = scoreUnit({ set: compiled, level: 'department', values: { ...fullDepartment, has_dx_plan: false } });
    expect(r).toMatchObject({ metCount: 4, applicableCount: 5, shareMet: '80', totalPoints: '35', maxPoints: '40' });
    expect(r.classification?.code).toBe('hoan_thanh_tot');
  });

  it('awaiting criteria count as applicable but not met (provisional)', () => {
    const { training_hours: _omit, ...partial } = fullDepartment;
    const r = scoreUnit({ set: compiled, level: 'department', values: partial });
    expect(r).toMatchObject({ metCount: 4, applicableCount: 5, awaitingCount: 1, shareMet: '80' });
  });

  it('compares the share with band thresholds unrounded', () => {
    const custom = buildPlanCriteriaSet();
    custom.bands = [
      { code: 'a', label: 'A', minShareMet: '66.67' },
      { code: 'b', label: 'B', minShareMet: '66.66' },
    ];
    // District: records met, documents met, reports not met (2 of 3); dx plan and training not applicable (missing target / division by zero).
    const r = scoreUnit({
      set: custom,
      level: 'district',
      values: {
        ...records(9, 10),
        docs_electronic: '1',
        docs_total: '1',
        docs_secret: '0',
        reports_on_software: '0',
        reports_total: '1',
        has_dx_plan: false,
        training_hours: '1',
        staff: '0',
      },
    });
    expect(r.applicableCount).toBe(4);
    expect(r.metCount).toBe(2);
    expect(r.shareMet).toBe('50');
    const r2 = scoreUnit({
      set: custom,
      level: 'district',
      values: {
        ...records(9, 10),
        docs_electronic: '1',
        docs_total: '1',
        docs_secret: '0',
        reports_on_software: '0',
        reports_total: '1',
        has_dx_plan: true,
        training_hours: '1',
        staff: '0',
      },
    });
    expect(r2).toMatchObject({ metCount: 3, applicableCount: 4, shareMet: '75' });
    expect(r2.classification?.code).toBe('a');
    const r3 = scoreUnit({
      set: custom,
      level: 'commune',
      values: { ...records(9, 10), docs_electronic: '1', docs_total: '1', docs_secret: '0', reports_on_software: '0', reports_total: '1' },
    });
    expect(r3).toMatchObject({ metCount: 2, applicableCount: 3, shareMetDisplay: '66,67 %' });
    expect(r3.shareMet).toBe('66.66666666666666666666666666666666666667');
    expect(r3.classification?.code).toBe('b');
  });

  it('no applicable criteria: no share and no classification', () => {
    const r = scoreUnit({ set: compiled, level: 'individual', values: {} });
    expect(r).toMatchObject({ applicableCount: 0, metCount: 0, shareMet: null, shareMetDisplay: null, classification: null, totalPoints: '0', maxPoints: '0' });
  });

  it('below every band: no classification', () => {
    const custom: CriteriaSetVersion = { ...buildPlanCriteriaSet(), bands: [{ code: 'top', label: 'Top', minShareMet: '90' }] };
    const r = scoreUnit({ set: custom, level: 'department', values: { has_dx_plan: false } });
    expect(r.classification).toBeNull();
  });
});

describe('criteria set handling', () => {
  it('scoring a raw set gives the same result as a compiled one', () => {
    const values = records(950, 1000, 50);
    expect(scoreUnit({ set, level: 'department', values })).toEqual(scoreUnit({ set: compiled, level: 'department', values }));
    expect(compiled).toBeInstanceOf(CompiledCriteriaSet);
  });

  it('refuses to score an invalid set', () => {
    const broken = buildPlanCriteriaSet();
    const first = broken.criteria[0]!;
    if (first.kind !== 'ratio') throw new Error('fixture');
    first.numerator = '#{records_onlin}';
    expect(() => scoreUnit({ set: broken, level: 'department', values: {} })).toThrow(InvalidCriteriaSetError);
    try {
      scoreUnit({ set: broken, level: 'department', values: {} });
    } catch (e) {
      expect((e as InvalidCriteriaSetError).errors[0]).toMatchObject({ path: 'criteria[0].numerator', position: 0 });
    }
  });
});
