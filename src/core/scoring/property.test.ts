import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparators, unitLevels } from '../criteria/criteria.schemas';
import { Dec, satisfies } from '../decimal';
import { compileCriteriaSet, scoreUnit } from './engine';
import { buildPlanCriteriaSet } from './test-fixtures';

const set = buildPlanCriteriaSet();
const compiled = (() => {
  const r = compileCriteriaSet(set);
  if (!r.ok) throw new Error('fixture');
  return r.compiled;
})();

const valueArb = fc.oneof(
  fc.nat({ max: 100000 }).map(String),
  fc.tuple(fc.nat({ max: 1000 }), fc.nat({ max: 99 })).map(([i, f]) => `${i}.${f}`),
  fc.constantFrom<string | boolean | null>('0', '-3', true, false, null, '', 'x'),
);
const codes = set.dataElements.map((e) => e.code);
const valuesArb = fc.dictionary(fc.constantFrom(...codes), valueArb);

describe('scoring properties', () => {
  it('never throws; points stay within 0..maxPoints; counts add up', () => {
    fc.assert(
      fc.property(fc.constantFrom(...unitLevels), valuesArb, (level, values) => {
        const r = scoreUnit({ set: compiled, level, values, members: [] });
        let applicable = 0;
        for (const c of r.criteria) {
          expect(new Dec(c.points).greaterThanOrEqualTo(0)).toBe(true);
          expect(new Dec(c.points).lessThanOrEqualTo(c.maxPoints)).toBe(true);
          if (c.status === 'not_applicable') expect(c.maxPoints).toBe('0');
          else applicable++;
          if (c.status === 'met' || c.status === 'not_met') expect(c.explanation).toMatch(/: (đạt|không đạt)/);
        }
        expect(r.applicableCount).toBe(applicable);
        expect(new Dec(r.totalPoints).lessThanOrEqualTo(r.maxPoints)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a ratio verdict equals the exact comparison num × 100 vs threshold × den', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100000 }),
        fc.integer({ min: 1, max: 100000 }),
        fc.tuple(fc.nat({ max: 150 }), fc.nat({ max: 99 })).map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`),
        fc.constantFrom(...comparators),
        (online, total, threshold, comparator) => {
          const custom = buildPlanCriteriaSet();
          custom.criteria[0]!.targets = [{ level: 'department', comparator, threshold }];
          const c = scoreUnit({
            set: custom,
            level: 'department',
            values: { records_online: String(online), records_total: String(total), records_secret: '0' },
          }).criteria[0]!;
          const expected = satisfies(new Dec(online).times(100), comparator, new Dec(threshold).times(total));
          expect(c.status).toBe(expected ? 'met' : 'not_met');
        },
      ),
      { numRuns: 300 },
    );
  });
});
