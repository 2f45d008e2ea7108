import { describe, expect, it } from 'vitest';
import { computeDiligence } from './diligence.js';

describe('diligence index', () => {
  it('weights timeliness 50 %, evidence 30 %, not returned 20 %', () => {
    // 1 of 2 on time, 6 of 6 criteria evidenced, 2 reports returned once in all: 50 + 30 + 20 × 2/3.
    const d = computeDiligence({ due: 2, onTime: 1, submitted: 2, returned: 1, criteria: 6, withEvidence: 6 });
    expect(d.index).toBe('68.33');
    expect(d.timeliness.rate).toBe('50.00');
    expect(d.evidence.rate).toBe('100.00');
    expect(d.returns.rate).toBe('66.67');
  });

  it('is 100 for every report on time, fully evidenced, never returned', () => {
    expect(computeDiligence({ due: 3, onTime: 3, submitted: 3, returned: 0, criteria: 9, withEvidence: 9 }).index).toBe('100.00');
  });

  it('is 0 when the due reports were never submitted, and null when nothing is due yet', () => {
    const none = computeDiligence({ due: 2, onTime: 0, submitted: 0, returned: 0, criteria: 0, withEvidence: 0 });
    expect(none.index).toBe('0.00');
    expect(none.evidence.rate).toBeNull();
    expect(computeDiligence({ due: 0, onTime: 0, submitted: 0, returned: 0, criteria: 0, withEvidence: 0 }).index).toBeNull();
  });

  it('counts missing evidence: 2 of 3 criteria', () => {
    expect(computeDiligence({ due: 1, onTime: 1, submitted: 1, returned: 0, criteria: 3, withEvidence: 2 }).index).toBe('90.00');
  });
});
