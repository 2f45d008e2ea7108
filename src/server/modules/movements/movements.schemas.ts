import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import { codeString } from '../../../core/criteria/criteria.schemas.js';
import {
  agencyRoleSchema,
  awardFormSchema,
  documentRefSchema,
  issuingDocumentSchema,
  movementContentAreaSchema,
  obligationSchema,
  participantKindSchema,
  prioritySectorSchema,
  responsibilitySchema,
  unitKindSchema,
} from '../../../core/movement-package/movement-package.schemas.js';
import { versionSummaryView } from '../criteria/criteria.schemas.js';

/**
 * Request and response contracts of the movements area. The descriptive parts (issuing document, legal bases,
 * content areas, sectors, award forms, responsibilities) use the movement package contract
 * (src/core/movement-package), so the API, the package file and the web forms describe them the same way.
 */

const uuid = z.string().uuid();
const markdown = z.string().min(1).max(20000);

export const movementStatuses = ['draft', 'active', 'closed'] as const;
export const movementStatus = z.enum(movementStatuses);
export type MovementStatus = z.infer<typeof movementStatus>;

export const idParams = z.object({ id: uuid }).strict();
export const milestoneParams = z.object({ id: uuid, milestoneId: uuid }).strict();
/** Reference date for "current" phase, agency and version, and milestone statuses; today (Vietnam) by default. */
export const asOfQuery = z.object({ asOf: isoDate.optional() }).strict();

export const versionRefView = z.object({
  id: uuid,
  version: z.number().int(),
  status: z.enum(['draft', 'frozen']),
  effectiveFrom: z.string(),
});
export type VersionRefView = z.infer<typeof versionRefView>;

export const criteriaSetSummaryView = z.object({
  id: uuid,
  code: z.string(),
  /** Highest version number, whatever its status. */
  latestVersion: versionRefView.nullable(),
  /** The frozen version in force on the reference date (latest effective date not after it). */
  activeVersion: versionRefView.nullable(),
});

export const movementListItemView = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  status: movementStatus,
  issuingDocument: issuingDocumentSchema,
  phaseCount: z.number().int(),
  currentPhase: z.object({ code: z.string(), name: z.string() }).nullable(),
  criteriaSets: z.array(criteriaSetSummaryView),
});
export type MovementListItemView = z.infer<typeof movementListItemView>;

export const phaseView = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  description: z.string(),
  isCurrent: z.boolean(),
});

export const milestoneStatus = z.enum(['upcoming', 'due_soon', 'past']);
export type MilestoneStatus = z.infer<typeof milestoneStatus>;

export const milestoneView = z.object({
  id: uuid,
  code: z.string(),
  title: z.string(),
  deadline: z.string(),
  phaseCode: z.string(),
  appliesTo: z.array(z.string()),
  obligation: z.string(),
  target: z.string().nullable(),
  description: z.string(),
  source: z.string().nullable(),
  /** past: deadline before the reference date; due_soon: within 30 days; upcoming: later. */
  status: milestoneStatus,
});
export type MilestoneView = z.infer<typeof milestoneView>;

export const agencyView = z.object({
  id: uuid,
  role: z.string(),
  unitId: uuid.nullable(),
  unitName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string(),
  source: z.string().nullable(),
  isCurrent: z.boolean(),
});
export type AgencyView = z.infer<typeof agencyView>;

export const movementCriteriaSetView = criteriaSetSummaryView.extend({ versions: z.array(versionSummaryView) });

export const movementDetailView = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  status: movementStatus,
  description: z.string(),
  purposes: z.string(),
  requirements: z.string(),
  issuingDocument: issuingDocumentSchema,
  legalBases: z.array(documentRefSchema),
  participantKinds: z.array(participantKindSchema),
  contentAreas: z.array(movementContentAreaSchema),
  prioritySectors: z.array(prioritySectorSchema),
  awardForms: z.array(awardFormSchema),
  responsibilities: z.array(responsibilitySchema),
  phases: z.array(phaseView),
  milestones: z.array(milestoneView),
  agencies: z.array(agencyView),
  currentStandingAgency: agencyView.nullable(),
  criteriaSets: z.array(movementCriteriaSetView),
  asOf: z.string(),
  rowVersion: z.number().int(),
  abilities: z.object({ canEdit: z.boolean(), canEditCriteria: z.boolean() }),
});
export type MovementDetailView = z.infer<typeof movementDetailView>;

export const updateMovementBody = z
  .object({
    rowVersion: z.number().int().min(1),
    name: z.string().trim().min(1).max(500).optional(),
    shortName: z.string().trim().min(1).max(200).optional(),
    status: movementStatus.optional(),
    description: markdown.optional(),
    purposes: markdown.optional(),
    requirements: markdown.optional(),
  })
  .strict();
export type UpdateMovementInput = z.infer<typeof updateMovementBody>;

export const createMilestoneBody = z
  .object({
    code: codeString,
    title: z.string().trim().min(1).max(500),
    deadline: isoDate,
    phaseCode: codeString,
    appliesTo: z.array(unitKindSchema).min(1),
    obligation: obligationSchema,
    target: z.string().trim().min(1).max(200).optional(),
    /** Defaults to the title. */
    description: markdown.optional(),
    source: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type CreateMilestoneInput = z.infer<typeof createMilestoneBody>;

export const updateMilestoneBody = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    deadline: isoDate.optional(),
    phaseCode: codeString.optional(),
    appliesTo: z.array(unitKindSchema).min(1).optional(),
    obligation: obligationSchema.optional(),
    target: z.string().trim().min(1).max(200).nullable().optional(),
    description: markdown.optional(),
    source: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneBody>;

export const createAgencyBody = z
  .object({
    role: agencyRoleSchema,
    unitId: uuid,
    validFrom: isoDate,
    note: z.string().max(2000).optional(),
  })
  .strict();
export type CreateAgencyInput = z.infer<typeof createAgencyBody>;

export const agencyAssignedView = z.object({
  opened: agencyView,
  /** The assignment closed (or shortened) at the new start date, if any. */
  closed: agencyView.nullable(),
});

/** A movement package (docs/movement-package.md); validated whole by parseMovementPackage, every error listed. */
export const packageBody = z.unknown().describe('Gói phong trào (docs/movement-package.md, src/core/movement-package/movement-package.schemas.ts)');

export const packageImportedView = z.object({ movementId: uuid, criteriaSetId: uuid, versionId: uuid });
