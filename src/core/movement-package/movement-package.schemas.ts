import { z } from 'zod';
import { isoDate } from '../dates';
import type { MessageKey } from '../i18n/messages';
import { codeString, contentAreaSchema, criteriaSetVersionSchema, unitLevelSchema, type CriteriaSetVersion } from '../criteria/criteria.schemas';

/**
 * The movement package: one JSON file describing a whole emulation movement (phong trào thi đua) —
 * its plan, timeline, content areas, criteria set, award forms and who does what.
 * Every object is strict so that a typo in a key is an error, not silently ignored.
 * Key order in these schemas is the key order of the serialised file (see serializeMovementPackage).
 * The format is documented in docs/movement-package.md.
 */

export const MOVEMENT_PACKAGE_FORMAT_VERSION = 1 as const;

/** Movement code: lower case, digits and hyphens, e.g. cds-2021-2025. */
export const movementCodeString = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'validation.movement_code' satisfies MessageKey })
  .max(64);

const nameString = z.string().min(1).max(500);
const longText = z.string().min(1).max(4000);
/** Markdown text copied from the plan. */
const markdownText = z.string().min(1).max(20000);
/** Reference to a paragraph of the plan, e.g. "IV.1.a", "III.4.b". */
const sourceRef = z.string().min(1).max(200);

/** Kinds of participants (plan III.1, VI and the recipients list). */
export const unitKinds = ['province', 'department', 'board', 'mass_org', 'district', 'commune', 'enterprise', 'university', 'individual'] as const;
export const unitKindSchema = z.enum(unitKinds);
export type UnitKind = z.infer<typeof unitKindSchema>;

/** A participating kind and the level whose targets apply to it (the kind catalogue). */
export const participantKindSchema = z
  .object({
    kind: unitKindSchema,
    name: nameString,
    level: unitLevelSchema,
    description: longText.optional(),
  })
  .strict();
export type ParticipantKind = z.infer<typeof participantKindSchema>;

/** A cited legal document. date is null when the citing text does not give it. */
export const documentRefSchema = z
  .object({
    number: z.string().min(1).max(100),
    date: isoDate.nullable(),
    issuer: nameString,
    title: z.string().min(1).max(1000),
  })
  .strict();
export type DocumentRef = z.infer<typeof documentRefSchema>;

/** The document that launches the movement. */
export const issuingDocumentSchema = z
  .object({
    number: z.string().min(1).max(100),
    date: isoDate,
    issuer: nameString,
    signer: nameString.optional(),
    signerPosition: nameString.optional(),
    title: z.string().min(1).max(1000),
  })
  .strict();
export type IssuingDocument = z.infer<typeof issuingDocumentSchema>;

export const movementSchema = z
  .object({
    code: movementCodeString,
    name: nameString,
    shortName: z.string().min(1).max(200),
    description: markdownText,
    /** Section I.1 (mục đích), markdown. */
    purposes: markdownText,
    /** Section I.2 (yêu cầu), markdown. */
    requirements: markdownText,
    issuingDocument: issuingDocumentSchema,
    legalBases: z.array(documentRefSchema),
  })
  .strict();
export type Movement = z.infer<typeof movementSchema>;

export const agencyRoles = ['standing_agency', 'coordinating_agency', 'awards_board', 'council'] as const;
export const agencyRoleSchema = z.enum(agencyRoles);
export type AgencyRole = z.infer<typeof agencyRoleSchema>;

/** Who holds a role, over [validFrom, validTo); validTo null means still in force. */
export const roleAssignmentSchema = z
  .object({
    role: agencyRoleSchema,
    unitName: nameString,
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    note: z.string().max(2000),
    source: sourceRef.optional(),
  })
  .strict();
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

/** A phase of the movement, both dates inclusive. */
export const phaseSchema = z
  .object({
    code: codeString,
    name: nameString,
    from: isoDate,
    to: isoDate,
    description: markdownText,
  })
  .strict();
export type Phase = z.infer<typeof phaseSchema>;

export const obligations = ['launch', 'register', 'register_pilot', 'report', 'review', 'inspect', 'other'] as const;
export const obligationSchema = z.enum(obligations);
export type Obligation = z.infer<typeof obligationSchema>;

