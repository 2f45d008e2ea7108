import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Statement } from '../../db/client.js';
import { dueItems } from '../../db/schema/index.js';

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

export type InboxFilter = {
  tenantId: string;
  /** WHERE fragment on due_items.unit_id (from scopeWhere). */
  scope: SQL;
  today: string;
  status: 'due' | 'open' | 'overdue' | 'done' | 'all';
  unitId: string | null;
  kind: string | null;
  movementId: string | null;
};

function conditions(f: InboxFilter, withStatus: boolean): SQL {
  const parts: SQL[] = [sql`di.tenant_id = ${f.tenantId}`, f.scope];
  if (f.unitId) parts.push(sql`di.unit_id = ${f.unitId}::uuid`);
  if (f.kind) parts.push(sql`di.kind = ${f.kind}`);
  if (f.movementId) parts.push(sql`di.movement_id = ${f.movementId}::uuid`);
  if (withStatus) {
    const today = sql`${f.today}::date`;
    switch (f.status) {
      case 'due':
        parts.push(sql`di.status = 'open' and di.due_date >= ${today}`);
        break;
      case 'open':
        parts.push(sql`di.status = 'open'`);
        break;
      case 'overdue':
        parts.push(sql`di.status = 'open' and di.due_date < ${today}`);
        break;
      case 'done':
        parts.push(sql`di.status <> 'open'`);
        break;
      case 'all':
        break;
    }
  }
  return sql.join(parts, sql` and `);
}

export type InboxRow = {
  id: string;
  unit_id: string;
  unit_name: string | null;
  movement_id: string | null;
  movement_name: string | null;
  kind: string;
  subject_type: string;
  subject_id: string;
  title: string;
  title_en: string | null;
  link: string | null;
  due_date: string;
  status: string;
  closed_at: Date | string | null;
  resolution: string | null;
  details: Record<string, unknown>;
};

/** One page of due items with the unit's name (its version on the due date) and the movement's short name. */
export function findInboxRows(db: DbOrTx, f: InboxFilter, limit: number, offset: number): Promise<InboxRow[]> {
  const order = f.status === 'done' ? sql`di.closed_at desc nulls last, di.due_date desc` : sql`di.due_date asc, di.created_at asc`;
  return queryRows<InboxRow>(
    db,
    sql`select di.id, di.unit_id, v.name as unit_name, di.movement_id, m.short_name as movement_name, di.kind, di.subject_type, di.subject_id,
               di.title, di.title_en, di.link, di.due_date::text as due_date, di.status, di.closed_at, di.resolution, di.details
          from due_items di
          left join movements m on m.id = di.movement_id
          left join lateral (select x.name from unit_versions x where x.unit_id = di.unit_id
                              order by (x.valid_from <= di.due_date and (x.valid_to is null or x.valid_to > di.due_date)) desc, x.valid_from desc
                              limit 1) v on true
         where ${conditions(f, true)}
         order by ${order}, di.id
         limit ${limit} offset ${offset}`,
  );
}

export type InboxCounts = { due: number; overdue: number; done: number; total: number };

/** Counts per status over the whole scope and filters (the status filter itself left out), plus the filtered total. */
export async function countInbox(db: DbOrTx, f: InboxFilter): Promise<InboxCounts> {
  const today = sql`${f.today}::date`;
  const [row] = await queryRows<{ due: number; overdue: number; done: number; total: number }>(
    db,
    sql`select count(*) filter (where di.status = 'open' and di.due_date >= ${today})::int as due,
               count(*) filter (where di.status = 'open' and di.due_date < ${today})::int as overdue,
               count(*) filter (where di.status <> 'open')::int as done,
               count(*) filter (where ${conditions(f, true)})::int as total
          from due_items di
         where ${conditions(f, false)}`,
  );
  return row ?? { due: 0, overdue: 0, done: 0, total: 0 };
}

/** A due item to open: who must act (unit), on what (kind, subject), by when, and what the inbox shows. */
export type DueItemOpening = {
  id: string;
  tenantId: string;
  unitId: string;
  movementId: string | null;
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  titleEn: string | null;
  link: string | null;
  dueDate: string;
  details: Record<string, unknown>;
};

/**
 * Opens a due item in one statement, returning its id: while an item of the same kind for the same unit and subject
 * is open it is refreshed (title, due date, link), otherwise a new one is inserted with `opening.id`. The open item is
 * found under its row lock: a writer closing it concurrently is waited for and the item re-read (READ COMMITTED), so
 * an item closed meanwhile leads to a new one rather than to a refresh of a closed item or to nothing. Its created_at
 * is the database's clock (the column default). Run alone (`openDueItem`) or with a transition's other writes.
 */
export function dueItemOpenStatement(opening: DueItemOpening): Statement {
  return {
    sql: `insert into due_items (id, tenant_id, unit_id, movement_id, kind, subject_type, subject_id, title, title_en, link, due_date, details)
          select coalesce((select o.id from due_items o
                            where o.tenant_id = $2::uuid and o.unit_id = $3::uuid and o.kind = $5 and o.subject_type = $6 and o.subject_id = $7 and o.status = 'open'
                            order by o.created_at, o.id limit 1
                            for update), $1::uuid),
                 $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8, $9, $10, $11::date, $12::jsonb
          on conflict (id) do update set title = excluded.title, title_en = excluded.title_en, due_date = excluded.due_date, link = excluded.link
          returning id`,
    params: [
      opening.id,
      opening.tenantId,
      opening.unitId,
      opening.movementId,
      opening.kind,
      opening.subjectType,
      opening.subjectId,
      opening.title,
      opening.titleEn,
      opening.link,
      opening.dueDate,
      JSON.stringify(opening.details),
    ],
  };
}

