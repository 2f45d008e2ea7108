import { describe, expect, it } from 'vitest';
import type { CriteriaSetVersion } from './criteria.schemas';
import { diffCriteriaSetVersions } from './diff';

function baseSet(): CriteriaSetVersion {
  return {
    dataElements: [
      { code: 'records_total', name: 'Tổng số hồ sơ', valueType: 'integer', aggregation: 'sum', min: '0' },
      { code: 'records_secret', name: 'Hồ sơ mật', valueType: 'integer', aggregation: 'sum', min: '0' },
      { code: 'records_online', name: 'Hồ sơ xử lý trên mạng', valueType: 'integer', aggregation: 'sum', min: '0' },
    ],
    contentAreas: [{ code: 'chinh_quyen_so', title: 'Chính quyền số', order: 3 }],
    criteria: [
      {
        code: 'records_online_ratio',
        title: 'Tỷ lệ hồ sơ xử lý trên mạng',
        contentArea: 'chinh_quyen_so',
        levels: ['department', 'district', 'commune'],
        targets: [
          { level: 'department', comparator: 'gte', threshold: '90' },
          { level: 'district', comparator: 'gte', threshold: '80' },
          { level: 'commune', comparator: 'gte', threshold: '60' },
        ],
        points: '10',
        evidence: 'document_or_file',
        kind: 'ratio',
        numerator: '#{records_online}',
        denominator: '#{records_total} - #{records_secret}',
        display: 'percentage',
      },
      {
        code: 'enterprise_products',
        title: 'Sản phẩm số mới',
        contentArea: 'chinh_quyen_so',
        levels: ['enterprise'],
        targets: [],
        points: '10',
        evidence: 'file',
        kind: 'qualitative',
        scale: [
          { code: 'dat', label: 'Đạt', meets: true, pointsShare: '1' },
          { code: 'chua_dat', label: 'Chưa đạt', meets: false, pointsShare: '0' },
        ],
      },
    ],
    bands: [{ code: 'hoan_thanh', label: 'Hoàn thành', minShareMet: '50' }],
  };
}

const clone = (s: CriteriaSetVersion): CriteriaSetVersion => structuredClone(s);

