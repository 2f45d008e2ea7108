import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { toCsv } from '../../../core/csv.js';
import { todayInVietnam } from '../../../core/dates.js';
import { rankUnits } from '../../../core/ranking/ranking.js';
import { levelScopeLabels } from '../../../core/scoring/index.js';
import { foldVietnamese } from '../../../core/text.js';
import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../auth/actor.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { loadOrgTree } from '../reports/reports.repository.js';
import { findApprovedResults, findMovementPeriod, findMovements, findPublicTenant, findPublishedPeriods, searchUnits, type PeriodRow } from '../dashboards/dashboards.repository.js';
import { computeRanking, presentPeriod } from '../dashboards/dashboards.service.js';

// Published means: the period is closed or locked. There is no separate publish flag yet; a closed period's results
// no longer change through normal reporting, so that is what the public may see (docs/decisions/0012-dashboards-and-public-results.md).
const isPublished = (p: Pick<PeriodRow, 'status'>) => p.status === 'closed' || p.status === 'locked';
export const LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';

async function publicTenant(ctx: RequestContext) {
  const tenant = await findPublicTenant(ctx.db);
  if (!tenant) throw AppError.notFound();
  return tenant;
}

const datasetPath = (p: PeriodRow, ext: 'csv' | 'json') => `/api/public/datasets/${encodeURIComponent(p.movement_code)}/${encodeURIComponent(p.period_code)}.${ext}`;

/** Movements with their published periods and download links. */
export async function listPublicMovements(ctx: RequestContext) {
  const tenant = await publicTenant(ctx);
  const [movements, periods] = await Promise.all([findMovements(ctx.db, tenant.id), findPublishedPeriods(ctx.db, tenant.id)]);
  return movements.map((m) => ({
    id: m.id,
    code: m.code,
    name: m.name,
    shortName: m.short_name,
    status: m.status,
    description: m.description,
    periods: periods
      .filter((p) => p.movement_id === m.id)
      .map((p) => ({ ...presentPeriod(p), reportingLevels: p.reporting_levels, csvUrl: datasetPath(p, 'csv'), jsonUrl: datasetPath(p, 'json') })),
  }));
}

async function publishedPeriod(ctx: RequestContext, tenantId: string, movementId: string, periodId: string) {
  const period = await findMovementPeriod(ctx.db, tenantId, movementId, periodId);
  // An open period answers exactly like a missing one.
  if (!period || !isPublished(period)) throw AppError.notFound();
  return period;
}

/** The published ranking of a level (over every unit of the level; movement against the previous published period). */
export async function getPublicRanking(ctx: RequestContext, movementId: string, query: { periodId: string; level: string }) {
  const tenant = await publicTenant(ctx);
  const period = await publishedPeriod(ctx, tenant.id, movementId, query.periodId);
  const rows = await computeRanking(ctx.db, tenant.id, period, query.level, () => true, { publishedOnly: true });
  return { movement: { id: period.movement_id, code: period.movement_code, name: period.movement_name }, period: presentPeriod(period), level: query.level, rows };
}

/** Accent-insensitive search over units (folded search_text) and movements. */
export async function searchPublic(ctx: RequestContext, q: string) {
  const tenant = await publicTenant(ctx);
  const folded = foldVietnamese(q);
  if (folded.length < 2) return { units: [], movements: [] };
  const [units, movements] = await Promise.all([searchUnits(ctx.db, tenant.id, folded, todayInVietnam()), findMovements(ctx.db, tenant.id)]);
  return {
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, kindCode: u.kind_code })),
    movements: movements
      .filter((m) => foldVietnamese(`${m.code} ${m.name} ${m.short_name}`).includes(folded))
      .map((m) => ({ id: m.id, code: m.code, name: m.name, shortName: m.short_name })),
  };
}

/** The first published period with these codes (period codes are unique per regime; the first regime by code wins). */
async function findPublishedByCodes(ctx: RequestContext, movementCode: string, periodCode: string) {
  const tenant = await publicTenant(ctx);
  const period = (await findPublishedPeriods(ctx.db, tenant.id)).find((p) => p.movement_code === movementCode && p.period_code === periodCode);
  if (!period) throw AppError.notFound();
  return { tenant, period };
}

export type DatasetRow = { unitCode: string | null; unitName: string; level: string; levelLabel: string; rank: number; totalPoints: string; shareMet: string | null; classification: string | null };

