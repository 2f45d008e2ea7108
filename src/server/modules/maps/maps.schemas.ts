import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import { unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';

export const boundarySetParams = z.object({ id: z.uuid() });

/** Multipart fields besides the file. */
export const uploadFields = z.object({
  name: z.string().trim().min(1).max(200),
  asOf: isoDate.describe('Ngày của cây tổ chức mà mã đơn vị phải khớp'),
  codeProperty: z.string().trim().min(1).max(60).default('code'),
});
export type UploadFields = z.infer<typeof uploadFields>;

export const demoBoundaryBody = z.object({
  asOf: isoDate,
  levels: z.array(unitLevelSchema).min(1).max(6).default(['commune', 'district']),
});

export const mapQuery = z.object({
  periodId: z.uuid(),
  level: unitLevelSchema.default('commune'),
  criterion: z.string().min(1).max(100).optional().describe('Mã tiêu chí; mặc định tiêu chí đầu tiên áp dụng cho cấp'),
  boundarySetId: z.uuid().optional().describe('Mặc định: bộ ranh giới mới nhất có ngày không sau ngày cuối kỳ'),
});
export const movementParams = z.object({ id: z.uuid() });

export const boundarySetView = z.object({
  id: z.string(),
  name: z.string(),
  asOf: z.string(),
  codeProperty: z.string(),
  isDemo: z.boolean(),
  featureCount: z.number().int(),
  byteSize: z.number().int(),
  createdAt: z.string(),
});
export const boundarySetsView = z.object({ sets: z.array(boundarySetView), abilities: z.object({ canUpload: z.boolean() }), maxMb: z.number().int() });

const geometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.unknown() });
export const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), properties: z.object({ unitId: z.string(), code: z.string(), name: z.string() }), geometry })),
});
export const boundarySetDetailView = boundarySetView.extend({ geojson: featureCollection });

export const mapStatus = z.enum(['met', 'not_met', 'not_applicable', 'awaiting', 'no_report']);
export const mapView = z.object({
  movement: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  period: z.object({ id: z.string(), code: z.string(), label: z.string(), endDate: z.string() }),
  level: z.string(),
  criteria: z.array(z.object({ code: z.string(), title: z.string() })),
  criterion: z.object({ code: z.string(), title: z.string() }).nullable(),
  boundarySet: boundarySetView.nullable(),
  geojson: featureCollection.nullable(),
  rows: z.array(
    z.object({
      unitId: z.string(),
      code: z.string().nullable(),
      name: z.string(),
      status: mapStatus,
      value: z.number().nullable().describe('Giá trị số của tiêu chí (để tô màu)'),
      displayValue: z.string().nullable(),
      hasGeometry: z.boolean(),
    }),
  ),
});
export type MapView = z.infer<typeof mapView>;
