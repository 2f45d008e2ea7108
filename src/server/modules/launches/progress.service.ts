import { compareVietnamese } from '../../../core/text.js';
import { daysBetween, todayInVietnam } from '../../../core/dates.js';
import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { compareUnits, type OrgUnit } from '../../../core/org/tree.js';
import { levelLabel } from '../../../core/registrations/registration-rules.js';
import type { RequestContext } from '../../auth/actor.js';
import { inScope, requireActor } from '../../auth/access.js';
import { AppError } from '../../errors.js';
import { unionScope } from '../inbox/inbox.service.js';
import { findObligationMilestones } from '../movements/movements.repository.js';
import { findUnitsNamed, loadOrgTree, type UnitOn } from '../units/org-on-date.js';
import { findLaunchDates, findPilotDates, findRegistrationDates } from './launches.repository.js';
import { requireMovement } from './launches.service.js';
import type { ProgressView } from './launches.schemas.js';

export type Obligation = ProgressView['obligation'];
type Figures = ProgressView['totals'];
type UnitStatus = ProgressView['units'][number]['status'];

const emptyFigures = (): Figures => ({ expected: 0, done: 0, onTime: 0, late: 0, missing: 0, overdue: 0, voluntary: 0 });

/** Levels always shown, in this order (plan IV.1: departments, districts, communes); others follow when present. */
const shownLevels: UnitLevel[] = ['department', 'district', 'commune'];

function add(f: Figures, status: UnitStatus): void {
  if (status === 'voluntary') {
    f.voluntary += 1;
    return;
  }
  f.expected += 1;
  switch (status) {
    case 'on_time':
      f.done += 1;
      f.onTime += 1;
      break;
    case 'late':
      f.done += 1;
      f.late += 1;
      break;
    case 'overdue':
      f.missing += 1;
      f.overdue += 1;
      break;
    case 'missing':
      f.missing += 1;
      break;
  }
}

/**
 * Progress of an obligation (launch, register, register_pilot) against the movement's milestones, as of a date:
 * expected units are those of the milestones' kinds in force on the deadline; a unit counts as done when its launch
 * date / registration date / pilot list date is on or before asOf, on time when on or before its deadline. Units
 * outside the mandatory kinds that did it anyway (communes launching in their own scope) count as voluntary.
 * Figures per level, per district-level unit (its own row and its subtree on the deadline), the overdue list and the
 * per-unit statuses. Scope: the units where the actor may review or submit registrations (the standing agency sees
 * the province; a district its subtree); nobody with neither permission → 404.
 */
