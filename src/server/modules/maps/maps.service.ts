import { compareVietnamese } from '../../../core/text.js';
import { randomUUID } from 'node:crypto';
import type { CriteriaSetVersion, Criterion } from '../../../core/criteria/criteria.schemas.js';
import { formatDateVi } from '../../../core/dates.js';
import type { RequestContext } from '../../auth/actor.js';
import { inScope, requireAccess, requireActor, scopeFor } from '../../auth/access.js';
import { authorize, can, tenantLevel } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import { unitBoundarySets, type BoundaryCollection } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { findMovementPeriod, type PeriodRow } from '../dashboards/dashboards.repository.js';
import { findVersionRow } from '../criteria/criteria.repository.js';
import { loadOrgTree } from '../units/org-on-date.js';
import type { OrgUnit } from '../../../core/org/tree.js';
import { expectedUnits } from '../../../core/reports/expected-units.js';
import { boundarySetPolicy } from './maps.policy.js';
import { demoBoundaryGeoJson, validateBoundaryGeoJson, type UnitRef } from './maps.geojson.js';
import { findBoundarySet, findBoundarySetFor, findBoundarySets, findCriterionValues, type BoundarySetRow, type BoundarySetSummary } from './maps.repository.js';
import type { MapView, UploadFields } from './maps.schemas.js';

// Boundaries are the province's reference data: who uploads them is in maps.policy.ts; reading the map needs
// dashboard.read, and its figures are limited to the reader's scope like the dashboard.

export function presentBoundarySet(s: BoundarySetSummary) {
  return {
    id: s.id,
    name: s.name,
    asOf: s.asOf,
    codeProperty: s.codeProperty,
    isDemo: s.isDemo,
    featureCount: s.featureCount,
    byteSize: s.byteSize,
    createdAt: s.createdAt.toISOString(),
  };
}

export async function listBoundarySets(ctx: RequestContext, maxMb: number) {
  requireActor(ctx);
  const actor = await requireAccess(ctx, 'dashboard.read');
  const sets = await findBoundarySets(ctx.db, actor.tenantId);
  return { sets: sets.map(presentBoundarySet), abilities: { canUpload: await can(boundarySetPolicy, ctx, 'upload', tenantLevel) }, maxMb };
}

export async function getBoundarySet(ctx: RequestContext, id: string) {
  const actor = await requireAccess(ctx, 'dashboard.read');
  const set = await findBoundarySet(ctx.db, actor.tenantId, id);
  if (!set) throw AppError.notFound();
  return { ...presentBoundarySet(set), geojson: set.geojson };
}

/** Units in force on a date with an official code, by code. */
async function unitsByCodeOn(ctx: RequestContext, tenantId: string, date: string): Promise<Map<string, UnitRef>> {
  const tree = await loadOrgTree(ctx.db, tenantId, date);
  return new Map([...tree.byId.values()].filter((u) => u.code).map((u) => [u.code!, { id: u.id, code: u.code!, name: u.name }] as const));
}

async function storeSet(
  ctx: RequestContext,
  tenantId: string,
  input: { name: string; asOf: string; codeProperty: string; isDemo: boolean; byteSize: number; collection: BoundaryCollection },
) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(unitBoundarySets)
      .values({
        id: randomUUID(),
        tenantId,
        name: input.name.normalize('NFC'),
        asOf: input.asOf,
        codeProperty: input.codeProperty,
        isDemo: input.isDemo,
        featureCount: input.collection.features.length,
        byteSize: input.byteSize,
        geojson: input.collection,
        uploadedByUserId: ctx.actor?.userId ?? null,
      })
      .returning();
    await recordAudit(
      tx,
      ctx,
      {
        action: 'unit_boundary_set.created',
        entityType: 'unit_boundary_set',
        entityId: row!.id,
        after: { name: row!.name, asOf: row!.asOf, features: row!.featureCount, isDemo: row!.isDemo, bytes: row!.byteSize },
      },
      tenantId,
    );
    return presentBoundarySet(row!);
  });
}

/** Validates an uploaded GeoJSON file as a whole and stores it, or refuses it listing every problem (nothing stored). */
export async function uploadBoundarySet(ctx: RequestContext, fields: UploadFields, file: Buffer) {
  const actor = await authorize(boundarySetPolicy, ctx, 'upload', tenantLevel);
  if (file.length === 0) throw new AppError('no_file', 400, 'map.no_file', [{ path: 'file', message: '' }]);
  const unitsByCode = await unitsByCodeOn(ctx, actor.tenantId, fields.asOf);
  const result = validateBoundaryGeoJson(file.toString('utf8'), { codeProperty: fields.codeProperty, unitsByCode, asOfLabel: formatDateVi(fields.asOf) });
  if (!result.ok) {
    if (result.kind === 'json') throw new AppError('invalid_json', 400, 'map.invalid_json', [{ path: 'file', message: result.reason }], { reason: result.reason });
    if (result.kind === 'shape') throw new AppError('not_feature_collection', 422, 'map.not_feature_collection', [{ path: 'file', message: '' }]);
    throw new AppError('invalid_features', 422, 'map.invalid_features', result.problems, { count: result.problems.length });
  }
  return storeSet(ctx, actor.tenantId, { ...fields, isDemo: false, byteSize: file.length, collection: result.collection });
}