async function datasetRows(db: DbOrTx, tenantId: string, period: PeriodRow): Promise<DatasetRow[]> {
  const [tree, results] = await Promise.all([loadOrgTree(db, tenantId, period.end_date), findApprovedResults(db, period.period_id, null, sql`true`)]);
  const out: DatasetRow[] = [];
  for (const level of [...new Set(results.map((r) => r.level))].sort()) {
    const ofLevel = results.filter((r) => r.level === level);
    const classification = new Map(ofLevel.map((r) => [r.unit_id, r.classification] as const));
    const ranked = rankUnits(ofLevel.map((r) => ({ unitId: r.unit_id, name: tree.byId.get(r.unit_id)?.name ?? r.unit_id, totalPoints: r.total_points ?? '0', shareMet: r.share_met })));
    for (const r of ranked) {
      out.push({
        unitCode: tree.byId.get(r.unitId)?.code ?? null,
        unitName: r.name,
        level,
        levelLabel: levelScopeLabels.vi[level as UnitLevel] ?? level,
        rank: r.rank,
        totalPoints: r.totalPoints,
        shareMet: r.shareMet === null ? null : Number(r.shareMet).toFixed(2),
        classification: classification.get(r.unitId) ?? null,
      });
    }
  }
  return out;
}

export const datasetCsvHeader = ['Mã đơn vị', 'Tên đơn vị', 'Cấp', 'Hạng trong cấp', 'Tổng điểm', 'Tỷ lệ tiêu chí đạt (%)', 'Xếp loại'];

/** A published period's results as a table, in CSV (UTF-8 with BOM) or JSON. */
export async function getDataset(ctx: RequestContext, movementCode: string, file: string): Promise<{ kind: 'csv'; body: string; fileName: string } | { kind: 'json'; body: unknown }> {
  const match = /^(.+)\.(csv|json)$/.exec(file);
  if (!match) throw AppError.notFound();
  const [, periodCode, ext] = match as unknown as [string, string, 'csv' | 'json'];
  const { tenant, period } = await findPublishedByCodes(ctx, movementCode, periodCode);
  const rows = await datasetRows(ctx.db, tenant.id, period);
  if (ext === 'csv') {
    const body = toCsv(
      datasetCsvHeader,
      rows.map((r) => [r.unitCode, r.unitName, r.levelLabel, r.rank, r.totalPoints, r.shareMet, r.classification]),
    );
    return { kind: 'csv', body, fileName: `${movementCode}-${periodCode}.csv` };
  }
  return {
    kind: 'json',
    body: {
      movement: { code: period.movement_code, name: period.movement_name },
      period: { code: period.period_code, label: period.period_label, startDate: period.start_date, endDate: period.end_date, status: period.status },
      publisher: tenant.name,
      license: LICENSE_URL,
      rows,
    },
  };
}

/** DCAT-style JSON-LD catalogue: one dcat:Dataset per movement and published period, each with CSV and JSON. */
export async function getCatalog(ctx: RequestContext, baseUrl: string) {
  const tenant = await publicTenant(ctx);
  const periods = await findPublishedPeriods(ctx.db, tenant.id);
  const seen = new Set<string>();
  const publisher = { '@type': 'foaf:Organization', 'foaf:name': tenant.name };
  const datasets = periods
    .filter((p) => {
      const key = `${p.movement_code}/${p.period_code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((p) => {
      const modified = new Date(p.locked_at ?? p.closed_at ?? `${p.end_date}T00:00:00Z`).toISOString();
      const distribution = (ext: 'csv' | 'json', mediaType: string) => ({
        '@type': 'dcat:Distribution',
        'dct:title': `${p.movement_code} ${p.period_label} (${ext.toUpperCase()})`,
        'dcat:downloadURL': { '@id': `${baseUrl}${datasetPath(p, ext)}` },
        'dcat:mediaType': mediaType,
        'dct:format': ext.toUpperCase(),
        'dct:license': { '@id': LICENSE_URL },
      });
      return {
        '@id': `${baseUrl}/api/public/datasets/${encodeURIComponent(p.movement_code)}/${encodeURIComponent(p.period_code)}`,
        '@type': 'dcat:Dataset',
        'dct:identifier': `${p.movement_code}/${p.period_code}`,
        'dct:title': `Kết quả thi đua ${p.movement_name} — ${p.period_label}`,
        'dct:description': `Điểm, tỷ lệ tiêu chí đạt, xếp loại và thứ hạng trong cấp của các đơn vị có báo cáo đã duyệt, kỳ ${p.period_label} (${p.start_date} – ${p.end_date}).`,
        'dct:publisher': publisher,
        'dct:license': { '@id': LICENSE_URL },
        'dct:language': 'vi',
        'dct:modified': { '@value': modified, '@type': 'xsd:dateTime' },
        'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': p.start_date, 'dcat:endDate': p.end_date },
        'dcat:distribution': [distribution('csv', 'text/csv'), distribution('json', 'application/json')],
      };
    });
  return {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#' },
    '@id': `${baseUrl}/api/public/datasets.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': `Dữ liệu mở kết quả thi đua — ${tenant.name}`,
    'dct:publisher': publisher,
    'dct:license': { '@id': LICENSE_URL },
    'dct:language': 'vi',
    'dcat:dataset': datasets,
  };
}
