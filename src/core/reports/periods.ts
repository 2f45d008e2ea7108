/**
 * Reporting periods (Decree 09/2019/NĐ-CP art. 12): frequency, data cut-off and schedule. Pure date arithmetic on
 * YYYY-MM-DD strings; shared by server and web.
 */

import { addDays } from '../dates.js';

export const frequencies = ['month', 'quarter', 'half_year', 'year', 'custom'] as const;
export type Frequency = (typeof frequencies)[number];

/**
 * decree_09: data from the 15th of the month before the period to the 14th of its last month (annual: 15 December
 * of the previous year to 14 December); calendar: first to last day.
 */
export const cutoffRules = ['decree_09', 'calendar'] as const;
export type CutoffRule = (typeof cutoffRules)[number];

export const periodStatuses = ['scheduled', 'open', 'closed', 'locked'] as const;
export type PeriodStatus = (typeof periodStatuses)[number];

/** Days, relative to the end of the data period: when reporting opens, is due, closes and locks. */
export type ScheduleRule = { openDaysBeforeEnd: number; dueDaysAfterEnd: number; closeDaysAfterDue: number; lockDaysAfterClose: number };

/** Default: open a week before the cut-off, due 6 days after it (the 20th under Decree 09), close 2 weeks later, lock a month after. */
export const defaultSchedule: ScheduleRule = { openDaysBeforeEnd: 7, dueDaysAfterEnd: 6, closeDaysAfterDue: 14, lockDaysAfterClose: 30 };

export type PeriodBounds = { startDate: string; endDate: string };
export type PeriodDates = PeriodBounds & { opensOn: string; dueDate: string; closesOn: string; locksOn: string };
export type PeriodSpec = PeriodDates & { code: string; label: string; labelEn: string; kind: Frequency; year: number; index: number };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Periods per year for a frequency (custom periods are entered by hand). */
export function periodsPerYear(frequency: Exclude<Frequency, 'custom'>): number {
  switch (frequency) {
    case 'month':
      return 12;
    case 'quarter':
      return 4;
    case 'half_year':
      return 2;
    case 'year':
      return 1;
    default:
      return assertNever(frequency);
  }
}

/** First and last month (1-12) of the index-th period (1-based) of the year. */
function monthSpan(frequency: Exclude<Frequency, 'custom'>, index: number): [number, number] {
  const months = 12 / periodsPerYear(frequency);
  return [(index - 1) * months + 1, index * months];
}

/** Data cut-off of the index-th period of a year. */
export function periodBounds(frequency: Exclude<Frequency, 'custom'>, cutoff: CutoffRule, year: number, index: number): PeriodBounds {
  const count = periodsPerYear(frequency);
  if (!Number.isInteger(index) || index < 1 || index > count) throw new Error(`Period index ${index} out of 1..${count}`);
  const [firstMonth, lastMonth] = monthSpan(frequency, index);
  switch (cutoff) {
    case 'calendar':
      return { startDate: iso(year, firstMonth, 1), endDate: iso(year, lastMonth, lastDayOfMonth(year, lastMonth)) };
    case 'decree_09': {
      // From the 15th of the month before the period (December of the previous year for the first) to the 14th.
      const startYear = firstMonth === 1 ? year - 1 : year;
      const startMonth = firstMonth === 1 ? 12 : firstMonth - 1;
      return { startDate: iso(startYear, startMonth, 15), endDate: iso(year, lastMonth, 14) };
    }
    default:
      return assertNever(cutoff);
  }
}

/** Opening, due, closing and locking dates from the data cut-off and the regime's schedule. */
export function scheduleDates(bounds: PeriodBounds, schedule: ScheduleRule): PeriodDates {
  const opensOn = addDays(bounds.endDate, -schedule.openDaysBeforeEnd);
  const dueDate = addDays(bounds.endDate, schedule.dueDaysAfterEnd);
  const closesOn = addDays(dueDate, schedule.closeDaysAfterDue);
  const locksOn = addDays(closesOn, schedule.lockDaysAfterClose);
  return { ...bounds, opensOn, dueDate, closesOn, locksOn };
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Stable code and Vietnamese / English label: 2024-Q1 "Quý I/2024", 2024-M03 "Tháng 3/2024", 2024-H1, 2024. */
export function periodNames(frequency: Exclude<Frequency, 'custom'>, year: number, index: number): { code: string; label: string; labelEn: string } {
  switch (frequency) {
    case 'month':
      return { code: `${year}-M${pad(index)}`, label: `Tháng ${index}/${year}`, labelEn: `${year}-${pad(index)}` };
    case 'quarter':
      return { code: `${year}-Q${index}`, label: `Quý ${ROMAN[index - 1]}/${year}`, labelEn: `Q${index} ${year}` };
    case 'half_year':
      return index === 1
        ? { code: `${year}-H1`, label: `6 tháng đầu năm ${year}`, labelEn: `H1 ${year}` }
        : { code: `${year}-H2`, label: `6 tháng cuối năm ${year}`, labelEn: `H2 ${year}` };
    case 'year':
      return { code: `${year}`, label: `Năm ${year}`, labelEn: `${year}` };
    default:
      return assertNever(frequency);
  }
}

/** Every period of a year for a regular frequency, with its schedule. */
export function periodsOfYear(frequency: Exclude<Frequency, 'custom'>, cutoff: CutoffRule, year: number, schedule: ScheduleRule = defaultSchedule): PeriodSpec[] {
  const out: PeriodSpec[] = [];
  for (let index = 1; index <= periodsPerYear(frequency); index++) {
    out.push({ ...periodNames(frequency, year, index), ...scheduleDates(periodBounds(frequency, cutoff, year, index), schedule), kind: frequency, year, index });
  }
  return out;
}

/** Where the schedule puts a period on a day: before opening, open, closed (after closesOn), locked (from locksOn). */
export function scheduledStatus(dates: Pick<PeriodDates, 'opensOn' | 'closesOn' | 'locksOn'>, today: string): PeriodStatus {
  if (today >= dates.locksOn) return 'locked';
  if (today >= dates.closesOn) return 'closed';
  if (today >= dates.opensOn) return 'open';
  return 'scheduled';
}

/** Statuses only move forward; a period opened by hand before its date stays open. */
export function advancedStatus(current: PeriodStatus, scheduled: PeriodStatus): PeriodStatus {
  return periodStatuses.indexOf(scheduled) > periodStatuses.indexOf(current) ? scheduled : current;
}

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
