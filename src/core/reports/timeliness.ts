import { daysBetween } from '../dates.js';

/**
 * Timeliness of a report against its due date (Vietnam calendar days): submitted on time, submitted late, not
 * submitted yet but still in time, or overdue.
 */
export type Timeliness = { kind: 'on_time' } | { kind: 'late'; daysLate: number } | { kind: 'pending' } | { kind: 'overdue'; daysLate: number };

/** `submittedOn` is the first submission's date (YYYY-MM-DD, Vietnam time); a resubmission after a return does not make it late. */
export function timelinessOf(input: { dueDate: string; submittedOn: string | null; today: string }): Timeliness {
  if (input.submittedOn !== null) {
    const days = daysBetween(input.dueDate, input.submittedOn);
    return days <= 0 ? { kind: 'on_time' } : { kind: 'late', daysLate: days };
  }
  const days = daysBetween(input.dueDate, input.today);
  return days <= 0 ? { kind: 'pending' } : { kind: 'overdue', daysLate: days };
}
