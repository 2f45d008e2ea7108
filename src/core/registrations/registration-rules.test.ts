import { describe, expect, it } from 'vitest';
import { checkCommitment, formatBound, levelLabel, nextRegistrationStatus, registrationActions, registrationStatuses } from './registration-rules';

describe('checkCommitment', () => {
  const gte60 = { comparator: 'gte', threshold: '60' } as const;

  it('accepts equal or stricter commitments', () => {
    expect(checkCommitment({ comparator: 'gte', threshold: '60' }, gte60)).toEqual({ ok: true });
    expect(checkCommitment({ comparator: 'gte', threshold: '65' }, gte60)).toEqual({ ok: true });
    expect(checkCommitment({ comparator: 'gt', threshold: '60' }, gte60)).toEqual({ ok: true });
    expect(checkCommitment({ comparator: 'eq', threshold: '100' }, gte60)).toEqual({ ok: true });
    expect(checkCommitment({ comparator: 'gte', threshold: '60.0000001' }, gte60)).toEqual({ ok: true });
  });

  it('refuses looser commitments, exactly at the boundary', () => {
    expect(checkCommitment({ comparator: 'gte', threshold: '55' }, gte60)).toEqual({ ok: false, direction: 'below' });
    expect(checkCommitment({ comparator: 'gte', threshold: '59.9999999' }, gte60)).toEqual({ ok: false, direction: 'below' });
    expect(checkCommitment({ comparator: 'gt', threshold: '59.99' }, gte60)).toEqual({ ok: false, direction: 'below' });
    expect(checkCommitment({ comparator: 'lte', threshold: '70' }, gte60)).toEqual({ ok: false, direction: 'below' });
    expect(checkCommitment({ comparator: 'eq', threshold: '50' }, gte60)).toEqual({ ok: false, direction: 'below' });
  });

  it('handles strict targets and ceilings', () => {
    const gt60 = { comparator: 'gt', threshold: '60' } as const;
    expect(checkCommitment({ comparator: 'gte', threshold: '60' }, gt60).ok).toBe(false);
    expect(checkCommitment({ comparator: 'gt', threshold: '60' }, gt60).ok).toBe(true);
    expect(checkCommitment({ comparator: 'gte', threshold: '60.01' }, gt60).ok).toBe(true);
    const lte5 = { comparator: 'lte', threshold: '5' } as const;
    expect(checkCommitment({ comparator: 'lte', threshold: '3' }, lte5)).toEqual({ ok: true });
    expect(checkCommitment({ comparator: 'lte', threshold: '6' }, lte5)).toEqual({ ok: false, direction: 'above' });
    expect(checkCommitment({ comparator: 'gte', threshold: '1' }, lte5)).toEqual({ ok: false, direction: 'above' });
    const eq100 = { comparator: 'eq', threshold: '100' } as const;
    expect(checkCommitment({ comparator: 'eq', threshold: '100' }, eq100).ok).toBe(true);
    expect(checkCommitment({ comparator: 'gte', threshold: '100' }, eq100)).toEqual({ ok: false, direction: 'above' });
  });

  it('formats bounds the Vietnamese way', () => {
    expect(formatBound('gte', '55', true, 'vi', true)).toBe('55 %');
    expect(formatBound('gte', '60', true, 'vi')).toBe('≥ 60 %');
    expect(formatBound('lte', '70.5', true, 'vi', true)).toBe('≤ 70,5 %');
    expect(formatBound('gte', '60', true, 'en')).toBe('≥ 60%');
    expect(levelLabel('commune', 'vi')).toBe('cấp xã');
  });
});

describe('registration workflow', () => {
  it('allows exactly the documented transitions', () => {
    const table: Record<string, string | null> = {};
    for (const s of registrationStatuses) for (const a of registrationActions) table[`${s}.${a}`] = nextRegistrationStatus(s, a);
    expect(table).toEqual({
      'draft.edit': 'draft',
      'draft.submit': 'submitted',
      'draft.confirm': null,
      'draft.return': null,
      'submitted.edit': null,
      'submitted.submit': null,
      'submitted.confirm': 'confirmed',
      'submitted.return': 'returned',
      'returned.edit': 'returned',
      'returned.submit': 'submitted',
      'returned.confirm': null,
      'returned.return': null,
      'confirmed.edit': null,
      'confirmed.submit': null,
      'confirmed.confirm': null,
      'confirmed.return': null,
    });
  });
});

describe('difficulty workflow', () => {
  it('answers open requests once and closes them', async () => {
    const { nextDifficultyStatus } = await import('./registration-rules');
    expect(nextDifficultyStatus('open', 'answer')).toBe('answered');
    expect(nextDifficultyStatus('open', 'close')).toBe('closed');
    expect(nextDifficultyStatus('answered', 'answer')).toBeNull();
    expect(nextDifficultyStatus('answered', 'close')).toBe('closed');
    expect(nextDifficultyStatus('closed', 'answer')).toBeNull();
    expect(nextDifficultyStatus('closed', 'close')).toBeNull();
  });
});
