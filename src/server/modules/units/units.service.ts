import { randomUUID } from 'node:crypto';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { renderMessage } from '../../../core/i18n/messages.js';
import { assertNever, containsDate, referenceDate, statusOn } from '../../../core/org/intervals.js';
import { nameOn, versionsByUnit } from '../../../core/org/names.js';
import { predecessorLinks, successorLinks, type LineageLink } from '../../../core/org/lineage.js';
import { compareUnits, vietnameseCollator } from '../../../core/org/tree.js';
import { foldVietnamese } from '../../../core/text.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { requireActor } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { requireTenantWideUnitManage, unitAbilities, unitPolicy } from './units.policy.js';
import { presentEvent, presentKind, presentSearchItem, presentTreeNode, presentUnit, presentVersion } from './units.presenters.js';
import {
  closeVersion,
  findAncestorRows,
  findAuditChangesSince,
  findChildRows,
  findChildrenOpenAfter,
  findCodeHolders,
  findLineageAround,
  findSearchRows,
  findTreeRows,
  findUnit,
  findUnitEvents,
  findUnitKind,
  findUnitKinds,
  findUnitsByIds,
  findVersions,
  insertEvent,
  insertUnit,
  insertVersion,
  lockCode,
  lockUnit,
  updateUnitRow,
  type EventRow,
  type UnitRow,
  type VersionRow,
} from './units.repository.js';
import { contactFieldNames, type CreateUnitInput, type EventView, type RecordEventInput, type SearchQuery, type UnitDetailView, type UpdateUnitInput } from './units.schemas.js';

type UnitRef = { id: string; name: string; kindCode: string };

// ---- access -------------------------------------------------------------------------------------------------

/** The unit of the tenant, or 404 (also for a unit of another tenant). */
async function requireUnit(db: DbOrTx, tenantId: string, id: string, path?: string): Promise<UnitRow> {
  const unit = await findUnit(db, tenantId, id);
  if (!unit) throw new AppError('not_found', 404, 'error.not_found', path ? [{ path, message: '' }] : []);
  return unit;
}

/** The unit exists and the actor may manage it (404 otherwise, never "forbidden, but it exists"). */
async function requireManagedUnit(ctx: AuthedContext, id: string, path?: string): Promise<UnitRow> {
  const unit = await requireUnit(ctx.db, ctx.actor.tenantId, id, path);
  await authorize(unitPolicy, ctx, 'manage', unit, 'not_found');
  return unit;
}

// ---- reads --------------------------------------------------------------------------------------------------

export async function listUnitKinds(ctx: RequestContext) {
  requireActor(ctx);
  const rows = await findUnitKinds(ctx.db, ctx.actor.tenantId);
  return rows.map(presentKind);
}

/** Every unit in force on the date, flat (the client nests it with buildTree). */
export async function getUnitTree(ctx: RequestContext, asOf: string | undefined) {
  requireActor(ctx);
  const date = asOf ?? todayInVietnam();
  const rows = await findTreeRows(ctx.db, ctx.actor.tenantId, date);
  const nodes = rows.map(presentTreeNode).sort(compareUnits);
  return { asOf: date, nodes };
}

/**
 * Search by accent-folded name (current and former names) or official code. When searching, units that ceased
 * before asOf are included by default so that historic names stay findable; each item carries validTo.
 * Sorted in JS with the Vietnamese collator: PGlite has no ICU collation, and a byte-order ORDER BY would put
 * "Ân Thi" after "Yết Kiêu".
 */
