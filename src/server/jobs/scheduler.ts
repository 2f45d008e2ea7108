import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { findActiveMovements } from '../modules/movements/movements.repository.js';
import { syncMilestoneDueItems } from '../modules/inbox/inbox.service.js';
import { createMailTransport, deliverPendingMail, type DeliveryResult, type MailTransport } from '../modules/notifications/mail.js';
import { runReminderPass, type ReminderPassResult } from './reminders.js';
import { syncRankingSnapshots } from '../modules/snapshots/snapshots.service.js';

export type SchedulerLogger = { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };

export type SchedulerOptions = {
  database: DatabaseHandle;
  config: Pick<AppConfig, 'SCHEDULER_INTERVAL_SECONDS' | 'REMINDER_DAYS' | 'ESCALATION_DAYS' | 'SMTP_URL' | 'MAIL_FROM'>;
  /** Mail transport; by default nodemailer over SMTP_URL, none without it (mails stay in the outbox). */
  transport?: MailTransport | null;
  /** Clock, for tests. */
  now?: () => Date;
  logger?: SchedulerLogger;
};

export type RunSummary = { syncedItems: number; reminders: ReminderPassResult; mail: DeliveryResult | null };

export type Scheduler = {
  /** Runs every SCHEDULER_INTERVAL_SECONDS (first run at once); idempotent. */
  start: () => void;
  /** Stops the timer and waits for a run in progress. */
  stop: () => Promise<void>;
  /** One run: milestone due items of active movements, reminders and escalation, mail delivery. */
  runOnce: () => Promise<RunSummary>;
};

/**
 * The background jobs of one app instance. Several instances may run it against one PostgreSQL: each step is safe
 * to run concurrently (advisory locks, unique keys, SKIP LOCKED), and all state lives in the database.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { database, config } = options;
  const now = options.now ?? (() => new Date());
  const transport = options.transport === undefined ? createMailTransport(config) : options.transport;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RunSummary> | null = null;

  async function runOnce(): Promise<RunSummary> {
    let syncedItems = 0;
    for (const movement of await findActiveMovements(database.db)) {
      const result = await database.db.transaction((tx) => syncMilestoneDueItems(tx, movement.id));
      syncedItems += result.opened + result.closedOnCreate;
    }
    // Periods close and lock on their dates even when nobody reads them: closing freezes the ranking, locking publishes it.
    const snapshots = await syncRankingSnapshots(database.db);
    if (snapshots.frozen + snapshots.published > 0) options.logger?.info({ snapshots }, 'ranking snapshots');
    const reminders = await runReminderPass(database.db, { reminderDays: config.REMINDER_DAYS, escalationDays: config.ESCALATION_DAYS }, now());
    const mail = transport ? await deliverPendingMail(database.db, transport, config.MAIL_FROM, { now: now() }) : null;
    return { syncedItems, reminders, mail };
  }

  function tick(): void {
    if (running) return;
    running = runOnce()
      .then((summary) => {
        if (summary.syncedItems > 0 || summary.reminders.sent > 0 || (summary.mail && summary.mail.sent + summary.mail.failed > 0))
          options.logger?.info({ scheduler: summary }, 'scheduler run');
        return summary;
      })
      .catch((error: unknown) => {
        options.logger?.error({ err: error }, 'scheduler run failed');
        return { syncedItems: 0, reminders: { ran: false, sent: 0, notifications: 0, mails: 0 }, mail: null };
      })
      .finally(() => {
        running = null;
      });
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, config.SCHEDULER_INTERVAL_SECONDS * 1000);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running;
    },
    runOnce,
  };
}

/** SCHEDULER_ENABLED=auto runs the jobs except under the test runner (tests start a scheduler explicitly). */
export function schedulerEnabled(config: Pick<AppConfig, 'SCHEDULER_ENABLED'>, env: NodeJS.ProcessEnv = process.env): boolean {
  if (config.SCHEDULER_ENABLED === 'auto') return !env.VITEST;
  return config.SCHEDULER_ENABLED === 'true';
}