describe('diffCriteriaSetVersions', () => {
  it('finds nothing between equal versions, nor when only list order or decimal spelling differs', () => {
    const a = baseSet();
    expect(diffCriteriaSetVersions(a, clone(a))).toEqual([]);
    const b = clone(a);
    b.criteria.reverse();
    b.criteria[1]!.targets.reverse();
    b.criteria[1]!.targets[0]!.threshold = '60.00';
    b.bands[0]!.minShareMet = '50.0';
    expect(diffCriteriaSetVersions(a, b)).toEqual([]);
  });

  it('describes a changed target by criterion code and level', () => {
    const a = baseSet();
    const b = clone(a);
    b.criteria[0]!.targets[2]!.threshold = '65';
    expect(diffCriteriaSetVersions(a, b)).toEqual([
      {
        path: 'criteria.records_online_ratio.targets.commune.threshold',
        kind: 'changed',
        label: 'Tiêu chí records_online_ratio: chỉ tiêu cấp xã 60 → 65',
        before: '60',
        after: '65',
      },
    ]);
  });

  it('keys by code, not by position: a criterion inserted first is one addition', () => {
    const a = baseSet();
    const b = clone(a);
    b.criteria.unshift({
      code: 'documents_electronic_ratio',
      title: 'Văn bản điện tử',
      contentArea: 'chinh_quyen_so',
      levels: ['commune'],
      targets: [{ level: 'commune', comparator: 'gte', threshold: '100' }],
      points: '10',
      evidence: 'none',
      kind: 'value',
      expression: '#{records_online}',
      display: 'number',
    });
    const changes = diffCriteriaSetVersions(a, b);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      path: 'criteria.documents_electronic_ratio',
      kind: 'added',
      before: undefined,
      label: 'Thêm tiêu chí documents_electronic_ratio: “Văn bản điện tử”',
    });
  });

  it('reports removals, comparators, formulas, levels, targets added, scale and bands', () => {
    const a = baseSet();
    const b = clone(a);
    b.dataElements = b.dataElements.filter((e) => e.code !== 'records_secret');
    b.dataElements.push({ code: 'records_paper', name: 'Hồ sơ giấy', valueType: 'integer', aggregation: 'sum' });
    const ratio = b.criteria[0]!;
    if (ratio.kind !== 'ratio') throw new Error('fixture');
    ratio.denominator = '#{records_total}';
    ratio.targets[0]!.comparator = 'gt';
    ratio.targets[1]!.points = '5';
    ratio.levels.push('province');
    ratio.targets.push({ level: 'province', comparator: 'gte', threshold: '85' });
    const qualitative = b.criteria[1]!;
    if (qualitative.kind !== 'qualitative') throw new Error('fixture');
    qualitative.scale[0]!.pointsShare = '0.8';
    qualitative.scale.push({ code: 'xuat_sac', label: 'Xuất sắc', meets: true, pointsShare: '1' });
    b.bands[0]!.label = 'Hoàn thành nhiệm vụ';
    b.contentAreas[0]!.order = 4;

    const byPath = Object.fromEntries(diffCriteriaSetVersions(a, b).map((c) => [c.path, c]));
    expect(Object.keys(byPath)).toEqual([
      'dataElements.records_secret',
      'dataElements.records_paper',
      'contentAreas.chinh_quyen_so.order',
      'criteria.records_online_ratio.levels',
      'criteria.records_online_ratio.denominator',
      'criteria.records_online_ratio.targets.department.comparator',
      'criteria.records_online_ratio.targets.district.points',
      'criteria.records_online_ratio.targets.province',
      'criteria.enterprise_products.scale.dat.pointsShare',
      'criteria.enterprise_products.scale.xuat_sac',
      'bands.hoan_thanh.label',
    ]);
    expect(byPath['dataElements.records_secret']).toMatchObject({ kind: 'removed', label: 'Bỏ chỉ tiêu dữ liệu records_secret: “Hồ sơ mật”' });
    expect(byPath['criteria.records_online_ratio.denominator']).toMatchObject({
      kind: 'changed',
      label: 'Tiêu chí records_online_ratio: mẫu số “#{records_total} - #{records_secret}” → “#{records_total}”',
    });
    expect(byPath['criteria.records_online_ratio.targets.department.comparator']!.label).toBe('Tiêu chí records_online_ratio: phép so sánh chỉ tiêu sở, ban, ngành ≥ → >');
    expect(byPath['criteria.records_online_ratio.targets.district.points']).toMatchObject({ kind: 'added', label: 'Tiêu chí records_online_ratio: điểm cấp huyện (trống) → 5' });
    expect(byPath['criteria.records_online_ratio.targets.province']).toMatchObject({ kind: 'added', label: 'Tiêu chí records_online_ratio: thêm chỉ tiêu cấp tỉnh ≥ 85' });
    expect(byPath['criteria.records_online_ratio.levels']!.label).toBe(
      'Tiêu chí records_online_ratio: cấp áp dụng department, district, commune → department, district, commune, province',
    );
    expect(byPath['criteria.enterprise_products.scale.dat.pointsShare']!.label).toBe('Tiêu chí enterprise_products, mức đánh giá dat: tỷ lệ điểm 1 → 0.8');
    expect(byPath['contentAreas.chinh_quyen_so.order']).toMatchObject({ before: 3, after: 4 });
  });

  it('reports a change of criterion kind with the fields that come and go', () => {
    const a = baseSet();
    const b = clone(a);
    b.criteria[0] = {
      code: 'records_online_ratio',
      title: 'Tỷ lệ hồ sơ xử lý trên mạng',
      contentArea: 'chinh_quyen_so',
      levels: ['department', 'district', 'commune'],
      targets: a.criteria[0]!.targets,
      points: '10',
      evidence: 'document_or_file',
      kind: 'value',
      expression: '#{records_online} / #{records_total} * 100',
      display: 'percentage',
    };
    const changes = diffCriteriaSetVersions(a, b);
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['criteria.records_online_ratio.kind', 'changed'],
      ['criteria.records_online_ratio.numerator', 'removed'],
      ['criteria.records_online_ratio.denominator', 'removed'],
      ['criteria.records_online_ratio.expression', 'added'],
    ]);
  });

  it('is pure: the inputs are not modified', () => {
    const a = baseSet();
    const b = clone(a);
    b.criteria[0]!.targets[2]!.threshold = '65';
    const snapshot = JSON.stringify([a, b]);
    diffCriteriaSetVersions(a, b);
    expect(JSON.stringify([a, b])).toBe(snapshot);
  });
});