export async function searchUnits(ctx: RequestContext, query: SearchQuery) {
  requireActor(ctx);
  const asOf = query.asOf ?? todayInVietnam();
  const raw = (query.q ?? '').normalize('NFC').trim();
  const folded = raw === '' ? null : foldVietnamese(raw);
  const code = /^\d+$/.test(raw) ? raw : null;
  const includeClosed = query.includeClosed ?? folded !== null;
  const rows = await findSearchRows(ctx.db, ctx.actor.tenantId, { folded, code, asOf, kind: query.kind ?? null, includeClosed });

  const rank = (row: (typeof rows)[number]): number => {
    if (folded === null) return 0;
    if (code !== null && row.code === code) return 0;
    const name = foldVietnamese(row.name);
    const type = row.admin_type ? foldVietnamese(row.admin_type) : null;
    const base = type !== null && name.startsWith(`${type} `) ? name.slice(type.length + 1) : name;
    return name.startsWith(folded) || base.startsWith(folded) ? 1 : 2;
  };
  const ranked = rows.map((row) => ({ row, rank: rank(row) }));
  ranked.sort(
    (a, b) => a.rank - b.rank || vietnameseCollator.compare(a.row.name, b.row.name) || (a.row.code ?? '').localeCompare(b.row.code ?? '') || a.row.id.localeCompare(b.row.id),
  );
  const page = ranked.slice(query.offset, query.offset + query.limit);

  // For items found by a former name only, say which name matched.
  const needOld = folded === null ? [] : page.filter((p) => (code === null || p.row.code !== code) && !foldVietnamese(p.row.name).includes(folded));
  const versions = await findVersions(
    ctx.db,
    ctx.actor.tenantId,
    needOld.map((p) => p.row.id),
  );
  const oldName = new Map<string, string>();
  for (const v of [...versions].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))) {
    if (folded !== null && !oldName.has(v.unitId) && foldVietnamese(v.name).includes(folded)) oldName.set(v.unitId, v.name);
  }
  return { items: page.map((p) => presentSearchItem(p.row, oldName.get(p.row.id) ?? null)), total: ranked.length };
}

/** Ancestors (root first) of several (unit, date) pairs, in one query. */
async function loadAncestors(db: DbOrTx, tenantId: string, seeds: { unitId: string; date: string }[]): Promise<UnitRef[][]> {
  const rows = await findAncestorRows(db, tenantId, seeds);
  const out: UnitRef[][] = seeds.map(() => []);
  for (const row of rows) out[row.seed]!.push({ id: row.id, name: row.name, kindCode: row.kind_code });
  return out;
}

/** The name of a unit on a date by the one naming rule (core/org/names.ts); '' when it has no version. */
function unitNameOn(versions: ReadonlyMap<string, VersionRow[]>, unitId: string, date: string): string {
  return nameOn(versions.get(unitId) ?? [], date) ?? '';
}

/** The full detail of a unit as of a date, with lineage and the actor's abilities. */
async function buildDetail(ctx: AuthedContext, unit: UnitRow, asOf: string): Promise<UnitDetailView> {
  const tenantId = ctx.actor.tenantId;
  const today = todayInVietnam();
  const [versions, events, childRows, abilities] = await Promise.all([
    findVersions(ctx.db, tenantId, [unit.id]),
    findLineageAround(ctx.db, tenantId, unit.id),
    findChildRows(ctx.db, tenantId, unit.id, asOf),
    unitAbilities(ctx, unit),
  ]);
  const status = statusOn(unit, asOf);
  const current = versions.find((v) => containsDate(v, asOf)) ?? null;

  const predecessors = predecessorLinks(unit.id, events);
  const successors = successorLinks(unit.id, events);
  const relatedIds = [...new Set([...predecessors, ...successors].map((l) => l.unitId))];
  const [relatedUnits, relatedVersionRows] = await Promise.all([findUnitsByIds(ctx.db, tenantId, relatedIds), findVersions(ctx.db, tenantId, relatedIds)]);
  const relatedById = new Map(relatedUnits.map((u) => [u.id, u]));
  const relatedVersions = versionsByUnit(relatedVersionRows);
  const known = (links: LineageLink[]) => links.filter((l) => relatedById.has(l.unitId));
  const knownSuccessors = known(successors);

  const ancestorLists = await loadAncestors(ctx.db, tenantId, [
    { unitId: unit.id, date: referenceDate(unit, asOf) },
    ...knownSuccessors.map((l) => ({ unitId: l.unitId, date: referenceDate(relatedById.get(l.unitId)!, today) })),
  ]);

  return {
    asOf,
    unit: presentUnit(unit),
    version: presentVersion(current),
    status,
    displayName: nameOn(versions, asOf) ?? '',
    ancestors: ancestorLists[0]!,
    children: childRows.map((c) => ({ id: c.id, code: c.code, name: c.name, kindCode: c.kind_code })).sort(compareUnits),
    predecessors: known(predecessors).map((l) => ({
      id: l.unitId,
      code: relatedById.get(l.unitId)!.code,
      // The name it had just before the event.
      name: unitNameOn(relatedVersions, l.unitId, addDays(l.effectiveDate, -1)),
      eventType: l.eventType,
      effectiveDate: l.effectiveDate,
      kind: l.kind,
    })),
    successors: knownSuccessors.map((l, i) => {
      const successor = relatedById.get(l.unitId)!;
      return {
        id: l.unitId,
        code: successor.code,
        name: unitNameOn(relatedVersions, l.unitId, referenceDate(successor, today)),
        eventType: l.eventType,
        effectiveDate: l.effectiveDate,
        kind: l.kind,
        ancestors: ancestorLists[i + 1]!,
      };
    }),
    abilities,
  };
}

