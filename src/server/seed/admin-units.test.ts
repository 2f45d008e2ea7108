import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_UNIT_FILES,
  HAI_DUONG_PROVINCE_KEY,
  HAI_PHONG_CITY_KEY,
  buildAdminUnitsPlan,
  combineSeedPlans,
  findPlanProblems,
  loadAdminUnitsPlan,
  shortNameOf,
  treeAsOf,
  unitsValidOn,
  versionAsOf,
  type SeedPlan,
  type SeedUnit,
  type UnitTreeNode,
} from './admin-units.js';
import { buildDemoOrganisations, demoKeys } from './demo-organisations.js';

// The repo ships a copy of the shared data (seed-data/admin-units), so a fresh clone starts without ../shared.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, 'seed-data/admin-units');

const TODAY = '2026-01-15';

let plan: SeedPlan;
let byKey: Map<string, SeedUnit>;

beforeAll(async () => {
  plan = await loadAdminUnitsPlan(dataDir);
  byKey = new Map(plan.units.map((u) => [u.key, u]));
});

const unit = (key: string) => {
  const u = byKey.get(key);
  if (!u) throw new Error(`no unit ${key}`);
  return u;
};
const ofKind = (date: string, kind: SeedUnit['kind']) => unitsValidOn(plan, date).filter((u) => u.kind === kind);
const nameOn = (key: string, date: string) => versionAsOf(unit(key), date)?.name;
const findChild = (nodes: UnitTreeNode[], name: string) => nodes.find((n) => n.name === name);

describe('admin units seed plan: counts', () => {
  it('has the province, 12 districts and 235 communes on 2021-07-01', () => {
    expect(ofKind('2021-07-01', 'province').map((u) => u.code)).toEqual(['30']);
    expect(ofKind('2021-07-01', 'district')).toHaveLength(12);
    expect(ofKind('2021-07-01', 'commune')).toHaveLength(235);
  });

  it('has 207 communes on 2025-03-01 and 114 on 2025-07-01, when districts no longer exist', () => {
    expect(ofKind('2025-03-01', 'commune')).toHaveLength(207);
    expect(ofKind('2025-06-30', 'commune')).toHaveLength(207);
    expect(ofKind('2025-07-01', 'commune')).toHaveLength(114);
    expect(ofKind('2025-07-01', 'district')).toHaveLength(0);
    expect(ofKind('2025-07-01', 'province').map((u) => u.key)).toEqual([HAI_PHONG_CITY_KEY]);
  });

  it('never has two units with the same code valid on the same date', () => {
    for (const date of ['2021-07-01', '2024-12-31', '2025-01-01', '2025-03-01', '2025-06-30', '2025-07-01', TODAY]) {
      const codes = unitsValidOn(plan, date).map((u) => u.code);
      expect(new Set(codes).size, date).toBe(codes.length);
    }
  });

  it('records 28 communes ending with the 2024-2025 mergers, each merged (inferred) or dissolved', () => {
    const ended = plan.units.filter((u) => u.kind === 'commune' && u.validTo === '2025-01-01');
    expect(ended).toHaveLength(28);
    for (const u of ended) {
      const endEvents = plan.events.filter((e) => e.unitKey === u.key && (e.type === 'merged_into' || e.type === 'dissolved'));
      expect(endEvents, u.key).toHaveLength(1);
      const e = endEvents[0]!;
      expect(e.details.approximateDate).toBe(true);
      expect(e.legalBasis?.number).toBeNull();
      if (e.type === 'merged_into') expect(e.details.inferred).toBe(true);
      else expect(e.details.reason).toBe('sáp nhập 2024-2025, đơn vị tiếp nhận chưa xác định trong dữ liệu');
    }
  });

  it('keeps renamed communes as the same unit with a second version', () => {
    const renamed = plan.events.filter((e) => e.type === 'renamed');
    expect(renamed).toHaveLength(22);
    // Xã Đồng Tâm became Thị trấn Ninh Giang, absorbing the old town of that name (which had another code).
    expect(nameOn('u:11203@2021', '2023-01-01')).toBe('Xã Đồng Tâm');
    expect(nameOn('u:11203@2021', '2025-03-01')).toBe('Thị trấn Ninh Giang');
    expect(unit('u:11203@2021').adminType).toBe('Thị trấn');
    const oldTown = plan.events.find((e) => e.unitKey === 'u:11155@2021');
    expect(oldTown).toMatchObject({ type: 'merged_into', relatedUnitKeys: ['u:11203@2021'], details: { evidence: 'name_reused' } });
  });

  it('leaves a vanished commune without a renamed neighbour as dissolved', () => {
    // No commune of Thành phố Hải Dương was renamed, so the receiver of Phường Phạm Ngũ Lão is unknown.
    expect(plan.events.find((e) => e.unitKey === 'u:10522@2021')).toMatchObject({ type: 'dissolved', relatedUnitKeys: [] });
  });
});

