import { describe, expect, it } from 'vitest';
import { nameOn, namesOn, versionsByUnit } from './names.js';

const v = (unitId: string, name: string, validFrom: string, validTo: string | null) => ({ unitId, name, validFrom, validTo });

describe('names on a date', () => {
  // Renamed on 2025-01-01, ended on 2025-07-01 (merged away).
  const renamed = [v('a', 'Xã Cũ', '2020-01-01', '2025-01-01'), v('a', 'Xã Mới', '2025-01-01', '2025-07-01')];
  // A gap between two versions, and a unit whose versions all start later.
  const gap = [v('g', 'Trước', '2020-01-01', '2021-01-01'), v('g', 'Sau', '2022-01-01', null)];
  const future = [v('f', 'Đầu', '2030-01-01', '2031-01-01'), v('f', 'Sau đó', '2031-01-01', null)];

  it('takes the version in force on the date', () => {
    expect(nameOn(renamed, '2024-12-31')).toBe('Xã Cũ');
    expect(nameOn(renamed, '2025-01-01')).toBe('Xã Mới');
  });

  it('after the end or in a gap, takes the latest version started before the date', () => {
    expect(nameOn(renamed, '2026-01-01')).toBe('Xã Mới');
    expect(nameOn(gap, '2021-06-30')).toBe('Trước');
  });

  it('before every version, takes the earliest; nothing without versions', () => {
    expect(nameOn(future, '2025-01-01')).toBe('Đầu');
    expect(nameOn([], '2025-01-01')).toBeNull();
  });

  it('names several units at once, whatever the order of their versions', () => {
    const names = namesOn([...future].reverse().concat(renamed, gap), '2021-06-30');
    expect(names).toEqual(
      new Map([
        ['f', 'Đầu'],
        ['a', 'Xã Cũ'],
        ['g', 'Trước'],
      ]),
    );
    expect(namesOn([], '2021-06-30').size).toBe(0);
  });

  it('groups versions by unit, keeping their order', () => {
    const grouped = versionsByUnit([...renamed, ...gap, v('a', 'Z', '2030-01-01', null)]);
    expect([...grouped.keys()]).toEqual(['a', 'g']);
    expect(grouped.get('a')?.map((x) => x.name)).toEqual(['Xã Cũ', 'Xã Mới', 'Z']);
  });
});
