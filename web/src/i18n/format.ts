import { addDays, formatDateVi } from '../../../src/core/dates';

/** A calendar date (YYYY-MM-DD) as dd/mm/yyyy; an em dash when missing. Same in both languages. */
export function formatDate(value: string | null | undefined): string {
  return value ? formatDateVi(value.slice(0, 10)) : '—';
}

/** An ISO timestamp as dd/mm/yyyy HH:mm in Vietnam time (UTC+7, no daylight saving). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return value;
  const shifted = new Date(time + 7 * 3600_000).toISOString();
  return `${formatDateVi(shifted.slice(0, 10))} ${shifted.slice(11, 16)}`;
}

/**
 * Validity intervals are [from, to): `to` is the first day no longer valid. People read "đến" as inclusive,
 * so the last valid day (to − 1) is what is shown.
 */
export function formatLastDay(validTo: string | null | undefined): string {
  return validTo ? formatDate(addDays(validTo, -1)) : '—';
}
