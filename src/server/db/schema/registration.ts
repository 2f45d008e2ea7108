import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from './common.js';
import { units, unitGroups } from './units.js';
import { users } from './identity.js';
import { movements, criteriaSetVersions } from './movements.js';
import { dueItems } from './inbox.js';

/** A unit's launch (phát động) of a movement in its own scope: one per unit and movement. */
export const launches = pgTable(
  'launches',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    launchDate: date('launch_date', { mode: 'string' }).notNull(),
    documentNumber: text('document_number').notNull(),
    documentDate: date('document_date', { mode: 'string' }).notNull(),
    documentSummary: text('document_summary').notNull(),
    scope: text('scope').notNull(),
    participants: integer('participants').notNull(),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('launches_movement_unit_idx').on(t.movementId, t.unitId), index('launches_tenant_unit_idx').on(t.tenantId, t.unitId)],
);

/**
 * A registration (đăng ký thi đua): contents taken on, commitments per criterion, the signing head.
 * A joint registration of a cluster/block has group_id set and unit_id = the leading unit; member_unit_ids keeps
 * the members at submission, so that each member counts as registered and can read it.
 */
export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    groupId: uuid('group_id').references(() => unitGroups.id),
    memberUnitIds: uuid('member_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    status: text('status').notNull().default('draft'),
    criteriaSetVersionId: uuid('criteria_set_version_id').references(() => criteriaSetVersions.id),
    level: text('level').notNull(),
    contentAreas: text('content_areas')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    commitments: jsonb('commitments').$type<{ criterionCode: string; comparator: string; threshold: string }[]>().notNull().default([]),
    signerName: text('signer_name'),
    signerPosition: text('signer_position'),
    signedOn: date('signed_on', { mode: 'string' }),
    note: text('note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true, mode: 'date' }),
    submissionCount: integer('submission_count').notNull().default(0),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('registrations_movement_unit_idx')
      .on(t.movementId, t.unitId)
      .where(sql`${t.groupId} is null`),
    uniqueIndex('registrations_movement_group_idx')
      .on(t.movementId, t.groupId)
      .where(sql`${t.groupId} is not null`),
    index('registrations_tenant_status_idx').on(t.tenantId, t.movementId, t.status),
  ],
);

/** The history of a registration: created, saved, submitted, returned (with the comment), confirmed. */
export const registrationEvents = pgTable(
  'registration_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    comment: text('comment'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('registration_events_registration_idx').on(t.registrationId, t.at)],
);

/**
 * A list of pilot units (chỉ đạo điểm): the council's provincial selection (scope_key 'province', registering unit
 * null) or a district-level unit's own list (scope_key = its id). One current list per scope and movement.
 */
export const pilotRegistrations = pgTable(
  'pilot_registrations',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    scopeKey: text('scope_key').notNull(),
    level: text('level').notNull(),
    registeringUnitId: uuid('registering_unit_id').references(() => units.id),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }),
    isLate: boolean('is_late').notNull().default(false),
    reason: text('reason'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('pilot_registrations_scope_idx').on(t.movementId, t.scopeKey)],
);

export const pilotUnits = pgTable(
  'pilot_units',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    pilotRegistrationId: uuid('pilot_registration_id')
      .notNull()
      .references(() => pilotRegistrations.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('pilot_units_registration_unit_idx').on(t.pilotRegistrationId, t.unitId)],
);

/** Difficulties and requests for adjustment (khó khăn, vướng mắc; đề xuất điều chỉnh) filed by a unit. */
export const difficulties = pgTable(
  'difficulties',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    movementId: uuid('movement_id').references(() => movements.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    attachments: jsonb('attachments').$type<{ number?: string; date?: string; summary: string; url?: string }[]>().notNull().default([]),
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('difficulties_tenant_unit_idx').on(t.tenantId, t.unitId, t.status)],
);

/** In-app notifications of one user. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    dueItemId: uuid('due_item_id').references(() => dueItems.id),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Every e-mail the system means to send. Rows are always written; the sender job delivers them through SMTP when
 * SMTP_URL is set, otherwise they stay 'pending' for administrators to read.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    toUserId: uuid('to_user_id').references(() => users.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.nextAttemptAt)],
);

/**
 * One row per reminder or escalation step of a due item. The unique key is what makes "exactly once" hold across
 * app instances and restarts: the row, the notifications and the mails commit together or not at all.
 */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    dueItemId: uuid('due_item_id')
      .notNull()
      .references(() => dueItems.id),
    kind: text('kind').notNull(),
    recipients: integer('recipients').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reminders_sent_item_kind_idx').on(t.dueItemId, t.kind)],
);
