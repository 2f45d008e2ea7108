import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, daysBetween, formatDateVi, todayInVietnam } from '../../core/dates.js';
import type { Role } from '../../core/permissions.js';
import { recordAudit } from '../audit/audit.js';
import { queryRows, type Db, type Tx } from '../db/client.js';
import { findAgencyUnitId } from '../modules/movements/agency-on-date.js';
import { findRecipients, notifyUsers, type Recipient } from '../modules/notifications/notifications.service.js';

/**
 * Reminders before a due date and escalation after it.
 *
 * Exactly once, across instances and restarts: every step of a due item is a row in reminders_sent with a unique
 * (due_item_id, kind); the row, the notifications and the outbox mails are written in one transaction, and the row
 * is inserted with ON CONFLICT DO NOTHING — whoever inserts it sends, nobody else does. A transaction-scoped
 * advisory lock (pg_try_advisory_xact_lock) additionally lets only one instance run a pass at a time; the others skip
 * that tick. Nothing lives in memory: a restarted instance reads what was sent and sends only what is missing.
 */

export const REMINDER_LOCK = 727200;
/** Escalation is for current delays: items overdue longer than this (e.g. a plan imported years later) are not chased. */
export const ESCALATION_MAX_AGE_DAYS = 30;

export type ReminderSettings = {
  /** Days before the due date, e.g. [7, 3, 1]. */
  reminderDays: readonly number[];
  /** Days after the due date: [to the unit head, to the standing agency], e.g. [1, 3]. */
  escalationDays: readonly number[];
};

export type ReminderKind = `before_${number}` | 'escalation_unit_head' | 'escalation_standing_agency';

type Candidate = {
  id: string;
  tenant_id: string;
  unit_id: string;
  unit_name: string | null;
  movement_id: string | null;
  kind: string;
  title: string;
  link: string | null;
  due_date: string;
};

/**
 * The steps an open item should have had by `today`: before the due date, the most urgent reminder offset reached
 * ("còn 2 ngày" with offsets 7,3,1 → before_3); after it, each escalation whose day has come (within the age limit).
 */
export function dueSteps(dueDate: string, today: string, settings: ReminderSettings): ReminderKind[] {
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft >= 0) {
    const reached = settings.reminderDays.filter((d) => daysLeft <= d);
    return reached.length > 0 ? [`before_${Math.min(...reached)}`] : [];
  }
  const overdue = -daysLeft;
  if (overdue > ESCALATION_MAX_AGE_DAYS) return [];
  const [toHead, toAgency] = [...settings.escalationDays].sort((a, b) => a - b);
  const steps: ReminderKind[] = [];
  if (toHead !== undefined && overdue >= toHead) steps.push('escalation_unit_head');
  if (toAgency !== undefined && overdue >= toAgency) steps.push('escalation_standing_agency');
  return steps;
}

/** Who acts on each kind of item at the unit. */
const reviewKinds = new Set(['registration_review', 'report_review', 'difficulty_answer']);
const unitRoles: Role[] = ['unit_admin', 'unit_reporter'];
const reviewRoles: Role[] = ['standing_agency', 'emulation_board', 'council_member', 'reviewer'];

async function recipientsFor(tx: Tx, item: Candidate, step: ReminderKind, today: string): Promise<Recipient[]> {
  if (step === 'escalation_unit_head') return findRecipients(tx, item.tenant_id, { unitIds: [item.unit_id], roles: ['unit_admin'] }, today);
  if (step === 'escalation_standing_agency') {
    const agency = item.movement_id ? await findAgencyUnitId(tx, item.tenant_id, item.movement_id, 'standing_agency', today) : null;
    return findRecipients(tx, item.tenant_id, { unitIds: agency ? [agency] : [], roles: ['standing_agency'], tenantWide: true }, today);
  }
  if (reviewKinds.has(item.kind)) return findRecipients(tx, item.tenant_id, { unitIds: [item.unit_id], roles: reviewRoles, tenantWide: item.kind !== 'report_review' }, today);
  return findRecipients(tx, item.tenant_id, { unitIds: [item.unit_id], roles: unitRoles }, today);
}

