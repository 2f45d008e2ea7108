import type { Comparator, Target, UnitLevel } from '../criteria/criteria.schemas';
import { comparatorSymbol, formatExact, formatNumber, formatPercent, satisfies, toDecimal, type Decimal, type Locale } from '../decimal';

/** How a criterion's value is shown. */
export type DisplayKind = 'percentage' | 'ratio' | 'number' | 'boolean';

/** Level names as used in "not applicable to …" sentences. */
export const levelScopeLabels: Record<Locale, Record<UnitLevel, string>> = {
  vi: {
    province: 'cấp tỉnh',
    department: 'sở, ban, ngành',
    district: 'cấp huyện',
    commune: 'cấp xã',
    enterprise: 'doanh nghiệp',
    university: 'trường đại học, cao đẳng',
    individual: 'cá nhân',
    other: 'đơn vị khác',
  },
  en: {
    province: 'the province level',
    department: 'departments',
    district: 'districts',
    commune: 'communes',
    enterprise: 'enterprises',
    university: 'universities and colleges',
    individual: 'individuals',
    other: 'other units',
  },
};

/** Nouns for counting member units: "12/17 sở, ban, ngành". */
export const levelMemberNouns: Record<Locale, Record<UnitLevel, string>> = {
  vi: {
    province: 'tỉnh',
    department: 'sở, ban, ngành',
    district: 'huyện',
    commune: 'xã',
    enterprise: 'doanh nghiệp',
    university: 'trường',
    individual: 'cá nhân',
    other: 'đơn vị',
  },
  en: {
    province: 'provinces',
    department: 'departments',
    district: 'districts',
    commune: 'communes',
    enterprise: 'enterprises',
    university: 'universities and colleges',
    individual: 'individuals',
    other: 'units',
  },
};

export const verdictWords: Record<Locale, { met: string; notMet: string; target: string; exact: string }> = {
  vi: { met: 'đạt', notMet: 'không đạt', target: 'yêu cầu', exact: 'chính xác' },
  en: { met: 'met', notMet: 'not met', target: 'target', exact: 'exactly' },
};

export function yesNo(value: boolean, locale: Locale): string {
  if (locale === 'vi') return value ? 'Có' : 'Không';
  return value ? 'Yes' : 'No';
}

/** A criterion value for display: percentages and ratios with two decimals (half up), booleans as Có/Không. */
export function formatValue(value: Decimal, display: DisplayKind, locale: Locale): string {
  switch (display) {
    case 'percentage':
      return formatPercent(value, locale);
    case 'ratio':
      return formatNumber(value, locale, { decimals: 2, trimZeros: false });
    case 'number':
      return formatNumber(value, locale);
    case 'boolean':
      return yesNo(!value.isZero(), locale);
  }
}

/** A threshold as written in the criteria set, exactly: "90 %", "66,67 %", "1.5". */
export function formatThreshold(threshold: Decimal, display: DisplayKind, locale: Locale): string {
  const s = formatExact(threshold, locale);
  if (display === 'percentage') return locale === 'vi' ? `${s} %` : `${s}%`;
  return s;
}

/** "≥ 90 %" — or, for yes/no criteria, "Có"/"Không" when the target is plainly yes or no. */
export function formatTarget(target: Pick<Target, 'comparator' | 'threshold'>, display: DisplayKind, locale: Locale): string {
  const threshold = toDecimal(target.threshold);
  if (display === 'boolean') {
    const plain = booleanTarget(target.comparator, threshold);
    if (plain !== null) return yesNo(plain, locale);
  }
  return `${comparatorSymbol(target.comparator)} ${formatThreshold(threshold, display, locale)}`;
}

/** true for "= 1", "≥ 1", "> 0"; false for "= 0", "≤ 0", "< 1"; null otherwise. */
function booleanTarget(comparator: Comparator, threshold: Decimal): boolean | null {
  const one = threshold.equals(1);
  const zero = threshold.isZero();
  if ((comparator === 'eq' || comparator === 'gte') && one) return true;
  if (comparator === 'gt' && zero) return true;
  if ((comparator === 'eq' || comparator === 'lte') && zero) return false;
  if (comparator === 'lt' && one) return false;
  return null;
}

/**
 * One sentence comparing a value with its target, e.g. "950 / (1000 − 50) = 100,00 % ≥ 90 %: đạt" or
 * "= 66,67 % (chính xác 66,6666666666…), yêu cầu ≥ 66,67 %: không đạt". The exact value is added whenever
 * the two-decimal display alone would suggest the other verdict.
 */
export function explainComparison(args: { lhs: string | null; value: Decimal; met: boolean; target: Target; display: DisplayKind; locale: Locale }): string {
  const { lhs, value, met, target, display, locale } = args;
  const words = verdictWords[locale];
  const shown = formatValue(value, display, locale);
  const threshold = toDecimal(target.threshold);
  let valueText = shown;
  if (display !== 'boolean' && value.decimalPlaces() > 2) {
    const rounded = value.toDecimalPlaces(2);
    const roundedMeets = satisfies(rounded, target.comparator, threshold);
    if (roundedMeets !== met || rounded.equals(threshold) !== value.equals(threshold)) {
      valueText = `${shown} (${words.exact} ${formatExact(value, locale)})`;
    }
  }
  const left = lhs !== null && lhs !== shown ? `${lhs} = ${valueText}` : valueText;
  const targetText = formatTarget(target, display, locale);
  if (display === 'boolean') return `${left} (${words.target}: ${targetText}): ${met ? words.met : words.notMet}`;
  if (met) return `${left} ${targetText}: ${words.met}`;
  return `${left}, ${words.target} ${targetText}: ${words.notMet}`;
}

/** "A, B, C" or "A, B, C… và 12 đơn vị khác" for long lists. */
export function listNames(names: readonly string[], locale: Locale, max = 10): string {
  if (names.length <= max) return names.join(', ');
  const rest = names.length - max;
  const tail = locale === 'vi' ? ` và ${rest} đơn vị khác` : ` and ${rest} more`;
  return names.slice(0, max).join(', ') + tail;
}
