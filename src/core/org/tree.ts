/** Building an organisation tree from the flat list the API returns. Shared by server and web. */

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
