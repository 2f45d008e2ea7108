import { describe, expect, it } from 'vitest';
import { ancestorIds, buildTree, compareUnits } from './tree.js';

const n = (id: string, parentId: string | null, code: string | null = null, name = id) => ({ id, parentId, code, name });

describe('buildTree', () => {
  it('nests by parent and sorts siblings', () => {
    const roots = buildTree([n('c2', 'd', '10510', 'Phường B'), n('p', null, '30'), n('d', 'p', '288'), n('c1', 'd', '10507', 'Phường A')], compareUnits);
    expect(roots.map((r) => r.id)).toEqual(['p']);
    expect(roots[0]!.children[0]!.children.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('makes orphans and cycle members roots instead of losing them', () => {
    const roots = buildTree([n('a', 'missing'), n('x', 'y'), n('y', 'x'), n('z', 'x')]);
    const ids = roots.map((r) => r.id).sort();
    expect(ids).toEqual(['a', 'x', 'y']);
    expect(roots.find((r) => r.id === 'x')!.children.map((c) => c.id)).toEqual(['z']);
  });

  it('lists ancestors root first', () => {
    const nodes = [n('p', null), n('d', 'p'), n('c', 'd')];
    expect(ancestorIds(nodes, 'c')).toEqual(['p', 'd']);
    expect(ancestorIds(nodes, 'p')).toEqual([]);
    expect(ancestorIds([n('x', 'y'), n('y', 'x')], 'x')).toEqual(['y']);
  });

  it('orders by code, codeless last, then Vietnamese name', () => {
    const list = [n('1', null, null, 'Sở Y tế'), n('2', null, null, 'Ân Thi'), n('3', null, '9', 'Z'), n('4', null, '10', 'A')];
    expect(list.sort(compareUnits).map((x) => x.id)).toEqual(['3', '4', '2', '1']);
  });
});
