import { describe, expect, it } from 'vitest';
import type { Scope } from '../../auth/actor.js';
import type { OrgTree, OrgUnit } from '../../../core/org/tree.js';
import { buildDashboardFrame, dashboardFrame } from './dashboards.frame.js';

// A small tree: province P → districts D1 (communes X1, X2), D2 (commune Y1); department S under P.
function unit(id: string, name: string, level: string, parent: string | null): OrgUnit {
  return { id, code: id, name, short_name: null, kind_code: level, admin_type: null, parent_id: parent, is_demo: false, level } as OrgUnit;
}
const units = [
  unit('p', 'Tỉnh Thử', 'province', null),
  unit('d1', 'Huyện Nam', 'district', 'p'),
  unit('d2', 'Huyện Bắc', 'district', 'p'),
  unit('s', 'Sở Thử', 'department', 'p'),
  unit('x1', 'Xã Đông', 'commune', 'd1'),
  unit('x2', 'Xã Tây', 'commune', 'd1'),
  unit('y1', 'Xã Bắc', 'commune', 'd2'),
];
function tree(): OrgTree {
  const byId = new Map(units.map((u) => [u.id, u] as const));
  const children = new Map<string, OrgUnit[]>();
  for (const u of units) if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  return { byId, children };
}
const all: Scope = { kind: 'all' };
const regime = { reportingLevels: ['department', 'district', 'commune'], rootUnitId: null };
const parse = (literal: string) => (literal === '{}' ? [] : literal.slice(1, -1).split(','));

describe('dashboard frame', () => {
  it('sends each expected unit once, with its level and the drill-down row it is counted under', () => {
    const t = tree();
    const frame = buildDashboardFrame(t, regime, all, t.byId.get('p'));
    expect(frame.levels).toEqual(['commune', 'department', 'district']);
    expect(frame.rows.map((u) => u.name)).toEqual(['Huyện Bắc', 'Huyện Nam', 'Sở Thử']);
    const ids = parse(frame.arrays.unitIds);
    expect(ids.sort()).toEqual(['d1', 'd2', 's', 'x1', 'x2', 'y1']);
    const sent = parse(frame.arrays.unitIds).map((id, i) => [id, frame.levels[Number(parse(frame.arrays.levels)[i])], frame.rows[Number(parse(frame.arrays.rows)[i])]?.name]);
    expect(Object.fromEntries(sent.map(([id, level, row]) => [id, `${level} → ${row}`]))).toEqual({
      d1: 'district → Huyện Nam',
      d2: 'district → Huyện Bắc',
      s: 'department → Sở Thử',
      x1: 'commune → Huyện Nam',
      x2: 'commune → Huyện Nam',
      y1: 'commune → Huyện Bắc',
    });
    expect(frame.countsTowards).toEqual([[0], [1], [2]]);
  });

  it('counts a nested top unit towards its listed ancestors too, and leaves out units outside the scope', () => {
    const t = tree();
    // Granted the province without its subtree, and commune X1: both are top units, X1 also counts towards P.
    const scope: Scope = { kind: 'units', unitIds: new Set(['p', 'x1']) };
    const frame = buildDashboardFrame(t, regime, scope, undefined);
    expect(frame.rows.map((u) => u.id)).toEqual(['p', 'x1']);
    expect(parse(frame.arrays.unitIds)).toEqual(['x1']);
    expect(parse(frame.arrays.rows)).toEqual(['1']);
    expect(frame.countsTowards).toEqual([[0], [1, 0]]);
  });

  it('orders the overdue list by level, parent name and name, and is reused while the tree object is the same', () => {
    const t = tree();
    const frame = dashboardFrame(t, regime, all, undefined);
    const order = frame.overdueOrder();
    expect([...order.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual(['s', 'd2', 'd1', 'y1', 'x1', 'x2']);
    expect(dashboardFrame(t, regime, all, undefined)).toBe(frame);
    expect(dashboardFrame(t, regime, { kind: 'units', unitIds: new Set(['d1']) }, undefined)).not.toBe(frame);
    expect(dashboardFrame(tree(), regime, all, undefined)).not.toBe(frame);
  });
});
