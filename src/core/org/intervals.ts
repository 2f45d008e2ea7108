/**
 * Validity-interval arithmetic for units, versions and memberships. Intervals are half-open
 * [validFrom, validTo) over YYYY-MM-DD dates; validTo null means open-ended. Shared by server and web.
 */

import { addDays } from '../dates.js';

export type Interval = { validFrom: string; validTo: string | null };

/** Where a unit stands on a date: not started yet, in force, or ended. */
export type UnitStatus = 'not_yet' | 'active' | 'ceased';

/** Whether the interval contains the date. */
export function containsDate(interval: Interval, date: string): boolean {
  return interval.validFrom <= date && (interval.validTo === null || date < interval.validTo);
}

/** Whether two half-open intervals share at least one day; [a, b) and [b, c) do not. */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  const aEndsAfterBStarts = a.validTo === null || b.validFrom < a.validTo;
  const bEndsAfterAStarts = b.validTo === null || a.validFrom < b.validTo;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/** The last day of a closed interval (the day before its exclusive end), or null when open-ended. */
export function lastValidDay(interval: Interval): string | null {
  return interval.validTo === null ? null : addDays(interval.validTo, -1);
}

/** The status of something valid over the interval, seen on the date. */
export function statusOn(interval: Interval, date: string): UnitStatus {
  if (date < interval.validFrom) return 'not_yet';
  if (interval.validTo !== null && interval.validTo <= date) return 'ceased';
  return 'active';
}

/**
 * The date on which to look at something's surroundings (parent, ancestors) when asked about `date`:
 * the date itself while it is in force, its last valid day once ended, its first day before it starts.
 */
export function referenceDate(interval: Interval, date: string): string {
  const status = statusOn(interval, date);
  switch (status) {
    case 'active':
      return date;
    case 'ceased':
      return addDays(interval.validTo as string, -1);
    case 'not_yet':
      return interval.validFrom;
    default:
      return assertNever(status);
  }
}

/**
 * The version in force on the date, else the latest one that started on or before it, else the earliest.
 * So a ceased unit shows its last name and a unit not yet created shows its first.
 */
export function pickVersion<T extends Interval>(versions: readonly T[], date: string): T | null {
  let current: T | null = null;
  let latestBefore: T | null = null;
  let earliest: T | null = null;
  for (const v of versions) {
    if (containsDate(v, date)) current = v;
    if (v.validFrom <= date && (latestBefore === null || v.validFrom > latestBefore.validFrom)) latestBefore = v;
    if (earliest === null || v.validFrom < earliest.validFrom) earliest = v;
  }
  return current ?? latestBefore ?? earliest;
}

/**
 * Splits the open interval of a version at `date`: the old part ends on `date`, the new one starts there.
 * Returns null when the date is not strictly after the start (the old part would be empty) or the interval is closed.
 */
export function splitAt(interval: Interval, date: string): { closed: Interval; opened: Interval } | null {
  if (interval.validTo !== null || date <= interval.validFrom) return null;
  return { closed: { validFrom: interval.validFrom, validTo: date }, opened: { validFrom: date, validTo: null } };
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