export async function getUnitDetail(ctx: RequestContext, id: string, asOf: string | undefined): Promise<UnitDetailView> {
  requireActor(ctx);
  const unit = await requireUnit(ctx.db, ctx.actor.tenantId, id);
  return buildDetail(ctx, unit, asOf ?? todayInVietnam());
}

async function presentEvents(db: DbOrTx, tenantId: string, rows: EventRow[]): Promise<EventView[]> {
  const ids = [...new Set(rows.flatMap((e) => e.relatedUnitIds))];
  const [relatedUnits, versionRows] = await Promise.all([findUnitsByIds(db, tenantId, ids), findVersions(db, tenantId, ids)]);
  const byId = new Map(relatedUnits.map((u) => [u.id, u]));
  const versions = versionsByUnit(versionRows);
  return rows.map((e) =>
    presentEvent(
      e,
      e.relatedUnitIds.filter((rid) => byId.has(rid)).map((rid) => ({ id: rid, code: byId.get(rid)!.code, name: unitNameOn(versions, rid, e.effectiveDate) })),
    ),
  );
}

/** All versions (with the parent's name when each began) and the lineage events of a unit, by date. */
export async function getUnitHistory(ctx: RequestContext, id: string) {
  requireActor(ctx);
  const tenantId = ctx.actor.tenantId;
  await requireUnit(ctx.db, tenantId, id);
  const [versions, events] = await Promise.all([findVersions(ctx.db, tenantId, [id]), findUnitEvents(ctx.db, tenantId, id)]);
  const parentIds = [...new Set(versions.map((v) => v.parentId).filter((p): p is string => p !== null))];
  const parentVersions = versionsByUnit(await findVersions(ctx.db, tenantId, parentIds));
  return {
    versions: versions.map((v) => ({
      id: v.id,
      name: v.name,
      shortName: v.shortName,
      parentId: v.parentId,
      parentName: v.parentId === null ? null : unitNameOn(parentVersions, v.parentId, v.validFrom) || null,
      validFrom: v.validFrom,
      validTo: v.validTo,
    })),
    events: await presentEvents(ctx.db, tenantId, events),
  };
}

// ---- writes -------------------------------------------------------------------------------------------------

const fieldError = (code: string, key: Parameters<typeof AppError.unprocessable>[1], path: string, params: Record<string, string | number> = {}) =>
  AppError.unprocessable(code, key, params, path);

/** A parent (or merge target) must be in force on the date and not already scheduled to end. */
async function requireValidParent(db: DbOrTx, tenantId: string, parent: UnitRow, date: string, path: string): Promise<void> {
  const versions = await findVersions(db, tenantId, [parent.id]);
  if (!containsDate(parent, date) || !versions.some((v) => containsDate(v, date))) {
    throw fieldError('parent_not_valid', 'unit.parent_not_valid', path, { date });
  }
  // An open-ended child under a parent that ends would be left hanging.
  if (parent.validTo !== null) throw fieldError('parent_not_valid', 'unit.parent_not_valid', path, { date: parent.validTo });
}

