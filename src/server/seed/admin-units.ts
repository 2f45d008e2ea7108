/**
 * Seed plan for the real administrative units of Hải Dương (2021 → 2025-03) and of Hải Phòng city after the
 * 1 July 2025 reorganisation: units with dated versions (name, parent) and lineage events with their legal basis.
 *
 * `buildAdminUnitsPlan` is pure (parsed JSON in, plan out); `loadAdminUnitsPlan` only reads the three files.
 *
 * Decisions (a newcomer would otherwise question them):
 * - Keys: Hải Dương province and districts `u:<code>`; Hải Dương communes `u:<code>@2021` (first snapshot, kept
 *   through renames); everything that exists from 1 July 2025 `u:<code>@2025-07`. Codes are reused after mergers
 *   (new Phường Thành Đông has the code of old Phường Cẩm Thượng), so a code alone is never a key.
 * - The Hải Phòng city of 1 July 2025 is a NEW unit (`u:31@2025-07`), not the continuation of the old city: Resolution
 *   202/2025/QH15 forms "a new city named Hải Phòng" from the whole of both. The old city (also code 31) and its
 *   districts/communes are outside our data, so they are not units; they appear as `details.externalPredecessors`.
 * - 2021-07-01 is the snapshot date, not a founding date: units have no `created` event for it.
 * - The 2024-2025 commune mergers carry no date or document in the data: effective 2025-01-01, `approximateDate`.
 *   The receiving commune of a vanished one is inferred only from name evidence (see `inferAbsorbers`); otherwise
 *   the vanished commune is `dissolved` with the receiver left unknown.
 * - A 'partial' old commune split over several new ones gets one `merged_into` per successor (kind 'partial').
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export type UnitKindCode = 'province' | 'department' | 'board' | 'mass_org' | 'district' | 'commune' | 'enterprise' | 'university' | 'other';
export type SeedUnitVersion = {
  name: string;
  shortName: string | null;
  parentKey: string | null;
  validFrom: string /* YYYY-MM-DD */;
  validTo: string | null /* exclusive end date */;
};
export type SeedUnit = {
  key: string;
  code: string | null /* official code from the data only; null for demo units */;
  kind: UnitKindCode;
  adminType: string | null /* 'Tỉnh','Thành phố','Huyện','Thị xã','Xã','Phường','Thị trấn','Đặc khu' */;
  validFrom: string;
  validTo: string | null;
  versions: SeedUnitVersion[];
  isDemo: boolean;
  note?: string;
};
export type LineageEventType = 'created' | 'renamed' | 'moved' | 'merged_into' | 'split_from' | 'dissolved';
export type SeedLineageEvent = {
  type: LineageEventType;
  unitKey: string;
  relatedUnitKeys: string[];
  effectiveDate: string;
  legalBasis: { number: string | null; date: string | null; title: string } | null;
  details: Record<string, unknown> /* e.g. { kind: 'partial' }, old/new name, external predecessors */;
};
export type SeedPlan = { units: SeedUnit[]; events: SeedLineageEvent[] };

export type LegalBasis = NonNullable<SeedLineageEvent['legalBasis']>;
export type ExternalPredecessor = {
  code: string | null;
  name: string;
  district: string | null;
  province?: string | null;
  kind?: 'full' | 'partial';
};

// ---------------------------------------------------------------------------------------------------------------
// Constants shared with demo-organisations.ts and the DB layer
// ---------------------------------------------------------------------------------------------------------------

/** Date of the first register snapshot; earlier history is unknown. */
export const HD_SNAPSHOT_DATE = '2021-07-01';
/** Date of the second snapshot (after the 2024-2025 commune mergers). */
export const HD_SNAPSHOT_2025_DATE = '2025-03-01';
/** Assumed effective date of the 2024-2025 commune mergers (not in the data; always flagged approximateDate). */
export const COMMUNE_MERGER_APPROX_DATE = '2025-01-01';
/** Province merger and end of the district level. */
export const REORGANISATION_DATE = '2025-07-01';

export const HAI_DUONG_PROVINCE_CODE = '30';
export const HAI_PHONG_CITY_CODE = '31';
export const HAI_DUONG_PROVINCE_KEY = 'u:30';
export const HAI_PHONG_CITY_KEY = 'u:31@2025-07';

export const ADMIN_UNIT_FILES = {
  hd2021: 'hai-duong-admin-units-2021.json',
  hd2025: 'hai-duong-admin-units-2025-03.json',
  hp2025: 'hai-phong-admin-units-2025-07.json',
} as const;

export const LEGAL_BASIS_COMMUNE_MERGERS_2023_2025: LegalBasis = {
  number: null,
  date: null,
  title: 'Sắp xếp đơn vị hành chính cấp xã giai đoạn 2023-2025 (số hiệu văn bản không có trong dữ liệu)',
};
export const LEGAL_BASIS_PROVINCE_MERGER: LegalBasis = {
  number: '202/2025/QH15',
  date: '2025-06-12',
  title: 'Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh',
};
export const LEGAL_BASIS_HAI_PHONG_COMMUNES: LegalBasis = {
  number: '1669/NQ-UBTVQH15',
  date: null,
  title: 'Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng năm 2025',
};
// The law's number is not in our data or in domain.md, so it is left null rather than quoted from memory.
export const LEGAL_BASIS_DISTRICT_LEVEL_ENDED: LegalBasis = {
  number: null,
  date: null,
  title:
    'Luật Tổ chức chính quyền địa phương năm 2025 — chấm dứt đơn vị hành chính cấp huyện từ 01/07/2025 (số hiệu văn bản không có trong dữ liệu); xem thêm Nghị quyết 202/2025/QH15',
};

