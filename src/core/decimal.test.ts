import fc from 'fast-check';
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  Dec,
  compareDecimals,
  comparatorSymbol,
  formatExact,
  formatNumber,
  formatPercent,
  fractionSatisfies,
  isDecimalString,
  parseDecimal,
  satisfies,
  toDecimal,
  toDecimalString,
} from './decimal';
import { comparators } from './criteria/criteria.schemas';

describe('parseDecimal', () => {
  it('accepts plain decimals with a point', () => {
    expect(parseDecimal('90')?.toFixed()).toBe('90');
    expect(parseDecimal(' 59.99 ')?.toFixed()).toBe('59.99');
    expect(parseDecimal('-1.5')?.toFixed()).toBe('-1.5');
  });
  it.each(['', '1,5', '1e3', '.5', '5.', '+1', 'abc', 'NaN', 'Infinity', '1 000', '0x10'])('rejects %j', (s) => {
    expect(parseDecimal(s)).toBeNull();
    expect(isDecimalString(s)).toBe(false);
  });
  it('rejects absurdly long strings', () => {
    expect(parseDecimal('1'.repeat(61))).toBeNull();
  });
  it('toDecimal throws on garbage and non-finite numbers', () => {
    expect(() => toDecimal('x')).toThrow();
    expect(() => toDecimal(Number.NaN)).toThrow();
    expect(toDecimal(0.1).toFixed()).toBe('0.1');
  });
});

describe('exact arithmetic', () => {
  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(toDecimalString(new Dec('0.1').plus('0.2'))).toBe('0.3');
    expect(new Dec('0.1').plus('0.2').equals('0.3')).toBe(true);
  });
  it('uses 40 significant digits without touching the global decimal.js config', () => {
    expect(toDecimalString(new Dec(2).dividedBy(3))).toBe('0.6666666666666666666666666666666666666667');
    expect(DecimalJs.precision).toBe(20);
    expect(DecimalJs.rounding).toBe(DecimalJs.ROUND_HALF_UP);
  });
  it('never prints exponents', () => {
    expect(toDecimalString(new Dec('1e-30'))).toBe('0.000000000000000000000000000001');
    expect(toDecimalString(new Dec('-0'))).toBe('0');
  });
});

describe('comparisons', () => {
  it('compareDecimals', () => {
    expect(compareDecimals(new Dec('59.99'), new Dec('60'))).toBe(-1);
    expect(compareDecimals(new Dec('60.00'), new Dec('60'))).toBe(0);
    expect(compareDecimals(new Dec('60.01'), new Dec('60'))).toBe(1);
  });
  it.each([
    ['59.99', 'gte', '60', false],
    ['60', 'gte', '60', true],
    ['60', 'gt', '60', false],
    ['60.0000000001', 'gt', '60', true],
    ['60', 'lte', '60', true],
    ['60', 'lt', '60', false],
    ['60', 'eq', '60.00', true],
    ['100', 'eq', '99.99', false],
  ] as const)('%s %s %s → %s', (v, c, t, expected) => {
    expect(satisfies(new Dec(v), c, new Dec(t))).toBe(expected);
  });
  it('symbols', () => {
    expect(comparators.map(comparatorSymbol)).toEqual(['≥', '>', '≤', '<', '=']);
  });
  it('fractionSatisfies decides 2/3 × 100 vs 66.67 exactly', () => {
    expect(fractionSatisfies(new Dec(2), new Dec(3), 100, 'gte', new Dec('66.67'))).toBe(false);
    expect(fractionSatisfies(new Dec(2), new Dec(3), 100, 'gte', new Dec('66.66'))).toBe(true);
    expect(fractionSatisfies(new Dec(2), new Dec(3), 100, 'lt', new Dec('66.6666666667'))).toBe(true);
    // A negative denominator flips the cross-multiplication.
    expect(fractionSatisfies(new Dec(-3), new Dec(-4), 100, 'eq', new Dec(75))).toBe(true);
    expect(fractionSatisfies(new Dec(-3), new Dec(-4), 100, 'gt', new Dec(74))).toBe(true);
    expect(() => fractionSatisfies(new Dec(1), new Dec(0), 100, 'gte', new Dec(1))).toThrow();
  });

  const decimalArb = fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
    .map(([n, scale]) => new Dec(n.toString()).dividedBy(new Dec(10).pow(scale)));

  it('property: satisfies agrees with Decimal comparison for every comparator', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, fc.constantFrom(...comparators), (a, b, c) => {
        const cmp = a.comparedTo(b);
        const expected = { gte: cmp >= 0, gt: cmp > 0, lte: cmp <= 0, lt: cmp < 0, eq: cmp === 0 }[c];
        expect(satisfies(a, c, b)).toBe(expected);
      }),
    );
  });
  it('property: fractionSatisfies agrees with dividing first, when the quotient is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.constantFrom(1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 1000),
        decimalArb,
        fc.constantFrom(...comparators),
        (num, den, t, c) => {
          const quotient = new Dec(num).times(100).dividedBy(den);
          expect(fractionSatisfies(new Dec(num), new Dec(den), 100, c, t)).toBe(satisfies(quotient, c, t));
        },
      ),
    );
  });
});

describe('display formatting', () => {
  it('percentages: two decimals, half up, Vietnamese comma and spaced sign', () => {
    expect(formatPercent(new Dec('59.99'), 'vi')).toBe('59,99 %');
    expect(formatPercent(new Dec('59.99'), 'en')).toBe('59.99%');
    expect(formatPercent(new Dec('90'), 'vi')).toBe('90,00 %');
    expect(formatPercent(new Dec('66.665'), 'vi')).toBe('66,67 %');
    expect(formatPercent(new Dec('66.664999'), 'vi')).toBe('66,66 %');
    expect(formatPercent(new Dec(2).dividedBy(3).times(100), 'vi')).toBe('66,67 %');
    expect(formatPercent(new Dec('99.995'), 'vi')).toBe('100,00 %');
    expect(formatPercent(new Dec('1234.5'), 'vi')).toBe('1.234,50 %');
    expect(formatPercent('-0.001', 'vi')).toBe('0,00 %');
    expect(formatPercent('-0.005', 'en')).toBe('-0.01%');
  });
  it('numbers: grouping and trimmed decimals by default', () => {
    expect(formatNumber(new Dec('1234567.5'), 'vi')).toBe('1.234.567,5');
    expect(formatNumber(new Dec('1234567.5'), 'en')).toBe('1,234,567.5');
    expect(formatNumber(new Dec('1000'), 'vi')).toBe('1.000');
    expect(formatNumber(new Dec('2.345'), 'vi')).toBe('2,35');
    expect(formatNumber(new Dec('2.5'), 'vi', { trimZeros: false })).toBe('2,50');
    expect(formatNumber(new Dec('1000'), 'vi', { grouping: false })).toBe('1000');
    expect(formatNumber('0.125', 'en', { decimals: 2 })).toBe('0.13');
    expect(formatNumber('-1234', 'vi')).toBe('-1.234');
  });
  it('formatExact shows all decimals or truncates with an ellipsis, never rounding up', () => {
    expect(formatExact('59.99', 'vi')).toBe('59,99');
    expect(formatExact('12345', 'vi')).toBe('12345');
    expect(formatExact(new Dec('89.99999999999999'), 'vi')).toBe('89,9999999999…');
    expect(formatExact(new Dec(2).dividedBy(3).times(100), 'en')).toBe('66.6666666666…');
  });
});
