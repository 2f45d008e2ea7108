/**
 * Demo organisations of the movement that are not administrative units: provincial departments, the emulation
 * board, mass organisations, a few enterprises and a university, with their history through the March 2025
 * department mergers and the July 2025 province merger. They have no official code (code null, isDemo true).
 *
 * Decisions:
 * - Parent is the province (or Sở Nội vụ for Ban Thi đua - Khen thưởng), so they hang in the same tree as the
 *   administrative units of admin-units.ts.
 * - Departments of the new Hải Phòng city are new units from 1 July 2025 (as the city is); each Hải Dương department
 *   is `merged_into` its counterpart. The old Hải Phòng departments are outside our data (external predecessors).
 * - Enterprises and the university are not reorganised: they keep one identity and are `moved` under the new city.
 * - Emulation clusters/blocks (cụm, khối thi đua) are groups, not units: they are not seeded here.
 * - No document numbers are in our data for the department reorganisations: legal basis numbers are null.
 */
import {
  HAI_DUONG_PROVINCE_KEY,
  HAI_PHONG_CITY_KEY,
  HD_SNAPSHOT_DATE,
  LEGAL_BASIS_PROVINCE_MERGER,
  REORGANISATION_DATE,
  type LegalBasis,
  type SeedLineageEvent,
  type SeedPlan,
  type SeedUnit,
  type UnitKindCode,
} from './admin-units.js';

/** Date of the March 2025 department mergers (Sở TT&TT into Sở KH&CN, see docs/domain.md). */
export const DEPARTMENT_MERGER_DATE = '2025-03-01';

export const DEMO_NOTE = 'Danh mục minh hoạ, không phải mã chính thức';
const DEMO_ENTERPRISE_NOTE = `${DEMO_NOTE}. Dữ liệu minh hoạ, không phản ánh số liệu thật của doanh nghiệp`;

export const LEGAL_BASIS_DEPARTMENT_MERGERS_2025_03: LegalBasis = {
  number: null,
  date: null,
  title: 'Nghị quyết của HĐND tỉnh Hải Dương về thành lập, tổ chức lại các cơ quan chuyên môn thuộc UBND tỉnh (số hiệu văn bản không có trong dữ liệu)',
};
export const LEGAL_BASIS_DEPARTMENTS_2025_07: LegalBasis = {
  number: null,
  date: null,
  title: 'Tổ chức các cơ quan chuyên môn của thành phố Hải Phòng sau khi hợp nhất theo Nghị quyết 202/2025/QH15 (số hiệu văn bản không có trong dữ liệu)',
};

/** Keys of demo organisations: `org:hd:<slug>` for Hải Dương, `org:hp:<slug>` for Hải Phòng city from 2025-07-01. */
export const demoKeys = {
  haiDuong: (slug: string) => `org:hd:${slug}`,
  haiPhong: (slug: string) => `org:hp:${slug}`,
};

type DemoOrganisation = {
  slug: string;
  kind: UnitKindCode;
  name: string;
  shortName: string;
  /** Slug of the parent organisation; the province when absent. */
  parentSlug?: string;
  /** Ends on DEPARTMENT_MERGER_DATE, merged into this slug. */
  mergedInto20250301?: string;
  /** Renamed on DEPARTMENT_MERGER_DATE after absorbing a department outside this list. */
  renamed20250301?: { name: string; shortName: string; absorbed: string };
  /** Hải Phòng city counterpart from 2025-07-01; absent for units that move under the city instead. */
  haiPhong?: { name: string; shortName: string };
};

const ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: 'van-phong-ubnd',
    kind: 'department',
    name: 'Văn phòng Ủy ban nhân dân tỉnh Hải Dương',
    shortName: 'VP UBND tỉnh',
    haiPhong: { name: 'Văn phòng Ủy ban nhân dân thành phố Hải Phòng', shortName: 'VP UBND TP' },
  },
  {
    slug: 'so-noi-vu',
    kind: 'department',
    name: 'Sở Nội vụ tỉnh Hải Dương',
    shortName: 'Sở Nội vụ',
    haiPhong: { name: 'Sở Nội vụ thành phố Hải Phòng', shortName: 'Sở Nội vụ HP' },
  },
  {
    slug: 'ban-thi-dua-khen-thuong',
    kind: 'board',
    name: 'Ban Thi đua - Khen thưởng tỉnh Hải Dương',
    shortName: 'Ban TĐKT',
    parentSlug: 'so-noi-vu',
    haiPhong: { name: 'Ban Thi đua - Khen thưởng thành phố Hải Phòng', shortName: 'Ban TĐKT HP' },
  },
  {
    slug: 'so-thong-tin-truyen-thong',
    kind: 'department',
    name: 'Sở Thông tin và Truyền thông tỉnh Hải Dương',
    shortName: 'Sở TT&TT',
    mergedInto20250301: 'so-khoa-hoc-cong-nghe',
  },
  {
    slug: 'so-khoa-hoc-cong-nghe',
    kind: 'department',
    name: 'Sở Khoa học và Công nghệ tỉnh Hải Dương',
    shortName: 'Sở KH&CN',
    haiPhong: { name: 'Sở Khoa học và Công nghệ thành phố Hải Phòng', shortName: 'Sở KH&CN HP' },
  },
  {
    slug: 'so-ke-hoach-dau-tu',
    kind: 'department',
    name: 'Sở Kế hoạch và Đầu tư tỉnh Hải Dương',
    shortName: 'Sở KH&ĐT',
    mergedInto20250301: 'so-tai-chinh',
  },
  {
    slug: 'so-tai-chinh',
    kind: 'department',
    name: 'Sở Tài chính tỉnh Hải Dương',
    shortName: 'Sở Tài chính',
    haiPhong: { name: 'Sở Tài chính thành phố Hải Phòng', shortName: 'Sở Tài chính HP' },
  },
  {
    slug: 'so-y-te',
    kind: 'department',
    name: 'Sở Y tế tỉnh Hải Dương',
    shortName: 'Sở Y tế',
    haiPhong: { name: 'Sở Y tế thành phố Hải Phòng', shortName: 'Sở Y tế HP' },
  },
  {
    slug: 'so-giao-duc-dao-tao',
    kind: 'department',
    name: 'Sở Giáo dục và Đào tạo tỉnh Hải Dương',
    shortName: 'Sở GD&ĐT',
    haiPhong: { name: 'Sở Giáo dục và Đào tạo thành phố Hải Phòng', shortName: 'Sở GD&ĐT HP' },
  },
  {
    slug: 'so-nong-nghiep',
    kind: 'department',
    name: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Hải Dương',
    shortName: 'Sở NN&PTNT',
    renamed20250301: {
      name: 'Sở Nông nghiệp và Môi trường tỉnh Hải Dương',
      shortName: 'Sở NN&MT',
      absorbed: 'Sở Tài nguyên và Môi trường tỉnh Hải Dương',
    },
    haiPhong: { name: 'Sở Nông nghiệp và Môi trường thành phố Hải Phòng', shortName: 'Sở NN&MT HP' },
  },
  {
    slug: 'so-cong-thuong',
    kind: 'department',
    name: 'Sở Công Thương tỉnh Hải Dương',
    shortName: 'Sở Công Thương',
    haiPhong: { name: 'Sở Công Thương thành phố Hải Phòng', shortName: 'Sở Công Thương HP' },
  },
  {
    slug: 'so-van-hoa-the-thao-du-lich',
    kind: 'department',
    name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Hải Dương',
    shortName: 'Sở VHTTDL',
    haiPhong: { name: 'Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng', shortName: 'Sở VHTTDL HP' },
  },
  {
    slug: 'cong-an',
    kind: 'other',
    name: 'Công an tỉnh Hải Dương',
    shortName: 'Công an tỉnh',
    haiPhong: { name: 'Công an thành phố Hải Phòng', shortName: 'Công an TP' },
  },
  {
    slug: 'mat-tran-to-quoc',
    kind: 'mass_org',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hải Dương',
    shortName: 'UBMTTQ tỉnh',
    haiPhong: { name: 'Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hải Phòng', shortName: 'UBMTTQ TP' },
  },
  {
    slug: 'tinh-doan',
    kind: 'mass_org',
    name: 'Tỉnh đoàn Hải Dương',
    shortName: 'Tỉnh đoàn',
    haiPhong: { name: 'Thành đoàn Hải Phòng', shortName: 'Thành đoàn' },
  },
  {
    slug: 'hoi-lien-hiep-phu-nu',
    kind: 'mass_org',
    name: 'Hội Liên hiệp Phụ nữ tỉnh Hải Dương',
    shortName: 'Hội LHPN tỉnh',
    haiPhong: { name: 'Hội Liên hiệp Phụ nữ thành phố Hải Phòng', shortName: 'Hội LHPN TP' },
  },
  { slug: 'vnpt-hai-duong', kind: 'enterprise', name: 'VNPT Hải Dương', shortName: 'VNPT HD' },
  { slug: 'viettel-hai-duong', kind: 'enterprise', name: 'Viettel Hải Dương', shortName: 'Viettel HD' },
  { slug: 'truong-dai-hoc-hai-duong', kind: 'university', name: 'Trường Đại học Hải Dương', shortName: 'ĐH Hải Dương' },
];

