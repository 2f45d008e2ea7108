import { describe, expect, it } from 'vitest';
import { formatDateVi, isIsoDate, isValidOn, todayInVietnam } from './dates.js';

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
});
