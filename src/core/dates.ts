/** Calendar-date helpers (YYYY-MM-DD strings, Vietnam time). Shared by server and web. */
import { z } from 'zod';
import type { MessageKey } from './i18n/messages.js';

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The dates the system accepts, everywhere (requests, movement packages, report values): 1900-01-01 to 2999-12-31.
 * Nothing this system records (units, legal documents, movements, reports) predates 1900, so an earlier year is a
 * typing error (0202 for 2020); the upper bound leaves "far in the future" to the business rules that refuse it with
 * their own message (a signing date after today), while a year of 3000 or more is again a typing error.
 */
export const EARLIEST_DATE = '1900-01-01';
/** See EARLIEST_DATE. */
export const LATEST_DATE = '2999-12-31';

/** True for a real calendar date in YYYY-MM-DD form within EARLIEST_DATE…LATEST_DATE (2023-02-30 is rejected). */
export function isIsoDate(value: string): boolean {
  const m = isoDatePattern.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && isWithinDateRange(value);
}

/** Whether a YYYY-MM-DD date lies within EARLIEST_DATE…LATEST_DATE (such dates compare correctly as strings). */
function isWithinDateRange(value: string): boolean {
  return value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/**
 * The one contract for a calendar date "YYYY-MM-DD" (request fields, movement packages): a real calendar date
 * (2021-02-30 is refused) within EARLIEST_DATE…LATEST_DATE. Its messages are catalogue keys, worded in the reader's
 * language by the error handler. The base is zod's ISO date, so OpenAPI says `format: date`.
 */
export const isoDate = z.iso
  .date({
    // Only the format check gets a date message; a missing field or a wrong type keeps the caller's wording.
    error: (issue) =>
      issue.code !== 'invalid_format'
        ? undefined
        : typeof issue.input === 'string' && isoDatePattern.test(issue.input)
          ? ('validation.date_not_real' satisfies MessageKey)
          : ('validation.date_format' satisfies MessageKey),
  })
  // A malformed value already has its message; only a well-formed one is judged against the range.
  .refine((value) => !isoDatePattern.test(value) || isWithinDateRange(value), { message: 'validation.date_out_of_range' satisfies MessageKey });

/** Today's date in Vietnam (UTC+7, no daylight saving). */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Whether [validFrom, validTo) contains the date; validTo null means open-ended. */
export function isValidOn(validFrom: string, validTo: string | null, date: string): boolean {
  return validFrom <= date && (validTo === null || date < validTo);
}

const DAY_MS = 86_400_000;

/** Midnight UTC of a YYYY-MM-DD date, in milliseconds; throws on anything else (callers pass stored dates). */
function utcMidnight(date: string): number {
  const m = isoDatePattern.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  return new Date(0).setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The date n days after (n < 0: before) a YYYY-MM-DD date; calendar arithmetic in UTC, so no time-zone drift. */
export function addDays(date: string, n: number): string {
  return new Date(utcMidnight(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (to − from): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** Formats 2021-08-25 as 25/08/2021. */
export function formatDateVi(value: string): string {
  const m = isoDatePattern.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}
