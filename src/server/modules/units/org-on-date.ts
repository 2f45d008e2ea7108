import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { namesOn } from '../../../core/org/names.js';
import { buildOrgTree, unknownLevel, type OrgTree, type OrgUnit } from '../../../core/org/tree.js';
import type { DbOrTx } from '../../db/client.js';
import { findMergeTarget, findOrgTreeVersion, findSubtreeIdRows, findUnitNamedRows, findUnitOnRow, type UnitOnRow } from './org-on-date.repository.js';
import { findTreeRows, findUnitKinds, findVersions } from './units.repository.js';

/**
 * The organisation on a date — the spine every area reads: the cached tree in force on a date, one unit on a date,
 * units and names on a date, a subtree. Every area calls this module; the pure tree type and its walks (`subtreeOf`,
 * `ancestorsOf`) and the naming rule are in src/core/org, the queries in org-on-date.repository.ts.
 */

// ---- the tree on a date, cached ------------------------------------------------------------

/** Trees kept per database handle (a transaction has its own), by tenant and date, with the counter they were read at. */
const treeCache = new WeakMap<object, Map<string, { version: string; tree: OrgTree }>>();
const TREE_CACHE_SIZE = 32;

/**
 * The organisation tree in force on a date with each unit's criteria level. Trees are read-only (frozen) and cached
 * per database handle while `org_tree_version` (moved on by triggers on every change to units, their versions and the
 * kinds) is unchanged: a request then reads one counter instead of every unit of the tenant (decision 0015).
 */
export async function loadOrgTree(db: DbOrTx, tenantId: string, date: string): Promise<OrgTree> {
  const version = await findOrgTreeVersion(db);
  let trees = treeCache.get(db);
  if (!trees) treeCache.set(db, (trees = new Map()));
  const key = `${tenantId}|${date}`;
  const cached = trees.get(key);
  if (cached && cached.version === version) {
    // Most recently used last.
    trees.delete(key);
    trees.set(key, cached);
    return cached.tree;
  }
  const tree = await readOrgTree(db, tenantId, date);
  trees.delete(key);
  trees.set(key, { version, tree });
  if (trees.size > TREE_CACHE_SIZE) trees.delete(trees.keys().next().value!);
  return tree;
}

async function readOrgTree(db: DbOrTx, tenantId: string, date: string): Promise<OrgTree> {
  // Sequential: db may be a transaction (one connection), where concurrent queries are not allowed.
  const rows = await findTreeRows(db, tenantId, date);
  const kinds = await findUnitKinds(db, tenantId);
  return buildOrgTree(rows, new Map(kinds.map((k) => [k.code, k.level as UnitLevel] as const)));
}

// ---- one unit, several units, names --------------------------------------------------------

/** A unit as it stood on a date: its version's name and parent, and the criteria level of its kind. */
export type UnitOn = Pick<OrgUnit, 'id' | 'code' | 'name' | 'kind_code' | 'level' | 'parent_id' | 'is_demo'>;
/** A unit with the name it bore on a date, in force then or not, and its own validity. */
export type UnitNamed = UnitOn & { valid_from: string; valid_to: string | null };

// One rule for a kind missing from unit_kinds, as in the tree: its level is `unknownLevel` ('other'). The former copy
// in the reports area answered null there, but none of its callers (report names, dashboard trend and scorecard) read
// the level, so every caller answers as before.
const withLevel = <T extends UnitOnRow>(row: T): Omit<T, 'level'> & { level: UnitLevel } => ({ ...row, level: (row.level as UnitLevel | null) ?? unknownLevel });

/** The unit as it stood on the date (name, parent, criteria level of its kind); null when it or its versions are not in force then. */
export async function findUnitOn(db: DbOrTx, tenantId: string, unitId: string, date: string): Promise<UnitOn | null> {
  const row = await findUnitOnRow(db, tenantId, unitId, date);
  return row ? withLevel(row) : null;
}

/**
 * Units by id, in force on the date or not (for lists of historic records), each with the name and parent of the
 * version whose name it bore then (the rule of `findUnitNames`). Units of other tenants are not returned.
 */
export async function findUnitsNamed(db: DbOrTx, tenantId: string, ids: readonly string[], date: string): Promise<UnitNamed[]> {
  return (await findUnitNamedRows(db, tenantId, ids, date)).map(withLevel);
}

/**
 * The names of units on a date, in one query: the version in force, else the latest before, else the first
 * (`core/org/names.ts`). Units of other tenants, and unknown ids, are absent from the map.
 */
export async function findUnitNames(db: DbOrTx, tenantId: string, unitIds: readonly string[], date: string): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  return namesOn(await findVersions(db, tenantId, [...new Set(unitIds)]), date);
}

// ---- subtree and lineage -------------------------------------------------------------------

/**
 * Ids of the units below the root on the date (the root excluded), following the parents in force then. One
 * recursive query: used for one-off dates (registration days), where reading and caching the whole tree would cost more.
 */
export async function findSubtreeIdsOn(db: DbOrTx, tenantId: string, rootId: string, date: string): Promise<Set<string>> {
  return new Set(await findSubtreeIdRows(db, tenantId, rootId, date));
}

/**
 * The unit if it is in force on the date, else the unit it merged into (following `merged_into` events, at most six
 * hops) that is: a role given to a unit passes to its successor. Null when the chain ends without one in force.
 */
export async function findSuccessorInForce(db: DbOrTx, tenantId: string, unitId: string, date: string): Promise<string | null> {
  let current: string | null = unitId;
  for (let hop = 0; current !== null && hop < 6; hop += 1) {
    if (await findUnitOnRow(db, tenantId, current, date)) return current;
    current = await findMergeTarget(db, tenantId, current);
  }
  return null;
}
