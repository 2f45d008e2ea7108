import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '../../../core/dates.js';
import type { Role } from '../../../core/permissions.js';
import type { RequestContext } from '../../auth/actor.js';
import { requireActor, requireTenantWide } from '../../auth/access.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import {
  countNotificationsOf,
  countOutbox,
  findGrantHolders,
  findNotificationsOf,
  findOutboxRows,
  insertMailRows,
  insertNotificationRows,
  setAllRead,
  setNotificationRead,
} from './notifications.repository.js';
import type { mailOutbox, notifications } from '../../db/schema/index.js';

export type Recipient = { userId: string; email: string | null };

/** Roles that act for a unit (submit its launch, registration, reports). */
export const unitActorRoles: Role[] = ['unit_admin', 'unit_reporter'];
/** Roles of the provincial bodies that follow the movement. */
export const standingAgencyRoles: Role[] = ['standing_agency'];

/** Users holding one of the roles on one of the units (exact grant), and/or tenant-wide; deduplicated by user. */
export async function findRecipients(
  db: DbOrTx,
  tenantId: string,
  spec: { unitIds?: readonly string[]; roles: readonly Role[]; tenantWide?: boolean; anyUnit?: boolean },
  date = todayInVietnam(),
): Promise<Recipient[]> {
  const rows = await findGrantHolders(db, tenantId, spec, date);
  const byUser = new Map<string, Recipient>();
  for (const r of rows) byUser.set(r.user_id, { userId: r.user_id, email: r.email });
  return [...byUser.values()].sort((a, b) => a.userId.localeCompare(b.userId));
}

export const MAIL_SUBJECT_PREFIX = '[Thi Đua Số]';

export type NotifyInput = {
  tenantId: string;
  recipients: readonly Recipient[];
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  dueItemId?: string | null;
  /** Also queue an e-mail for each recipient with an address (default true). */
  mail?: boolean;
};

/**
 * Writes in-app notifications and, for recipients with an e-mail address, mail_outbox rows, inside the caller's
 * transaction (so they commit with the change that caused them). The sender job delivers the mails.
 */
export async function notifyUsers(tx: Tx, input: NotifyInput): Promise<{ notifications: number; mails: number }> {
  const seen = new Set<string>();
  const notificationRows: (typeof notifications.$inferInsert)[] = [];
  const mailRows: (typeof mailOutbox.$inferInsert)[] = [];
  for (const r of input.recipients) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    const id = randomUUID();
    notificationRows.push({
      id,
      tenantId: input.tenantId,
      userId: r.userId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      dueItemId: input.dueItemId ?? null,
    });
    if (input.mail !== false && r.email) {
      const text = [input.body, '', input.link ? `Xem chi tiết: ${input.link}` : null, '', '— Thi Đua Số (thư gửi tự động, vui lòng không trả lời)']
        .filter((l) => l !== null)
        .join('\n');
      mailRows.push({
        id: randomUUID(),
        tenantId: input.tenantId,
        toUserId: r.userId,
        toAddress: r.email,
        subject: `${MAIL_SUBJECT_PREFIX} ${input.title}`,
        bodyText: text,
        notificationId: id,
      });
    }
  }
  await insertNotificationRows(tx, notificationRows);
  await insertMailRows(tx, mailRows);
  return { notifications: notificationRows.length, mails: mailRows.length };
}

function presentNotification(row: typeof notifications.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    dueItemId: row.dueItemId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The signed-in user's own notifications, newest first, with counts. Reading does not mark them read. */
export async function listNotifications(ctx: RequestContext, query: { unread?: boolean; limit?: number; offset?: number }) {
  requireActor(ctx);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const [rows, counts] = await Promise.all([findNotificationsOf(ctx.db, ctx.actor.userId, query.unread ?? false, limit, offset), countNotificationsOf(ctx.db, ctx.actor.userId)]);
  return { ...counts, limit, offset, items: rows.map(presentNotification) };
}

/** Marks one of the user's notifications read (idempotent); another user's notification answers 404. */
export async function markNotificationRead(ctx: RequestContext, id: string) {
  requireActor(ctx);
  const row = await setNotificationRead(ctx.db, ctx.actor.userId, id);
  if (!row) throw AppError.notFound();
  return presentNotification(row);
}

export async function markAllNotificationsRead(ctx: RequestContext) {
  requireActor(ctx);
  return { marked: await setAllRead(ctx.db, ctx.actor.userId) };
}

/** The mail outbox, for tenant-wide system administrators (mails wait here when SMTP_URL is not set). */
export async function listMailOutbox(ctx: RequestContext, query: { status?: 'pending' | 'sending' | 'sent' | 'failed'; limit?: number; offset?: number }, smtpConfigured: boolean) {
  const actor = await requireTenantWide(ctx, 'system.admin');
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const [rows, counts] = await Promise.all([findOutboxRows(ctx.db, actor.tenantId, query.status ?? null, limit, offset), countOutbox(ctx.db, actor.tenantId)]);
  return {
    smtpConfigured,
    counts,
    limit,
    offset,
    items: rows.map((r) => ({
      id: r.id,
      toAddress: r.toAddress,
      toUserId: r.toUserId,
      subject: r.subject,
      bodyText: r.bodyText,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