/** Creates a unit with its first version and a `created` lineage event. */
export async function createUnit(ctx: RequestContext, input: CreateUnitInput): Promise<UnitDetailView> {
  requireActor(ctx);
  const tenantId = ctx.actor.tenantId;
  let parent: UnitRow | null = null;
  if (input.parentId === null) {
    await requireTenantWideUnitManage(ctx);
  } else {
    parent = await requireManagedUnit(ctx, input.parentId, 'body.parentId');
  }
  if (!(await findUnitKind(ctx.db, tenantId, input.kindCode))) {
    throw fieldError('kind_unknown', 'unit.kind_unknown', 'body.kindCode', { kind: input.kindCode });
  }

  const id = randomUUID();
  const code = input.code ?? null;
  const row = {
    id,
    tenantId,
    code,
    kindCode: input.kindCode,
    adminType: input.adminType ?? null,
    validFrom: input.validFrom,
    validTo: null,
    isDemo: false,
    note: input.note ?? null,
    address: input.address ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    website: input.website ?? null,
    searchText: foldVietnamese(input.name),
  };
  const version = {
    id: randomUUID(),
    tenantId,
    unitId: id,
    name: input.name,
    shortName: input.shortName ?? null,
    parentId: input.parentId,
    validFrom: input.validFrom,
    validTo: null,
  };
  await ctx.db.transaction(async (tx) => {
    if (parent) {
      // Locked so that a concurrent dissolution of the parent sees this child (or this insert sees it ended).
      const locked = await lockUnit(tx, tenantId, parent.id);
      if (!locked) throw AppError.notFound();
      await requireValidParent(tx, tenantId, locked, input.validFrom, 'body.parentId');
    }
    if (code !== null) {
      await lockCode(tx, tenantId, code);
      if ((await findCodeHolders(tx, tenantId, code, input.validFrom, null, null)).length > 0) {
        throw fieldError('code_in_use', 'unit.code_in_use', 'body.code', { code });
      }
    }
    await insertUnit(tx, row);
    await insertVersion(tx, version);
    await insertEvent(tx, { id: randomUUID(), tenantId, unitId: id, type: 'created', relatedUnitIds: [], effectiveDate: input.validFrom, details: {} });
    const { searchText: _omit, tenantId: _tenant, ...audited } = row;
    await recordAudit(tx, ctx, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      after: { ...audited, name: version.name, shortName: version.shortName, parentId: version.parentId, rowVersion: 1 },
    });
  });
  return buildDetail(ctx, (await findUnit(ctx.db, tenantId, id))!, todayInVietnam());
}

/** Fields of a unit (and of its current version) that a conflict can name. */
const unitFieldNames = new Set<string>(['name', 'shortName', 'parentId', 'validTo', ...contactFieldNames]);

/** 409 naming the fields changed since the caller's row version (read from the audit trail). */
async function staleRowVersion(db: DbOrTx, ctx: AuthedContext, unitId: string, rowVersion: number): Promise<AppError> {
  const changes = await findAuditChangesSince(db, ctx.actor.tenantId, unitId, rowVersion);
  const fields = new Set<string>();
  for (const c of changes) {
    for (const source of [c.before, c.after]) {
      if (source && typeof source === 'object') for (const key of Object.keys(source)) if (unitFieldNames.has(key)) fields.add(key);
    }
  }
  const message = renderMessage('unit.field_changed', ctx.locale);
  const details: ErrorDetail[] = [...fields].sort().map((f) => ({ path: (contactFieldNames as readonly string[]).includes(f) ? `body.${f}` : `unit.${f}`, message }));
  return AppError.conflict(details.length > 0 ? details : [{ path: 'body.rowVersion', message }]);
}

/** Edits the contact fields and note, with optimistic locking on rowVersion. */
export async function updateUnit(ctx: RequestContext, id: string, input: UpdateUnitInput): Promise<UnitDetailView> {
  requireActor(ctx);
  const tenantId = ctx.actor.tenantId;
  await requireManagedUnit(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const row = await lockUnit(tx, tenantId, id);
    if (!row) throw AppError.notFound();
    if (row.rowVersion !== input.rowVersion) throw await staleRowVersion(tx, ctx, id, input.rowVersion);
    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    for (const field of contactFieldNames) {
      const value = input[field];
      if (value === undefined || value === row[field]) continue;
      before[field] = row[field];
      after[field] = value;
    }
    if (Object.keys(after).length === 0) return;
    const updated = await updateUnitRow(tx, tenantId, id, input.rowVersion, after);
    if (!updated) throw await staleRowVersion(tx, ctx, id, input.rowVersion);
    await recordAudit(tx, ctx, { action: 'unit.updated', entityType: 'unit', entityId: id, unitId: id, before, after: { ...after, rowVersion: updated.rowVersion } });
  });
  return buildDetail(ctx, (await findUnit(ctx.db, tenantId, id))!, todayInVietnam());
}

