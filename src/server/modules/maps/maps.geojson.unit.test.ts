import { describe, expect, it } from 'vitest';
import { demoBoundaryGeoJson, validateBoundaryGeoJson, type UnitRef } from './maps.geojson.js';

const units: UnitRef[] = [
  { id: 'u1', code: '10507', name: 'Phường Cẩm Thượng' },
  { id: 'u2', code: '10510', name: 'Phường Bình Hàn' },
];
const options = { codeProperty: 'code', unitsByCode: new Map(units.map((u) => [u.code, u] as const)), asOfLabel: '30/06/2024' };

describe('GeoJSON boundary validation', () => {
  it('accepts the demo rectangles and keeps only the matched unit in the properties', () => {
    const result = validateBoundaryGeoJson(JSON.stringify(demoBoundaryGeoJson(units)), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.collection.features.map((f) => f.properties)).toEqual(units.map((u) => ({ unitId: u.id, code: u.code, name: u.name })));
  });

  it('accepts a byte-order mark, numeric codes and MultiPolygons', () => {
    const ring = [
      [106.3, 20.9],
      [106.4, 20.9],
      [106.4, 20.8],
      [106.3, 20.9],
    ];
    const body = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 10507 }, geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring]] } }] };
    expect(validateBoundaryGeoJson(`\uFEFF${JSON.stringify(body)}`, options).ok).toBe(true);
  });

  it('names every problem by feature index and keeps going', () => {
    const body = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '99999' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [106.3, 20.9],
                [106.4, 20.9],
                [106.4, 20.8],
                [106.3, 20.9],
              ],
            ],
          },
        },
        { type: 'Feature', properties: { code: '10510' }, geometry: { type: 'Point', coordinates: [1, 2] } },
        {
          type: 'Feature',
          properties: { code: '10507' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [200, 20.9],
                [106.4, 20.9],
                [106.4, 20.8],
                [200, 20.9],
              ],
            ],
          },
        },
        { type: 'Bogus' },
      ],
    };
    const result = validateBoundaryGeoJson(JSON.stringify(body), options);
    expect(result.ok).toBe(false);
    if (result.ok || result.kind !== 'features') return;
    expect(result.problems.map((p) => p.path)).toEqual(['features[0].properties.code', 'features[1].geometry.type', 'features[2].geometry.coordinates[0][0]', 'features[3]']);
  });

  it('tells JSON errors from shape errors', () => {
    expect(validateBoundaryGeoJson('nope', options)).toMatchObject({ ok: false, kind: 'json' });
    expect(validateBoundaryGeoJson('{"type":"FeatureCollection","features":[]}', options)).toMatchObject({ ok: false, kind: 'shape' });
    expect(validateBoundaryGeoJson('[1,2]', options)).toMatchObject({ ok: false, kind: 'shape' });
  });
});
