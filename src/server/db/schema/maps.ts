import { boolean, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './common.js';
import { users } from './identity.js';

export type BoundaryFeature = {
  type: 'Feature';
  properties: { unitId: string; code: string; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
};
export type BoundaryCollection = { type: 'FeatureCollection'; features: BoundaryFeature[] };

/**
 * A set of unit boundaries uploaded as GeoJSON by an administrator, valid for the organisation tree of one date
 * (each feature matched to a unit in force that day). Demo sets hold invented geometry and say so.
 */
export const unitBoundarySets = pgTable(
  'unit_boundary_sets',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    codeProperty: text('code_property').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    featureCount: integer('feature_count').notNull(),
    byteSize: integer('byte_size').notNull(),
    /** The validated collection, each feature's properties reduced to the matched unit (id, code, name). */
    geojson: jsonb('geojson').$type<BoundaryCollection>().notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('unit_boundary_sets_tenant_idx').on(t.tenantId, t.asOf)],
);