/** Appends a folded name to search_text unless it is already there. */
function withSearchName(searchText: string, name: string): string {
  const folded = foldVietnamese(name);
  return ` ${searchText} `.includes(` ${folded} `) ? searchText : `${searchText} ${folded}`.trim();
}

type EventInput<T extends RecordEventInput['type']> = Extract<RecordEventInput, { type: T }>;

/** What an event's own steps work on, inside its transaction: the unit (locked) and its open version. */
type EventStep = {
  tx: Tx;
  tenantId: string;
  unit: UnitRow;
  open: VersionRow | null;
  date: string;
  /** A further partial share of a unit already ended by partial merges on the same date (merged_into only). */
  continuingEnded: boolean;
};

/** What an event writes besides its lineage row: the unit's changes and the audit record's before/after. */
type EventPlan = {
  relatedUnitIds: string[];
  details: Record<string, unknown>;
  unitChanges: Partial<Pick<UnitRow, 'validTo' | 'searchText'>>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

/** An event's own part: whether it may apply to an ended unit, and its checks and version writes. */
type EventSteps = {
  acceptsEndedUnit?: (tx: Tx, unit: UnitRow) => Promise<boolean>;
  plan: (step: EventStep) => Promise<EventPlan>;
};

/**
 * Records a lineage event and applies it to the unit's versions in one transaction with its audit record:
 * renamed/moved close the open version and open a new one; dissolved/merged_into end the unit;
 * split_from only records where the unit came from. One function per event type; `applyUnitEvent` holds what
 * they share.
 */
export async function recordUnitEvent(ctx: RequestContext, id: string, input: RecordEventInput) {
  requireActor(ctx);
  await requireManagedUnit(ctx, id);
  switch (input.type) {
    case 'renamed':
      return recordRename(ctx, id, input);
    case 'moved':
      return recordMove(ctx, id, input);
    case 'merged_into':
      return recordMerge(ctx, id, input);
    case 'dissolved':
      return recordDissolution(ctx, id, input);
    case 'split_from':
      return recordSplit(ctx, id, input);
    default:
      return assertNever(input);
  }
}

/** A new name (and short name) from the date: the open version closes and a renamed one opens. */
function recordRename(ctx: AuthedContext, id: string, input: EventInput<'renamed'>) {
  return applyUnitEvent(ctx, id, input, {
    plan: async (step) => {
      const { open, unit, date } = step;
      requireAfterOpenStart(step);
      const shortName = input.shortName ?? null;
      if (open && open.name === input.name && open.shortName === shortName) throw fieldError('same_name', 'unit.same_name', 'body.name');
      await openNextVersion(step, id, { name: input.name, shortName });
      return {
        relatedUnitIds: [],
        details: { oldName: open?.name ?? null, newName: input.name, oldShortName: open?.shortName ?? null, newShortName: shortName },
        unitChanges: { searchText: withSearchName(unit.searchText, input.name) },
        before: { name: open?.name ?? null, shortName: open?.shortName ?? null },
        after: { name: input.name, shortName, effectiveDate: date },
      };
    },
  });
}

/** A new parent from the date (which the actor must also manage; no cycle): the open version closes and one opens. */
async function recordMove(ctx: AuthedContext, id: string, input: EventInput<'moved'>) {
  const tenantId = ctx.actor.tenantId;
  const target = await requireManagedUnit(ctx, input.parentId, 'body.parentId');
  return applyUnitEvent(ctx, id, input, {
    plan: async (step) => {
      const { tx, open, date } = step;
      const parent = await lockUnit(tx, tenantId, target.id);
      if (!parent) throw AppError.notFound();
      if (parent.id === id) throw fieldError('cycle', 'unit.cycle', 'body.parentId');
      if (open && open.parentId === parent.id) throw fieldError('same_parent', 'unit.same_parent', 'body.parentId');
      requireAfterOpenStart(step);
      await requireValidParent(tx, tenantId, parent, date, 'body.parentId');
      const [parentAncestors] = await loadAncestors(tx, tenantId, [{ unitId: parent.id, date }]);
      if (parentAncestors!.some((a) => a.id === id)) throw fieldError('cycle', 'unit.cycle', 'body.parentId');
      await openNextVersion(step, id, { parentId: parent.id });
      return {
        relatedUnitIds: [parent.id],
        details: { fromParentId: open?.parentId ?? null, toParentId: parent.id },
        unitChanges: {},
        before: { parentId: open?.parentId ?? null },
        after: { parentId: parent.id, effectiveDate: date },
      };
    },
  });
}

/**
 * The unit merges (fully or partly) into a unit in force on the date and ends there. A unit divided among several
 * successors records one partial merge per successor; the later ones leave the ended unit as it is.
 */
async function recordMerge(ctx: AuthedContext, id: string, input: EventInput<'merged_into'>) {
  const tenantId = ctx.actor.tenantId;
  const target = await requireUnit(ctx.db, tenantId, input.targetUnitId, 'body.targetUnitId');
  return applyUnitEvent(ctx, id, input, {
    acceptsEndedUnit: (tx, unit) => isFurtherPartialShare(tx, tenantId, unit, input),
    plan: async (step) => {
      const { tx, unit, date, continuingEnded } = step;
      if (target.id === id) throw fieldError('related_self', 'unit.related_self', 'body.targetUnitId');
      const targetVersions = await findVersions(tx, tenantId, [target.id]);
      if (!containsDate(target, date) || !targetVersions.some((v) => containsDate(v, date))) {
        throw fieldError('related_not_valid', 'unit.related_not_valid', 'body.targetUnitId', { date });
      }
      if (!continuingEnded) await endUnitAt(step, id);
      return {
        relatedUnitIds: [target.id],
        details: { kind: input.kind },
        unitChanges: continuingEnded ? {} : { validTo: date },
        before: { validTo: unit.validTo },
        after: { validTo: date, mergedInto: target.id, kind: input.kind },
      };
    },
  });
}

/** The unit ends on the date without a successor (none of its children may outlive it). */
function recordDissolution(ctx: AuthedContext, id: string, input: EventInput<'dissolved'>) {
  return applyUnitEvent(ctx, id, input, {
    plan: async (step) => {
      await endUnitAt(step, id);
      return { relatedUnitIds: [], details: {}, unitChanges: { validTo: step.date }, before: { validTo: step.unit.validTo }, after: { validTo: step.date } };
    },
  });
}

/** Records the unit it was split from (which existed before the date); the unit's versions do not change. */
async function recordSplit(ctx: AuthedContext, id: string, input: EventInput<'split_from'>) {
  const source = await requireUnit(ctx.db, ctx.actor.tenantId, input.sourceUnitId, 'body.sourceUnitId');
  return applyUnitEvent(ctx, id, input, {
    plan: async ({ unit, date }) => {
      if (source.id === id) throw fieldError('related_self', 'unit.related_self', 'body.sourceUnitId');
      if (date < unit.validFrom) throw fieldError('event_before_start', 'unit.event_before_start', 'body.effectiveDate', { date: unit.validFrom });
      // The source must have existed before the split.
      if (!(source.validFrom < date)) throw fieldError('related_not_valid', 'unit.related_not_valid', 'body.sourceUnitId', { date: addDays(date, -1) });
      return { relatedUnitIds: [source.id], details: {}, unitChanges: {}, before: {}, after: { splitFrom: source.id, effectiveDate: date } };
    },
  });
}

/**
 * What every event shares: in one transaction, lock the unit and check its row version, refuse an ended unit (unless
 * the event accepts it), run the event's own steps, then write the unit's changes, the lineage event and the audit
 * record. Answers the presented event and the unit's detail as of today.
 */
async function applyUnitEvent(ctx: AuthedContext, id: string, input: RecordEventInput, steps: EventSteps) {
  const tenantId = ctx.actor.tenantId;
  const date = input.effectiveDate;
  const eventId = await ctx.db.transaction(async (tx) => {
    const unit = await lockUnit(tx, tenantId, id);
    if (!unit) throw AppError.notFound();
    if (unit.rowVersion !== input.rowVersion) throw await staleRowVersion(tx, ctx, id, input.rowVersion);
    const versions = await findVersions(tx, tenantId, [id]);
    const open = versions.find((v) => v.validTo === null) ?? null;

    let continuingEnded = false;
    if (unit.validTo !== null) {
      continuingEnded = steps.acceptsEndedUnit ? await steps.acceptsEndedUnit(tx, unit) : false;
      if (!continuingEnded) throw fieldError('already_closed', 'unit.already_closed', 'body.type', { date: unit.validTo });
    }
    const plan = await steps.plan({ tx, tenantId, unit, open, date, continuingEnded });

    const updated = await updateUnitRow(tx, tenantId, id, input.rowVersion, plan.unitChanges);
    if (!updated) throw await staleRowVersion(tx, ctx, id, input.rowVersion);
    const event = await insertEvent(tx, {
      id: randomUUID(),
      tenantId,
      unitId: id,
      type: input.type,
      relatedUnitIds: plan.relatedUnitIds,
      effectiveDate: date,
      legalBasisNumber: input.legalBasis.number ?? null,
      legalBasisDate: input.legalBasis.date ?? null,
      legalBasisTitle: input.legalBasis.title,
      details: plan.details,
    });
    await recordAudit(tx, ctx, {
      action: `unit.${input.type}`,
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: plan.before,
      after: { ...plan.after, eventId: event.id, legalBasis: input.legalBasis, rowVersion: updated.rowVersion },
    });
    return event.id;
  });

  const events = await findUnitEvents(ctx.db, tenantId, id);
  const [event] = await presentEvents(
    ctx.db,
    tenantId,
    events.filter((e) => e.id === eventId),
  );
  return { event: event!, unit: await buildDetail(ctx, (await findUnit(ctx.db, tenantId, id))!, todayInVietnam()) };
}

/** An event changing the open version must fall strictly after that version's start. */
function requireAfterOpenStart({ open, date }: EventStep): void {
  if (open && date <= open.validFrom) throw fieldError('event_before_start', 'unit.event_before_start', 'body.effectiveDate', { date: open.validFrom });
}

/** Closes the open version at the date and opens the next one with the changes (the rest carried over). */
async function openNextVersion({ tx, tenantId, unit, open, date }: EventStep, id: string, changes: Partial<Pick<VersionRow, 'name' | 'shortName' | 'parentId'>>): Promise<void> {
  if (!open) throw fieldError('already_closed', 'unit.already_closed', 'body.type', { date: unit.validTo ?? date });
  await closeVersion(tx, open.id, date);
  await insertVersion(tx, {
    id: randomUUID(),
    tenantId,
    unitId: id,
    name: changes.name ?? open.name,
    shortName: changes.shortName === undefined ? open.shortName : changes.shortName,
    parentId: changes.parentId === undefined ? open.parentId : changes.parentId,
    validFrom: date,
    validTo: null,
  });
}

/** Ends the unit's open version at the date, after the start of that version and once no child outlives it. */
async function endUnitAt(step: EventStep, id: string): Promise<void> {
  const { tx, tenantId, open, date } = step;
  requireAfterOpenStart(step);
  const children = await findChildrenOpenAfter(tx, tenantId, id, date);
  if (children.length > 0) {
    const names = children.map((c) => c.name).join(', ');
    throw new AppError(
      'has_open_children',
      422,
      'unit.has_open_children',
      children.map((c, i) => ({ path: `children[${i}]`, message: [c.code, c.name].filter(Boolean).join(' ') })),
      { count: children.length, date, names },
    );
  }
  if (open) await closeVersion(tx, open.id, date);
}

/**
 * A unit divided among several successors ends with one partial merged_into per successor, all on its end date.
 * After the first, a further partial share on that same date is allowed; anything else on an ended unit is not.
 */
async function isFurtherPartialShare(tx: Tx, tenantId: string, unit: UnitRow, input: Extract<RecordEventInput, { type: 'merged_into' }>): Promise<boolean> {
  if (input.kind !== 'partial' || unit.validTo !== input.effectiveDate) return false;
  const endings = (await findUnitEvents(tx, tenantId, unit.id)).filter((e) => e.effectiveDate === unit.validTo && (e.type === 'merged_into' || e.type === 'dissolved'));
  return (
    endings.length > 0 && endings.every((e) => e.type === 'merged_into' && e.details.kind === 'partial') && !endings.some((e) => e.relatedUnitIds.includes(input.targetUnitId))
  );
}
