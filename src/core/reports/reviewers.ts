/**
 * Who reviews a unit's reports. Pure: the tree is the organisation on the period's last day.
 */
// The tree's type and walks are read where the server keeps them today; they move to src/core/org (issue 12, part org).
import { ancestorsOf, type OrgTree, type OrgUnit } from '../org/tree.js';

/** A reviewer rule: the nearest district-level ancestor on the period's last day, or the movement's standing agency. */
export type ReviewerRule = 'parent_district' | 'standing_agency';

/** What a regime starts with: communes are reviewed by their district; a level not listed falls back to the standing agency. */
export const defaultReviewerRules: Readonly<Partial<Record<string, ReviewerRule>>> = Object.freeze({ commune: 'parent_district' });

/** A regime's rules as stored: the defaults, overridden level by level by the ones given. */
export function withDefaultReviewerRules(rules: Readonly<Partial<Record<string, ReviewerRule>>> = {}): Record<string, ReviewerRule> {
  const out: Record<string, ReviewerRule> = {};
  for (const [level, rule] of Object.entries({ ...defaultReviewerRules, ...rules })) if (rule !== undefined) out[level] = rule;
  return out;
}

/** The rule for a level: the regime's own, else the default, else the standing agency. */
export function reviewerRuleFor(regime: { readonly reviewerRules: Readonly<Record<string, string>> }, level: string): string {
  return regime.reviewerRules[level] ?? defaultReviewerRules[level] ?? 'standing_agency';
}

/**
 * The reviewing unit of a unit for a period, from the organisation tree on the period's last day. Null means the
 * standing agency (tenant-wide report.review). After 1 July 2025 there are no districts: a commune's nearest
 * district-level ancestor does not exist and it goes to the province level.
 */
export function reviewerUnitFor(tree: OrgTree, regime: { readonly reviewerRules: Readonly<Record<string, string>> }, unit: Pick<OrgUnit, 'id' | 'level'>): string | null {
  const rule = reviewerRuleFor(regime, unit.level);
  if (rule !== 'parent_district') return null;
  return ancestorsOf(tree, unit.id).find((a) => a.level === 'district')?.id ?? null;
}