export const milestoneSchema = z
  .object({
    code: codeString,
    title: nameString,
    /** Last day (inclusive) by which the obligation is due. */
    deadline: isoDate,
    /** Code of the phase the deadline falls in. */
    phase: codeString,
    appliesTo: z.array(unitKindSchema).min(1),
    obligation: obligationSchema,
    /** Target as the plan words it, e.g. "100 %". */
    target: z.string().min(1).max(200).optional(),
    description: markdownText,
    source: sourceRef.optional(),
  })
  .strict();
export type Milestone = z.infer<typeof milestoneSchema>;

/** A content area of the movement (plan Section II): the criteria contract plus the plan's text. */
export const movementContentAreaSchema = z
  .object({
    ...contentAreaSchema.shape,
    description: markdownText,
    source: sourceRef,
  })
  .strict();
export type MovementContentArea = z.infer<typeof movementContentAreaSchema>;

/** A priority sector (plan II.8 a–h). */
export const prioritySectorSchema = z
  .object({
    code: codeString,
    name: nameString,
    summary: longText,
    source: sourceRef,
  })
  .strict();
export type PrioritySector = z.infer<typeof prioritySectorSchema>;

/** A versioned criteria set with its identity and legal basis; the rest is the scoring contract. */
export const packageCriteriaSetSchema = z
  .object({
    code: codeString,
    version: z.number().int().min(1),
    effectiveFrom: isoDate,
    legalBasis: documentRefSchema,
    ...criteriaSetVersionSchema.shape,
  })
  .strict();
export type PackageCriteriaSet = z.infer<typeof packageCriteriaSetSchema>;

export const awardLevels = ['unit', 'province', 'national'] as const;
export const awardLevelSchema = z.enum(awardLevels);
export type AwardLevel = z.infer<typeof awardLevelSchema>;

export const awardFormSchema = z
  .object({
    code: codeString,
    name: nameString,
    level: awardLevelSchema,
    awardedBy: nameString,
    description: markdownText,
    source: sourceRef.optional(),
  })
  .strict();
export type AwardForm = z.infer<typeof awardFormSchema>;

export const responsibilityRoles = ['participant', 'standing_agency', 'coordinating_agency', 'awards_board', 'council', 'supporting_org'] as const;
export const responsibilityRoleSchema = z.enum(responsibilityRoles);
export type ResponsibilityRole = z.infer<typeof responsibilityRoleSchema>;

/**
 * "assigned": the committee assigns the task (giao, yêu cầu);
 * "requested": the committee can only ask (đề nghị), e.g. the Fatherland Front, which it does not direct.
 */
export const mandates = ['assigned', 'requested'] as const;
export const mandateSchema = z.enum(mandates);

/** Tasks as the plan words them. unitName is the plan's wording; who holds a role today is in `roles`. */
export const responsibilitySchema = z
  .object({
    unitName: nameString,
    role: responsibilityRoleSchema,
    mandate: mandateSchema,
    tasks: z.array(longText).min(1),
    source: sourceRef.optional(),
  })
  .strict();
export type Responsibility = z.infer<typeof responsibilitySchema>;

export const movementPackageSchema = z
  .object({
    formatVersion: z.literal(MOVEMENT_PACKAGE_FORMAT_VERSION),
    movement: movementSchema,
    participantKinds: z.array(participantKindSchema).min(1),
    roles: z.array(roleAssignmentSchema),
    phases: z.array(phaseSchema).min(1),
    milestones: z.array(milestoneSchema),
    contentAreas: z.array(movementContentAreaSchema).min(1),
    prioritySectors: z.array(prioritySectorSchema),
    criteriaSet: packageCriteriaSetSchema,
    awardForms: z.array(awardFormSchema),
    responsibilities: z.array(responsibilitySchema),
  })
  .strict();
export type MovementPackage = z.infer<typeof movementPackageSchema>;

/** The part of a package criteria set that the scoring engine consumes. */
export function toCriteriaSetVersion(set: PackageCriteriaSet): CriteriaSetVersion {
  return { dataElements: set.dataElements, contentAreas: set.contentAreas, criteria: set.criteria, bands: set.bands };
}
