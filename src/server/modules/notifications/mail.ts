import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import type { AppConfig } from '../../config.js';
import { queryRows, type Db } from '../../db/client.js';

/** What the sender needs of a nodemailer transport (tests pass jsonTransport or a fake). */
export type MailTransport = { sendMail: (mail: { from: string; to: string; subject: string; text: string }) => Promise<unknown> };

/** A nodemailer SMTP transport when SMTP_URL is set (smtp://user:pass@host:587, smtps://…); null otherwise. */
export function createMailTransport(config: Pick<AppConfig, 'SMTP_URL'>): MailTransport | null {
  if (!config.SMTP_URL) return null;
  return nodemailer.createTransport(config.SMTP_URL);
}

export const MAX_MAIL_ATTEMPTS = 5;
/** How long a claimed mail is leased to the instance sending it; after that another instance may retry it. */
const LEASE_MINUTES = 10;

type ClaimedRow = { id: string; to_address: string; subject: string; body_text: string; attempts: number };

export type DeliveryResult = { sent: number; retrying: number; failed: number };

/**
 * Delivers pending mails: claims a batch (FOR UPDATE SKIP LOCKED, status 'sending' with a lease, so two instances
 * never take the same row), sends each outside any transaction, then marks it sent, or failed after
 * MAX_MAIL_ATTEMPTS with exponential back-off in between. A crash between sending and marking can resend one mail
 * after the lease (at-least-once delivery; reminders themselves are exactly-once, see jobs/reminders.ts).
 */
export async function deliverPendingMail(db: Db, transport: MailTransport, from: string, options: { batch?: number; now?: Date } = {}): Promise<DeliveryResult> {
  const now = options.now ?? new Date();
  const claimed = await queryRows<ClaimedRow>(
    db,
    sql`update mail_outbox set status = 'sending', next_attempt_at = ${new Date(now.getTime() + LEASE_MINUTES * 60_000).toISOString()}::timestamptz
         where id in (select id from mail_outbox
                       where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
                       order by created_at, id
                       limit ${options.batch ?? 20}
                       for update skip locked)
        returning id, to_address, subject, body_text, attempts`,
  );
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const row of claimed) {
    try {
      await transport.sendMail({ from, to: row.to_address, subject: row.subject, text: row.body_text });
      await db.execute(sql`update mail_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null where id = ${row.id}::uuid`);
      result.sent += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
      if (attempts >= MAX_MAIL_ATTEMPTS) {
        await db.execute(sql`update mail_outbox set status = 'failed', attempts = ${attempts}, last_error = ${message} where id = ${row.id}::uuid`);
        result.failed += 1;
      } else {
        const retryAt = new Date(now.getTime() + 2 ** attempts * 60_000);
        await db.execute(
          sql`update mail_outbox set status = 'pending', attempts = ${attempts}, last_error = ${message}, next_attempt_at = ${retryAt.toISOString()}::timestamptz where id = ${row.id}::uuid`,
        );
        result.retrying += 1;
      }
    }
  }
  return result;
}
