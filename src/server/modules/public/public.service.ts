import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { toCsv } from '../../../core/csv.js';
import { todayInVietnam } from '../../../core/dates.js';
import { shownTieExplanation, TIE_NAMES_LIMIT, tieReason } from '../../../core/ranking/ranking.js';
import { levelScopeLabels } from '../../../core/scoring/index.js';
import { foldVietnamese } from '../../../core/text.js';
import type { RequestContext } from '../../auth/actor.js';
import { AppError } from '../../errors.js';
import { findMovements, findPublicTenant, searchUnits } from '../dashboards/dashboards.repository.js';
import { groupScopeKey, levelScopeKey } from '../snapshots/snapshots.freeze.js';
import {
  findPublishedSnapshotPeriod,
  findPublishedSnapshotPeriods,
  findSnapshotEntries,
  findSnapshotScopes,
  type PublishedPeriodRow,
  type SnapshotEntryRow,
} from '../snapshots/snapshots.repository.js';
import { presentSnapshotRows } from '../snapshots/snapshots.service.js';
import { findBoundarySetFor } from '../maps/maps.repository.js';
import { presentMapView } from '../maps/maps.service.js';
import type { MapView } from '../maps/maps.schemas.js';
import { loadOrgTree } from '../units/org-on-date.js';
import { expectedUnits } from '../../../core/reports/expected-units.js';
import { countScopeRows, findCriterionTitles, findNamesAtPositions, findNextRanks, findRankingPage, findRankingUnitRow, type PublicRankingRow } from './public.repository.js';
import type { PublicRankingQuery } from './public.schemas.js';

// Published means: the period's ranking snapshot is published (by the standing agency, or when the period locks).
// Everything public is read from the snapshot, never from live results: a later unlock and re-approval does not
// change what was published (docs/decisions/0013-ranking-snapshots-and-maps.md).
export const LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';

