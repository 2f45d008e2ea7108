import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { mailOutbox, notifications } from '../../db/schema/index.js';

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
const textList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export type GrantHolderRow = { user_id: string; email: string | null; full_name: string; unit_id: string | null; role: string };

/**
 * Active users holding one of the roles through a grant in force on the date: on one of the units (exactly), and/or
 * tenant-wide (grant without unit). Used to address notifications.
 */
export function findGrantHolders(
  db: DbOrTx,
  tenantId: string,
  spec: { unitIds?: readonly string[]; roles: readonly string[]; tenantWide?: boolean; anyUnit?: boolean },
  date: string,
): Promise<GrantHolderRow[]> {
  if (spec.roles.length === 0) return Promise.resolve([]);
  const where: SQL[] = [];
  if (spec.unitIds && spec.unitIds.length > 0) where.push(sql`g.unit_id in (${uuidList(spec.unitIds)})`);
  if (spec.tenantWide) where.push(sql`g.unit_id is null`);
  if (spec.anyUnit) where.push(sql`true`);
  if (where.length === 0) return Promise.resolve([]);
  return queryRows<GrantHolderRow>(
    db,
    sql`select distinct g.user_id, u.email, u.full_name, g.unit_id, g.role
          from role_grants g join users u on u.id = g.user_id
         where g.tenant_id = ${tenantId} and u.is_active and g.revoked_at is null
           and g.valid_from <= ${date}::date and (g.valid_to is null or g.valid_to > ${date}::date)
           and g.role in (${textList(spec.roles)})
           and (${sql.join(where, sql` or `)})`,
  );
}

export function insertNotificationRows(db: DbOrTx, rows: (typeof notifications.$inferInsert)[]) {
  return rows.length === 0
    ? Promise.resolve()
    : db
        .insert(notifications)
        .values(rows)
        .then(() => undefined);
}

export function insertMailRows(db: DbOrTx, rows: (typeof mailOutbox.$inferInsert)[]) {
  return rows.length === 0
    ? Promise.resolve()
    : db
        .insert(mailOutbox)
        .values(rows)
        .then(() => undefined);
}

export function findNotificationsOf(db: DbOrTx, userId: string, unreadOnly: boolean, limit: number, offset: number) {
  const conditions = [eq(notifications.userId, userId)];
  if (unreadOnly) conditions.push(isNull(notifications.readAt));
  return db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .offset(offset);
}

export async function countNotificationsOf(db: DbOrTx, userId: string): Promise<{ total: number; unread: number }> {
  const [row] = await queryRows<{ total: number; unread: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where read_at is null)::int as unread from notifications where user_id = ${userId}::uuid`,
  );
  return row ?? { total: 0, unread: 0 };
}

export async function setNotificationRead(db: DbOrTx, userId: string, id: string): Promise<typeof notifications.$inferSelect | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
    .returning();
  return row ?? null;
}

export async function setAllRead(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export function findOutboxRows(db: DbOrTx, tenantId: string, status: string | null, limit: number, offset: number) {
  const conditions = [eq(mailOutbox.tenantId, tenantId)];
  if (status) conditions.push(eq(mailOutbox.status, status));
  return db
    .select()
    .from(mailOutbox)
    .where(and(...conditions))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
    .offset(offset);
}

export async function countOutbox(db: DbOrTx, tenantId: string): Promise<Record<'pending' | 'sent' | 'failed', number>> {
  const rows = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from mail_outbox where tenant_id = ${tenantId} group by status`);
  const out = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) if (r.status === 'pending' || r.status === 'sent' || r.status === 'failed') out[r.status] = r.n;
  return out;
}
