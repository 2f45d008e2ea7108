import { compareVietnamese } from '../../../core/text.js';
import type { Scope } from '../../auth/actor.js';
import { inScope } from '../../auth/access.js';
import { subtreeOf, type OrgTree, type OrgUnit } from '../../../core/org/tree.js';
import { expectedUnits } from '../../../core/reports/expected-units.js';
import type { FrameArrays } from './dashboards.repository.js';

/**
 * The units a dashboard view counts, on the period's organisation tree: the regime's expected units (its reporting
 * levels under its root unit) that the caller may see, inside the drilled unit's subtree (the unit itself left out),
 * and the drill-down rows they are counted under. A frame depends only on the tree, the regime, the caller's scope
 * and the drilled unit, so it is built once per frozen tree (organisation trees are cached while unchanged, decision
 * 0015) and reused: a dashboard request sends the frame's arrays to one aggregate statement instead of reading every
 * unit's report state back. The cluster filter is applied in SQL (memberships are dated and change on their own).
 */
export type DashboardFrame = {
  /** Expected units in scope (under the drilled unit), before any cluster filter. */
  readonly units: readonly OrgUnit[];
  /** Level names, sorted: the level index sent to SQL is a position here. */
  readonly levels: readonly string[];
  /** Drill-down rows: the drilled unit's children in scope, or the caller's top units; by name. */
  readonly rows: readonly OrgUnit[];
  /**
   * For each drill-down row, the rows its figures count towards: itself and any listed ancestor (a caller's top
   * units can be nested when a grant covers a unit without its subtree). A unit is sent once, under its nearest row.
   */
  readonly countsTowards: readonly (readonly number[])[];
  readonly arrays: FrameArrays;
  /** Position of each unit in the overdue list's order (level, parent's name, name); built on first use. */
  overdueOrder(): ReadonlyMap<string, number>;
};

const lateLevels = ['department', 'district', 'commune'];
const byName = (a: { name: string }, b: { name: string }) => compareVietnamese(a.name, b.name);

/** Units the actor may see whose parent on the period's tree they may not: the starting points of a drill-down. */
function topUnits(tree: OrgTree, scope: Scope): OrgUnit[] {
  return [...tree.byId.values()].filter((u) => inScope(scope, u.id) && (!u.parent_id || !inScope(scope, u.parent_id) || !tree.byId.has(u.parent_id)));
}

/** The unit's nearest ancestor-or-self found in `index` (a walk up its parents), or undefined. */
function nearestListed(tree: OrgTree, unit: OrgUnit | undefined, index: ReadonlyMap<string, number>): number | undefined {
  let current = unit;
  for (let depth = 0; current && depth < 64; depth++) {
    const at = index.get(current.id);
    if (at !== undefined) return at;
    current = current.parent_id ? tree.byId.get(current.parent_id) : undefined;
  }
  return undefined;
}

export function buildDashboardFrame(
  tree: OrgTree,
  regime: { reportingLevels: readonly string[]; rootUnitId: string | null },
  scope: Scope,
  root: OrgUnit | undefined,
): DashboardFrame {
  const inside = root ? new Set(subtreeOf(tree, root.id).map((u) => u.id)) : null;
  const units = expectedUnits(tree, regime).filter((u) => inScope(scope, u.id) && (!inside || (inside.has(u.id) && u.id !== root!.id)));
  const levels = [...new Set(units.map((u) => u.level))].sort();
  const levelIndex = new Map(levels.map((l, i) => [l, i] as const));
  const rows = (root ? (tree.children.get(root.id) ?? []).filter((u) => inScope(scope, u.id)) : topUnits(tree, scope)).sort(byName);
  const rowIndex = new Map(rows.map((u, i) => [u.id, i] as const));
  const countsTowards = rows.map((u, i) => {
    const towards = [i];
    let above = nearestListed(tree, u.parent_id ? tree.byId.get(u.parent_id) : undefined, rowIndex);
    while (above !== undefined && !towards.includes(above)) {
      towards.push(above);
      const parent = rows[above]!.parent_id;
      above = nearestListed(tree, parent ? tree.byId.get(parent) : undefined, rowIndex);
    }
    return towards;
  });
  const arrays: FrameArrays = {
    unitIds: `{${units.map((u) => u.id).join(',')}}`,
    levels: `{${units.map((u) => levelIndex.get(u.level)!).join(',')}}`,
    rows: `{${units.map((u) => nearestListed(tree, u, rowIndex) ?? -1).join(',')}}`,
  };
  let order: Map<string, number> | null = null;
  return {
    units,
    levels,
    rows,
    countsTowards,
    arrays,
    overdueOrder() {
      if (!order) {
        const parentName = (u: OrgUnit) => (u.parent_id ? (tree.byId.get(u.parent_id)?.name ?? '') : '');
        const sorted = [...units].sort(
          (a, b) => lateLevels.indexOf(a.level) - lateLevels.indexOf(b.level) || compareVietnamese(parentName(a), parentName(b)) || compareVietnamese(a.name, b.name),
        );
        order = new Map(sorted.map((u, i) => [u.id, i] as const));
      }
      return order;
    },
  };
}

const frames = new WeakMap<OrgTree, Map<string, DashboardFrame>>();
const FRAMES_PER_TREE = 64;

/** The frame of a view, built once per cached (frozen) tree and key; the most recently used kept. */
export function dashboardFrame(tree: OrgTree, regime: { reportingLevels: readonly string[]; rootUnitId: string | null }, scope: Scope, root: OrgUnit | undefined): DashboardFrame {
  let byKey = frames.get(tree);
  if (!byKey) frames.set(tree, (byKey = new Map()));
  const scopeKey = scope.kind === 'all' ? 'all' : [...scope.unitIds].sort().join(',');
  const key = `${regime.reportingLevels.join(',')}|${regime.rootUnitId ?? ''}|${root?.id ?? ''}|${scopeKey}`;
  let frame = byKey.get(key);
  if (frame) {
    byKey.delete(key);
  } else {
    frame = buildDashboardFrame(tree, regime, scope, root);
    if (byKey.size >= FRAMES_PER_TREE) byKey.delete(byKey.keys().next().value!);
  }
  byKey.set(key, frame);
  return frame;
}