async function publicTenant(ctx: RequestContext) {
  const tenant = await findPublicTenant(ctx.db);
  if (!tenant) throw AppError.notFound();
  return tenant;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const datasetBase = (p: Pick<PublishedPeriodRow, 'movement_code' | 'period_code'>) =>
  `/api/public/datasets/${encodeURIComponent(p.movement_code)}/${encodeURIComponent(p.period_code)}`;
/** Cluster tables are named {period code}-cum.{csv,json}. */
const GROUPS_SUFFIX = '-cum';

function presentPublicPeriod(p: PublishedPeriodRow) {
  return { id: p.period_id, code: p.period_code, label: p.period_label, startDate: p.start_date, endDate: p.end_date, dueDate: p.due_date, status: p.status };
}

/** Movements with their published periods (snapshot timestamps, levels, clusters) and download links. */
export async function listPublicMovements(ctx: RequestContext) {
  const tenant = await publicTenant(ctx);
  const [movements, periods] = await Promise.all([findMovements(ctx.db, tenant.id), findPublishedSnapshotPeriods(ctx.db, tenant.id)]);
  const scopes = new Map(await Promise.all(periods.map(async (p) => [p.snapshot_id, await findSnapshotScopes(ctx.db, p.snapshot_id)] as const)));
  return movements.map((m) => ({
    id: m.id,
    code: m.code,
    name: m.name,
    shortName: m.short_name,
    status: m.status,
    description: m.description,
    periods: periods
      .filter((p) => p.movement_id === m.id)
      .map((p) => {
        const ofSnapshot = scopes.get(p.snapshot_id) ?? [];
        const groups = [...new Map(ofSnapshot.filter((s) => s.group_id).map((s) => [s.group_id!, { id: s.group_id!, name: s.group_name ?? '' }] as const)).values()];
        return {
          ...presentPublicPeriod(p),
          reportingLevels: p.reporting_levels,
          frozenAt: iso(p.frozen_at),
          publishedAt: iso(p.published_at),
          correction: presentCorrection(p),
          criteriaVersion: p.criteria_version,
          levels: [...new Set(ofSnapshot.filter((s) => s.scope_kind === 'level').map((s) => s.level))],
          groups,
          csvUrl: `${datasetBase(p)}.csv`,
          jsonUrl: `${datasetBase(p)}.json`,
          groupsCsvUrl: groups.length > 0 ? `${datasetBase(p)}${GROUPS_SUFFIX}.csv` : null,
          groupsJsonUrl: groups.length > 0 ? `${datasetBase(p)}${GROUPS_SUFFIX}.json` : null,
        };
      }),
  }));
}

/** The published snapshot of a movement's period, or 404: a period without one answers exactly like a missing one. */
async function loadPublishedPeriod(ctx: RequestContext, movementId: string, periodId: string) {
  const period = await findPublishedSnapshotPeriod(ctx.db, movementId, periodId);
  if (!period) throw AppError.notFound();
  return period;
}

/** The correction a publication carries (reason, when the corrected ranking had been published), or null. */
function presentCorrection(p: PublishedPeriodRow) {
  return p.correction_reason ? { reason: p.correction_reason, correctedPublishedAt: p.corrected_published_at ? iso(p.corrected_published_at) : null } : null;
}

function rankingHeader(period: PublishedPeriodRow, level: string, group: { id: string; name: string } | null) {
  return {
    movement: { id: period.movement_id, code: period.movement_code, name: period.movement_name },
    period: presentPublicPeriod(period),
    level,
    group,
    snapshot: {
      frozenAt: iso(period.frozen_at),
      publishedAt: iso(period.published_at),
      revision: period.revision,
      criteriaVersion: period.criteria_version,
      correction: presentCorrection(period),
    },
  };
}

/** How many units share rank R: standard competition ranks, so the next greater rank minus R (or what is left of the scope). */
const groupSize = (rank: number, nextRank: number | null | undefined, scopeTotal: number) => (nextRank ?? scopeTotal + 1) - rank;

function presentPublicRow(r: PublicRankingRow, tiedCount: number) {
  const tieExplanation = shownTieExplanation({ rank: r.rank, totalPoints: r.total_points, shareMet: r.share_met, stored: r.tie_explanation }, tiedCount);
  return {
    rank: r.rank,
    unitId: r.unit_id,
    code: r.unit_code,
    name: r.unit_name,
    totalPoints: r.total_points,
    shareMet: r.share_met,
    classification: r.classification,
    tiedCount,
    tieExplanation,
    previousRank: r.previous_rank,
    movement: r.movement,
  };
}

/**
 * One page of the published ranking of a level, or of a cluster within a level, read from the period's snapshot in
 * SQL (LIMIT/OFFSET on the position index), optionally filtered by an accent-insensitive name. Ties are counted over
 * the whole scope, so a tie group that crosses the page (or the filter) keeps its shared rank, size and names.
 */
export async function getPublicRanking(ctx: RequestContext, movementId: string, query: PublicRankingQuery) {
  const period = await loadPublishedPeriod(ctx, movementId, query.periodId);
  const scopeKey = query.groupId ? groupScopeKey(query.groupId, query.level) : levelScopeKey(query.level);
  const folded = query.q ? foldVietnamese(query.q) : '';
  const page = await findRankingPage(ctx.db, period.snapshot_id, scopeKey, { limit: query.limit, offset: query.offset, folded: folded || null });
  if (query.groupId && page.scopeTotal === 0) throw AppError.notFound();
  const ranks = [...new Set(page.rows.map((r) => r.rank))];
  const nextRanks = await findNextRanks(ctx.db, period.snapshot_id, scopeKey, ranks);
  const sizes = new Map(ranks.map((rank) => [rank, groupSize(rank, nextRanks.get(rank), page.scopeTotal)] as const));
  // Small tie groups are named in full: members off this page (or filtered out) are read by position (rank − 1 …).
  const named = ranks.filter((rank) => sizes.get(rank)! > 1 && sizes.get(rank)! - 1 <= TIE_NAMES_LIMIT);
  const onPage = new Map(page.rows.map((r) => [r.position, r.unit_name] as const));
  const missing = named.flatMap((rank) => Array.from({ length: sizes.get(rank)! }, (_, k) => rank - 1 + k)).filter((position) => !onPage.has(position));
  const names = new Map([...onPage, ...(await findNamesAtPositions(ctx.db, period.snapshot_id, scopeKey, missing)).map((r) => [r.position, r.unit_name] as const)]);
  const first = new Map<number, PublicRankingRow>();
  for (const r of page.rows) if (!first.has(r.rank)) first.set(r.rank, r);
  const ties = ranks
    .filter((rank) => sizes.get(rank)! > 1)
    .map((rank) => {
      const r = first.get(rank)!;
      const count = sizes.get(rank)!;
      return {
        rank,
        count,
        totalPoints: r.total_points,
        shareMet: r.share_met,
        reason: tieReason('vi', r.total_points, r.share_met),
        reasonEn: tieReason('en', r.total_points, r.share_met),
        names: count - 1 <= TIE_NAMES_LIMIT ? Array.from({ length: count }, (_, k) => names.get(rank - 1 + k) ?? '') : null,
      };
    });
  const groupName =
    page.rows[0]?.group_name ?? (query.groupId ? ((await findSnapshotScopes(ctx.db, period.snapshot_id)).find((s) => s.scope_key === scopeKey)?.group_name ?? '') : '');
  return {
    ...rankingHeader(period, query.level, query.groupId ? { id: query.groupId, name: groupName } : null),
    total: page.total,
    limit: query.limit,
    offset: query.offset,
    rows: page.rows.map((r) => presentPublicRow(r, sizes.get(r.rank)!)),
    ties,
  };
}

/** One unit's published row (rank, tie, criteria with their titles) in a level or a cluster; 404 when not in it. */
export async function getPublicRankingUnit(ctx: RequestContext, movementId: string, unitId: string, query: { periodId: string; level: string; groupId?: string }) {
  const period = await loadPublishedPeriod(ctx, movementId, query.periodId);
  const scopeKey = query.groupId ? groupScopeKey(query.groupId, query.level) : levelScopeKey(query.level);
  const row = await findRankingUnitRow(ctx.db, period.snapshot_id, scopeKey, unitId);
  if (!row) throw AppError.notFound();
  const [nextRanks, scopeTotal, criteria] = await Promise.all([
    findNextRanks(ctx.db, period.snapshot_id, scopeKey, [row.rank]),
    countScopeRows(ctx.db, period.snapshot_id, scopeKey),
    findCriterionTitles(ctx.db, period.snapshot_version_id),
  ]);
  const titles = new Map(criteria.map((c) => [c.code, c.title] as const));
  return {
    ...rankingHeader(period, query.level, query.groupId ? { id: query.groupId, name: row.group_name ?? '' } : null),
    row: { ...presentPublicRow(row, groupSize(row.rank, nextRanks.get(row.rank), scopeTotal)), scopeTotal },
    criteria: row.criteria.map((c) => ({ code: c.code, title: titles.get(c.code) ?? c.code, status: c.status, value: c.value, displayValue: c.displayValue })),
  };
}

/**
 * The public choropleth of a published period: the boundary set in force at the period's end (newest not after it),
 * reduced to the level's units on the period's tree, each coloured by one criterion's status and value as published
 * in the ranking snapshot (units without a published result: "no_report"). Read from the snapshot, never live.
 */
export async function getPublicMap(ctx: RequestContext, movementId: string, query: { periodId: string; level: string; criterion?: string }): Promise<MapView> {
  const period = await loadPublishedPeriod(ctx, movementId, query.periodId);
  const [entries, titles, set, tree] = await Promise.all([
    findSnapshotEntries(ctx.db, period.snapshot_id, levelScopeKey(query.level)),
    findCriterionTitles(ctx.db, period.snapshot_version_id),
    findBoundarySetFor(ctx.db, period.tenant_id, period.end_date),
    loadOrgTree(ctx.db, period.tenant_id, period.end_date),
  ]);
  const published = new Set(entries.flatMap((e) => e.criteria.map((c) => c.code)));
  const criteria = titles.filter((c) => published.has(c.code));
  const criterion = query.criterion ? criteria.find((c) => c.code === query.criterion) : criteria[0];
  if (query.criterion && !criterion) throw AppError.unprocessable('unknown_criterion', 'map.unknown_criterion', { code: query.criterion }, 'query.criterion');
  const byUnit = new Map(entries.map((e) => [e.unitId, e.criteria.find((c) => c.code === criterion?.code)] as const));
  const units = expectedUnits(tree, { reportingLevels: period.reporting_levels, rootUnitId: period.root_unit_id }).filter((u) => u.level === query.level);
  // A ranked unit without the criterion shows as awaiting; a unit not in the published ranking has no result.
  const valueOf = (unitId: string) => {
    if (!byUnit.has(unitId)) return undefined;
    const c = byUnit.get(unitId);
    return { status: c?.status ?? null, value: c?.value ?? null, displayValue: c?.displayValue ?? null };
  };
  return presentMapView({ period, level: query.level, criteria, criterion: criterion ?? null, set, units, valueOf });
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

export type DatasetRow = {
  unitCode: string | null;
  unitName: string;
  level: string;
  levelLabel: string;
  group: string | null;
  rank: number;
  totalPoints: string;
  shareMet: string | null;
  classification: string | null;
  /** Units sharing the rank within the table's scope, this one included. */
  tiedCount: number;
  tieExplanation: string | null;
};

const levelLabel = (level: string) => levelScopeLabels.vi[level as UnitLevel] ?? level;

function datasetRow(r: SnapshotEntryRow, presented: ReturnType<typeof presentSnapshotRows>[number]): DatasetRow {
  return {
    unitCode: r.unitCode,
    unitName: r.unitName,
    level: r.level,
    levelLabel: levelLabel(r.level),
    group: r.groupName,
    rank: r.rank,
    totalPoints: r.totalPoints,
    shareMet: r.shareMet === null ? null : Number(r.shareMet).toFixed(2),
    classification: r.classification,
    tiedCount: presented.tiedCount,
    tieExplanation: presented.tieExplanation,
  };
}

export const datasetCsvHeader = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Cấp',
  'Hạng trong cấp',
  'Tổng điểm',
  'Tỷ lệ tiêu chí đạt (%)',
  'Xếp loại',
  'Số đơn vị đồng hạng',
  'Giải thích đồng hạng',
];
export const groupDatasetCsvHeader = [
  'Cụm, khối thi đua',
  'Cấp',
  'Hạng trong cụm',
  'Mã đơn vị',
  'Tên đơn vị',
  'Tổng điểm',
  'Tỷ lệ tiêu chí đạt (%)',
  'Xếp loại',
  'Số đơn vị đồng hạng',
  'Giải thích đồng hạng',
];

/** A published period's snapshot as a table, in CSV (UTF-8 with BOM) or JSON: {period}.ext per level, {period}-cum.ext per cluster. */
export async function getDataset(
  ctx: RequestContext,
  movementCode: string,
  file: string,
): Promise<{ kind: 'csv'; body: string; fileName: string } | { kind: 'json'; body: unknown }> {
  const match = /^(.+?)(-cum)?\.(csv|json)$/.exec(file);
  if (!match) throw AppError.notFound();
  const [, periodCode, groupsSuffix, ext] = match as unknown as [string, string, string | undefined, 'csv' | 'json'];
  const tenant = await publicTenant(ctx);
  // Period codes are unique per regime; the first regime by code wins.
  const period = (await findPublishedSnapshotPeriods(ctx.db, tenant.id)).find((p) => p.movement_code === movementCode && p.period_code === periodCode);
  if (!period) throw AppError.notFound();
  const kind = groupsSuffix ? 'group' : 'level';
  const entries = (await findSnapshotEntries(ctx.db, period.snapshot_id)).filter((r) => r.scopeKind === kind);
  const presented = presentSnapshotRows(entries);
  const rows = entries.map((r, k) => datasetRow(r, presented[k]!));
  if (kind === 'group' && rows.length === 0) throw AppError.notFound();
  if (ext === 'csv') {
    const body =
      kind === 'level'
        ? toCsv(
            datasetCsvHeader,
            rows.map((r) => [r.unitCode, r.unitName, r.levelLabel, r.rank, r.totalPoints, r.shareMet, r.classification, r.tiedCount, r.tieExplanation]),
          )
        : toCsv(
            groupDatasetCsvHeader,
            rows.map((r) => [r.group, r.levelLabel, r.rank, r.unitCode, r.unitName, r.totalPoints, r.shareMet, r.classification, r.tiedCount, r.tieExplanation]),
          );
    return { kind: 'csv', body, fileName: `${movementCode}-${periodCode}${groupsSuffix ?? ''}.csv` };
  }
  return {
    kind: 'json',
    body: {
      movement: { code: period.movement_code, name: period.movement_name },
      period: { code: period.period_code, label: period.period_label, startDate: period.start_date, endDate: period.end_date, status: period.status },
      snapshot: {
        frozenAt: iso(period.frozen_at),
        publishedAt: iso(period.published_at),
        revision: period.revision,
        criteriaVersion: period.criteria_version,
        correction: presentCorrection(period),
      },
      table: kind === 'level' ? 'Xếp hạng trong cấp' : 'Xếp hạng trong cụm, khối thi đua',
      publisher: tenant.name,
      license: LICENSE_URL,
      rows,
    },
  };
}

/** DCAT-style JSON-LD catalogue: one dcat:Dataset per movement and published period, listing every distribution. */
export async function getCatalog(ctx: RequestContext, baseUrl: string) {
  const tenant = await publicTenant(ctx);
  const periods = await findPublishedSnapshotPeriods(ctx.db, tenant.id);
  const seen = new Set<string>();
  const publisher = { '@type': 'foaf:Organization', 'foaf:name': tenant.name };
  const unique = periods.filter((p) => {
    const key = `${p.movement_code}/${p.period_code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const datasets = await Promise.all(
    unique.map(async (p) => {
      const hasGroups = (await findSnapshotScopes(ctx.db, p.snapshot_id)).some((s) => s.scope_kind === 'group');
      const distribution = (suffix: string, ext: 'csv' | 'json', mediaType: string, title: string) => ({
        '@id': `${baseUrl}${datasetBase(p)}${suffix}.${ext}`,
        '@type': 'dcat:Distribution',
        'dct:title': `${title} — ${p.movement_code} ${p.period_label} (${ext.toUpperCase()})`,
        'dcat:downloadURL': { '@id': `${baseUrl}${datasetBase(p)}${suffix}.${ext}` },
        'dcat:mediaType': mediaType,
        'dct:format': ext.toUpperCase(),
        'dct:license': { '@id': LICENSE_URL },
        'dct:modified': { '@value': iso(p.published_at), '@type': 'xsd:dateTime' },
      });
      const distributions = [distribution('', 'csv', 'text/csv', 'Xếp hạng trong cấp'), distribution('', 'json', 'application/json', 'Xếp hạng trong cấp')];
      if (hasGroups)
        distributions.push(
          distribution(GROUPS_SUFFIX, 'csv', 'text/csv', 'Xếp hạng trong cụm, khối'),
          distribution(GROUPS_SUFFIX, 'json', 'application/json', 'Xếp hạng trong cụm, khối'),
        );
      return {
        '@id': `${baseUrl}${datasetBase(p)}`,
        '@type': 'dcat:Dataset',
        'dct:identifier': `${p.movement_code}/${p.period_code}`,
        'dct:title': `Kết quả thi đua ${p.movement_name} — ${p.period_label}`,
        'dct:description': `Bản chốt xếp hạng lúc ${iso(p.frozen_at)} (bộ tiêu chí phiên bản ${p.criteria_version}): điểm, tỷ lệ tiêu chí đạt, xếp loại, thứ hạng trong cấp và trong cụm, khối của các đơn vị có báo cáo đã duyệt, kỳ ${p.period_label} (${p.start_date} – ${p.end_date}).`,
        'dct:publisher': publisher,
        'dct:license': { '@id': LICENSE_URL },
        'dct:language': 'vi',
        'dct:issued': { '@value': iso(p.published_at), '@type': 'xsd:dateTime' },
        'dct:modified': { '@value': iso(p.published_at), '@type': 'xsd:dateTime' },
        'dct:temporal': {
          '@type': 'dct:PeriodOfTime',
          'dcat:startDate': { '@value': p.start_date, '@type': 'xsd:date' },
          'dcat:endDate': { '@value': p.end_date, '@type': 'xsd:date' },
        },
        'dcat:distribution': distributions,
      };
    }),
  );
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