function message(item: Candidate, step: ReminderKind, today: string): { title: string; body: string } {
  const unit = item.unit_name ?? 'Đơn vị';
  const due = formatDateVi(item.due_date);
  if (step === 'escalation_unit_head' || step === 'escalation_standing_agency') {
    const overdue = daysBetween(item.due_date, today);
    return step === 'escalation_unit_head'
      ? {
          title: `Quá hạn ${overdue} ngày: ${item.title}`,
          body: `${unit}: việc "${item.title}" đã quá hạn ${overdue} ngày (hạn ${due}). Đề nghị thủ trưởng đơn vị chỉ đạo hoàn thành.`,
        }
      : {
          title: `Đơn vị quá hạn: ${unit} — ${item.title}`,
          body: `${unit} chưa hoàn thành "${item.title}", quá hạn ${overdue} ngày (hạn ${due}). Đề nghị cơ quan thường trực đôn đốc.`,
        };
  }
  const left = daysBetween(today, item.due_date);
  const when = left === 0 ? 'hạn là hôm nay' : `còn ${left} ngày`;
  return { title: `Nhắc việc: ${item.title} — hạn ${due} (${when})`, body: `${unit} cần hoàn thành "${item.title}" trước hạn ${due} (${when}).` };
}

export type ReminderPassResult = { ran: boolean; sent: number; notifications: number; mails: number };

/**
 * One pass over the open due items; safe to run from several instances at once. `withoutLock` (tests only) skips
 * the advisory lock to show that the unique key alone keeps each step to one sending.
 */
export async function runReminderPass(db: Db, settings: ReminderSettings, now: Date = new Date(), options: { withoutLock?: boolean } = {}): Promise<ReminderPassResult> {
  const today = todayInVietnam(now);
  const maxBefore = Math.max(0, ...settings.reminderDays);
  return db.transaction(async (tx) => {
    const [lock] = options.withoutLock ? [{ locked: true }] : await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${REMINDER_LOCK}) as locked`);
    if (!lock?.locked) return { ran: false, sent: 0, notifications: 0, mails: 0 };
    const candidates = await queryRows<Candidate>(
      tx,
      sql`select di.id, di.tenant_id, di.unit_id, v.name as unit_name, di.movement_id, di.kind, di.title, di.link, di.due_date::text as due_date
            from due_items di
            left join lateral (select x.name from unit_versions x where x.unit_id = di.unit_id
                                order by (x.valid_from <= di.due_date and (x.valid_to is null or x.valid_to > di.due_date)) desc, x.valid_from desc limit 1) v on true
           where di.status = 'open'
             and di.due_date between ${addDays(today, -ESCALATION_MAX_AGE_DAYS)}::date and ${addDays(today, maxBefore)}::date
           order by di.due_date, di.id`,
    );
    const result: ReminderPassResult = { ran: true, sent: 0, notifications: 0, mails: 0 };
    const stepsByTenant = new Map<string, string[]>();
    for (const item of candidates) {
      for (const step of dueSteps(item.due_date, today, settings)) {
        const id = randomUUID();
        const inserted = await queryRows<{ id: string }>(
          tx,
          sql`insert into reminders_sent (id, tenant_id, due_item_id, kind) values (${id}::uuid, ${item.tenant_id}::uuid, ${item.id}::uuid, ${step})
              on conflict (due_item_id, kind) do nothing returning id`,
        );
        if (inserted.length === 0) continue;
        const recipients = await recipientsFor(tx, item, step, today);
        const { title, body } = message(item, step, today);
        const written = await notifyUsers(tx, { tenantId: item.tenant_id, recipients, kind: `reminder.${step}`, title, body, link: item.link, dueItemId: item.id });
        await tx.execute(sql`update reminders_sent set recipients = ${written.notifications} where id = ${id}::uuid`);
        result.sent += 1;
        result.notifications += written.notifications;
        result.mails += written.mails;
        stepsByTenant.set(item.tenant_id, [...(stepsByTenant.get(item.tenant_id) ?? []), `${item.id}:${step}`]);
      }
    }
    for (const [tenantId, steps] of stepsByTenant) {
      await recordAudit(
        tx,
        { actor: null, requestId: '', actorName: 'scheduler' },
        { action: 'reminders.sent', entityType: 'due_items', entityId: null, after: { date: today, steps } },
        tenantId,
      );
    }
    return result;
  });
}
