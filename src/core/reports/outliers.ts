import { Dec, type Decimal } from '../decimal.js';

/** Iglewicz & Hoaglin: |M| > 3.5 flags a possible outlier. */
export const OUTLIER_THRESHOLD = 3.5;
/** A unit's own history needs at least this many earlier periods before a value is judged. */
export const MIN_HISTORY = 4;

function median(sorted: Decimal[]): Decimal {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).dividedBy(2);
}

/**
 * Modified z-score of a value against a history (Iglewicz & Hoaglin 1993): M = 0.6745 (x − median) / MAD, robust to
 * the outliers already in the history, unlike mean ± SD. When MAD is 0 (more than half the history is equal) the
 * mean absolute deviation is used (M = (x − median) / (1.253314 · MeanAD)); when that is 0 too, every value
 * differing from the history is infinitely far. Null when the history has fewer than MIN_HISTORY values.
 */
export function modifiedZScore(history: readonly string[], value: string): number | null {
  if (history.length < MIN_HISTORY) return null;
  const xs = history.map((h) => new Dec(h)).sort((a, b) => a.comparedTo(b));
  const med = median(xs);
  const x = new Dec(value);
  const deviations = xs.map((v) => v.minus(med).abs()).sort((a, b) => a.comparedTo(b));
  const mad = median(deviations);
  const diff = x.minus(med);
  if (!mad.isZero()) return diff.times('0.6745').dividedBy(mad).toNumber();
  const meanAd = deviations.reduce((s, d) => s.plus(d), new Dec(0)).dividedBy(deviations.length);
  if (!meanAd.isZero()) return diff.dividedBy(meanAd.times('1.253314')).toNumber();
  return diff.isZero() ? 0 : diff.isPositive() ? Infinity : -Infinity;
}

/** Whether the value is far from the unit's own history (|M| > 3.5); false without enough history. */
export function isOutlier(history: readonly string[], value: string): boolean {
  const m = modifiedZScore(history, value);
  return m !== null && Math.abs(m) > OUTLIER_THRESHOLD;
}
