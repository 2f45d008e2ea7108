import { describe, expect, it } from 'vitest';
import { rankUnits, type RankingEntry } from './ranking';

const e = (unitId: string, totalPoints: string, shareMet: string | null, name = unitId): RankingEntry => ({ unitId, name, totalPoints, shareMet });

describe('rankUnits', () => {
  it('orders by points, then share met, then name', () => {
    const ranked = rankUnits([e('a', '50', '50', 'Xã Bình'), e('b', '80', '40', 'Xã An'), e('c', '50', '75', 'Xã Cư')]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
    expect(ranked.every((r) => r.tieExplanation === null)).toBe(true);
  });

  it('gives tied units the same rank and skips the next ones (1, 2, 2, 4), explaining the tie', () => {
    const ranked = rankUnits([e('a', '90', '100', 'Xã A'), e('c', '70.0', '50', 'Xã Cù'), e('b', '70', '50.00', 'Xã Bé'), e('d', '10', '0', 'Xã Dư')]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
    expect(ranked[1]!.tiedWith).toEqual(['c']);
    expect(ranked[1]!.tieExplanation).toBe('Đồng hạng 2 với Xã Cù: cùng tổng điểm 70 và tỷ lệ tiêu chí đạt 50,00 %; xếp theo tên chỉ để trình bày.');
  });

  it('equal everything: every unit is first', () => {
    const ranked = rankUnits([e('x', '5', null), e('y', '5', null), e('z', '5', null)]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1]);
    expect(ranked[0]!.tiedWith).toEqual(['y', 'z']);
    expect(ranked[0]!.tieExplanation).toContain('chưa có tỷ lệ đạt');
  });

  it('same points, different share met: not a tie', () => {
    const ranked = rankUnits([e('x', '5', '10'), e('y', '5', '20')]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['y', 1],
      ['x', 2],
    ]);
  });

  it('reports movement since the previous period', () => {
    const ranked = rankUnits([e('a', '10', '10'), e('b', '20', '20'), e('c', '5', '5')], new Map([['a', 1], ['b', 3]]));
    const by = Object.fromEntries(ranked.map((r) => [r.unitId, r]));
    expect(by.b).toMatchObject({ rank: 1, previousRank: 3, movement: 2 });
    expect(by.a).toMatchObject({ rank: 2, previousRank: 1, movement: -1 });
    expect(by.c).toMatchObject({ rank: 3, previousRank: null, movement: null });
  });

  it('handles an empty list', () => {
    expect(rankUnits([])).toEqual([]);
  });
});
