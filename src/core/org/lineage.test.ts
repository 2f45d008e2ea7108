import { describe, expect, it } from 'vitest';
import { predecessorLinks, successorLinks, type LineageEventLike } from './lineage.js';

const ev = (unitId: string, type: string, relatedUnitIds: string[], details: Record<string, unknown> = {}, effectiveDate = '2025-07-01'): LineageEventLike => ({
  unitId,
  type,
  relatedUnitIds,
  effectiveDate,
  details,
});

describe('lineage links', () => {
  // Cẩm Thượng (X) and Việt Hoà (W) merged into Thành Đông (Y); Y's created event names both.
  const events = [
    ev('X', 'merged_into', ['Y'], { kind: 'full' }),
    ev('W', 'merged_into', ['Y'], { kind: 'partial' }),
    ev('W', 'merged_into', ['V'], { kind: 'partial' }),
    ev('Y', 'created', ['X', 'W']),
    ev('S', 'split_from', ['Y'], {}, '2026-01-01'),
    ev('X', 'renamed', []),
  ];

  it('finds predecessors from either side, preferring the merged_into link with its kind', () => {
    expect(predecessorLinks('Y', events)).toEqual([
      { unitId: 'X', eventType: 'merged_into', effectiveDate: '2025-07-01', kind: 'full' },
      { unitId: 'W', eventType: 'merged_into', effectiveDate: '2025-07-01', kind: 'partial' },
    ]);
    expect(predecessorLinks('S', events)).toEqual([{ unitId: 'Y', eventType: 'split_from', effectiveDate: '2026-01-01', kind: null }]);
  });

  it('finds successors, including units split from it', () => {
    expect(successorLinks('W', events).map((l) => [l.unitId, l.kind])).toEqual([
      ['Y', 'partial'],
      ['V', 'partial'],
    ]);
    expect(successorLinks('Y', events)).toEqual([{ unitId: 'S', eventType: 'split_from', effectiveDate: '2026-01-01', kind: null }]);
    expect(successorLinks('X', events)).toEqual([{ unitId: 'Y', eventType: 'merged_into', effectiveDate: '2025-07-01', kind: 'full' }]);
  });

  it('reads a created event alone, with the kind from its predecessor list', () => {
    const only = [ev('Y', 'created', ['X'], { predecessors: [{ id: 'X', kind: 'partial' }] })];
    expect(predecessorLinks('Y', only)).toEqual([{ unitId: 'X', eventType: 'created', effectiveDate: '2025-07-01', kind: 'partial' }]);
    expect(successorLinks('X', only)).toEqual([{ unitId: 'Y', eventType: 'created', effectiveDate: '2025-07-01', kind: 'partial' }]);
  });
});
