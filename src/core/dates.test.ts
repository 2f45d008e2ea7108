import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, EARLIEST_DATE, formatDateVi, isIsoDate, isoDate, isValidOn, LATEST_DATE, todayInVietnam } from './dates.js';

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
    expect(isIsoDate('hôm nay')).toBe(false);
  });
  it('uses Vietnam time for today', () => {
    expect(todayInVietnam(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
  });
  it('treats validity intervals as half-open', () => {
    expect(isValidOn('2021-07-01', '2025-07-01', '2025-06-30')).toBe(true);
    expect(isValidOn('2021-07-01', '2025-07-01', '2025-07-01')).toBe(false);
    expect(isValidOn('2025-07-01', null, '2030-01-01')).toBe(true);
    expect(isValidOn('2025-07-01', null, '2025-06-30')).toBe(false);
  });
  it('formats dates the Vietnamese way', () => {
    expect(formatDateVi('2021-08-25')).toBe('25/08/2021');
  });
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-03-01', 0)).toBe('2025-03-01');
    expect(addDays('2025-01-31', 365)).toBe('2026-01-31');
  });
  it('counts whole days between two dates, negative when the second is earlier', () => {
    expect(daysBetween('2025-06-20', '2025-06-20')).toBe(0);
    expect(daysBetween('2025-06-20', '2025-06-23')).toBe(3);
    expect(daysBetween('2025-06-23', '2025-06-20')).toBe(-3);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('1999-12-31', addDays('1999-12-31', 10_000))).toBe(10_000);
  });
  it('refuses a value that is not a YYYY-MM-DD date', () => {
    expect(() => addDays('2025-6-1', 1)).toThrow('Not a date');
    expect(() => daysBetween('2025-06-01', 'hôm nay')).toThrow('Not a date');
  });
  it('accepts dates from 1900-01-01 to 2999-12-31 only', () => {
    expect([EARLIEST_DATE, LATEST_DATE]).toEqual(['1900-01-01', '2999-12-31']);
    expect(isIsoDate('1900-01-01')).toBe(true);
    expect(isIsoDate('1899-12-31')).toBe(false);
    expect(isIsoDate('2999-12-31')).toBe(true);
    expect(isIsoDate('3000-01-01')).toBe(false);
  });
  it('has one zod contract whose messages are catalogue keys: format, no such day, range', () => {
    const messages = (value: unknown) => {
      const result = isoDate.safeParse(value);
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(messages('2024-02-29')).toEqual([]);
    expect(messages('2999-01-01')).toEqual([]);
    expect(messages('25/08/2021')).toEqual(['validation.date_format']);
    expect(messages('2023-02-29')).toEqual(['validation.date_not_real']);
    expect(messages('1800-01-01')).toEqual(['validation.date_out_of_range']);
    expect(messages('3000-01-01')).toEqual(['validation.date_out_of_range']);
    // A wrong type keeps the caller's wording (the error handler's or the package validator's).
    expect(isoDate.safeParse(20240229).error?.issues[0]?.code).toBe('invalid_type');
  });
});