describe('admin units seed plan: the Cẩm Thượng → Thành Đông journey', () => {
  it('shows Tỉnh Hải Dương > Thành phố Hải Dương > Phường Cẩm Thượng on 2023-06-30', () => {
    const roots = treeAsOf(plan, '2023-06-30');
    expect(roots.map((r) => r.key)).toEqual([HAI_DUONG_PROVINCE_KEY]);
    const city = findChild(roots[0]!.children, 'Thành phố Hải Dương');
    expect(city).toMatchObject({ key: 'u:288', shortName: 'TP Hải Dương', kind: 'district' });
    expect(findChild(city!.children, 'Phường Cẩm Thượng')).toMatchObject({ key: 'u:10507@2021', code: '10507', shortName: 'P. Cẩm Thượng' });
  });

  it('shows Thành phố Hải Phòng > Phường Thành Đông (10507) today, formed from Cẩm Thượng, Bình Hàn, Nguyễn Trãi…', () => {
    const roots = treeAsOf(plan, TODAY);
    expect(roots.map((r) => r.name)).toEqual(['Thành phố Hải Phòng']);
    expect(roots[0]!.children).toHaveLength(114);
    const thanhDong = findChild(roots[0]!.children, 'Phường Thành Đông');
    expect(thanhDong).toMatchObject({ key: 'u:10507@2025-07', code: '10507' });

    const created = plan.events.find((e) => e.type === 'created' && e.unitKey === 'u:10507@2025-07');
    const predecessorNames = created!.relatedUnitKeys.map((k) => nameOn(k, '2025-06-30'));
    expect(predecessorNames).toEqual(expect.arrayContaining(['Phường Cẩm Thượng', 'Phường Bình Hàn', 'Phường Nguyễn Trãi']));
    expect(created!.legalBasis?.number).toBe('1669/NQ-UBTVQH15');

    const camThuong = unit('u:10507@2021');
    expect(camThuong.validTo).toBe('2025-07-01');
    expect(plan.events.filter((e) => e.unitKey === camThuong.key)).toEqual([
      expect.objectContaining({ type: 'merged_into', relatedUnitKeys: ['u:10507@2025-07'], effectiveDate: '2025-07-01', details: expect.objectContaining({ kind: 'full' }) }),
    ]);
  });

  it('merges Tỉnh Hải Dương into the new Hải Phòng city under Resolution 202/2025/QH15', () => {
    expect(unit(HAI_DUONG_PROVINCE_KEY)).toMatchObject({ validFrom: '2021-07-01', validTo: '2025-07-01' });
    expect(plan.events.find((e) => e.unitKey === HAI_DUONG_PROVINCE_KEY)).toMatchObject({
      type: 'merged_into',
      relatedUnitKeys: [HAI_PHONG_CITY_KEY],
      effectiveDate: '2025-07-01',
      legalBasis: { number: '202/2025/QH15', date: '2025-06-12' },
    });
    const created = plan.events.find((e) => e.type === 'created' && e.unitKey === HAI_PHONG_CITY_KEY);
    expect(created?.details.externalPredecessors).toEqual([expect.objectContaining({ code: '31', name: 'Thành phố Hải Phòng' })]);
  });

  it('dissolves the 12 districts on 2025-07-01 without inventing a document number', () => {
    const dissolved = plan.events.filter((e) => e.type === 'dissolved' && unit(e.unitKey).kind === 'district');
    expect(dissolved).toHaveLength(12);
    for (const e of dissolved) {
      expect(e.effectiveDate).toBe('2025-07-01');
      expect(e.legalBasis).toMatchObject({ number: null });
      expect(e.legalBasis?.title).toContain('không có trong dữ liệu');
    }
  });
});

