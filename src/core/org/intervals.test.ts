import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { containsDate, intervalsOverlap, lastValidDay, pickVersion, referenceDate, splitAt, statusOn } from './intervals.js';

describe('validity intervals', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('is half-open: the end date is outside', () => {
    const i = { validFrom: '2021-07-01', validTo: '2025-07-01' };
    expect(containsDate(i, '2021-07-01')).toBe(true);
    expect(containsDate(i, '2025-06-30')).toBe(true);
    expect(containsDate(i, '2025-07-01')).toBe(false);
    expect(containsDate(i, '2021-06-30')).toBe(false);
    expect(containsDate({ validFrom: '2025-07-01', validTo: null }, '2099-01-01')).toBe(true);
    expect(lastValidDay(i)).toBe('2025-06-30');
    expect(lastValidDay({ validFrom: '2025-07-01', validTo: null })).toBeNull();
  });

  it('detects overlap, treating touching intervals as disjoint', () => {
    const a = { validFrom: '2021-07-01', validTo: '2025-07-01' };
    expect(intervalsOverlap(a, { validFrom: '2025-07-01', validTo: null })).toBe(false);
    expect(intervalsOverlap(a, { validFrom: '2025-06-30', validTo: null })).toBe(true);
    expect(intervalsOverlap(a, { validFrom: '2020-01-01', validTo: '2021-07-01' })).toBe(false);
    expect(intervalsOverlap(a, { validFrom: '2020-01-01', validTo: '2021-07-02' })).toBe(true);
    expect(intervalsOverlap({ validFrom: '2020-01-01', validTo: null }, { validFrom: '2030-01-01', validTo: null })).toBe(true);
    expect(intervalsOverlap(a, { validFrom: '2022-01-01', validTo: '2022-02-01' })).toBe(true);
  });

  it('gives the status and the date to look at the surroundings', () => {
    const i = { validFrom: '2021-07-01', validTo: '2025-07-01' };
    expect(statusOn(i, '2021-06-30')).toBe('not_yet');
    expect(statusOn(i, '2021-07-01')).toBe('active');
    expect(statusOn(i, '2025-07-01')).toBe('ceased');
    expect(referenceDate(i, '2023-06-30')).toBe('2023-06-30');
    expect(referenceDate(i, '2026-01-01')).toBe('2025-06-30');
    expect(referenceDate(i, '2020-01-01')).toBe('2021-07-01');
  });

  it('picks the version in force, else the last before, else the first', () => {
    const versions = [
      { name: 'A', validFrom: '2021-07-01', validTo: '2025-01-01' },
      { name: 'B', validFrom: '2025-01-01', validTo: '2025-07-01' },
    ];
    expect(pickVersion(versions, '2024-12-31')?.name).toBe('A');
    expect(pickVersion(versions, '2025-01-01')?.name).toBe('B');
    expect(pickVersion(versions, '2026-01-01')?.name).toBe('B');
    expect(pickVersion(versions, '2020-01-01')?.name).toBe('A');
    expect(pickVersion([], '2020-01-01')).toBeNull();
  });

  it('splits an open version only strictly after its start', () => {
    expect(splitAt({ validFrom: '2021-07-01', validTo: null }, '2025-01-01')).toEqual({
      closed: { validFrom: '2021-07-01', validTo: '2025-01-01' },
      opened: { validFrom: '2025-01-01', validTo: null },
    });
    expect(splitAt({ validFrom: '2021-07-01', validTo: null }, '2021-07-01')).toBeNull();
    expect(splitAt({ validFrom: '2021-07-01', validTo: null }, '2020-01-01')).toBeNull();
    expect(splitAt({ validFrom: '2021-07-01', validTo: '2025-01-01' }, '2023-01-01')).toBeNull();
  });
});
