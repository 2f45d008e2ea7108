/**
 * Synthetic national-scale dataset for bench/dashboard.ts, written with bulk SQL (INSERT … SELECT generate_series):
 * units and their versions, a bench movement (imported through the real package import, so its criteria set is
 * validated), a quarterly regime with its periods, and per period every reporting unit's report (values jsonb) with,
 * for approved and locked reports, the stored evaluation (criteria_evaluations.result in the scoring engine's shape),
 * exactly the tables the dashboard and public ranking queries read. The per-criterion summary the dashboard counts
 * (report_criterion_results) is filled by the database's triggers as each report is inserted with its evaluation,
 * exactly as for an approval; checkAgainstEngine verifies it matches the stored evaluations.
 *
 * Everything is labelled as bench data: unit codes are 'BENCH-000123', names say "đo kiểm (giả lập)", is_demo = true.
 * No official administrative code is used or imitated.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { CriteriaSetVersion, UnitLevel } from '../src/core/criteria/criteria.schemas.js';
import { Dec } from '../src/core/decimal.js';
import { defaultSchedule } from '../src/core/reports/periods.js';
import { scoreUnit, type UnitScore } from '../src/core/scoring/engine.js';
import { queryRows, type Db } from '../src/server/db/client.js';
import { reportPeriods, reportRegimes } from '../src/server/db/schema/index.js';
import { importMovementPackage } from '../src/server/modules/movements/package-import.js';

export type DatasetSize = { communes: number; others: number; elements: number; periods: number };

export type Dataset = {
  tenantId: string;
  movementId: string;
  versionId: string;
  regimeId: string;
  rootUnitId: string;
  /** Oldest first; the last is open (approvals happen there), the one before it closed (published). */
  periods: { id: string; code: string; label: string; status: string }[];
  counts: { units: number; reportingUnits: number; reports: number; evaluations: number; values: number; criteria: number };
};

/** Reporting levels of the bench regime and each level's target (percent) for every bench criterion. */
const thresholds: Record<string, string> = { department: '90', district: '80', commune: '60', enterprise: '50' };

/** Criterion k (1-based) uses four data elements: (online + shared) / (total − secret) × 100. */
const el = (k: number, part: 'total' | 'secret' | 'online' | 'shared') => `bench_c${String(k).padStart(2, '0')}_${part}`;

/** The KH 3125 package with its criteria set replaced by the bench one (40 elements → 10 ratio criteria). */
function benchPackage(elements: number): unknown {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../packages/kh-3125-2021.json'), 'utf8')) as {
    movement: Record<string, unknown>;
    criteriaSet: { code: string; dataElements: unknown[]; criteria: unknown[]; contentAreas: { code: string }[] };
  };
  const criteriaCount = Math.floor(elements / 4);
  const extra = elements - criteriaCount * 4;
  pkg.movement.code = 'bench-dashboard';
  pkg.movement.name = 'Phong trào đo kiểm hiệu năng (dữ liệu giả lập)';
  pkg.movement.shortName = 'Đo kiểm (giả lập)';
  pkg.criteriaSet.code = 'bench_dashboard';
  const dataElements: unknown[] = [];
  const names = { total: 'Tổng số hồ sơ', secret: 'Số hồ sơ mật', online: 'Số hồ sơ xử lý trên mạng', shared: 'Số hồ sơ liên thông' };
  for (let k = 1; k <= criteriaCount; k++) {
    for (const part of ['total', 'secret', 'online', 'shared'] as const) {
      dataElements.push({ code: el(k, part), name: `${names[part]} — nhóm ${k} (giả lập)`, valueType: 'integer', unitOfMeasure: 'hồ sơ', aggregation: 'sum', min: '0' });
    }
  }
  for (let i = 1; i <= extra; i++)
    dataElements.push({ code: `bench_extra_${String(i).padStart(2, '0')}`, name: `Chỉ số bổ sung ${i} (giả lập)`, valueType: 'integer', aggregation: 'sum', min: '0' });
  pkg.criteriaSet.dataElements = dataElements;
  const areas = pkg.criteriaSet.contentAreas.map((a) => a.code);
  pkg.criteriaSet.criteria = Array.from({ length: criteriaCount }, (_, i) => {
    const k = i + 1;
    return {
      code: `bench_tieu_chi_${String(k).padStart(2, '0')}`,
      title: `Tiêu chí đo kiểm ${k}: tỷ lệ hồ sơ xử lý trên mạng (giả lập)`,
      contentArea: areas[i % areas.length],
      levels: Object.keys(thresholds),
      targets: Object.entries(thresholds).map(([level, threshold]) => ({ level, comparator: 'gte', threshold })),
      points: '10',
      evidence: 'none',
      kind: 'ratio',
      numerator: `#{${el(k, 'online')}} + #{${el(k, 'shared')}}`,
      denominator: `#{${el(k, 'total')}} - #{${el(k, 'secret')}}`,
      display: 'percentage',
    };
  });
  return pkg;
}

