// The tree's type and walks are read where the server keeps them today; they move to src/core/org (issue 12, part org).
import { subtreeOf, type OrgTree, type OrgUnit } from '../org/tree.js';

/**
 * Units that must report in a period: the regime's reporting levels, under its root unit if it has one, in the
 * organisation tree on the period's last day.
 */
export function expectedUnits(tree: OrgTree, regime: { readonly reportingLevels: readonly string[]; readonly rootUnitId: string | null }): OrgUnit[] {
  const pool = regime.rootUnitId ? subtreeOf(tree, regime.rootUnitId) : [...tree.byId.values()];
  return pool.filter((u) => regime.reportingLevels.includes(u.level));
}
