import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreUnit } from '../scoring';
import { toCriteriaSetVersion, type MovementPackage } from './movement-package.schemas';
import { parseMovementPackageJson, serializeMovementPackage } from './validate-package';

const fileText = readFileSync(new URL('../../../packages/kh-3125-2021.json', import.meta.url), 'utf8');

function loadPackage(): MovementPackage {
  const result = parseMovementPackageJson(fileText);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.value;
}

function criterion(pkg: MovementPackage, code: string) {
  const found = pkg.criteriaSet.criteria.find((c) => c.code === code);
  if (!found) throw new Error(`missing criterion ${code}`);
  return found;
}

const targetsOf = (pkg: MovementPackage, code: string) => criterion(pkg, code).targets.map((t) => [t.level, t.comparator, t.threshold]);

describe('packages/kh-3125-2021.json (Kế hoạch 3125/KH-UBND)', () => {
  it('parses without errors', () => {
    const result = parseMovementPackageJson(fileText);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('is stored in canonical form (export of the import is the file itself)', () => {
    expect(serializeMovementPackage(loadPackage())).toBe(fileText);
  });

  it('identifies the plan and its legal bases as the text cites them', () => {
    const { movement } = loadPackage();
    expect(movement.code).toBe('cds-2021-2025');
    expect(movement.issuingDocument).toMatchObject({ number: '3125/KH-UBND', date: '2021-08-25', issuer: 'UBND tỉnh Hải Dương' });
    expect(movement.legalBases.map((d) => [d.number, d.date])).toEqual([
      ['52-NQ/TW', '2019-09-27'],
      ['749/QĐ-TTg', '2020-06-03'],
      ['06-NQ/TU', '2021-03-26'],
      ['50/NQ-CP', '2020-04-17'],
      ['1726/QĐ-BTTTT', '2020-10-12'],
    ]);
  });

  it('has the IV.1 work-records criterion: secret records out of both sides, 90 / 80 / 60 %', () => {
    const pkg = loadPackage();
    const c = criterion(pkg, 'ho_so_cong_viec_tren_mang');
    expect(c).toMatchObject({ kind: 'ratio', numerator: '#{records_online}', denominator: '#{records_total} - #{records_secret}', display: 'percentage' });
    expect(targetsOf(pkg, 'ho_so_cong_viec_tren_mang')).toEqual([
      ['department', 'gte', '90'],
      ['district', 'gte', '80'],
      ['commune', 'gte', '60'],
    ]);
  });

  it('has the electronic documents and socio-economic reports criteria at 100 / 100 / 100 %', () => {
    const pkg = loadPackage();
    const all100 = [
      ['department', 'gte', '100'],
      ['district', 'gte', '100'],
      ['commune', 'gte', '100'],
    ];
    expect(criterion(pkg, 'van_ban_dien_tu')).toMatchObject({ kind: 'ratio', denominator: '#{documents_total} - #{documents_secret}' });
    expect(targetsOf(pkg, 'van_ban_dien_tu')).toEqual(all100);
    expect(criterion(pkg, 'bao_cao_ktxh_tren_he_thong').kind).toBe('ratio');
    expect(targetsOf(pkg, 'bao_cao_ktxh_tren_he_thong')).toEqual(all100);
  });

  it('has the LGSP shared-database criterion as a province-level group over departments, ≥ 70 %', () => {
    const pkg = loadPackage();
    expect(criterion(pkg, 'csdl_dung_chung_lgsp')).toMatchObject({
      kind: 'group',
      levels: ['province'],
      memberLevel: 'department',
      memberCondition: '#{lgsp_shared_db_connected}',
    });
    expect(targetsOf(pkg, 'csdl_dung_chung_lgsp')).toEqual([['province', 'gte', '70']]);
  });

  it('judges enterprises and individuals qualitatively, with evidence', () => {
    const pkg = loadPackage();
    for (const [code, level, source] of [
      ['doanh_nghiep_ung_dung_cong_nghe_so', 'enterprise', 'IV.1.d'],
      ['ca_nhan_sang_kien_dong_gop', 'individual', 'IV.1.đ'],
    ] as const) {
      const c = criterion(pkg, code);
      expect(c.kind).toBe('qualitative');
      expect(c.levels).toEqual([level]);
      expect(c.source).toBe(source);
      expect(c.evidence).not.toBe('none');
      if (c.kind === 'qualitative') expect(c.scale.map((s) => s.meets)).toEqual([true, true, true, false]);
    }
  });

  it('points every criterion at its paragraph of Section IV.1', () => {
    for (const c of loadPackage().criteriaSet.criteria) expect(c.source).toMatch(/^IV\.1\./);
  });

  it('has the two phases, the Q4 2021 launch and registration, and the pilot registrations', () => {
    const pkg = loadPackage();
    expect(pkg.phases.map((p) => [p.code, p.from, p.to])).toEqual([
      ['giai_doan_1', '2021-01-01', '2025-12-31'],
      ['giai_doan_2', '2026-01-01', '2030-12-31'],
    ]);
    const due = pkg.milestones.filter((m) => m.deadline === '2021-12-31');
    const byObligation = (o: string) => due.filter((m) => m.obligation === o);
    for (const o of ['launch', 'register']) {
      expect(byObligation(o)).toHaveLength(1);
      expect(byObligation(o)[0]).toMatchObject({ phase: 'giai_doan_1', target: '100 %', appliesTo: ['department', 'board', 'mass_org', 'district'] });
    }
    expect(byObligation('register_pilot').map((m) => m.appliesTo)).toEqual([['province'], ['district']]);
    const reviews = pkg.milestones.filter((m) => m.obligation === 'review').map((m) => [m.deadline, m.phase]);
    expect(reviews).toEqual([
      ['2025-12-31', 'giai_doan_1'],
      ['2030-12-31', 'giai_doan_2'],
    ]);
    expect(pkg.milestones.filter((m) => m.obligation === 'inspect').map((m) => m.deadline.slice(0, 4))).toEqual(['2022', '2023', '2024', '2025']);
  });

  it('has the eight content areas of Section II and the nine priority sectors of II.8', () => {
    const pkg = loadPackage();
    expect(pkg.contentAreas.map((a) => a.source)).toEqual(['II.1', 'II.2', 'II.3', 'II.4', 'II.5', 'II.6', 'II.7', 'II.8']);
    expect(pkg.prioritySectors.map((s) => s.source)).toEqual(['II.8.a', 'II.8.b', 'II.8.c', 'II.8.d', 'II.8.đ', 'II.8.e', 'II.8.f', 'II.8.g', 'II.8.h']);
  });

  it('moves the standing agency from the DIC to Science and Technology on 2025-03-01', () => {
    const holder = (date: string) =>
      loadPackage()
        .roles.filter((r) => r.role === 'standing_agency' && r.validFrom <= date && (r.validTo === null || date < r.validTo))
        .map((r) => r.unitName);
    expect(holder('2021-08-25')).toEqual(['Sở Thông tin và Truyền thông']);
    expect(holder('2025-02-28')).toEqual(['Sở Thông tin và Truyền thông']);
    expect(holder('2025-03-01')).toEqual(['Sở Khoa học và Công nghệ']);
  });

  it('scores a department with the shipped criteria: secret records leave the denominator, 90 % is met', () => {
    const set = toCriteriaSetVersion(loadPackage().criteriaSet);
    const score = (online: string) =>
      scoreUnit({ set, level: 'department', values: { records_total: '110', records_secret: '10', records_online: online } }).criteria.find(
        (c) => c.code === 'ho_so_cong_viec_tren_mang',
      )?.status;
    expect(score('90')).toBe('met');
    expect(score('89')).toBe('not_met');
  });
});
