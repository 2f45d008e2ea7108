import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, formatNumber, formatPercent } from '../decimal';
import { countTied, describeTies, explainTie, rankUnits, shownTieExplanation, TIE_NAMES_LIMIT, type RankingEntry } from './ranking';

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
    expect(ranked[1]!.tiedCount).toBe(2);
    expect(ranked[0]!.tiedCount).toBe(1);
    expect(ranked[1]!.tieExplanation).toBe('Đồng hạng 2 với Xã Cù: cùng tổng điểm 70 và tỷ lệ tiêu chí đạt 50,00 %; xếp theo tên chỉ để trình bày.');
  });

  it('equal everything: every unit is first', () => {
    const ranked = rankUnits([e('x', '5', null), e('y', '5', null), e('z', '5', null)]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1]);
    expect(ranked.map((r) => r.tiedCount)).toEqual([3, 3, 3]);
    expect(ranked[0]!.tieExplanation).toMatch(/^Đồng hạng 1 với y, z: /);
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
    const ranked = rankUnits(
      [e('a', '10', '10'), e('b', '20', '20'), e('c', '5', '5')],
      new Map([
        ['a', 1],
        ['b', 3],
      ]),
    );
    const by = Object.fromEntries(ranked.map((r) => [r.unitId, r]));
    expect(by.b).toMatchObject({ rank: 1, previousRank: 3, movement: 2 });
    expect(by.a).toMatchObject({ rank: 2, previousRank: 1, movement: -1 });
    expect(by.c).toMatchObject({ rank: 3, previousRank: null, movement: null });
  });

  it('handles an empty list', () => {
    expect(rankUnits([])).toEqual([]);
  });

  it('names at most TIE_NAMES_LIMIT others; a larger group is explained by its count, once per group', () => {
    const small = rankUnits(Array.from({ length: TIE_NAMES_LIMIT + 1 }, (_, k) => e(`s${k}`, '80', '80', `Xã ${k}`)));
    expect(small[0]!.tieExplanation).toBe(
      `Đồng hạng 1 với ${small
        .slice(1)
        .map((r) => r.name)
        .join(', ')}: cùng tổng điểm 80 và tỷ lệ tiêu chí đạt 80,00 %; xếp theo tên chỉ để trình bày.`,
    );
    const big = rankUnits([e('top', '90', '90', 'Xã Đầu'), ...Array.from({ length: 300 }, (_, k) => e(`b${k}`, '80', '80', `Xã ${k}`))]);
    expect(big[1]!.rank).toBe(2);
    expect(big[1]!.tiedCount).toBe(300);
    expect(big[1]!.tieExplanation).toBe('Đồng hạng 2 với 299 đơn vị khác (cùng tổng điểm 80 và tỷ lệ tiêu chí đạt 80,00 %)');
    expect(explainTie('en', { rank: 2, others: 299, totalPoints: '80', shareMet: '80' })).toBe(
      'Tied for rank 2 with 299 other units (same total points 80 and share of criteria met 80.00%)',
    );
    expect(describeTies(big)).toEqual([
      {
        rank: 2,
        count: 300,
        totalPoints: '80',
        shareMet: '80',
        reason: 'cùng tổng điểm 80 và tỷ lệ tiêu chí đạt 80,00 %',
        reasonEn: 'same total points 80 and share of criteria met 80.00%',
        names: null,
      },
    ]);
    expect(describeTies(small)[0]!.names).toEqual(small.map((r) => r.name));
    expect(countTied(big).slice(0, 3)).toEqual([1, 300, 300]);
  });

  it('serialised output grows linearly with the number of units, however many share a total', () => {
    const size = (n: number) => JSON.stringify(rankUnits(Array.from({ length: n }, (_, k) => e(`u${k}`, String(10 * (k % 10)), '50', `Xã Số ${k}`)))).length;
    const perUnit = size(3000) / 3000;
    // 3,000 units over 10 totals (300 per tie): a few hundred bytes a unit, as for 300 units (30 per tie).
    expect(perUnit).toBeLessThan(400);
    expect(perUnit).toBeLessThan(1.2 * (size(300) / 300));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 5 }), (n, totals) => {
        const ranked = rankUnits(Array.from({ length: n }, (_, k) => e(`u${k}`, String(k % totals), null, `Xã Số ${k}`)));
        return JSON.stringify(ranked).length <= 400 * n;
      }),
      { numRuns: 30 },
    );
  });

  it('gives the same order, ranks and movement as the previous (quadratic) algorithm on small inputs', () => {
    const arbEntry = fc.record({
      points: fc.constantFrom('0', '5', '5.0', '10', '12.5'),
      share: fc.option(fc.constantFrom('0', '50', '50.00', '100'), { nil: null }),
      name: fc.constantFrom('Xã An', 'Xã Ân', 'Xã Bình', 'Phường 2', 'Phường 10', 'xã an'),
      prev: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 12 }), (list) => {
        const entries = list.map((x, k) => e(`id${k}`, x.points, x.share, x.name));
        const previous = new Map(list.flatMap((x, k) => (x.prev === null ? [] : [[`id${k}`, x.prev] as const])));
        const fresh = rankUnits(entries, previous);
        const old = oldRankUnits(entries, previous);
        expect(fresh.map((r) => [r.unitId, r.rank, r.previousRank, r.movement])).toEqual(old.map((r) => [r.unitId, r.rank, r.previousRank, r.movement]));
        expect(fresh.map((r) => r.tiedCount)).toEqual(old.map((r) => r.tiedWith.length + 1));
        // Groups this small are still explained by name, word for word as before.
        expect(fresh.map((r) => r.tieExplanation)).toEqual(
          old.map((r) => (r.tiedWith.length > TIE_NAMES_LIMIT ? fresh.find((f) => f.unitId === r.unitId)!.tieExplanation : r.tieExplanation)),
        );
      }),
      { numRuns: 200 },
    );
  });
});

