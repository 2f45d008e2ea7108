import type { UnitTreeNode } from '../../api/units';

export type TreeIndex = { roots: UnitTreeNode[]; childrenOf: Map<string, UnitTreeNode[]>; size: number };

/**
 * Builds the tree from the flat list of GET /api/units/tree. A node whose parent is not in the list
 * (outside the user's scope, or not valid on the date) becomes a root.
 */
export function indexTree(nodes: UnitTreeNode[], kindOrder: (kind: string) => number): TreeIndex {
  const ids = new Set(nodes.map((n) => n.id));
  const childrenOf = new Map<string, UnitTreeNode[]>();
  const roots: UnitTreeNode[] = [];
  for (const node of nodes) {
    if (node.parentId && ids.has(node.parentId)) {
      const list = childrenOf.get(node.parentId);
      if (list) list.push(node);
      else childrenOf.set(node.parentId, [node]);
    } else roots.push(node);
  }
  const compare = (a: UnitTreeNode, b: UnitTreeNode) => kindOrder(a.kindCode) - kindOrder(b.kindCode) || a.name.localeCompare(b.name, 'vi');
  roots.sort(compare);
  for (const list of childrenOf.values()) list.sort(compare);
  return { roots, childrenOf, size: nodes.length };
}
