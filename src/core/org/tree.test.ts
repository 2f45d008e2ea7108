import { describe, expect, it } from 'vitest';
import { ancestorIds, ancestorsOf, buildOrgTree, buildTree, compareUnits, subtreeOf, type OrgUnit } from './tree.js';

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

describe('the organisation tree on a date', () => {
  const row = (id: string, parentId: string | null, kind: string): Omit<OrgUnit, 'level'> => ({
    id,
    code: null,
    name: id,
    short_name: null,
    kind_code: kind,
    admin_type: null,
    parent_id: parentId,
    is_demo: false,
  });
  const levels = new Map([
    ['province', 'province'],
    ['district', 'district'],
    ['commune', 'commune'],
  ] as const);
  // p ─ d1 ─ c1, c2 ; p ─ d2 ; x (a kind without a level) under d2 ; o (its parent is not in force) alone.
  const tree = buildOrgTree(
    [
      row('p', null, 'province'),
      row('d1', 'p', 'district'),
      row('c1', 'd1', 'commune'),
      row('c2', 'd1', 'commune'),
      row('d2', 'p', 'district'),
      row('x', 'd2', 'club'),
      row('o', 'gone', 'commune'),
    ],
    levels,
  );

  it('gives each unit the level of its kind, "other" for a kind without one, and freezes units and child lists', () => {
    expect(tree.byId.get('c1')?.level).toBe('commune');
    expect(tree.byId.get('x')?.level).toBe('other');
    expect(Object.isFrozen(tree.byId.get('p'))).toBe(true);
    expect(Object.isFrozen(tree.children.get('d1'))).toBe(true);
    expect(tree.children.get('p')?.map((u) => u.id)).toEqual(['d1', 'd2']);
    expect(tree.children.has('c1')).toBe(false);
  });

  it('walks a subtree: the unit first, then everything below it; nothing for a unit not in the tree', () => {
    expect(subtreeOf(tree, 'd1').map((u) => u.id)).toEqual(['d1', 'c2', 'c1']);
    expect(new Set(subtreeOf(tree, 'p').map((u) => u.id))).toEqual(new Set(['p', 'd1', 'c1', 'c2', 'd2', 'x']));
    expect(subtreeOf(tree, 'c1').map((u) => u.id)).toEqual(['c1']);
    expect(subtreeOf(tree, 'gone')).toEqual([]);
  });

  it('walks ancestors from the parent upwards, stopping at a parent not in the tree', () => {
    expect(ancestorsOf(tree, 'c1').map((u) => u.id)).toEqual(['d1', 'p']);
    expect(ancestorsOf(tree, 'p')).toEqual([]);
    expect(ancestorsOf(tree, 'o')).toEqual([]);
    expect(ancestorsOf(tree, 'missing')).toEqual([]);
  });

  it('stops an ancestor walk caught in a cycle', () => {
    const cyclic = buildOrgTree([row('a', 'b', 'commune'), row('b', 'a', 'commune')], levels);
    expect(ancestorsOf(cyclic, 'a')).toHaveLength(30);
  });
});