// The algorithm before tie groups were made linear (kept only as the reference for the test above).
function oldRankUnits(entries: readonly RankingEntry[], previous: ReadonlyMap<string, number>) {
  const share = (x: RankingEntry) => new Dec(x.shareMet ?? '-1');
  const compare = (a: RankingEntry, b: RankingEntry) => new Dec(b.totalPoints).comparedTo(new Dec(a.totalPoints)) || share(b).comparedTo(share(a));
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  const sorted = [...entries].sort((a, b) => compare(a, b) || collator.compare(a.name, b.name) || a.unitId.localeCompare(b.unitId));
  const out: (RankingEntry & { rank: number; tiedWith: string[]; tieExplanation: string | null; previousRank: number | null; movement: number | null })[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && compare(sorted[i]!, sorted[j]!) === 0) j++;
    const group = sorted.slice(i, j);
    const rank = i + 1;
    for (const x of group) {
      const others = group.filter((g) => g.unitId !== x.unitId);
      const prev = previous.get(x.unitId) ?? null;
      out.push({
        ...x,
        rank,
        tiedWith: others.map((o) => o.unitId),
        tieExplanation:
          others.length === 0
            ? null
            : `Đồng hạng ${rank} với ${others.map((o) => o.name).join(', ')}: cùng tổng điểm ${formatNumber(x.totalPoints, 'vi')} và ${x.shareMet === null ? 'chưa có tỷ lệ đạt' : `tỷ lệ tiêu chí đạt ${formatPercent(x.shareMet, 'vi')}`}; xếp theo tên chỉ để trình bày.`,
        previousRank: prev,
        movement: prev === null ? null : prev - rank,
      });
    }
    i = j;
  }
  return out;
}

describe('shownTieExplanation', () => {
  const row = { rank: 3, totalPoints: '80', shareMet: '75.00', stored: 'Đồng hạng 3 với Xã A (cùng tổng điểm 80)' };
  it('keeps the stored text for a small tie and explains a large one by its count', () => {
    expect(shownTieExplanation(row, 1 + TIE_NAMES_LIMIT)).toBe(row.stored);
    const large = shownTieExplanation(row, 2 + TIE_NAMES_LIMIT)!;
    expect(large).not.toBe(row.stored);
    expect(large).toBe(explainTie('vi', { rank: 3, others: 1 + TIE_NAMES_LIMIT, totalPoints: '80', shareMet: '75.00' }));
  });
});
