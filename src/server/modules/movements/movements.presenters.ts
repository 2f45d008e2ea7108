import { addDays, isValidOn } from '../../../core/dates.js';
import type {
  AwardForm,
  DocumentRef,
  IssuingDocument,
  MovementContentArea,
  ParticipantKind,
  PrioritySector,
  Responsibility,
} from '../../../core/movement-package/movement-package.schemas.js';
import { presentVersionSummary } from '../criteria/criteria.presenters.js';
import type { AgencyRow, CriteriaSetRow, CriteriaVersionRow, MilestoneRow, MovementRow, PhaseRow } from './movements.repository.js';
import type { AgencyView, MilestoneStatus, MilestoneView, MovementDetailView, MovementListItemView, MovementStatus, VersionRefView } from './movements.schemas.js';

/** Milestones due within this many days are "due soon". */
export const DUE_SOON_DAYS = 30;

export function movementStatusOf(row: MovementRow): MovementStatus {
  return row.status === 'active' || row.status === 'closed' ? row.status : 'draft';
}

export function milestoneStatusOn(deadline: string, asOf: string): MilestoneStatus {
  if (deadline < asOf) return 'past';
  if (deadline <= addDays(asOf, DUE_SOON_DAYS)) return 'due_soon';
  return 'upcoming';
}

export function presentMilestone(row: MilestoneRow, asOf: string): MilestoneView {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    deadline: row.deadline,
    phaseCode: row.phaseCode,
    appliesTo: row.appliesTo,
    obligation: row.obligation,
    target: row.target,
    description: row.description,
    source: row.source,
    status: milestoneStatusOn(row.deadline, asOf),
  };
}

export function presentAgency(row: AgencyRow, asOf: string): AgencyView {
  return {
    id: row.id,
    role: row.role,
    unitId: row.unitId,
    unitName: row.unitName,
    validFrom: row.validFrom,
    validTo: row.validTo,
    note: row.note,
    source: row.source,
    isCurrent: isValidOn(row.validFrom, row.validTo, asOf),
  };
}

function versionRef(row: CriteriaVersionRow): VersionRefView {
  return { id: row.id, version: row.version, status: row.status === 'frozen' ? 'frozen' : 'draft', effectiveFrom: row.effectiveFrom };
}

/** Latest version by number, and the frozen version in force on the date (latest effective date not after it). */
export function summariseVersions(versions: readonly CriteriaVersionRow[], asOf: string): { latestVersion: VersionRefView | null; activeVersion: VersionRefView | null } {
  let latest: CriteriaVersionRow | null = null;
  let active: CriteriaVersionRow | null = null;
  for (const v of versions) {
    if (!latest || v.version > latest.version) latest = v;
    if (v.status !== 'frozen' || v.effectiveFrom > asOf) continue;
    if (!active || v.effectiveFrom > active.effectiveFrom || (v.effectiveFrom === active.effectiveFrom && v.version > active.version)) active = v;
  }
  return { latestVersion: latest ? versionRef(latest) : null, activeVersion: active ? versionRef(active) : null };
}

function currentPhase(phases: readonly PhaseRow[], asOf: string): PhaseRow | null {
  // Phase dates are inclusive on both ends.
  return phases.find((p) => p.fromDate <= asOf && asOf <= p.toDate) ?? null;
}

export function presentMovementListItem(
  row: MovementRow,
  phases: readonly PhaseRow[],
  sets: readonly CriteriaSetRow[],
  versionsBySet: ReadonlyMap<string, CriteriaVersionRow[]>,
  asOf: string,
): MovementListItemView {
  const phase = currentPhase(phases, asOf);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    status: movementStatusOf(row),
    issuingDocument: row.issuingDocument as IssuingDocument,
    phaseCount: phases.length,
    currentPhase: phase ? { code: phase.code, name: phase.name } : null,
    criteriaSets: sets.map((s) => ({ id: s.id, code: s.code, ...summariseVersions(versionsBySet.get(s.id) ?? [], asOf) })),
  };
}

export function presentMovementDetail(input: {
  row: MovementRow;
  phases: readonly PhaseRow[];
  milestones: readonly MilestoneRow[];
  agencies: readonly AgencyRow[];
  sets: readonly CriteriaSetRow[];
  versionsBySet: ReadonlyMap<string, CriteriaVersionRow[]>;
  asOf: string;
  abilities: { canEdit: boolean; canEditCriteria: boolean };
}): MovementDetailView {
  const { row, asOf } = input;
  const phase = currentPhase(input.phases, asOf);
  const agencies = input.agencies.map((a) => presentAgency(a, asOf));
  const milestones = [...input.milestones].sort((a, b) => (a.deadline === b.deadline ? a.sortOrder - b.sortOrder : a.deadline < b.deadline ? -1 : 1));
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    status: movementStatusOf(row),
    description: row.description,
    purposes: row.purposes,
    requirements: row.requirements,
    issuingDocument: row.issuingDocument as IssuingDocument,
    legalBases: row.legalBases as DocumentRef[],
    participantKinds: row.participantKinds as ParticipantKind[],
    contentAreas: row.contentAreas as MovementContentArea[],
    prioritySectors: row.prioritySectors as PrioritySector[],
    awardForms: row.awardForms as AwardForm[],
    responsibilities: row.responsibilities as Responsibility[],
    phases: input.phases.map((p) => ({ id: p.id, code: p.code, name: p.name, from: p.fromDate, to: p.toDate, description: p.description, isCurrent: p.id === phase?.id })),
    milestones: milestones.map((m) => presentMilestone(m, asOf)),
    agencies,
    currentStandingAgency: agencies.find((a) => a.role === 'standing_agency' && a.isCurrent) ?? null,
    criteriaSets: input.sets.map((s) => {
      const versions = input.versionsBySet.get(s.id) ?? [];
      const numbers = new Map(versions.map((v) => [v.id, v.version]));
      return { id: s.id, code: s.code, ...summariseVersions(versions, asOf), versions: versions.map((v) => presentVersionSummary(v, numbers)) };
    }),
    asOf,
    rowVersion: row.rowVersion,
    abilities: input.abilities,
  };
}

/** What the audit trail keeps about a movement's editable fields. */
export function auditMovementFields(row: MovementRow) {
  return {
    name: row.name,
    shortName: row.shortName,
    status: row.status,
    description: row.description,
    purposes: row.purposes,
    requirements: row.requirements,
    rowVersion: row.rowVersion,
  };
}