/** Stores invented rectangles for the units of some levels on a date, clearly named as demo geometry. */
export async function createDemoBoundarySet(ctx: RequestContext, input: { asOf: string; levels: string[] }) {
  const actor = await authorize(boundarySetPolicy, ctx, 'upload', tenantLevel);
  const tree = await loadOrgTree(ctx.db, actor.tenantId, input.asOf);
  const list = [...tree.byId.values()]
    .filter((u) => u.code && input.levels.includes(u.level))
    .sort((a, b) => a.code!.localeCompare(b.code!))
    .map((u) => ({ id: u.id, code: u.code!, name: u.name }));
  if (list.length === 0) throw AppError.unprocessable('no_units', 'map.no_boundaries', {}, 'body.levels');
  const text = JSON.stringify(demoBoundaryGeoJson(list));
  const result = validateBoundaryGeoJson(text, { codeProperty: 'code', unitsByCode: new Map(list.map((u) => [u.code, u] as const)), asOfLabel: formatDateVi(input.asOf) });
  if (!result.ok) throw new Error('demo geometry failed its own validation');
  return storeSet(ctx, actor.tenantId, {
    name: `Hình học minh hoạ (không phải ranh giới thật) — ${formatDateVi(input.asOf)}`,
    asOf: input.asOf,
    codeProperty: 'code',
    isDemo: true,
    byteSize: Buffer.byteLength(text),
    collection: result.collection,
  });
}

/**
 * A choropleth's data: the boundary set (chosen, or the newest not after the period's end) reduced to the units the
 * reader may see at the level, and each unit's status and value for one criterion of the period.
 */
export async function getMap(ctx: RequestContext, movementId: string, query: { periodId: string; level: string; criterion?: string; boundarySetId?: string }): Promise<MapView> {
  const actor = await requireAccess(ctx, 'dashboard.read');
  const period = await findMovementPeriod(ctx.db, actor.tenantId, movementId, query.periodId);
  if (!period) throw AppError.notFound();
  const scope = await scopeFor(ctx.db, actor, 'dashboard.read');
  const set = query.boundarySetId ? await findBoundarySet(ctx.db, actor.tenantId, query.boundarySetId) : await findBoundarySetFor(ctx.db, actor.tenantId, period.end_date);
  if (query.boundarySetId && !set) throw AppError.notFound();
  const [tree, version] = await Promise.all([loadOrgTree(ctx.db, actor.tenantId, period.end_date), findVersionRow(ctx.db, period.criteria_set_version_id)]);
  const definition = version?.definition as CriteriaSetVersion | undefined;
  const criteria = (definition?.criteria ?? []).filter((c: Criterion) => c.levels.includes(query.level as never)).map((c) => ({ code: c.code, title: c.title }));
  const criterion = query.criterion ? criteria.find((c) => c.code === query.criterion) : criteria[0];
  if (query.criterion && !criterion) throw AppError.unprocessable('unknown_criterion', 'map.unknown_criterion', { code: query.criterion }, 'query.criterion');

  const units = expectedUnits(tree, { reportingLevels: period.reporting_levels, rootUnitId: period.root_unit_id }).filter((u) => u.level === query.level && inScope(scope, u.id));
  const values = criterion ? await findCriterionValues(ctx.db, period.period_id, query.level, criterion.code) : [];
  const byUnit = new Map(values.map((v) => [v.unit_id, { status: v.status, value: v.value, displayValue: v.display_value }] as const));
  return presentMapView({ period, level: query.level, criteria, criterion: criterion ?? null, set, units, valueOf: (unitId) => byUnit.get(unitId) });
}

/** A unit's value of the criterion shown; undefined: the unit has no result to show ("no_report"). */
export type MapValue = { status: string | null; value: string | null; displayValue: string | null };

/**
 * A choropleth's answer, for the signed-in map (live approved results) and the public one (a published snapshot):
 * the boundary set's features of the given units, and one row per unit in code order with its status (met, not met,
 * not applicable; anything else awaiting; no value: no_report), numeric value and displayed value.
 */
export function presentMapView(input: {
  period: Pick<PeriodRow, 'movement_id' | 'movement_code' | 'movement_name' | 'period_id' | 'period_code' | 'period_label' | 'end_date'>;
  level: string;
  criteria: { code: string; title: string }[];
  criterion: { code: string; title: string } | null;
  set: BoundarySetRow | null;
  units: OrgUnit[];
  valueOf: (unitId: string) => MapValue | undefined;
}): MapView {
  const { period, set } = input;
  const visible = new Set(input.units.map((u) => u.id));
  const features = set ? set.geojson.features.filter((f) => visible.has(f.properties.unitId)) : [];
  const withGeometry = new Set(features.map((f) => f.properties.unitId));
  const rows = [...input.units]
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || compareVietnamese(a.name, b.name))
    .map((u) => {
      const v = input.valueOf(u.id);
      const status = !v ? 'no_report' : v.status === 'met' || v.status === 'not_met' || v.status === 'not_applicable' ? v.status : 'awaiting';
      const numeric = v?.value !== null && v?.value !== undefined && Number.isFinite(Number(v.value)) ? Number(v.value) : null;
      return {
        unitId: u.id,
        code: u.code,
        name: u.name,
        status: status as MapView['rows'][number]['status'],
        value: numeric,
        displayValue: v?.displayValue ?? null,
        hasGeometry: withGeometry.has(u.id),
      };
    });
  return {
    movement: { id: period.movement_id, code: period.movement_code, name: period.movement_name },
    period: { id: period.period_id, code: period.period_code, label: period.period_label, endDate: period.end_date },
    level: input.level,
    criteria: input.criteria,
    criterion: input.criterion,
    boundarySet: set ? presentBoundarySet(set) : null,
    geojson: set ? { type: 'FeatureCollection', features } : null,
    rows,
  };
}