/** Builds the demo organisations; parents are the province keys of admin-units.ts, so seed both plans together. */
export function buildDemoOrganisations(): SeedPlan {
  const units: SeedUnit[] = [];
  const events: SeedLineageEvent[] = [];
  const bySlug = new Map(ORGANISATIONS.map((o) => [o.slug, o]));
  const hdParent = (o: DemoOrganisation) => (o.parentSlug ? demoKeys.haiDuong(o.parentSlug) : HAI_DUONG_PROVINCE_KEY);
  const hpParent = (o: DemoOrganisation) => (o.parentSlug ? demoKeys.haiPhong(o.parentSlug) : HAI_PHONG_CITY_KEY);
  const noteOf = (o: DemoOrganisation) => (o.kind === 'enterprise' ? DEMO_ENTERPRISE_NOTE : DEMO_NOTE);

  for (const o of ORGANISATIONS) {
    const key = demoKeys.haiDuong(o.slug);
    const base = { key, code: null, kind: o.kind, adminType: null, isDemo: true, note: noteOf(o), validFrom: HD_SNAPSHOT_DATE };

    if (o.mergedInto20250301) {
      const target = bySlug.get(o.mergedInto20250301);
      if (!target) throw new Error(`Không có đơn vị ${o.mergedInto20250301}`);
      units.push({
        ...base,
        validTo: DEPARTMENT_MERGER_DATE,
        versions: [{ name: o.name, shortName: o.shortName, parentKey: hdParent(o), validFrom: HD_SNAPSHOT_DATE, validTo: DEPARTMENT_MERGER_DATE }],
      });
      events.push({
        type: 'merged_into',
        unitKey: key,
        relatedUnitKeys: [demoKeys.haiDuong(target.slug)],
        effectiveDate: DEPARTMENT_MERGER_DATE,
        legalBasis: LEGAL_BASIS_DEPARTMENT_MERGERS_2025_03,
        details: { kind: 'full', newName: target.name },
      });
      continue;
    }

    if (o.haiPhong) {
      const versions = o.renamed20250301
        ? [
            { name: o.name, shortName: o.shortName, parentKey: hdParent(o), validFrom: HD_SNAPSHOT_DATE, validTo: DEPARTMENT_MERGER_DATE },
            {
              name: o.renamed20250301.name,
              shortName: o.renamed20250301.shortName,
              parentKey: hdParent(o),
              validFrom: DEPARTMENT_MERGER_DATE,
              validTo: REORGANISATION_DATE,
            },
          ]
        : [{ name: o.name, shortName: o.shortName, parentKey: hdParent(o), validFrom: HD_SNAPSHOT_DATE, validTo: REORGANISATION_DATE }];
      units.push({ ...base, validTo: REORGANISATION_DATE, versions });
      if (o.renamed20250301) {
        events.push({
          type: 'renamed',
          unitKey: key,
          relatedUnitKeys: [],
          effectiveDate: DEPARTMENT_MERGER_DATE,
          legalBasis: LEGAL_BASIS_DEPARTMENT_MERGERS_2025_03,
          details: {
            oldName: o.name,
            newName: o.renamed20250301.name,
            // The absorbed department is not in the demo list, so it is named, not linked.
            externalPredecessors: [{ code: null, name: o.renamed20250301.absorbed, district: null }],
          },
        });
      }

      const hpKey = demoKeys.haiPhong(o.slug);
      units.push({
        key: hpKey,
        code: null,
        kind: o.kind,
        adminType: null,
        isDemo: true,
        note: noteOf(o),
        validFrom: REORGANISATION_DATE,
        validTo: null,
        versions: [{ name: o.haiPhong.name, shortName: o.haiPhong.shortName, parentKey: hpParent(o), validFrom: REORGANISATION_DATE, validTo: null }],
      });
      events.push({
        type: 'merged_into',
        unitKey: key,
        relatedUnitKeys: [hpKey],
        effectiveDate: REORGANISATION_DATE,
        legalBasis: LEGAL_BASIS_DEPARTMENTS_2025_07,
        details: { kind: 'full', newName: o.haiPhong.name },
      });
      events.push({
        type: 'created',
        unitKey: hpKey,
        relatedUnitKeys: [key],
        effectiveDate: REORGANISATION_DATE,
        legalBasis: LEGAL_BASIS_DEPARTMENTS_2025_07,
        details: {
          externalPredecessors: [{ code: null, name: `${o.haiPhong.name} (trước 01/07/2025)`, district: null }],
        },
      });
      continue;
    }

    // Enterprises and the university keep their identity and move under the new city.
    units.push({
      ...base,
      validTo: null,
      versions: [
        { name: o.name, shortName: o.shortName, parentKey: hdParent(o), validFrom: HD_SNAPSHOT_DATE, validTo: REORGANISATION_DATE },
        { name: o.name, shortName: o.shortName, parentKey: HAI_PHONG_CITY_KEY, validFrom: REORGANISATION_DATE, validTo: null },
      ],
    });
    events.push({
      type: 'moved',
      unitKey: key,
      relatedUnitKeys: [HAI_PHONG_CITY_KEY],
      effectiveDate: REORGANISATION_DATE,
      legalBasis: LEGAL_BASIS_PROVINCE_MERGER,
      details: { fromParentKey: hdParent(o), toParentKey: HAI_PHONG_CITY_KEY },
    });
  }

  events.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
  return { units, events };
}
