/** Calendar-date helpers (YYYY-MM-DD strings, Vietnam time). Shared by server and web. */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (2023-02-30 is rejected). */
export function isIsoDate(value: string): boolean {
  const m = isoDatePattern.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

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
