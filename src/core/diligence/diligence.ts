import { Dec } from '../decimal.js';

/**
 * Diligence index (chỉ số chuyên cần) of a unit over the periods it had to report in — decision 0012.
 *
 *   timeliness  T = reports submitted on or before the due date ÷ reports due
 *   evidence    E = criteria with at least one evidence item ÷ criteria applicable, over submitted reports
 *   returns     R = reports submitted ÷ (reports submitted + times returned)
 *   index       = 100 × (0.5 T + 0.3 E + 0.2 R), two decimals, half up
 *
 * A report is due once its due date has passed or it has been submitted. With nothing submitted, E = R = 0; a
 * submitted report without applicable criteria counts E = 1. With nothing due the index is null.
 */
export const diligenceWeights = { timeliness: 0.5, evidence: 0.3, returns: 0.2 } as const;

export type DiligenceCounts = { due: number; onTime: number; submitted: number; returned: number; criteria: number; withEvidence: number };
export type Diligence = {
  index: string | null;
  weights: { timeliness: number; evidence: number; returns: number };
  timeliness: { due: number; onTime: number; rate: string | null };
  evidence: { criteria: number; withEvidence: number; rate: string | null };
  returns: { submitted: number; returned: number; rate: string | null };
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : new Dec(part).dividedBy(whole));
const pct = (d: InstanceType<typeof Dec> | null) => (d === null ? null : d.times(100).toFixed(2));

export function computeDiligence(c: DiligenceCounts): Diligence {
  const t = ratio(c.onTime, c.due);
  const e = c.submitted === 0 ? new Dec(0) : (ratio(c.withEvidence, c.criteria) ?? new Dec(1));
  const r = c.submitted === 0 ? new Dec(0) : new Dec(c.submitted).dividedBy(c.submitted + c.returned);
  const w = diligenceWeights;
  const index = t === null ? null : t.times(w.timeliness).plus(e.times(w.evidence)).plus(r.times(w.returns)).times(100).toFixed(2);
  return {
    index,
    weights: { ...w },
    timeliness: { due: c.due, onTime: c.onTime, rate: pct(t) },
    evidence: { criteria: c.criteria, withEvidence: c.withEvidence, rate: c.submitted === 0 ? null : pct(e) },
    returns: { submitted: c.submitted, returned: c.returned, rate: c.submitted === 0 ? null : pct(r) },
  };
}
