import type { DataElement } from '../criteria/criteria.schemas.js';
import { Dec, toDecimalString, type Decimal } from '../decimal.js';
import { assertNever } from './periods.js';

export type ReportValues = Readonly<Record<string, string | boolean | null | undefined>>;

/** A compiled total: the aggregate of the reports that have the value, and how many had it. */
export type CompiledTotal = { code: string; aggregation: DataElement['aggregation']; value: string | null; reported: number };

/**
 * Compiles data elements over several units' values by each element's aggregation: sum, average (exact, up to
 * 10 decimals), count_true (number of "yes"), none (not compiled). Missing values are left out and counted apart.
 */
export function compileTotals(elements: readonly DataElement[], rows: readonly ReportValues[]): CompiledTotal[] {
  return elements.map((e) => {
    let reported = 0;
    let sum: Decimal = new Dec(0);
    let trues = 0;
    for (const row of rows) {
      const v = row[e.code];
      if (v === null || v === undefined || v === '') continue;
      reported++;
      if (typeof v === 'boolean') trues += v ? 1 : 0;
      else if (/^-?\d+(\.\d+)?$/.test(v)) sum = sum.plus(v);
    }
    const base = { code: e.code, aggregation: e.aggregation, reported };
    switch (e.aggregation) {
      case 'sum':
        return { ...base, value: reported === 0 ? null : toDecimalString(sum) };
      case 'average':
        return { ...base, value: reported === 0 ? null : toDecimalString(sum.dividedBy(reported).toDecimalPlaces(10)) };
      case 'count_true':
        return { ...base, value: String(trues) };
      case 'none':
        return { ...base, value: null };
      default:
        return assertNever(e.aggregation);
    }
  });
}
