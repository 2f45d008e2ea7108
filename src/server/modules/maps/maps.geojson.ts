import type { BoundaryCollection, BoundaryFeature } from '../../db/schema/maps.js';
import { detail, type ErrorDetail } from '../../errors.js';

// Pure GeoJSON checks (no I/O): the upload is refused as a whole with every problem listed by feature index.

export type UnitRef = { id: string; code: string; name: string };
/** A problem with one feature, worded by the message catalogue in the request's language. */
export type GeoJsonProblem = ErrorDetail;
export type GeoJsonResult =
  | { ok: true; collection: BoundaryCollection }
  | { ok: false; kind: 'json'; reason: string }
  | { ok: false; kind: 'shape'; reason: string }
  | { ok: false; kind: 'features'; problems: GeoJsonProblem[] };

const MAX_PROBLEMS = 200;
const isPosition = (p: unknown): p is [number, number] => Array.isArray(p) && p.length >= 2 && p.length <= 3 && p.every((n) => typeof n === 'number' && Number.isFinite(n));

/** Checks one linear ring: ≥ 4 positions, numeric, longitude −180…180, latitude −90…90, closed. */
function checkRing(ring: unknown, path: string, problems: GeoJsonProblem[]): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    problems.push(detail(path, 'map.ring_too_short'));
    return;
  }
  for (const [i, p] of ring.entries()) {
    if (!isPosition(p)) {
      problems.push(detail(`${path}[${i}]`, 'map.position_not_numbers'));
      return;
    }
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
      problems.push(detail(`${path}[${i}]`, 'map.position_out_of_range', { longitude: p[0], latitude: p[1] }));
      return;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) problems.push(detail(path, 'map.ring_not_closed'));
}

function checkPolygon(coords: unknown, path: string, problems: GeoJsonProblem[]): void {
  if (!Array.isArray(coords) || coords.length === 0) {
    problems.push(detail(path, 'map.polygon_empty'));
    return;
  }
  coords.forEach((ring, i) => checkRing(ring, `${path}[${i}]`, problems));
}

/**
 * Parses and validates an uploaded boundary file: a FeatureCollection of Polygon/MultiPolygon features, each carrying
 * the unit code in `codeProperty`, matched to a unit in force on the chosen date (each code once).
 */
export function validateBoundaryGeoJson(text: string, options: { codeProperty: string; unitsByCode: ReadonlyMap<string, UnitRef>; asOfLabel: string }): GeoJsonResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, kind: 'json', reason: (error as Error).message.slice(0, 200) };
  }
  const root = parsed as { type?: unknown; features?: unknown };
  if (!root || typeof root !== 'object' || root.type !== 'FeatureCollection' || !Array.isArray(root.features) || root.features.length === 0) {
    return { ok: false, kind: 'shape', reason: 'FeatureCollection' };
  }
  const problems: GeoJsonProblem[] = [];
  const features: BoundaryFeature[] = [];
  const seen = new Map<string, number>();
  for (const [i, raw] of (root.features as unknown[]).entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    const at = `features[${i}]`;
    const f = raw as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: Record<string, unknown> | null };
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      problems.push(detail(at, 'map.feature_type', { index: i }));
      continue;
    }
    const before = problems.length;
    const geometry = f.geometry;
    if (!geometry || typeof geometry !== 'object') {
      problems.push(detail(`${at}.geometry`, 'map.geometry_missing', { index: i }));
    } else if (geometry.type === 'Polygon') {
      checkPolygon(geometry.coordinates, `${at}.geometry.coordinates`, problems);
    } else if (geometry.type === 'MultiPolygon') {
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) problems.push(detail(`${at}.geometry.coordinates`, 'map.multipolygon_empty', { index: i }));
      else geometry.coordinates.forEach((poly, j) => checkPolygon(poly, `${at}.geometry.coordinates[${j}]`, problems));
    } else {
      problems.push(detail(`${at}.geometry.type`, 'map.geometry_type', { index: i, type: String(geometry.type) }));
    }
    const rawCode = f.properties && typeof f.properties === 'object' ? f.properties[options.codeProperty] : undefined;
    const code = typeof rawCode === 'number' ? String(rawCode) : typeof rawCode === 'string' ? rawCode.trim() : '';
    let unit: UnitRef | undefined;
    if (!code) {
      problems.push(detail(`${at}.properties.${options.codeProperty}`, 'map.code_missing', { index: i, property: options.codeProperty }));
    } else if (!(unit = options.unitsByCode.get(code))) {
      problems.push(detail(`${at}.properties.${options.codeProperty}`, 'map.code_unknown', { index: i, code, date: options.asOfLabel }));
    } else if (seen.has(code)) {
      problems.push(detail(`${at}.properties.${options.codeProperty}`, 'map.code_repeated', { index: i, code, first: seen.get(code)! }));
    } else {
      seen.set(code, i);
    }
    if (problems.length === before && unit) {
      features.push({
        type: 'Feature',
        properties: { unitId: unit.id, code: unit.code, name: unit.name },
        geometry: { type: geometry!.type as 'Polygon' | 'MultiPolygon', coordinates: geometry!.coordinates },
      });
    }
  }
  if (problems.length > 0) return { ok: false, kind: 'features', problems };
  return { ok: true, collection: { type: 'FeatureCollection', features } };
}

/**
 * Invented geometry for demonstrations: one rectangle per unit on a grid near Hải Dương / Hải Phòng. It is NOT a
 * real boundary; sets made from it are marked as demo and named "hình học minh hoạ".
 */
export function demoBoundaryGeoJson(unitList: readonly UnitRef[], codeProperty = 'code') {
  const columns = Math.max(1, Math.ceil(Math.sqrt(unitList.length)));
  const size = 0.05;
  const origin = [106.2, 21.2];
  return {
    type: 'FeatureCollection' as const,
    name: 'Hình học minh hoạ — không phải ranh giới hành chính thật',
    features: unitList.map((u, i) => {
      const x = origin[0]! + (i % columns) * size;
      const y = origin[1]! - Math.floor(i / columns) * size;
      const r = (n: number) => Math.round(n * 1e6) / 1e6;
      const ring = [
        [r(x), r(y)],
        [r(x + size * 0.95), r(y)],
        [r(x + size * 0.95), r(y - size * 0.95)],
        [r(x), r(y - size * 0.95)],
        [r(x), r(y)],
      ];
      return {
        type: 'Feature' as const,
        properties: { [codeProperty]: u.code, ten: u.name, ghiChu: 'hình học minh hoạ' },
        geometry: { type: 'Polygon' as const, coordinates: [ring] },
      };
    }),
  };
}