/** Last day of quarter q (1-4) of a year, ISO. */
function quarterEnd(year: number, q: number): string {
  return new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
}
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Generates the whole dataset; `log` receives progress lines. */
export async function generateDataset(db: Db, tenantId: string, size: DatasetSize, log: (line: string) => void): Promise<Dataset> {
  const imported = await db.transaction((tx) => importMovementPackage(tx, tenantId, { actor: null, requestId: 'bench', actorName: 'bench' }, benchPackage(size.elements)));
  const criteriaCount = Math.floor(size.elements / 4);
  const extra = size.elements - criteriaCount * 4;

  // ---- units: 0 = root (province), then districts, departments, enterprises, communes -------------------------
  const districts = Math.max(1, Math.round(size.others * 0.3));
  const departments = Math.max(1, Math.round(size.others * 0.3));
  const enterprises = Math.max(0, size.others - districts - departments);
  const last = districts + departments + enterprises + size.communes;
  const dEnd = districts;
  const pEnd = dEnd + departments;
  const eEnd = pEnd + enterprises;
  const kind = sql.raw(
    `case when i = 0 then 'province' when i <= ${dEnd} then 'district' when i <= ${pEnd} then 'department' when i <= ${eEnd} then 'enterprise' else 'commune' end`,
  );
  const label = (accented: boolean) =>
    sql.raw(
      accented
        ? `case when i = 0 then 'Tỉnh đo kiểm (giả lập)' when i <= ${dEnd} then 'Huyện đo kiểm ' when i <= ${pEnd} then 'Sở đo kiểm ' when i <= ${eEnd} then 'Doanh nghiệp đo kiểm ' else 'Xã đo kiểm ' end || case when i = 0 then '' else lpad(i::text, 6, '0') || ' (giả lập)' end`
        : `case when i = 0 then 'tinh do kiem (gia lap)' when i <= ${dEnd} then 'huyen do kiem ' when i <= ${pEnd} then 'so do kiem ' when i <= ${eEnd} then 'doanh nghiep do kiem ' else 'xa do kiem ' end || case when i = 0 then '' else lpad(i::text, 6, '0') || ' (gia lap)' end`,
    );
  await db.execute(sql`
    insert into units (id, tenant_id, code, kind_code, valid_from, is_demo, search_text, note)
    select gen_random_uuid(), ${tenantId}::uuid, 'BENCH-' || lpad(i::text, 6, '0'), ${kind}, '2020-01-01', true, ${label(false)},
           'Dữ liệu giả lập cho đo kiểm hiệu năng (bench/dashboard.ts)'
      from generate_series(0, ${last}) i`);
  // Communes are spread over the districts; everything else hangs under the root.
  await db.execute(sql`
    insert into unit_versions (id, tenant_id, unit_id, name, parent_id, valid_from)
    select gen_random_uuid(), u.tenant_id, u.id, x.name, p.id, '2020-01-01'
      from units u
      cross join lateral (select substr(u.code, 7)::int as i) n
      cross join lateral (select ${label(true)} as name, case when i = 0 then null when i > ${eEnd} then 'BENCH-' || lpad((((i - ${eEnd} - 1) % ${districts}) + 1)::text, 6, '0') else 'BENCH-000000' end as parent_code from (select n.i) q) x
      left join units p on p.tenant_id = u.tenant_id and p.code = x.parent_code
     where u.tenant_id = ${tenantId}::uuid and u.code like 'BENCH-%'`);
  const [root] = await queryRows<{ id: string }>(db, sql`select id from units where tenant_id = ${tenantId}::uuid and code = 'BENCH-000000'`);

  // ---- regime and quarterly periods ending with the quarter before today's -------------------------------------
  const regimeId = randomUUID();
  await db.insert(reportRegimes).values({
    id: regimeId,
    tenantId,
    movementId: imported.movementId,
    criteriaSetId: imported.criteriaSetId,
    code: 'bench-quy',
    name: 'Báo cáo quý đo kiểm (giả lập)',
    content: 'Đo kiểm',
    reportingLevels: Object.keys(thresholds),
    receivingUnitName: 'Cơ quan thường trực',
    frequency: 'quarterly',
    cutoffRule: 'calendar',
    schedule: defaultSchedule,
    method: 'Hệ thống',
    reviewerRules: { commune: 'parent_district', district: 'standing_agency', department: 'standing_agency', enterprise: 'standing_agency' },
    isDemo: true,
  });
  const now = new Date();
  let year = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3); // previous quarter (0 → Q4 of last year)
  if (q === 0) {
    q = 4;
    year -= 1;
  }
  const quarters: { year: number; q: number }[] = [];
  for (let i = 0; i < size.periods; i++) {
    quarters.unshift({ year, q });
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  const periods = quarters.map((x, i) => {
    const endDate = quarterEnd(x.year, x.q);
    const startDate = quarterEnd(x.q === 1 ? x.year - 1 : x.year, x.q === 1 ? 4 : x.q - 1);
    const status = i === quarters.length - 1 ? 'open' : i === quarters.length - 2 ? 'closed' : 'locked';
    const dueDate = plusDays(endDate, 20);
    return {
      id: randomUUID(),
      tenantId,
      regimeId,
      code: `${x.year}-Q${x.q}`,
      label: `Quý ${x.q}/${x.year} (đo kiểm)`,
      kind: 'quarterly',
      startDate: plusDays(startDate, 1),
      endDate,
      opensOn: plusDays(endDate, -7),
      dueDate,
      closesOn: plusDays(dueDate, 60),
      locksOn: plusDays(dueDate, 90),
      status,
      criteriaSetVersionId: imported.versionId,
      isDemo: true,
      openedAt: new Date(`${plusDays(endDate, -7)}T00:00:00Z`),
      closedAt: status === 'open' ? null : new Date(`${plusDays(dueDate, 60)}T00:00:00Z`),
      lockedAt: status === 'locked' ? new Date(`${plusDays(dueDate, 90)}T00:00:00Z`) : null,
    };
  });
  await db.insert(reportPeriods).values(periods);

  // ---- reports, values and stored evaluations, one period per transaction --------------------------------------
  const thresholdCase = sql.raw(
    `case r.level ${Object.entries(thresholds)
      .map(([l, t]) => `when '${l}' then ${t}`)
      .join(' ')} end`,
  );
  for (const [index, p] of periods.entries()) {
    const t0 = performance.now();
    await db.transaction(async (tx) => {
      // One row per reporting unit that has a report this period, with its status drawn at random.
      await tx.execute(sql`
        create temp table bench_r on commit drop as
        select gen_random_uuid() as id, gen_random_uuid() as eval_id, u.id as unit_id, u.level, u.reviewer, u.skill,
               case when ${p.status} = 'locked' then case when x < 0.98 then 'locked' end
                    when ${p.status} = 'closed' then case when x < 0.98 then 'approved' end
                    else case when x < 0.85 then 'approved' when x < 0.91 then 'submitted' when x < 0.94 then 'draft' end end as status,
               -- first submission: nine in ten by the due date, the rest up to 20 days late (Vietnam time is UTC+7)
               (${p.dueDate}::date + (case when y < 0.9 then -floor(z * 10) else 1 + floor(z * 20) end)::int)::timestamp + interval '2 hours' as submitted_at
          from (select u.id, k.level, case when k.level = 'commune' then v.parent_id end as reviewer,
                       -- a unit's steady "skill" so that rankings have structure from one period to the next
                       (abs(hashtext(u.id::text)) % 1000) / 1000.0 as skill, random() as x, random() as y, random() as z
                  from units u
                  join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
                  join unit_versions v on v.unit_id = u.id
                 where u.tenant_id = ${tenantId}::uuid and u.code like 'BENCH-%' and k.level in ('commune', 'district', 'department', 'enterprise')) u`);
      await tx.execute(sql`delete from bench_r where status is null`);
      // Four values per criterion: total, secret, and a numerator at the unit's rate (≈ 15-100 %, improving a little over
      // the periods), so that at the commune target (60 %) about two criteria in three are met and results spread out.
      await tx.execute(sql`
        create temp table bench_c on commit drop as
        select r.id as report_id, r.level, k, tot, sec, num, round(num * 100.0 / (tot - sec), 10) as pct, ${thresholdCase} as threshold
          from bench_r r
          cross join generate_series(1, ${criteriaCount}) k
          -- (k + 0 * …) keeps each lateral row correlated, so random() is drawn per row
          cross join lateral (select 100 + floor(random() * 900)::int + 0 * k as tot, floor(random() * 10)::int + 0 * k as sec, random() + 0 * k as noise) a
          cross join lateral (select floor((tot - sec) * least(1.0, 0.15 + 0.50 * r.skill + 0.35 * noise + ${((0.1 * index) / Math.max(1, periods.length - 1)).toFixed(4)}))::int as num) b`);
      await tx.execute(sql`
        create temp table bench_a on commit drop as
        select c.report_id,
               jsonb_object_agg(kv.key, kv.val) as vals
          from bench_c c
          cross join lateral (values ('bench_c' || lpad(c.k::text, 2, '0') || '_total', c.tot::text),
                                     ('bench_c' || lpad(c.k::text, 2, '0') || '_secret', c.sec::text),
                                     ('bench_c' || lpad(c.k::text, 2, '0') || '_online', (c.num - c.num / 4)::text),
                                     ('bench_c' || lpad(c.k::text, 2, '0') || '_shared', (c.num / 4)::text)) kv(key, val)
         group by c.report_id`);
      if (extra > 0) {
        await tx.execute(
          sql`update bench_a set vals = vals || (select jsonb_object_agg('bench_extra_' || lpad(i::text, 2, '0'), (floor(random() * 100))::int::text) from generate_series(1, ${extra}) i where bench_a.report_id is not null)`,
        );
      }
      // The stored evaluation, in the shape scoreUnit returns (src/core/scoring/engine.ts UnitScore).
      await tx.execute(sql`
        insert into criteria_evaluations (id, tenant_id, criteria_set_version_id, unit_id, period_label, level, input, result, evaluated_at)
        select r.eval_id, ${tenantId}::uuid, ${imported.versionId}::uuid, r.unit_id, ${p.label}, r.level,
               jsonb_build_object('values', a.vals, 'judgements', '{}'::jsonb, 'reportId', r.id, 'periodId', ${p.id}::text),
               jsonb_build_object('totalPoints', (s.met * 10)::text, 'maxPoints', (s.n * 10)::text, 'metCount', s.met, 'applicableCount', s.n, 'awaitingCount', 0,
                                  'shareMet', s.share, 'shareMetDisplay', replace(to_char(s.share::numeric, 'FM990.00'), '.', ',') || ' %', 'shareMetDisplayEn', to_char(s.share::numeric, 'FM990.00') || ' %',
                                  'classification', case when s.share::numeric >= 100 then '{"code":"hoan_thanh_xuat_sac","label":"Hoàn thành xuất sắc","minShareMet":"100"}'::jsonb
                                                         when s.share::numeric >= 75 then '{"code":"hoan_thanh_tot","label":"Hoàn thành tốt","minShareMet":"75"}'::jsonb
                                                         when s.share::numeric >= 50 then '{"code":"hoan_thanh","label":"Hoàn thành","minShareMet":"50"}'::jsonb
                                                         else '{"code":"chua_hoan_thanh","label":"Chưa hoàn thành","minShareMet":"0"}'::jsonb end,
                                  'criteria', s.criteria),
               r.submitted_at + interval '3 days'
          from bench_r r
          join bench_a a on a.report_id = r.id
          join (select c.report_id, count(*) filter (where c.pct >= c.threshold)::int as met, count(*)::int as n,
                       regexp_replace((round(count(*) filter (where c.pct >= c.threshold) * 100.0 / count(*), 10))::text, '\\.?0+$', '') as share,
                       jsonb_agg(jsonb_build_object(
                         'code', 'bench_tieu_chi_' || lpad(c.k::text, 2, '0'), 'kind', 'ratio', 'status', case when c.pct >= c.threshold then 'met' else 'not_met' end,
                         'value', c.pct::text, 'displayValue', replace(to_char(c.pct, 'FM990.00'), '.', ',') || ' %', 'displayValueEn', to_char(c.pct, 'FM990.00') || ' %',
                         'target', jsonb_build_object('level', c.level, 'comparator', 'gte', 'threshold', c.threshold::text),
                         'points', case when c.pct >= c.threshold then '10' else '0' end, 'maxPoints', '10',
                         'explanation', 'Tỷ lệ = (' || c.num || ') / (' || c.tot || ' − ' || c.sec || ') × 100 = ' || replace(to_char(c.pct, 'FM990.00'), '.', ',') || ' %; chỉ tiêu ≥ ' || c.threshold || ' %: ' || case when c.pct >= c.threshold then 'đạt' else 'chưa đạt' end,
                         'explanationEn', 'Ratio = (' || c.num || ') / (' || c.tot || ' − ' || c.sec || ') × 100 = ' || to_char(c.pct, 'FM990.00') || ' %; target ≥ ' || c.threshold || ' %: ' || case when c.pct >= c.threshold then 'met' else 'not met' end,
                         'missingCodes', '[]'::jsonb) order by c.k) as criteria
                  from bench_c c group by c.report_id) s on s.report_id = r.id
         where r.status in ('approved', 'locked')`);
      await tx.execute(sql`
        insert into reports (id, tenant_id, period_id, unit_id, criteria_set_version_id, level, reviewer_unit_id, status, "values", first_submitted_at, submitted_at,
                             approved_at, locked_at, evaluation_id, is_demo, row_version, created_at, updated_at)
        select r.id, ${tenantId}::uuid, ${p.id}::uuid, r.unit_id, ${imported.versionId}::uuid, r.level, r.reviewer, r.status, a.vals,
               case when r.status <> 'draft' then r.submitted_at end, case when r.status <> 'draft' then r.submitted_at end,
               case when r.status in ('approved', 'locked') then r.submitted_at + interval '3 days' end,
               case when r.status = 'locked' then r.submitted_at + interval '60 days' end,
               case when r.status in ('approved', 'locked') then r.eval_id end, true,
               case r.status when 'draft' then 1 when 'submitted' then 2 when 'approved' then 3 else 4 end,
               r.submitted_at - interval '10 days', r.submitted_at
          from bench_r r join bench_a a on a.report_id = r.id`);
    });
    log(`  period ${index + 1}/${periods.length} ${p.code} (${p.status}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const [counts] = await queryRows<{ units: number; reporting: number; reports: number; evaluations: number; value_count: number }>(
    db,
    sql`select (select count(*)::int from units where tenant_id = ${tenantId}::uuid and code like 'BENCH-%') as units,
               (select count(*)::int from units where tenant_id = ${tenantId}::uuid and code like 'BENCH-%' and kind_code <> 'province') as reporting,
               (select count(*)::int from reports where tenant_id = ${tenantId}::uuid) as reports,
               (select count(*)::int from criteria_evaluations where tenant_id = ${tenantId}::uuid) as evaluations,
               (select coalesce(sum((select count(*) from jsonb_object_keys("values"))), 0)::int from reports where tenant_id = ${tenantId}::uuid) as value_count`,
  );
  return {
    tenantId,
    movementId: imported.movementId,
    versionId: imported.versionId,
    regimeId,
    rootUnitId: root!.id,
    periods: periods.map((p) => ({ id: p.id, code: p.code, label: p.label, status: p.status })),
    counts: {
      units: counts!.units,
      reportingUnits: counts!.reporting,
      reports: counts!.reports,
      evaluations: counts!.evaluations,
      values: counts!.value_count,
      criteria: criteriaCount,
    },
  };
}

/**
 * Scores a few generated reports with the real engine and checks the stored evaluation agrees (statuses, values,
 * points, share met, classification), so the dataset is what approvals would have written. Throws on a difference.
 */
export async function checkAgainstEngine(db: Db, data: Dataset, sample = 5): Promise<number> {
  const rows = await queryRows<{ values: Record<string, string>; level: UnitLevel; definition: CriteriaSetVersion; result: UnitScore }>(
    db,
    sql`select r."values", r.level, v.definition, e.result
          from reports r join criteria_evaluations e on e.id = r.evaluation_id join criteria_set_versions v on v.id = r.criteria_set_version_id
         where r.tenant_id = ${data.tenantId}::uuid order by r.id limit ${sample}`,
  );
  for (const row of rows) {
    const score = scoreUnit({ set: row.definition, level: row.level, values: row.values });
    const brief = (s: UnitScore) =>
      JSON.stringify({
        totalPoints: s.totalPoints,
        maxPoints: s.maxPoints,
        metCount: s.metCount,
        shareMet: s.shareMet,
        classification: s.classification?.code ?? null,
        criteria: s.criteria.map((c) => [c.code, c.status, new Dec(c.value ?? '0').toFixed(6), c.points]),
      });
    if (brief(score) !== brief(row.result)) throw new Error(`generated evaluation differs from the engine's:\n engine    ${brief(score)}\n generated ${brief(row.result)}`);
  }
  // The dashboard's per-criterion summary holds exactly the criteria of every report's current evaluation.
  const [summary] = await queryRows<{ missing: number; extra: number }>(
    db,
    sql`with json as (select r.id as report_id, c.value->>'code' as code, c.value->>'status' as status
                        from reports r join criteria_evaluations e on e.id = r.evaluation_id
                        cross join lateral jsonb_array_elements(e.result->'criteria') c where r.tenant_id = ${data.tenantId}::uuid),
             rows as (select s.report_id, s.criterion_code as code, s.status from report_criterion_results s where s.tenant_id = ${data.tenantId}::uuid)
        select (select count(*) from (select * from json except all select * from rows) x)::int as missing,
               (select count(*) from (select * from rows except all select * from json) x)::int as extra`,
  );
  if (summary!.missing !== 0 || summary!.extra !== 0)
    throw new Error(`report_criterion_results differs from the evaluations: ${summary!.missing} missing, ${summary!.extra} extra`);
  return rows.length;
}