describe('admin units seed plan: lineage', () => {
  it('splits a partial predecessor over several successors', () => {
    // Phường Trần Phú went partly into Lê Thanh Nghị and partly into Tân Hưng.
    const tranPhu = plan.events.filter((e) => e.unitKey === 'u:10528@2021' && e.type === 'merged_into');
    expect(tranPhu.map((e) => e.relatedUnitKeys[0])).toEqual(['u:10532@2025-07', 'u:10537@2025-07']);
    for (const e of tranPhu) expect(e.details.kind).toBe('partial');
    for (const successor of ['u:10532@2025-07', 'u:10537@2025-07']) {
      const created = plan.events.find((e) => e.type === 'created' && e.unitKey === successor);
      expect(created?.relatedUnitKeys).toContain('u:10528@2021');
    }
    const split = new Set(plan.events.filter((e) => e.type === 'merged_into' && e.details.kind === 'partial' && e.details.splitAcross).map((e) => e.unitKey));
    expect(split.size).toBeGreaterThan(1);
  });

  it('sends every commune of March 2025 into at least one new commune', () => {
    for (const u of ofKind('2025-03-01', 'commune')) {
      const merged = plan.events.filter((e) => e.unitKey === u.key && e.type === 'merged_into' && e.effectiveDate === '2025-07-01');
      expect(merged.length, u.key).toBeGreaterThan(0);
    }
  });

  it('keeps old Hải Phòng units as external predecessors only', () => {
    const created = plan.events.find((e) => e.type === 'created' && e.unitKey === 'u:11948@2025-07');
    expect(created?.relatedUnitKeys).toEqual([]);
    expect(created?.details.externalPredecessors).toEqual([expect.objectContaining({ code: '318', name: 'Huyện Bạch Long Vĩ' })]);
    expect(plan.units.filter((u) => u.kind === 'commune' && u.validFrom < '2025-07-01')).toHaveLength(235);
  });
});

describe('admin units seed plan: invariants', () => {
  it('has contiguous versions inside each unit validity, valid parents, known event keys', () => {
    expect(findPlanProblems(plan)).toEqual([]);
    for (const u of plan.units) {
      expect(u.versions[0]!.validFrom, u.key).toBe(u.validFrom);
      expect(u.versions.at(-1)!.validTo, u.key).toBe(u.validTo);
      u.versions.slice(1).forEach((v, i) => expect(v.validFrom, u.key).toBe(u.versions[i]!.validTo));
      for (const v of u.versions) {
        if (!v.parentKey) continue;
        const parent = unit(v.parentKey);
        expect(parent.validFrom <= v.validFrom, `${u.key} parent starts late`).toBe(true);
        expect(parent.validTo === null || (v.validTo !== null && v.validTo <= parent.validTo), `${u.key} parent ends early`).toBe(true);
      }
    }
    for (const e of plan.events) {
      expect(byKey.has(e.unitKey), e.unitKey).toBe(true);
      for (const k of e.relatedUnitKeys) expect(byKey.has(k), k).toBe(true);
    }
  });

  it('finds broken plans', () => {
    const broken: SeedPlan = structuredClone(plan);
    const commune = broken.units.find((u) => u.key === 'u:10507@2021')!;
    commune.versions[0]!.validTo = '2024-01-01'; // gap
    broken.units.find((u) => u.key === 'u:10510@2021')!.versions[0]!.parentKey = 'u:999';
    broken.units.push({ ...structuredClone(commune), key: 'u:dup' });
    broken.events.push({ type: 'created', unitKey: 'u:nope', relatedUnitKeys: [], effectiveDate: '2025-07-01', legalBasis: null, details: {} });
    const problems = findPlanProblems(broken).join('\n');
    expect(problems).toContain('u:10507@2021: phiên bản cuối');
    expect(problems).toContain('u:999 không tồn tại');
    expect(problems).toContain('mã 10507');
    expect(problems).toContain('u:nope');
  });

  it('is deterministic and rejects malformed input', async () => {
    const read = async (f: string) => JSON.parse(await readFile(path.join(dataDir, f), 'utf8')) as unknown;
    const input = { hd2021: await read(ADMIN_UNIT_FILES.hd2021), hd2025: await read(ADMIN_UNIT_FILES.hd2025), hp2025: await read(ADMIN_UNIT_FILES.hp2025) };
    expect(buildAdminUnitsPlan(input)).toEqual(plan);
    expect(() => buildAdminUnitsPlan({ ...input, hp2025: { communes: [] } })).toThrow(ADMIN_UNIT_FILES.hp2025);
  });

  it('derives short names mechanically', () => {
    expect(shortNameOf('Thành phố Hải Dương')).toBe('TP Hải Dương');
    expect(shortNameOf('Huyện Nam Sách')).toBe('H. Nam Sách');
    expect(shortNameOf('Thị xã Kinh Môn')).toBe('TX Kinh Môn');
    expect(shortNameOf('Thị trấn Ninh Giang')).toBe('TT Ninh Giang');
    expect(shortNameOf('Xã An Thượng')).toBe('X. An Thượng');
    expect(shortNameOf('Đặc khu Cát Hải')).toBe('ĐK Cát Hải');
  });
});

