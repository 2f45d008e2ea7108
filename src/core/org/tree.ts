/**
 * Organisation trees: building one from the flat list the API returns (server and web), and the tree in force on a
 * date that the server reads once and caches (`OrgTree`, read by `units/org-on-date.ts`) with its walks.
 */
import type { UnitLevel } from '../criteria/criteria.schemas.js';

export type FlatNode = { id: string; parentId: string | null };
export type TreeNode<T extends FlatNode> = T & { children: TreeNode<T>[] };

/**
 * Nests a flat list by parentId. A node whose parent is not in the list becomes a root, and so does a node
 * caught in a parent cycle (bad data must not make the tree vanish). Siblings are ordered by `compare`.
 */
export function buildTree<T extends FlatNode>(nodes: readonly T[], compare?: (a: T, b: T) => number): TreeNode<T>[] {
  const byId = new Map<string, TreeNode<T>>();
  for (const n of nodes) byId.set(n.id, { ...n, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (!parent || isInCycle(byId, node.id)) roots.push(node);
    else parent.children.push(node);
  }
  if (compare) {
    const sortDeep = (list: TreeNode<T>[]) => {
      list.sort(compare);
      for (const n of list) sortDeep(n.children);
    };
    sortDeep(roots);
  }
  return roots;
}

function isInCycle(byId: ReadonlyMap<string, FlatNode>, id: string): boolean {
  const seen = new Set<string>([id]);
  let current = byId.get(id)?.parentId ?? null;
  while (current !== null) {
    if (seen.has(current)) return current === id;
    seen.add(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return false;
}

/** Ids from the root down to the node's parent (empty for a root); stops at a missing parent or a cycle. */
export function ancestorIds(nodes: readonly FlatNode[], id: string): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  const seen = new Set<string>([id]);
  let current = byId.get(id)?.parentId ?? null;
  while (current !== null && !seen.has(current) && byId.has(current)) {
    out.unshift(current);
    seen.add(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return out;
}

/** Order of units in a tree: official code numerically, units without a code after, then by Vietnamese name. */
export function compareUnits(a: { code: string | null; name: string }, b: { code: string | null; name: string }): number {
  if (a.code !== null && b.code !== null && a.code !== b.code) return Number(a.code) - Number(b.code) || a.code.localeCompare(b.code);
  if (a.code !== null && b.code === null) return -1;
  if (a.code === null && b.code !== null) return 1;
  return vietnameseCollator.compare(a.name, b.name);
}

export const vietnameseCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * A unit as it stands in the tree on a date: identity, the name and parent of its version in force, and the criteria
 * level of its kind. Field names are the database's, as every reader of the tree has always used them.
 */
export type OrgUnit = {
  id: string;
  code: string | null;
  name: string;
  short_name: string | null;
  kind_code: string;
  admin_type: string | null;
  parent_id: string | null;
  is_demo: boolean;
  level: UnitLevel;
};

/** The organisation on a date: every unit in force by id, and the children of each unit (frozen when built). */
export type OrgTree = { byId: Map<string, OrgUnit>; children: Map<string, OrgUnit[]> };

/** The level of a unit whose kind is unknown (no row in unit_kinds): counted nowhere in particular. */
export const unknownLevel: UnitLevel = 'other';

/**
 * The tree from the units in force on a date and the level of each kind (`unknownLevel` for a kind not listed).
 * Units and children lists are frozen: a tree is shared by every request while it is cached.
 */
export function buildOrgTree(rows: readonly Omit<OrgUnit, 'level'>[], levelOfKind: ReadonlyMap<string, UnitLevel>): OrgTree {
  const byId = new Map<string, OrgUnit>();
  const children = new Map<string, OrgUnit[]>();
  for (const r of rows) byId.set(r.id, Object.freeze({ ...r, level: levelOfKind.get(r.kind_code) ?? unknownLevel }));
  for (const u of byId.values()) {
    if (!u.parent_id) continue;
    const list = children.get(u.parent_id) ?? [];
    list.push(u);
    children.set(u.parent_id, list);
  }
  for (const list of children.values()) Object.freeze(list);
  return { byId, children };
}

/** The unit and every unit below it in the tree (empty when the unit is not in the tree). */
export function subtreeOf(tree: OrgTree, rootId: string): OrgUnit[] {
  const out: OrgUnit[] = [];
  const root = tree.byId.get(rootId);
  if (!root) return out;
  const stack = [root];
  while (stack.length > 0) {
    const u = stack.pop()!;
    out.push(u);
    for (const c of tree.children.get(u.id) ?? []) stack.push(c);
  }
  return out;
}

/** Ancestors from the parent upwards; stops at a parent missing from the tree, and after 30 steps (a cycle). */
export function ancestorsOf(tree: OrgTree, unitId: string): OrgUnit[] {
  const out: OrgUnit[] = [];
  let current = tree.byId.get(unitId);
  for (let depth = 0; current?.parent_id && depth < 30; depth++) {
    const parent = tree.byId.get(current.parent_id);
    if (!parent) break;
    out.push(parent);
    current = parent;
  }
  return out;
}
