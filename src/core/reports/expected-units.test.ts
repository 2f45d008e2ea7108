import { describe, expect, it } from 'vitest';
import type { OrgTree, OrgUnit } from '../org/tree.js';
import type { UnitLevel } from '../criteria/criteria.schemas.js';
import { expectedUnits } from './expected-units.js';

/** province → two districts, each with communes; a department under the province. */
function tree(): OrgTree {
  const unit = (id: string, level: UnitLevel, parent: string | null): OrgUnit => ({
    id,
    code: null,
    name: id,
    short_name: null,
    kind_code: level,
    admin_type: null,
    parent_id: parent,
    is_demo: false,
    level,
  });
  const units = [
    unit('p', 'province', null),
    unit('d1', 'district', 'p'),
    unit('d2', 'district', 'p'),
    unit('c11', 'commune', 'd1'),
    unit('c12', 'commune', 'd1'),
    unit('c21', 'commune', 'd2'),
    unit('s', 'department', 'p'),
  ];
  const byId = new Map(units.map((u) => [u.id, u] as const));
  const children = new Map<string, OrgUnit[]>();
  for (const u of units) if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  return { byId, children };
}

const ids = (units: readonly OrgUnit[]) => units.map((u) => u.id).sort();

describe('expected units', () => {
  it('takes every unit of the reporting levels in the tree', () => {
    expect(ids(expectedUnits(tree(), { reportingLevels: ['commune'], rootUnitId: null }))).toEqual(['c11', 'c12', 'c21']);
    expect(ids(expectedUnits(tree(), { reportingLevels: ['district', 'department'], rootUnitId: null }))).toEqual(['d1', 'd2', 's']);
  });

  it('keeps to the subtree of the root unit, the root included when it is of a reporting level', () => {
    expect(ids(expectedUnits(tree(), { reportingLevels: ['commune'], rootUnitId: 'd1' }))).toEqual(['c11', 'c12']);
    expect(ids(expectedUnits(tree(), { reportingLevels: ['district', 'commune'], rootUnitId: 'd2' }))).toEqual(['c21', 'd2']);
  });

  it('expects nobody when the root is not in the tree on the date or no level is listed', () => {
    expect(expectedUnits(tree(), { reportingLevels: ['commune'], rootUnitId: 'gone' })).toEqual([]);
    expect(expectedUnits(tree(), { reportingLevels: [], rootUnitId: null })).toEqual([]);
  });
});