const SNAPSHOT_NOTE = 'Ngày hiệu lực 01/07/2021 là ngày chụp dữ liệu danh mục, không phải ngày thành lập';
const VANISHED_REASON = 'sáp nhập 2024-2025, đơn vị tiếp nhận chưa xác định trong dữ liệu';

/** Keys of the real administrative units (see module comment). */
export const adminUnitKeys = {
  haiDuongProvince: (code: string) => `u:${code}`,
  haiDuongDistrict: (code: string) => `u:${code}`,
  haiDuongCommune: (code: string) => `u:${code}@2021`,
  after2025: (code: string) => `u:${code}@2025-07`,
};

// ---------------------------------------------------------------------------------------------------------------
// Input contracts (the three JSON files)
// ---------------------------------------------------------------------------------------------------------------

const code = z.string().regex(/^\d+$/, 'mã đơn vị phải là chuỗi chữ số');
const name = z.string().trim().min(1);
const communeSchema = z.object({ code, name, type: z.string().optional() });
const districtSchema = z.object({ code, name, type: z.string().optional(), communes: z.array(communeSchema) });
const haiDuongSnapshotSchema = z.object({
  source: z.string().optional(),
  province: z.object({ code, name, type: z.string().optional() }),
  districts: z.array(districtSchema).min(1),
});
const kindSchema = z.enum(['full', 'partial']);
const haiPhongSchema = z.object({
  source: z.string().optional(),
  effective_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  province: z.object({
    code,
    name,
    merged_from: z.array(z.object({ old_id: z.string(), name, type: kindSchema })).min(1),
  }),
  communes: z
    .array(
      z.object({
        code,
        name,
        merged_from: z
          .array(
            z.object({
              old_code: code,
              old_name: name,
              old_district: z.string().nullable(),
              old_province: z.string().nullable(),
              kind: kindSchema,
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
type HaiDuongSnapshot = z.infer<typeof haiDuongSnapshotSchema>;

function parseInput<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${label}: dữ liệu không hợp lệ tại ${issue?.path.join('.') || '(gốc)'}: ${issue?.message}`);
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

// Longest prefixes first so that "Thành phố" wins over nothing and "Thị trấn" over "Thị xã".
const ADMIN_TYPE_ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ['Thành phố', 'TP'],
  ['Thị trấn', 'TT'],
  ['Thị xã', 'TX'],
  ['Đặc khu', 'ĐK'],
  ['Huyện', 'H.'],
  ['Phường', 'P.'],
  ['Tỉnh', 'T.'],
  ['Xã', 'X.'],
];

const nfc = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The administrative type a unit name starts with ('Phường Thành Đông' → 'Phường'), or null. */
export function adminTypeFromName(unitName: string): string | null {
  const n = nfc(unitName);
  return ADMIN_TYPE_ABBREVIATIONS.find(([prefix]) => n.startsWith(`${prefix} `))?.[0] ?? null;
}

/** The name without its type prefix ('Thị trấn Ninh Giang' → 'Ninh Giang'). */
export function baseName(unitName: string): string {
  const n = nfc(unitName);
  const prefix = adminTypeFromName(n);
  return prefix ? n.slice(prefix.length + 1) : n;
}

/** Mechanical short name: 'Thành phố Hải Dương' → 'TP Hải Dương', 'Huyện Nam Sách' → 'H. Nam Sách'. */
export function shortNameOf(unitName: string): string | null {
  const n = nfc(unitName);
  const entry = ADMIN_TYPE_ABBREVIATIONS.find(([prefix]) => n.startsWith(`${prefix} `));
  return entry ? `${entry[1]} ${n.slice(entry[0].length + 1)}` : null;
}

// Old-style tone placement ("Hoà", "Thuỷ") and new style ("Hòa", "Thủy") name the same place.
const TONE_STYLE: ReadonlyArray<readonly [RegExp, string]> = [
  [/oà$/, 'òa'],
  [/oá$/, 'óa'],
  [/oả$/, 'ỏa'],
  [/oã$/, 'õa'],
  [/oạ$/, 'ọa'],
  [/oè$/, 'òe'],
  [/oé$/, 'óe'],
  [/oẻ$/, 'ỏe'],
  [/oẽ$/, 'õe'],
  [/oẹ$/, 'ọe'],
  [/uỳ$/, 'ùy'],
  [/uý$/, 'úy'],
  [/uỷ$/, 'ủy'],
  [/uỹ$/, 'ũy'],
  [/uỵ$/, 'ụy'],
];
function syllables(unitName: string): Set<string> {
  return new Set(
    baseName(unitName)
      .toLowerCase()
      .split(' ')
      .filter(Boolean)
      .map((s) => TONE_STYLE.reduce((acc, [re, to]) => acc.replace(re, to), s)),
  );
}
const intersect = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x));

// ---------------------------------------------------------------------------------------------------------------
// Inference of the receiving commune for communes that vanished between the two Hải Dương snapshots
// ---------------------------------------------------------------------------------------------------------------

type RenamedCommune = { key: string; districtCode: string; oldName: string; newName: string };
type VanishedCommune = { key: string; districtCode: string; name: string };
export type AbsorberInference =
  | { vanishedKey: string; absorberKey: string; evidence: 'name_reused' | 'borrowed_syllable' | 'shared_syllable'; syllables: string[]; tieBroken?: boolean }
  | { vanishedKey: string; absorberKey: null; candidates: string[]; ambiguous: boolean };

/**
 * Infers which renamed commune of the same district absorbed each vanished commune. Vietnamese merged communes are
 * usually named after their parts, so the evidence is, in order:
 * 1. the renamed commune took the vanished one's name (Xã Thanh Quang → Xã Quốc Tuấn absorbs Xã Quốc Tuấn);
 * 2. a syllable the renamed commune gained ("borrowed") comes from the vanished one (Thái Học → Thái Minh, Bình Minh);
 *    a tie is broken when the other candidates' borrowed syllables are already explained by other vanished communes;
 * 3. otherwise a syllable shared with the new name (Thanh Khê → Thanh Tân), if unique.
 * Anything else (no renamed commune, no evidence, or a tie) stays unknown.
 */
export function inferAbsorbers(vanished: VanishedCommune[], renamed: RenamedCommune[]): AbsorberInference[] {
  const byDistrict = (d: string) => renamed.filter((r) => r.districtCode === d);
  const borrowed = (r: RenamedCommune) => {
    const old = syllables(r.oldName);
    return new Set([...syllables(r.newName)].filter((s) => !old.has(s)));
  };
  const firstPass = vanished.map((v) => {
    const candidates = byDistrict(v.districtCode);
    const vs = syllables(v.name);
    const exact = candidates.filter((c) => baseName(c.newName).toLowerCase() === baseName(v.name).toLowerCase());
    if (exact.length === 1) {
      return { v, candidates, result: { kind: 'match' as const, absorber: exact[0]!, evidence: 'name_reused' as const, syl: [...vs] } };
    }
    const primary = candidates.map((c) => ({ c, syl: intersect(vs, borrowed(c)) }));
    const maxPrimary = Math.max(0, ...primary.map((p) => p.syl.length));
    if (maxPrimary > 0) {
      const best = primary.filter((p) => p.syl.length === maxPrimary);
      if (best.length === 1) {
        return { v, candidates, result: { kind: 'match' as const, absorber: best[0]!.c, evidence: 'borrowed_syllable' as const, syl: best[0]!.syl } };
      }
      return { v, candidates, result: { kind: 'tie' as const, tied: best } };
    }
    const secondary = candidates.map((c) => ({ c, syl: intersect(vs, syllables(c.newName)) }));
    const maxSecondary = Math.max(0, ...secondary.map((p) => p.syl.length));
    const best = secondary.filter((p) => p.syl.length === maxSecondary);
    if (maxSecondary > 0 && best.length === 1) {
      return { v, candidates, result: { kind: 'match' as const, absorber: best[0]!.c, evidence: 'shared_syllable' as const, syl: best[0]!.syl } };
    }
    return { v, candidates, result: { kind: 'none' as const, ambiguous: maxSecondary > 0 } };
  });

  // Syllables of each renamed commune already explained by a vanished commune matched to it in the first pass.
  const explained = new Map<string, Set<string>>();
  for (const { v, result } of firstPass) {
    if (result.kind !== 'match') continue;
    const set = explained.get(result.absorber.key) ?? new Set<string>();
    syllables(v.name).forEach((s) => set.add(s));
    explained.set(result.absorber.key, set);
  }

  return firstPass.map(({ v, candidates, result }): AbsorberInference => {
    if (result.kind === 'match') {
      return { vanishedKey: v.key, absorberKey: result.absorber.key, evidence: result.evidence, syllables: result.syl };
    }
    if (result.kind === 'tie') {
      const open = result.tied.filter((t) => {
        const done = explained.get(t.c.key);
        return !done || ![...borrowed(t.c)].every((s) => done.has(s));
      });
      if (open.length === 1) {
        return { vanishedKey: v.key, absorberKey: open[0]!.c.key, evidence: 'borrowed_syllable', syllables: open[0]!.syl, tieBroken: true };
      }
    }
    return {
      vanishedKey: v.key,
      absorberKey: null,
      candidates: candidates.map((c) => c.key),
      ambiguous: result.kind === 'tie' || (result.kind === 'none' && result.ambiguous),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------------------------

type SnapshotRecord = { name: string; adminType: string | null; parentKey: string | null };

/**
 * Builds the seed plan of the real administrative units from the three parsed data files.
 * Throws when a file does not match its contract or when the files contradict each other.
 */
export function buildAdminUnitsPlan(input: { hd2021: unknown; hd2025: unknown; hp2025: unknown }): SeedPlan {
  const hd2021 = parseInput(haiDuongSnapshotSchema, input.hd2021, ADMIN_UNIT_FILES.hd2021);
  const hd2025 = parseInput(haiDuongSnapshotSchema, input.hd2025, ADMIN_UNIT_FILES.hd2025);
  const hp2025 = parseInput(haiPhongSchema, input.hp2025, ADMIN_UNIT_FILES.hp2025);
  if (hd2021.province.code !== HAI_DUONG_PROVINCE_CODE || hd2025.province.code !== HAI_DUONG_PROVINCE_CODE) {
    throw new Error(`Dữ liệu Hải Dương phải có mã tỉnh ${HAI_DUONG_PROVINCE_CODE}`);
  }
  if (hp2025.province.code !== HAI_PHONG_CITY_CODE) {
    throw new Error(`Dữ liệu Hải Phòng phải có mã ${HAI_PHONG_CITY_CODE}`);
  }
  if (hp2025.effective_date !== REORGANISATION_DATE) {
    throw new Error(`Ngày hiệu lực dữ liệu Hải Phòng ${hp2025.effective_date} khác ${REORGANISATION_DATE}`);
  }

  const units: SeedUnit[] = [];
  const events: SeedLineageEvent[] = [];
  const unitByKey = new Map<string, SeedUnit>();
  const addUnit = (unit: SeedUnit) => {
    if (unitByKey.has(unit.key)) throw new Error(`Khoá đơn vị trùng: ${unit.key}`);
    unitByKey.set(unit.key, unit);
    units.push(unit);
  };

  // --- Hải Dương, two snapshots --------------------------------------------------------------------------------
  const provinceKey = adminUnitKeys.haiDuongProvince(hd2021.province.code);
  const districts2021 = indexDistricts(hd2021);
  const districts2025 = indexDistricts(hd2025);
  const communes2021 = indexCommunes(hd2021);
  const communes2025 = indexCommunes(hd2025);

  const timeline = (key: string, unitCode: string, kind: UnitKindCode, first: SnapshotRecord, second: SnapshotRecord | undefined): SeedUnit => {
    const versions: SeedUnitVersion[] = [version(first, HD_SNAPSHOT_DATE, REORGANISATION_DATE)];
    let adminType = first.adminType;
    let note = SNAPSHOT_NOTE;
    if (second === undefined) {
      versions[0]!.validTo = COMMUNE_MERGER_APPROX_DATE;
    } else {
      const renamed = nfc(second.name) !== nfc(first.name);
      const moved = second.parentKey !== first.parentKey;
      if (renamed || moved) {
        versions[0]!.validTo = COMMUNE_MERGER_APPROX_DATE;
        versions.push(version(second, COMMUNE_MERGER_APPROX_DATE, REORGANISATION_DATE));
        const common = { approximateDate: true, oldName: nfc(first.name), newName: nfc(second.name) };
        if (renamed) {
          events.push({
            type: 'renamed',
            unitKey: key,
            relatedUnitKeys: [],
            effectiveDate: COMMUNE_MERGER_APPROX_DATE,
            legalBasis: LEGAL_BASIS_COMMUNE_MERGERS_2023_2025,
            details: {
              ...common,
              ...(first.adminType !== second.adminType ? { oldAdminType: first.adminType, newAdminType: second.adminType } : {}),
            },
          });
        }
        if (moved) {
          events.push({
            type: 'moved',
            unitKey: key,
            relatedUnitKeys: second.parentKey ? [second.parentKey] : [],
            effectiveDate: COMMUNE_MERGER_APPROX_DATE,
            legalBasis: LEGAL_BASIS_COMMUNE_MERGERS_2023_2025,
            details: { ...common, fromParentKey: first.parentKey, toParentKey: second.parentKey },
          });
        }
      }
      if (second.adminType !== first.adminType) {
        // adminType is not versioned: keep the latest and say what it was before.
        adminType = second.adminType;
        note = `${SNAPSHOT_NOTE}. Loại đơn vị đổi từ ${first.adminType} thành ${second.adminType} (khoảng ${COMMUNE_MERGER_APPROX_DATE})`;
      }
    }
    return {
      key,
      code: unitCode,
      kind,
      adminType,
      validFrom: HD_SNAPSHOT_DATE,
      validTo: versions.at(-1)!.validTo,
      versions,
      isDemo: false,
      note,
    };
  };

  addUnit(
    timeline(
      provinceKey,
      hd2021.province.code,
      'province',
      { name: hd2021.province.name, adminType: hd2021.province.type ?? adminTypeFromName(hd2021.province.name), parentKey: null },
      { name: hd2025.province.name, adminType: hd2025.province.type ?? hd2021.province.type ?? adminTypeFromName(hd2025.province.name), parentKey: null },
    ),
  );

  for (const [districtCode, d] of districts2021) {
    const d2 = districts2025.get(districtCode);
    const record = (x: typeof d): SnapshotRecord => ({ name: x.name, adminType: x.type ?? adminTypeFromName(x.name), parentKey: provinceKey });
    addUnit(timeline(adminUnitKeys.haiDuongDistrict(districtCode), districtCode, 'district', record(d), d2 && record(d2)));
    if (!d2) {
      events.push(vanishedDistrictEvent(adminUnitKeys.haiDuongDistrict(districtCode)));
    }
  }
  for (const [districtCode, d] of districts2025) {
    if (districts2021.has(districtCode)) continue;
    const key = adminUnitKeys.haiDuongDistrict(districtCode);
    addUnit(newIn2025(key, districtCode, 'district', { name: d.name, adminType: d.type ?? adminTypeFromName(d.name), parentKey: provinceKey }));
    events.push(createdIn2025Event(key));
  }

  const vanished: VanishedCommune[] = [];
  const renamedCommunes: RenamedCommune[] = [];
  for (const [communeCode, c] of communes2021) {
    const c2 = communes2025.get(communeCode);
    const key = adminUnitKeys.haiDuongCommune(communeCode);
    const record = (x: typeof c): SnapshotRecord => ({
      name: x.name,
      adminType: x.type ?? adminTypeFromName(x.name),
      parentKey: adminUnitKeys.haiDuongDistrict(x.districtCode),
    });
    addUnit(timeline(key, communeCode, 'commune', record(c), c2 && record(c2)));
    if (!c2) vanished.push({ key, districtCode: c.districtCode, name: c.name });
    else if (nfc(c2.name) !== nfc(c.name)) {
      renamedCommunes.push({ key, districtCode: c2.districtCode, oldName: c.name, newName: c2.name });
    }
  }
  for (const [communeCode, c] of communes2025) {
    if (communes2021.has(communeCode)) continue;
    // Not in the current data (no new codes), handled so that a corrected file does not break the seed.
    const key = adminUnitKeys.haiDuongCommune(communeCode);
    addUnit(
      newIn2025(key, communeCode, 'commune', {
        name: c.name,
        adminType: c.type ?? adminTypeFromName(c.name),
        parentKey: adminUnitKeys.haiDuongDistrict(c.districtCode),
      }),
    );
    events.push(createdIn2025Event(key));
  }

  const inferences = inferAbsorbers(vanished, renamedCommunes);
  const absorbedBy = new Map<string, string[]>();
  for (const inf of inferences) {
    const v = vanished.find((x) => x.key === inf.vanishedKey)!;
    if (inf.absorberKey !== null) {
      const absorber = renamedCommunes.find((r) => r.key === inf.absorberKey)!;
      absorbedBy.set(inf.absorberKey, [...(absorbedBy.get(inf.absorberKey) ?? []), inf.vanishedKey]);
      events.push({
        type: 'merged_into',
        unitKey: inf.vanishedKey,
        relatedUnitKeys: [inf.absorberKey],
        effectiveDate: COMMUNE_MERGER_APPROX_DATE,
        legalBasis: LEGAL_BASIS_COMMUNE_MERGERS_2023_2025,
        details: {
          inferred: true,
          approximateDate: true,
          kind: 'full',
          evidence: inf.evidence,
          matchedSyllables: inf.syllables,
          ...(inf.tieBroken ? { tieBroken: true } : {}),
          oldName: nfc(v.name),
          absorberOldName: nfc(absorber.oldName),
          absorberNewName: nfc(absorber.newName),
        },
      });
    } else {
      events.push({
        type: 'dissolved',
        unitKey: inf.vanishedKey,
        relatedUnitKeys: [],
        effectiveDate: COMMUNE_MERGER_APPROX_DATE,
        legalBasis: LEGAL_BASIS_COMMUNE_MERGERS_2023_2025,
        details: {
          reason: VANISHED_REASON,
          approximateDate: true,
          oldName: nfc(v.name),
          renamedCandidatesInDistrict: inf.candidates,
          ambiguous: inf.ambiguous,
        },
      });
    }
  }
  // The absorber's rename event names what it probably absorbed.
  for (const e of events) {
    if (e.type === 'renamed' && absorbedBy.has(e.unitKey)) {
      e.details = { ...e.details, inferredAbsorbedUnitKeys: absorbedBy.get(e.unitKey) };
    }
  }

  // --- 1 July 2025: Hải Phòng city -----------------------------------------------------------------------------
  const cityKey = HAI_PHONG_CITY_KEY;
  const cityName = nfc(hp2025.province.name);
  const internalProvince = hp2025.province.merged_from.filter((m) => m.old_id === hd2021.province.code);
  const externalProvince = hp2025.province.merged_from.filter((m) => m.old_id !== hd2021.province.code);
  if (internalProvince.length !== 1) throw new Error('Dữ liệu Hải Phòng không ghi Tỉnh Hải Dương là đơn vị hợp thành');
  addUnit({
    key: cityKey,
    code: hp2025.province.code,
    kind: 'province',
    adminType: adminTypeFromName(cityName),
    validFrom: REORGANISATION_DATE,
    validTo: null,
    versions: [{ name: cityName, shortName: shortNameOf(cityName), parentKey: null, validFrom: REORGANISATION_DATE, validTo: null }],
    isDemo: false,
    note: 'Thành phố Hải Phòng mới (Nghị quyết 202/2025/QH15), hình thành từ Tỉnh Hải Dương và Thành phố Hải Phòng cũ; thành phố cũ (cũng mã 31) ngoài phạm vi dữ liệu',
  });
  events.push({
    type: 'merged_into',
    unitKey: provinceKey,
    relatedUnitKeys: [cityKey],
    effectiveDate: REORGANISATION_DATE,
    legalBasis: LEGAL_BASIS_PROVINCE_MERGER,
    details: { kind: internalProvince[0]!.type, newName: cityName },
  });
  events.push({
    type: 'created',
    unitKey: cityKey,
    relatedUnitKeys: [provinceKey],
    effectiveDate: REORGANISATION_DATE,
    legalBasis: LEGAL_BASIS_PROVINCE_MERGER,
    details: {
      predecessors: [{ key: provinceKey, code: hd2021.province.code, name: nfc(hd2025.province.name), kind: internalProvince[0]!.type }],
      externalPredecessors: externalProvince.map((m): ExternalPredecessor => ({ code: m.old_id, name: nfc(m.name), district: null, province: null, kind: m.type })),
      continuation: false,
      reason: 'Nghị quyết 202/2025/QH15 lập thành phố mới tên Hải Phòng; thành phố cũ không có trong dữ liệu nên không tạo đơn vị',
    },
  });

  // Communes of the last Hải Dương snapshot are the ones that flow into the new communes.
  const hdProvinceName = nfc(hd2025.province.name);
  const successors = new Map<string, { newKey: string; kind: 'full' | 'partial'; newName: string }[]>();
  for (const c of hp2025.communes) {
    const newKey = adminUnitKeys.after2025(c.code);
    const newName = nfc(c.name);
    addUnit({
      key: newKey,
      code: c.code,
      kind: 'commune',
      adminType: adminTypeFromName(newName),
      validFrom: REORGANISATION_DATE,
      validTo: null,
      versions: [{ name: newName, shortName: shortNameOf(newName), parentKey: cityKey, validFrom: REORGANISATION_DATE, validTo: null }],
      isDemo: false,
    });
    const predecessors: { key: string; code: string; name: string; district: string | null; kind: 'full' | 'partial' }[] = [];
    const external: ExternalPredecessor[] = [];
    for (const m of c.merged_from) {
      if (m.old_province === null || nfc(m.old_province) !== hdProvinceName) {
        external.push({ code: m.old_code, name: nfc(m.old_name), district: m.old_district && nfc(m.old_district), province: m.old_province && nfc(m.old_province), kind: m.kind });
        continue;
      }
      const old = communes2025.get(m.old_code);
      if (!old || nfc(old.name) !== nfc(m.old_name)) {
        throw new Error(`${ADMIN_UNIT_FILES.hp2025}: ${newName} ghi đơn vị cũ ${m.old_code} ${m.old_name}, không khớp dữ liệu Hải Dương 2025-03 (${old?.name ?? 'không có'})`);
      }
      const oldKey = adminUnitKeys.haiDuongCommune(m.old_code);
      predecessors.push({ key: oldKey, code: m.old_code, name: nfc(m.old_name), district: m.old_district && nfc(m.old_district), kind: m.kind });
      successors.set(oldKey, [...(successors.get(oldKey) ?? []), { newKey, kind: m.kind, newName }]);
    }
    const reusedFrom = c.merged_from.some((m) => m.old_code === c.code && m.old_province !== null && nfc(m.old_province) === hdProvinceName)
      ? adminUnitKeys.haiDuongCommune(c.code)
      : undefined;
    events.push({
      type: 'created',
      unitKey: newKey,
      relatedUnitKeys: predecessors.map((p) => p.key),
      effectiveDate: REORGANISATION_DATE,
      legalBasis: LEGAL_BASIS_HAI_PHONG_COMMUNES,
      details: {
        predecessors,
        externalPredecessors: external,
        ...(reusedFrom ? { codeReusedFromUnitKey: reusedFrom } : {}),
      },
    });
  }

  for (const [communeCode] of communes2025) {
    const oldKey = adminUnitKeys.haiDuongCommune(communeCode);
    const list = successors.get(oldKey);
    if (!list) {
      // Every commune is in the current data; kept so that a gap is visible rather than silently open-ended.
      events.push({
        type: 'dissolved',
        unitKey: oldKey,
        relatedUnitKeys: [],
        effectiveDate: REORGANISATION_DATE,
        legalBasis: LEGAL_BASIS_HAI_PHONG_COMMUNES,
        details: { reason: 'không có trong dữ liệu sắp xếp cấp xã 2025 của thành phố Hải Phòng' },
      });
      continue;
    }
    for (const s of list) {
      events.push({
        type: 'merged_into',
        unitKey: oldKey,
        relatedUnitKeys: [s.newKey],
        effectiveDate: REORGANISATION_DATE,
        legalBasis: LEGAL_BASIS_HAI_PHONG_COMMUNES,
        details: { kind: s.kind, newName: s.newName, ...(list.length > 1 ? { splitAcross: list.map((x) => x.newKey) } : {}) },
      });
    }
  }

  // District level ends; its territory is now held by the new communes formed from its communes.
  for (const [districtCode, d] of districts2025) {
    const districtKey = adminUnitKeys.haiDuongDistrict(districtCode);
    const heirs = new Set<string>();
    for (const c of d.communes) successors.get(adminUnitKeys.haiDuongCommune(c.code))?.forEach((s) => heirs.add(s.newKey));
    events.push({
      type: 'dissolved',
      unitKey: districtKey,
      relatedUnitKeys: [...heirs].sort(),
      effectiveDate: REORGANISATION_DATE,
      legalBasis: LEGAL_BASIS_DISTRICT_LEVEL_ENDED,
      details: {
        reason: 'Chấm dứt đơn vị hành chính cấp huyện (chính quyền địa phương 2 cấp)',
        relatedUnitKeysMeaning: 'các xã, phường mới tiếp nhận địa bàn của các xã thuộc huyện',
        alsoSee: 'Nghị quyết 202/2025/QH15',
      },
    });
  }

  events.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
  return { units, events };
}

function version(r: SnapshotRecord, validFrom: string, validTo: string | null): SeedUnitVersion {
  const n = nfc(r.name);
  return { name: n, shortName: shortNameOf(n), parentKey: r.parentKey, validFrom, validTo };
}

function newIn2025(key: string, unitCode: string, kind: UnitKindCode, r: SnapshotRecord): SeedUnit {
  return {
    key,
    code: unitCode,
    kind,
    adminType: r.adminType,
    validFrom: COMMUNE_MERGER_APPROX_DATE,
    validTo: REORGANISATION_DATE,
    versions: [version(r, COMMUNE_MERGER_APPROX_DATE, REORGANISATION_DATE)],
    isDemo: false,
  };
}

function createdIn2025Event(key: string): SeedLineageEvent {
  return {
    type: 'created',
    unitKey: key,
    relatedUnitKeys: [],
    effectiveDate: COMMUNE_MERGER_APPROX_DATE,
    legalBasis: LEGAL_BASIS_COMMUNE_MERGERS_2023_2025,
    details: { approximateDate: true },
  };
}

function vanishedDistrictEvent(key: string): SeedLineageEvent {
  return {
    type: 'dissolved',
    unitKey: key,
    relatedUnitKeys: [],
    effectiveDate: COMMUNE_MERGER_APPROX_DATE,
    legalBasis: LEGAL_BASIS_COMMUNE_MERGERS_2023_2025,
    details: { reason: VANISHED_REASON, approximateDate: true },
  };
}

function indexDistricts(s: HaiDuongSnapshot) {
  const map = new Map<string, HaiDuongSnapshot['districts'][number]>();
  for (const d of s.districts) {
    if (map.has(d.code)) throw new Error(`Mã huyện trùng trong một ảnh chụp: ${d.code}`);
    map.set(d.code, d);
  }
  return map;
}

function indexCommunes(s: HaiDuongSnapshot) {
  const map = new Map<string, { code: string; name: string; type?: string; districtCode: string }>();
  for (const d of s.districts) {
    for (const c of d.communes) {
      if (map.has(c.code)) throw new Error(`Mã xã trùng trong một ảnh chụp: ${c.code}`);
      map.set(c.code, { ...c, districtCode: d.code });
    }
  }
  return map;
}

/** Reads the three data files from `dataDir` and builds the plan. */
export async function loadAdminUnitsPlan(dataDir: string): Promise<SeedPlan> {
  const read = async (file: string): Promise<unknown> => {
    const full = path.join(dataDir, file);
    try {
      return JSON.parse(await readFile(full, 'utf8')) as unknown;
    } catch (error) {
      throw new Error(`Không đọc được ${full}: ${(error as Error).message}`, { cause: error });
    }
  };
  const [hd2021, hd2025, hp2025] = await Promise.all([read(ADMIN_UNIT_FILES.hd2021), read(ADMIN_UNIT_FILES.hd2025), read(ADMIN_UNIT_FILES.hp2025)]);
  return buildAdminUnitsPlan({ hd2021, hd2025, hp2025 });
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers over a plan: combine, query as of a date, check invariants
// ---------------------------------------------------------------------------------------------------------------

/** Concatenates plans (e.g. admin units + demo organisations); run `findPlanProblems` on the result. */
export function combineSeedPlans(...plans: SeedPlan[]): SeedPlan {
  return { units: plans.flatMap((p) => p.units), events: plans.flatMap((p) => p.events) };
}

const within = (from: string, to: string | null, date: string) => from <= date && (to === null || date < to);

/** The version of a unit in force on `date`, or undefined. */
export function versionAsOf(unit: SeedUnit, date: string): SeedUnitVersion | undefined {
  return unit.versions.find((v) => within(v.validFrom, v.validTo, date));
}

/** Units valid on `date`. */
export function unitsValidOn(plan: SeedPlan, date: string): SeedUnit[] {
  return plan.units.filter((u) => within(u.validFrom, u.validTo, date));
}

export type UnitTreeNode = {
  key: string;
  code: string | null;
  kind: UnitKindCode;
  adminType: string | null;
  name: string;
  shortName: string | null;
  isDemo: boolean;
  children: UnitTreeNode[];
};

/**
 * The organisation tree on `date` (YYYY-MM-DD): roots are units with no parent that day. Children are ordered by
 * official code, then by name. A unit whose parent is not valid that day is returned as a root (findPlanProblems
 * reports it).
 */
export function treeAsOf(plan: SeedPlan, date: string): UnitTreeNode[] {
  const nodes = new Map<string, { node: UnitTreeNode; parentKey: string | null }>();
  for (const u of unitsValidOn(plan, date)) {
    const v = versionAsOf(u, date);
    if (!v) continue;
    nodes.set(u.key, {
      node: { key: u.key, code: u.code, kind: u.kind, adminType: u.adminType, name: v.name, shortName: v.shortName, isDemo: u.isDemo, children: [] },
      parentKey: v.parentKey,
    });
  }
  const roots: UnitTreeNode[] = [];
  for (const { node, parentKey } of nodes.values()) {
    const parent = parentKey ? nodes.get(parentKey) : undefined;
    (parent ? parent.node.children : roots).push(node);
  }
  const order = (a: UnitTreeNode, b: UnitTreeNode) => {
    if (a.code !== null && b.code !== null && a.code !== b.code) return Number(a.code) - Number(b.code);
    if (a.code !== null && b.code === null) return -1;
    if (a.code === null && b.code !== null) return 1;
    return a.name.localeCompare(b.name, 'vi');
  };
  const sortDeep = (list: UnitTreeNode[]) => {
    list.sort(order);
    list.forEach((n) => sortDeep(n.children));
  };
  sortDeep(roots);
  return roots;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function isRealDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Checks the invariants the DB layer relies on and returns human-readable problems (empty when the plan is sound):
 * unique keys; real dates; non-empty, contiguous versions covering exactly the unit's validity; parents that exist
 * and are valid throughout each version, without cycles; no official code held by two units on the same date;
 * events that name existing units, with end events on the unit's end date, `created` on its start date and
 * renamed/moved on a version boundary.
 */
export function findPlanProblems(plan: SeedPlan): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, SeedUnit>();
  for (const u of plan.units) {
    if (byKey.has(u.key)) problems.push(`${u.key}: khoá trùng`);
    byKey.set(u.key, u);
  }
  const before = (a: string, b: string | null) => b === null || a < b;
  const endsNoLaterThan = (a: string | null, b: string | null) => b === null || (a !== null && a <= b);

  for (const u of plan.units) {
    if (!isRealDate(u.validFrom) || (u.validTo !== null && !isRealDate(u.validTo))) problems.push(`${u.key}: ngày không hợp lệ`);
    if (!before(u.validFrom, u.validTo)) problems.push(`${u.key}: validFrom không trước validTo`);
    if (u.versions.length === 0) {
      problems.push(`${u.key}: không có phiên bản`);
      continue;
    }
    if (u.versions[0]!.validFrom !== u.validFrom) problems.push(`${u.key}: phiên bản đầu không bắt đầu ở validFrom của đơn vị`);
    if (u.versions.at(-1)!.validTo !== u.validTo) problems.push(`${u.key}: phiên bản cuối không kết thúc ở validTo của đơn vị`);
    u.versions.forEach((v, i) => {
      if (!before(v.validFrom, v.validTo)) problems.push(`${u.key}: phiên bản ${i} rỗng hoặc ngược`);
      const next = u.versions[i + 1];
      if (next && v.validTo !== next.validFrom) problems.push(`${u.key}: phiên bản ${i} và ${i + 1} không liền nhau`);
      if (!v.name.trim()) problems.push(`${u.key}: phiên bản ${i} không có tên`);
      if (v.parentKey !== null) {
        const parent = byKey.get(v.parentKey);
        if (!parent) problems.push(`${u.key}: đơn vị cha ${v.parentKey} không tồn tại`);
        else if (!(parent.validFrom <= v.validFrom && endsNoLaterThan(v.validTo, parent.validTo))) {
          problems.push(`${u.key}: đơn vị cha ${v.parentKey} không có hiệu lực suốt [${v.validFrom}, ${v.validTo ?? '∞'})`);
        }
        // Walk up as of the version's first day to catch cycles.
        const seen = new Set([u.key]);
        let cursor: string | null = v.parentKey;
        while (cursor) {
          if (seen.has(cursor)) {
            problems.push(`${u.key}: vòng lặp đơn vị cha tại ${v.validFrom}`);
            break;
          }
          seen.add(cursor);
          const p = byKey.get(cursor);
          cursor = p ? (versionAsOf(p, v.validFrom)?.parentKey ?? null) : null;
        }
      }
    });
  }

  const byCode = new Map<string, SeedUnit[]>();
  for (const u of plan.units) if (u.code !== null) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  for (const [c, list] of byCode) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (before(a.validFrom, b.validTo) && before(b.validFrom, a.validTo)) {
          problems.push(`mã ${c}: ${a.key} và ${b.key} cùng có hiệu lực`);
        }
      }
    }
  }

  plan.events.forEach((e, i) => {
    const label = `sự kiện ${i} (${e.type} ${e.unitKey})`;
    const unit = byKey.get(e.unitKey);
    if (!isRealDate(e.effectiveDate)) problems.push(`${label}: ngày không hợp lệ`);
    if (!unit) {
      problems.push(`${label}: đơn vị không tồn tại`);
      return;
    }
    for (const k of e.relatedUnitKeys) if (!byKey.has(k)) problems.push(`${label}: đơn vị liên quan ${k} không tồn tại`);
    if (e.legalBasis?.date && !isRealDate(e.legalBasis.date)) problems.push(`${label}: ngày văn bản không hợp lệ`);
    switch (e.type) {
      case 'merged_into':
      case 'dissolved':
        if (e.effectiveDate !== unit.validTo) problems.push(`${label}: ngày hiệu lực khác validTo của đơn vị`);
        if (e.type === 'merged_into') {
          if (e.relatedUnitKeys.length === 0) problems.push(`${label}: thiếu đơn vị tiếp nhận`);
          for (const k of e.relatedUnitKeys) {
            const target = byKey.get(k);
            if (target && !within(target.validFrom, target.validTo, e.effectiveDate)) {
              problems.push(`${label}: đơn vị tiếp nhận ${k} không có hiệu lực ngày ${e.effectiveDate}`);
            }
          }
        }
        break;
      case 'created':
      case 'split_from':
        if (e.effectiveDate !== unit.validFrom) problems.push(`${label}: ngày hiệu lực khác validFrom của đơn vị`);
        break;
      case 'renamed':
      case 'moved':
        if (!unit.versions.some((v, j) => j > 0 && v.validFrom === e.effectiveDate)) {
          problems.push(`${label}: không có phiên bản mới bắt đầu ngày ${e.effectiveDate}`);
        }
        break;
      default:
        assertNever(e.type);
    }
  });
  return problems;
}

function assertNever(value: never): never {
  throw new Error(`Giá trị không xử lý: ${String(value)}`);
}
