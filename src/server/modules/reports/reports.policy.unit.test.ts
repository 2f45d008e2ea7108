import { describe, expect, it } from 'vitest';
import { periodStatuses, type PeriodStatus } from '../../../core/reports/periods.js';
import { isEditable, nextStatus, reportStatuses, type ReportStatus } from '../../../core/reports/workflow.js';
import { stateError, stateRefusal, type ReportPolicyAction } from './reports.policy.js';

const actions: ReportPolicyAction[] = ['edit', 'submit', 'return', 'approve', 'lock', 'unlock'];

describe("what a report's state allows", () => {
  it('lets the unit write while the period is open, or closed to a report sent back', () => {
    expect(stateRefusal('edit', 'draft', { status: 'open' })).toBeNull();
    expect(stateRefusal('edit', 'returned', { status: 'closed' })).toBeNull();
    expect(stateRefusal('edit', 'draft', { status: 'closed' })).toBe('not_editable');
    expect(stateRefusal('edit', 'submitted', { status: 'open' })).toBe('not_editable');
    expect(stateRefusal('submit', 'draft', { status: 'open' })).toBeNull();
    expect(stateRefusal('submit', 'returned', { status: 'closed' })).toBeNull();
    expect(stateRefusal('submit', 'draft', { status: 'closed' })).toBe('period_not_open');
    expect(stateRefusal('submit', 'draft', { status: 'scheduled' })).toBe('period_not_open');
  });

  it('lets reviewers act until the period locks; lock and unlock only follow the workflow', () => {
    expect(stateRefusal('approve', 'submitted', { status: 'closed' })).toBeNull();
    expect(stateRefusal('return', 'resubmitted', { status: 'locked' })).toBe('period_locked');
    expect(stateRefusal('approve', 'submitted', { status: 'locked' })).toBe('period_locked');
    expect(stateRefusal('lock', 'approved', { status: 'locked' })).toBeNull();
    expect(stateRefusal('unlock', 'locked', { status: 'locked' })).toBeNull();
  });

  it('refuses an action the workflow has no step for before looking at the period', () => {
    expect(stateRefusal('approve', 'draft', { status: 'locked' })).toBe('transition_not_allowed');
    expect(stateRefusal('submit', 'approved', { status: 'closed' })).toBe('transition_not_allowed');
    expect(stateRefusal('unlock', 'draft', { status: 'open' })).toBe('transition_not_allowed');
  });

  it('answers as the abilities sent to the web app always did, for every status, period status and action', () => {
    const work = (period: PeriodStatus, status: ReportStatus) => period === 'open' || (period === 'closed' && status === 'returned');
    const before: Record<ReportPolicyAction, (status: ReportStatus, period: PeriodStatus) => boolean> = {
      edit: (s, p) => work(p, s) && isEditable(s),
      submit: (s, p) => work(p, s) && nextStatus(s, 'submit') !== null,
      return: (s, p) => p !== 'locked' && nextStatus(s, 'return') !== null,
      approve: (s, p) => p !== 'locked' && nextStatus(s, 'approve') !== null,
      lock: (s) => nextStatus(s, 'lock') !== null,
      unlock: (s) => nextStatus(s, 'unlock') !== null,
    };
    for (const status of reportStatuses) {
      for (const period of periodStatuses) {
        for (const action of actions)
          expect(stateRefusal(action, status, { status: period }) === null, `${action} ${status} in a ${period} period`).toBe(before[action](status, period));
      }
    }
  });

  it('words each refusal as a 409', () => {
    const period = { label: 'Quý I/2025', status: 'locked' };
    const error = stateError('period_locked', { action: 'approve', status: 'submitted', period, locale: 'vi' });
    expect(error).toMatchObject({ httpStatus: 409, code: 'period_locked', params: { period: 'Quý I/2025' } });
    expect(stateError('transition_not_allowed', { action: 'lock', status: 'draft', period, locale: 'en' })).toMatchObject({
      httpStatus: 409,
      params: { status: 'Draft', action: 'lock' },
    });
    expect(stateError('not_editable', { action: 'edit', status: 'submitted', period, locale: 'vi' })).toMatchObject({ httpStatus: 409, params: { status: 'Đã nộp' } });
    expect(stateError('period_not_open', { action: 'submit', status: 'draft', period: { label: 'Kỳ', status: 'closed' }, locale: 'vi' })).toMatchObject({
      httpStatus: 409,
      params: { period: 'Kỳ', status: 'closed' },
    });
  });
});