/** Which open items to close: a subject's, optionally of one kind and/or one unit. */
export type DueItemClosing = { tenantId: string; subjectType: string; subjectId: string; kind?: string; unitId?: string; resolution: 'done' | 'cancelled' };

/** Closes the open due items of a subject (closed at the database's clock), returning their ids. */
export function dueItemsCloseStatement(closing: DueItemClosing): Statement {
  const params: unknown[] = [closing.tenantId, closing.subjectType, closing.subjectId, closing.resolution];
  let where = `tenant_id = $1::uuid and subject_type = $2 and subject_id = $3 and status = 'open'`;
  if (closing.kind) where += ` and kind = $${params.push(closing.kind)}`;
  if (closing.unitId) where += ` and unit_id = $${params.push(closing.unitId)}::uuid`;
  return { sql: `update due_items set status = 'closed', closed_at = now(), resolution = $4 where ${where} returning id`, params };
}

export function findDueItem(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(dueItems)
    .where(sql`${dueItems.tenantId} = ${tenantId} and ${dueItems.id} = ${id}::uuid`)
    .then((r) => r[0] ?? null);
}

/** Closes the open due items of these kinds for these units in a movement, whatever their subject. */
export async function closeOpenItemsOfUnits(
  db: DbOrTx,
  input: { tenantId: string; movementId: string; kinds: readonly string[]; unitIds: readonly string[]; resolution: 'done' | 'cancelled' },
): Promise<number> {
  if (input.unitIds.length === 0 || input.kinds.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update due_items set status = 'closed', closed_at = now(), resolution = ${input.resolution}
         where tenant_id = ${input.tenantId} and movement_id = ${input.movementId}::uuid and status = 'open'
           and kind in (${sql.join(
             input.kinds.map((k) => sql`${k}`),
             sql`, `,
           )})
           and unit_id in (${uuidList(input.unitIds)})
        returning id`,
  );
  return rows.length;
}

export type ExpectedRow = { milestone_id: string; unit_id: string; fulfilled: boolean };

/**
 * For one milestone: units of its kinds in force on the deadline that have no due item for it yet, each with
 * whether the obligation is already fulfilled (then the item is created closed, so "done" lists it). A cancelled
 * item does not count: a kind or obligation taken off the milestone and put back opens the units' items again.
 */
export function findMissingMilestoneItems(db: DbOrTx, tenantId: string, movementId: string, milestone: { id: string; deadline: string; appliesTo: string[]; obligation: string }) {
  if (milestone.appliesTo.length === 0) return Promise.resolve([] as ExpectedRow[]);
  const deadline = sql`${milestone.deadline}::date`;
  const fulfilled =
    milestone.obligation === 'launch'
      ? sql`exists (select 1 from launches l where l.movement_id = ${movementId}::uuid and l.unit_id = u.id)`
      : milestone.obligation === 'register'
        ? sql`exists (select 1 from registrations r where r.movement_id = ${movementId}::uuid and r.status in ('submitted', 'confirmed')
                         and (r.unit_id = u.id or u.id = any(r.member_unit_ids)))`
        : sql`exists (select 1 from pilot_registrations p where p.movement_id = ${movementId}::uuid
                         and (p.scope_key = u.id::text or (p.scope_key = 'province' and coalesce(k.level, '') = 'province')))`;
  return queryRows<ExpectedRow>(
    db,
    sql`select ${milestone.id}::uuid as milestone_id, u.id as unit_id, ${fulfilled} as fulfilled
          from units u
          left join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
         where u.tenant_id = ${tenantId}
           and u.kind_code in (${sql.join(
             milestone.appliesTo.map((k) => sql`${k}`),
             sql`, `,
           )})
           and u.valid_from <= ${deadline} and (u.valid_to is null or u.valid_to > ${deadline})
           and exists (select 1 from unit_versions v where v.unit_id = u.id and v.valid_from <= ${deadline} and (v.valid_to is null or v.valid_to > ${deadline}))
           and not exists (select 1 from due_items di where di.tenant_id = u.tenant_id and di.unit_id = u.id and di.kind = ${milestone.obligation}
                              and di.subject_type = 'milestone' and di.subject_id = ${milestone.id}
                              and di.resolution is distinct from 'cancelled')`,
  );
}

/** Open items of a milestone whose due date or title no longer match it take the milestone's; returns how many. */
export async function rescheduleMilestoneItems(db: DbOrTx, tenantId: string, milestoneId: string, deadline: string, title: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update due_items set due_date = ${deadline}::date, title = ${title}
         where tenant_id = ${tenantId} and subject_type = 'milestone' and subject_id = ${milestoneId} and status = 'open'
           and (due_date <> ${deadline}::date or title <> ${title})
        returning id`,
  );
  return rows.length;
}

/**
 * Cancels the open items of a milestone whose unit is no longer of one of its kinds (the kinds were narrowed);
 * closed items, done or cancelled, stay as they are. One statement; returns how many were cancelled.
 */
export async function cancelMilestoneItemsOutsideKinds(db: DbOrTx, tenantId: string, milestoneId: string, kinds: readonly string[]): Promise<number> {
  const covered =
    kinds.length === 0
      ? sql`false`
      : sql`u.kind_code in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update due_items di set status = 'closed', closed_at = now(), resolution = 'cancelled'
         where di.tenant_id = ${tenantId} and di.subject_type = 'milestone' and di.subject_id = ${milestoneId} and di.status = 'open'
           and not exists (select 1 from units u where u.tenant_id = di.tenant_id and u.id = di.unit_id and ${covered})
        returning di.id`,
  );
  return rows.length;
}
