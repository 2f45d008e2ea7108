import type { Comparator, Target, UnitLevel } from '../criteria/criteria.schemas';
import { comparatorSymbol, compareDecimals, formatExact, satisfies, toDecimal, type Locale } from '../decimal';
import { assertNever } from '../org/intervals';
import { levelScopeLabels } from '../scoring/explain';

/** A unit's commitment for one criterion: "value ≥ 65". Thresholds travel as decimal strings. */
export type Commitment = { criterionCode: string; comparator: Comparator; threshold: string };

type Bound = { value: string; strict: boolean } | null;

function lowerBound(comparator: Comparator, threshold: string): Bound {
  switch (comparator) {
    case 'gte':
    case 'eq':
      return { value: threshold, strict: false };
    case 'gt':
      return { value: threshold, strict: true };
    case 'lte':
    case 'lt':
      return null;
    default:
      return assertNever(comparator);
  }
}

function upperBound(comparator: Comparator, threshold: string): Bound {
  switch (comparator) {
    case 'lte':
    case 'eq':
      return { value: threshold, strict: false };
    case 'lt':
      return { value: threshold, strict: true };
    case 'gte':
    case 'gt':
      return null;
    default:
      return assertNever(comparator);
  }
}

/** Whether bound `a` keeps at least as much out as bound `b` on its side (lower: a ≥ b; upper: a ≤ b). */
function atLeastAsTight(a: Bound, b: Bound, side: 'lower' | 'upper'): boolean {
  if (b === null) return true;
  if (a === null) return false;
  const sign = compareDecimals(toDecimal(a.value), toDecimal(b.value));
  if (sign === 0) return a.strict || !b.strict;
  return side === 'lower' ? sign > 0 : sign < 0;
}

export type CommitmentCheck = { ok: true } | { ok: false; direction: 'below' | 'above' };

/**
 * A commitment may be stricter than the plan's target, never looser: every value that keeps the commitment must
 * also meet the target ("≥ 65" keeps "≥ 60"; "≥ 55" or "≤ 70" do not). Decided exactly on decimals.
 * `direction` says on which side the commitment is looser: below the target's floor or above its ceiling.
 */
export function checkCommitment(commitment: Pick<Commitment, 'comparator' | 'threshold'>, target: Pick<Target, 'comparator' | 'threshold'>): CommitmentCheck {
  const lowerOk = atLeastAsTight(lowerBound(commitment.comparator, commitment.threshold), lowerBound(target.comparator, target.threshold), 'lower');
  if (!lowerOk) return { ok: false, direction: 'below' };
  const upperOk = atLeastAsTight(upperBound(commitment.comparator, commitment.threshold), upperBound(target.comparator, target.threshold), 'upper');
  if (!upperOk) return { ok: false, direction: 'above' };
  // Consistency with the engine's comparison: an "eq" commitment must itself meet the target.
  if (commitment.comparator === 'eq' && !satisfies(toDecimal(commitment.threshold), target.comparator, toDecimal(target.threshold))) {
    return { ok: false, direction: 'below' };
  }
  return { ok: true };
}

/**
 * "55 %", "≤ 70 %", "≥ 60 %" — a commitment or target as written in messages. A bare "≥" is left out when
 * `omitGte` is set (the refusal message reads "Cam kết 55 % thấp hơn … (≥ 60 %)").
 */
export function formatBound(comparator: Comparator, threshold: string, percentage: boolean, locale: Locale, omitGte = false): string {
  const number = formatExact(threshold, locale);
  const unit = percentage ? (locale === 'vi' ? ' %' : '%') : '';
  const prefix = omitGte && (comparator === 'gte' || comparator === 'eq') ? '' : `${comparatorSymbol(comparator)} `;
  return `${prefix}${number}${unit}`;
}

export function levelLabel(level: UnitLevel, locale: Locale): string {
  return levelScopeLabels[locale][level];
}

// ---- registration workflow -----------------------------------------------------------------------------------

export const registrationStatuses = ['draft', 'submitted', 'returned', 'confirmed'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const registrationActions = ['edit', 'submit', 'confirm', 'return'] as const;
export type RegistrationAction = (typeof registrationActions)[number];

/**
 * draft → submitted → confirmed | returned (with comments) → submitted again …
 * Edits are allowed while the unit holds the pen (draft, returned). Null: the action is not allowed.
 */
export function nextRegistrationStatus(from: RegistrationStatus, action: RegistrationAction): RegistrationStatus | null {
  switch (from) {
    case 'draft':
    case 'returned':
      return action === 'edit' ? from : action === 'submit' ? 'submitted' : null;
    case 'submitted':
      return action === 'confirm' ? 'confirmed' : action === 'return' ? 'returned' : null;
    case 'confirmed':
      return null;
    default:
      return assertNever(from);
  }
}

export function isRegistrationStatus(value: string): value is RegistrationStatus {
  return (registrationStatuses as readonly string[]).includes(value);
}

// ---- pilot units ---------------------------------------------------------------------------------------------

/** The council picks 1–2 provincial pilot units (plan III.4.a). */
export const MAX_PROVINCIAL_PILOTS = 2;
/** A district registers at least one; more than two need a reason (plan III.4.b "ít nhất 01 - 02"). */
export const PILOTS_WITHOUT_REASON = 2;

// ---- difficulties and requests --------------------------------------------------------------------------------

export const difficultyStatuses = ['open', 'answered', 'closed'] as const;
export type DifficultyStatus = (typeof difficultyStatuses)[number];
export const difficultyActions = ['answer', 'close'] as const;
export type DifficultyAction = (typeof difficultyActions)[number];

/** open → answered → closed; the filing unit may also close (withdraw) an open one. Null: not allowed. */
export function nextDifficultyStatus(from: DifficultyStatus, action: DifficultyAction): DifficultyStatus | null {
  switch (from) {
    case 'open':
      return action === 'answer' ? 'answered' : 'closed';
    case 'answered':
      return action === 'close' ? 'closed' : null;
    case 'closed':
      return null;
    default:
      return assertNever(from);
  }
}