describe('demo organisations', () => {
  let combined: SeedPlan;
  beforeAll(() => {
    combined = combineSeedPlans(plan, buildDemoOrganisations());
  });

  it('fits the admin tree without problems and is marked as demo', () => {
    expect(findPlanProblems(combined)).toEqual([]);
    for (const u of buildDemoOrganisations().units) expect(u).toMatchObject({ code: null, isDemo: true });
  });

  it('merges Sở TT&TT into Sở KH&CN on 2025-03-01 and both into Hải Phòng city departments on 2025-07-01', () => {
    const demo = buildDemoOrganisations();
    expect(demo.events.find((e) => e.unitKey === demoKeys.haiDuong('so-thong-tin-truyen-thong'))).toMatchObject({
      type: 'merged_into',
      relatedUnitKeys: [demoKeys.haiDuong('so-khoa-hoc-cong-nghe')],
      effectiveDate: '2025-03-01',
      legalBasis: { number: null },
    });
    expect(demo.events.find((e) => e.unitKey === demoKeys.haiDuong('so-khoa-hoc-cong-nghe'))).toMatchObject({
      type: 'merged_into',
      relatedUnitKeys: [demoKeys.haiPhong('so-khoa-hoc-cong-nghe')],
      effectiveDate: '2025-07-01',
    });
  });

  it('puts Ban Thi đua - Khen thưởng under Sở Nội vụ, before and after the merger', () => {
    const before = treeAsOf(combined, '2023-06-30')[0]!;
    const noiVu = findChild(before.children, 'Sở Nội vụ tỉnh Hải Dương');
    expect(noiVu?.children.map((c) => c.name)).toEqual(['Ban Thi đua - Khen thưởng tỉnh Hải Dương']);
    const after = treeAsOf(combined, TODAY)[0]!;
    expect(findChild(after.children, 'Sở Nội vụ thành phố Hải Phòng')?.children.map((c) => c.kind)).toEqual(['board']);
    expect(findChild(after.children, 'Trường Đại học Hải Dương')).toBeDefined();
    expect(findChild(after.children, 'Sở Thông tin và Truyền thông tỉnh Hải Dương')).toBeUndefined();
  });
});

describe('the shipped copy of the administrative-unit data', () => {
  it("is identical to the project's shared data when that folder is present", () => {
    const shared = path.resolve(repoRoot, '../shared/data');
    if (!existsSync(shared)) {
      console.log(`SKIPPED comparison: ${shared} is not present on this machine`);
      return;
    }
    for (const file of readdirSync(shared).filter((f) => f.endsWith('.json'))) {
      expect(readFileSync(path.join(dataDir, file), 'utf8'), file).toBe(readFileSync(path.join(shared, file), 'utf8'));
    }
  });
});
