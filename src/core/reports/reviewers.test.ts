import { describe, expect, it } from 'vitest';
import type { OrgTree, OrgUnit } from '../org/tree.js';
import type { UnitLevel } from '../criteria/criteria.schemas.js';
import { defaultReviewerRules, reviewerRuleFor, reviewerUnitFor, withDefaultReviewerRules } from './reviewers.js';

/** A small tree: province → district → commune, and a department and a commune straight under the province. */
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
  const units = [unit('p', 'province', null), unit('d', 'district', 'p'), unit('c', 'commune', 'd'), unit('s', 'department', 'p'), unit('c2', 'commune', 'p')];
  const byId = new Map(units.map((u) => [u.id, u] as const));
  const children = new Map<string, OrgUnit[]>();
  for (const u of units) if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  return { byId, children };
}

describe('reviewer rule', () => {
  it('sends communes to their district and every other level to the standing agency by default', () => {
    const regime = { reviewerRules: {} };
    expect(reviewerRuleFor(regime, 'commune')).toBe('parent_district');
    expect(reviewerRuleFor(regime, 'district')).toBe('standing_agency');
    expect(reviewerRuleFor(regime, 'department')).toBe('standing_agency');
    expect(reviewerRuleFor(regime, 'other')).toBe('standing_agency');
  });

  it('lets a regime override the rule level by level', () => {
    const regime = { reviewerRules: { commune: 'standing_agency', district: 'parent_district' } };
    expect(reviewerRuleFor(regime, 'commune')).toBe('standing_agency');
    expect(reviewerRuleFor(regime, 'district')).toBe('parent_district');
  });

  it('stores a new regime with the defaults under the rules it was given', () => {
    expect(withDefaultReviewerRules()).toEqual({ commune: 'parent_district' });
    expect(withDefaultReviewerRules({ district: 'standing_agency' })).toEqual({ commune: 'parent_district', district: 'standing_agency' });
    expect(withDefaultReviewerRules({ commune: 'standing_agency' })).toEqual({ commune: 'standing_agency' });
    expect(defaultReviewerRules).toEqual({ commune: 'parent_district' });
  });

  it('finds the reviewing unit: the nearest district-level ancestor, else the standing agency (null)', () => {
    const t = tree();
    const regime = { reviewerRules: withDefaultReviewerRules() };
    expect(reviewerUnitFor(t, regime, { id: 'c', level: 'commune' })).toBe('d');
    // After 1 July 2025 there are no districts: a commune under the province goes to the standing agency.
    expect(reviewerUnitFor(t, regime, { id: 'c2', level: 'commune' })).toBeNull();
    expect(reviewerUnitFor(t, regime, { id: 'd', level: 'district' })).toBeNull();
    expect(reviewerUnitFor(t, regime, { id: 's', level: 'department' })).toBeNull();
    expect(reviewerUnitFor(t, { reviewerRules: { commune: 'standing_agency' } }, { id: 'c', level: 'commune' })).toBeNull();
    expect(reviewerUnitFor(t, regime, { id: 'missing', level: 'commune' })).toBeNull();
  });
});
