import { describe, expect, it } from 'vitest';
import type { CriteriaSetVersion } from '../criteria/criteria.schemas';
import { buildPlanCriteriaSet } from './test-fixtures';
import { validateCriteriaSet, type CriteriaSetIssue } from './validate';

function errorsOf(mutate: (set: CriteriaSetVersion) => void): CriteriaSetIssue[] {
  const set = buildPlanCriteriaSet();
  mutate(set);
  const r = validateCriteriaSet(set);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

function ratio(set: CriteriaSetVersion, index = 0) {
  const c = set.criteria[index]!;
  if (c.kind !== 'ratio') throw new Error('fixture');
  return c;
}

describe('validateCriteriaSet', () => {
  it('accepts the plan fixture and compiles its expressions', () => {
    const r = validateCriteriaSet(buildPlanCriteriaSet());
    expect(r.ok).toBe(true);
    if (r.ok)
      expect([...r.expressions.keys()]).toEqual([
        'records_online_rate/numerator',
        'records_online_rate/denominator',
        'electronic_documents_rate/numerator',
        'electronic_documents_rate/denominator',
        'reports_on_software_rate/numerator',
        'reports_on_software_rate/denominator',
        'lgsp_shared_databases/memberCondition',
        'dx_plan_issued/expression',
        'training_hours_per_staff/expression',
      ]);
  });

  it('reports shape errors with paths, in Vietnamese and English', () => {
    const r = validateCriteriaSet({ dataElements: [{ code: 'Bad Code', name: '', valueType: 'number', aggregation: 'sum' }], contentAreas: [], criteria: [], bands: [], extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e]));
    expect(byPath['dataElements[0].code']).toEqual({
      path: 'dataElements[0].code',
      message: 'Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ',
      messageEn: 'Codes use lower-case letters without diacritics, digits and underscores, and start with a letter',
    });
    expect(byPath['dataElements[0].name']?.message).toMatch(/\S/);
    expect(byPath['dataElements[0].valueType']?.messageEn).toContain('Invalid option');
    expect(r.errors.some((e) => e.path === '' && e.messageEn.includes('extra'))).toBe(true);
    expect(validateCriteriaSet(null).ok).toBe(false);
  });

  it('reports expression errors with the field path and the position in the text', () => {
    const errors = errorsOf((s) => {
      ratio(s, 0).denominator = '#{records_total} - #{secret_records}';
      ratio(s, 1).numerator = '#{docs_electronic} + $';
    });
    expect(errors).toEqual([
      {
        path: 'criteria[0].denominator',
        position: 19,
        message: "Chỉ tiêu dữ liệu 'secret_records' không tồn tại (vị trí 20)",
        messageEn: "Data element 'secret_records' does not exist (position 20)",
      },
      {
        path: 'criteria[1].numerator',
        position: 21,
        message: "Ký tự không hợp lệ '$' ở vị trí 22",
        messageEn: "Invalid character '$' at position 22",
      },
    ]);
  });

  it('type-checks expressions by use: text elements, yes/no conditions', () => {
    const errors = errorsOf((s) => {
      ratio(s, 0).numerator = '#{remarks}';
      const group = s.criteria[3]!;
      if (group.kind === 'group') group.memberCondition = '#{records_total}';
    });
    expect(errors.map((e) => e.path)).toEqual(['criteria[0].numerator', 'criteria[3].memberCondition']);
    expect(errors[0]!.message).toContain('kiểu văn bản');
    expect(errors[1]!.message).toContain('đúng/sai');
  });

  it('finds duplicate codes everywhere', () => {
    const errors = errorsOf((s) => {
      s.dataElements.push({ ...s.dataElements[0]! });
      s.contentAreas.push({ ...s.contentAreas[0]! });
      s.criteria.push({ ...s.criteria[0]! });
      s.bands.push({ code: 'hoan_thanh', label: 'Trùng', minShareMet: '40' });
    });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['dataElements[13].code', "Mã chỉ tiêu dữ liệu 'records_total' bị trùng với dataElements[0]"],
      ['contentAreas[3].code', "Mã nội dung 'leadership' bị trùng với contentAreas[0]"],
      ['criteria[7].code', "Mã tiêu chí 'records_online_rate' bị trùng với criteria[0]"],
      ['bands[4].code', "Mã xếp loại 'hoan_thanh' bị trùng với bands[2]"],
    ]);
  });

  it('checks content areas, levels and targets', () => {
    const errors = errorsOf((s) => {
      const c = ratio(s, 0);
      c.contentArea = 'nowhere';
      c.levels = ['department', 'district', 'department'];
      c.targets = [
        { level: 'department', comparator: 'gte', threshold: '90' },
        { level: 'commune', comparator: 'gte', threshold: '60' },
        { level: 'department', comparator: 'gte', threshold: '95', points: '-1' },
      ];
      ratio(s, 1).targets = [];
      ratio(s, 2).points = '-5';
    });
    expect(errors.map((e) => e.path)).toEqual([
      'criteria[0].contentArea',
      'criteria[0].levels[2]',
      'criteria[0].targets[1].level',
      'criteria[0].targets[2].level',
      'criteria[0].targets[2].points',
      'criteria[1].targets',
      'criteria[2].points',
    ]);
    expect(errors[2]!.message).toBe("Mục tiêu cho cấp 'commune' nhưng tiêu chí không áp dụng cho cấp này");
    expect(errors[3]!.message).toBe("Cấp 'department' đã có mục tiêu ở targets[0]");
  });

  it('checks qualitative scales', () => {
    const errors = errorsOf((s) => {
      const q = s.criteria[6]!;
      if (q.kind !== 'qualitative') throw new Error('fixture');
      q.scale = [
        { code: 'a', label: 'A', meets: false, pointsShare: '1.5' },
        { code: 'a', label: 'B', meets: false, pointsShare: '-0.1' },
      ];
    });
    expect(errors.map((e) => [e.path, e.messageEn])).toEqual([
      ['criteria[6].scale[0].pointsShare', 'The points share must be between 0 and 1'],
      ['criteria[6].scale[1].code', "Duplicate scale level code 'a' (same as scale[0])"],
      ['criteria[6].scale[1].pointsShare', 'The points share must be between 0 and 1'],
      ['criteria[6].scale', 'The scale needs at least one level that counts as met'],
    ]);
  });

  it('checks group and yes/no criteria specifics', () => {
    const errors = errorsOf((s) => {
      const g = s.criteria[3]!;
      if (g.kind !== 'group') throw new Error('fixture');
      g.memberLevel = 'province';
      g.targets = [{ level: 'province', comparator: 'gte', threshold: '170' }];
      const v = s.criteria[4]!;
      v.targets = [{ level: 'department', comparator: 'eq', threshold: '2' }];
    });
    expect(errors.map((e) => e.path)).toEqual(['criteria[3].targets[0].threshold', 'criteria[3].memberLevel', 'criteria[4].targets[0].threshold']);
  });

  it('checks data element bounds and bands', () => {
    const errors = errorsOf((s) => {
      s.dataElements[0] = { ...s.dataElements[0]!, min: '10', max: '5' };
      s.dataElements[8] = { ...s.dataElements[8]!, min: '0' };
      s.bands = [
        { code: 'x', label: 'X', minShareMet: '120' },
        { code: 'y', label: 'Y', minShareMet: '50' },
        { code: 'z', label: 'Z', minShareMet: '50.0' },
      ];
    });
    expect(errors.map((e) => e.path)).toEqual(['dataElements[0].max', 'dataElements[8].min', 'bands[0].minShareMet', 'bands[2].minShareMet']);
  });
});