export async function getObligationProgress(
  ctx: RequestContext,
  movementId: string,
  query: { obligation: Obligation; asOf?: string; milestoneId?: string },
): Promise<ProgressView> {
  requireActor(ctx);
  const tenantId = ctx.actor.tenantId;
  const scope = await unionScope(ctx.db, ctx.actor, ['registration.review', 'registration.submit']);
  if (scope.kind === 'units' && scope.unitIds.size === 0) throw AppError.notFound();
  await requireMovement(ctx.db, tenantId, movementId);
  const asOf = query.asOf ?? todayInVietnam();
  let milestones = await findObligationMilestones(ctx.db, movementId, [query.obligation]);
  if (query.milestoneId) {
    milestones = milestones.filter((m) => m.id === query.milestoneId);
    if (milestones.length === 0) throw new AppError('not_found', 404, 'error.not_found', [{ path: 'querystring.milestoneId', message: '' }]);
  }

  // Trees on each deadline (the cached organisation on that date): who was expected and under which district.
  const trees = new Map<string, ReadonlyMap<string, OrgUnit>>();
  const treeOn = async (date: string) => {
    let tree = trees.get(date);
    if (!tree) {
      tree = (await loadOrgTree(ctx.db, tenantId, date)).byId;
      trees.set(date, tree);
    }
    return tree;
  };
  const expected = new Map<string, { unit: UnitOn; deadline: string; refDate: string }>();
  for (const ms of milestones) {
    const tree = await treeOn(ms.deadline);
    for (const unit of tree.values()) {
      if (!ms.appliesTo.includes(unit.kind_code)) continue;
      const prior = expected.get(unit.id);
      if (!prior || ms.deadline < prior.deadline) expected.set(unit.id, { unit, deadline: ms.deadline, refDate: ms.deadline });
    }
  }

  // When each unit did it.
  const doneOn = new Map<string, string>();
  const provinceLevelDone: string[] = [];
  if (query.obligation === 'launch') for (const r of await findLaunchDates(ctx.db, movementId)) doneOn.set(r.unit_id, r.done_on);
  else if (query.obligation === 'register') for (const r of await findRegistrationDates(ctx.db, movementId)) doneOn.set(r.unit_id, r.done_on);
  else
    for (const r of await findPilotDates(ctx.db, movementId)) {
      if (r.scope_key === 'province') provinceLevelDone.push(r.done_on);
      else doneOn.set(r.scope_key, r.done_on);
    }
  // The council's provincial selection fulfils the province-level pilot milestone.
  if (provinceLevelDone.length > 0) for (const [id, e] of expected) if (e.unit.level === 'province') doneOn.set(id, provinceLevelDone[0]!);

  // Voluntary units: not expected, done by asOf; placed in the tree on the day they did it.
  const voluntary: { unit: UnitOn; doneOn: string }[] = [];
  const unplaced: { id: string; doneOn: string }[] = [];
  for (const [unitId, date] of doneOn) {
    if (expected.has(unitId) || date > asOf) continue;
    const tree = await treeOn(date);
    const unit = tree.get(unitId);
    if (unit) voluntary.push({ unit, doneOn: date });
    else unplaced.push({ id: unitId, doneOn: date });
  }
  if (unplaced.length > 0) {
    const named = await findUnitsNamed(
      ctx.db,
      tenantId,
      unplaced.map((u) => u.id),
      asOf,
    );
    for (const u of named) voluntary.push({ unit: u, doneOn: unplaced.find((x) => x.id === u.id)!.doneOn });
  }

  const districtOf = (unit: UnitOn, tree: ReadonlyMap<string, UnitOn>): UnitOn | null => {
    let current: UnitOn | undefined = unit;
    for (let depth = 0; current && depth < 30; depth += 1) {
      if (current.level === 'district') return current;
      current = current.parent_id ? tree.get(current.parent_id) : undefined;
    }
    return null;
  };

  const units: ProgressView['units'] = [];
  const totals = emptyFigures();
  const byLevel = new Map<string, Figures>(shownLevels.map((l) => [l, emptyFigures()]));
  const byDistrict = new Map<string, { unit: UnitOn; figures: Figures }>();
  const record = (unit: UnitOn, district: UnitOn | null, status: UnitStatus, deadline: string | null, date: string | null) => {
    if (!inScope(scope, unit.id)) return;
    units.push({
      unitId: unit.id,
      unitName: unit.name,
      kindCode: unit.kind_code,
      level: unit.level,
      districtId: district?.id ?? null,
      districtName: district?.name ?? null,
      expected: status !== 'voluntary',
      deadline,
      doneOn: date,
      status,
    });
    add(totals, status);
    let levelFigures = byLevel.get(unit.level);
    if (!levelFigures) byLevel.set(unit.level, (levelFigures = emptyFigures()));
    add(levelFigures, status);
    if (district) {
      let entry = byDistrict.get(district.id);
      if (!entry) byDistrict.set(district.id, (entry = { unit: district, figures: emptyFigures() }));
      add(entry.figures, status);
    }
  };

  for (const { unit, deadline, refDate } of expected.values()) {
    const date = doneOn.get(unit.id);
    const done = date !== undefined && date <= asOf;
    const status: UnitStatus = done ? (date <= deadline ? 'on_time' : 'late') : deadline < asOf ? 'overdue' : 'missing';
    record(unit, districtOf(unit, trees.get(refDate)!), status, deadline, done ? date : null);
  }
  for (const v of voluntary) record(v.unit, districtOf(v.unit, trees.get(v.doneOn) ?? new Map()), 'voluntary', null, v.doneOn);

  // Every district-level unit of the (first) deadline in scope gets a row, even with nothing to count.
  const firstDeadline = milestones[0]?.deadline;
  if (firstDeadline) {
    for (const unit of trees.get(firstDeadline)!.values()) {
      if (unit.level === 'district' && inScope(scope, unit.id) && !byDistrict.has(unit.id)) byDistrict.set(unit.id, { unit, figures: emptyFigures() });
    }
  }

  const byName = (a: { name: string; code?: string | null }, b: { name: string; code?: string | null }) =>
    compareUnits({ code: a.code ?? null, name: a.name }, { code: b.code ?? null, name: b.name });
  const levelOrder = (l: string) => (l === 'province' ? -1 : shownLevels.includes(l as UnitLevel) ? shownLevels.indexOf(l as UnitLevel) : 10);
  // Province and departments first, then district by district (the district itself before its communes).
  units.sort(
    (a, b) =>
      (a.districtName === null ? 0 : 1) - (b.districtName === null ? 0 : 1) ||
      compareVietnamese(a.districtName ?? '', b.districtName ?? '') ||
      levelOrder(a.level) - levelOrder(b.level) ||
      compareVietnamese(a.unitName, b.unitName),
  );
  const overdue = units
    .filter((u) => u.status === 'overdue')
    .map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      kindCode: u.kindCode,
      level: u.level,
      districtId: u.districtId,
      districtName: u.districtName,
      deadline: u.deadline!,
      daysOverdue: daysBetween(u.deadline!, asOf),
    }));
  return {
    movementId,
    obligation: query.obligation,
    asOf,
    milestones: milestones.map((m) => ({ id: m.id, code: m.code, title: m.title, deadline: m.deadline, appliesTo: m.appliesTo })),
    totals,
    byLevel: [...byLevel.entries()]
      .sort((a, b) => levelOrder(a[0]) - levelOrder(b[0]) || a[0].localeCompare(b[0]))
      .map(([level, figures]) => ({ level, label: levelLabel(level as UnitLevel, ctx.locale), ...figures })),
    byDistrict: [...byDistrict.values()]
      .sort((a, b) => byName({ name: a.unit.name, code: a.unit.code }, { name: b.unit.name, code: b.unit.code }))
      .map((e) => ({ unitId: e.unit.id, name: e.unit.name, ...e.figures })),
    overdue,
    units,
  };
}
