import DecimalJs from 'decimal.js';
import type { Comparator } from './criteria/criteria.schemas';

/**
 * Exact decimal arithmetic for the whole core.
 *
 * Rounding policy (plan IV.1 targets such as "≥ 90 %"):
 * - Targets are compared against the UNROUNDED value: 59.99 % does not meet "≥ 60 %", and
 *   2/3 × 100 = 66.666… does not meet "≥ 66.67 %".
 * - Values are displayed with two decimals, rounded half up (66.665 → "66,67"; −0.005 → "−0,01",
 *   i.e. half away from zero), never used for a decision after rounding.
 * - Internal precision is 40 significant digits, ROUND_HALF_UP, on a private constructor so the
 *   global decimal.js configuration used by other modules is never touched.
 */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type Decimal = DecimalJs;

export type Locale = 'vi' | 'en';

/** Plain decimal written with a dot: "90", "-1.5", "0.125". No exponent, no grouping, no sign "+". */
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;
const MAX_DECIMAL_LENGTH = 60;

/** True when `s` is a plain decimal string ("90", "59.99", "-1.5"). */
export function isDecimalString(s: string): boolean {
  return s.length <= MAX_DECIMAL_LENGTH && DECIMAL_RE.test(s);
}

/** Parses a plain decimal string (surrounding spaces allowed); null when it is not one. */
export function parseDecimal(s: string): Decimal | null {
  const t = s.trim();
  if (!isDecimalString(t)) return null;
  return new Dec(t);
}

/** Converts a number-like input to a Decimal; throws on anything that is not a plain decimal. */
export function toDecimal(x: Decimal | string | number): Decimal {
  if (typeof x === 'string') {
    const d = parseDecimal(x);
    if (!d) throw new Error(`Not a decimal string: ${JSON.stringify(x)}`);
    return d;
  }
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new Error(`Not a finite number: ${x}`);
    // Through the shortest round-trip string so 0.1 stays 0.1.
    return new Dec(String(x));
  }
  return new Dec(x);
}

/** Exact plain string of a decimal, no exponent, no rounding: "66.66666666666666666666666666666666666667". */
export function toDecimalString(d: Decimal): string {
  return d.isZero() ? '0' : d.toFixed();
}

/** -1, 0 or 1. */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const c = a.comparedTo(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** Whether `value <comparator> threshold` holds, on unrounded values. */
export function satisfies(value: Decimal, comparator: Comparator, threshold: Decimal): boolean {
  return comparatorHolds(compareDecimals(value, threshold), comparator);
}

/** Applies a comparator to the sign of (left − right). */
export function comparatorHolds(sign: -1 | 0 | 1, comparator: Comparator): boolean {
  switch (comparator) {
    case 'gte':
      return sign >= 0;
    case 'gt':
      return sign > 0;
    case 'lte':
      return sign <= 0;
    case 'lt':
      return sign < 0;
    case 'eq':
      return sign === 0;
    default:
      return assertNever(comparator);
  }
}

/**
 * Whether `numerator / denominator × scale <comparator> threshold`, decided exactly by cross-multiplication
 * (no division, so no rounding at the 40th digit can flip a boundary). The denominator must be non-zero.
 */
export function fractionSatisfies(numerator: Decimal, denominator: Decimal, scale: Decimal | number, comparator: Comparator, threshold: Decimal): boolean {
  if (denominator.isZero()) throw new Error('fractionSatisfies: zero denominator');
  const left = numerator.times(scale);
  const right = threshold.times(denominator);
  let sign = compareDecimals(left, right);
  if (denominator.isNegative()) sign = (-sign || 0) as -1 | 0 | 1;
  return comparatorHolds(sign, comparator);
}

/** Mathematical symbol of a comparator: ≥, >, ≤, <, =. */
export function comparatorSymbol(comparator: Comparator): string {
  switch (comparator) {
    case 'gte':
      return '≥';
    case 'gt':
      return '>';
    case 'lte':
      return '≤';
    case 'lt':
      return '<';
    case 'eq':
      return '=';
    default:
      return assertNever(comparator);
  }
}

export type FormatNumberOptions = {
  /** Number of decimals after rounding half up. Default 2. */
  decimals?: number;
  /** Drop trailing zeros of the fraction ("2,50" → "2,5", "90,00" → "90"). Default true. */
  trimZeros?: boolean;
  /** Group thousands ("1.234.567" in vi, "1,234,567" in en). Default true. */
  grouping?: boolean;
};

/**
 * Formats a number for display: Vietnamese uses "," for decimals and "." for thousands ("1.234,5");
 * English the reverse ("1,234.5"). Rounds half up to `decimals` (default 2); a value that rounds to zero
 * is shown without a minus sign.
 */
export function formatNumber(d: Decimal | string, locale: Locale, options: FormatNumberOptions = {}): string {
  const { decimals = 2, trimZeros = true, grouping = true } = options;
  const value = typeof d === 'string' ? toDecimal(d) : d;
  let fixed = value.toFixed(decimals, DecimalJs.ROUND_HALF_UP);
  if (trimZeros && fixed.includes('.')) fixed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  return localizePlain(fixed, locale, grouping);
}

/**
 * Formats a percentage already expressed in percent units (59.99 means 59.99 %), two decimals, half up:
 * vi "59,99 %" (space before the sign, Vietnamese typography), en "59.99%".
 */
export function formatPercent(d: Decimal | string, locale: Locale): string {
  const s = formatNumber(d, locale, { decimals: 2, trimZeros: false });
  return locale === 'vi' ? `${s} %` : `${s}%`;
}

/**
 * Shows a decimal exactly as far as reasonable: all decimals when there are at most `maxDecimals`
 * (default 10), otherwise truncated toward zero with an ellipsis ("66,6666666666…"), so the text never
 * appears to cross a threshold the exact value does not cross. No thousands grouping.
 */
export function formatExact(d: Decimal | string, locale: Locale, maxDecimals = 10): string {
  const value = typeof d === 'string' ? toDecimal(d) : d;
  if (value.decimalPlaces() <= maxDecimals) return localizePlain(toDecimalString(value), locale, false);
  const truncated = value.toFixed(maxDecimals, DecimalJs.ROUND_DOWN);
  return `${localizePlain(truncated, locale, false)}…`;
}

/** "1234.5" → vi "1.234,5" / en "1,234.5"; "-0.00" → "0,00". */
function localizePlain(plain: string, locale: Locale, grouping: boolean): string {
  let s = plain;
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const [intPart = '0', fracPart] = s.split('.');
  const groupSep = locale === 'vi' ? '.' : ',';
  const decimalSep = locale === 'vi' ? ',' : '.';
  const groupedInt = grouping ? intPart.replace(/\B(?=(\d{3})+(?!\d))/g, groupSep) : intPart;
  return `${negative ? '-' : ''}${groupedInt}${fracPart !== undefined ? decimalSep + fracPart : ''}`;
}

function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
