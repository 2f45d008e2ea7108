import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import { comparatorSchema, decimalString } from '../../../core/criteria/criteria.schemas.js';
import { registrationStatuses } from '../../../core/registrations/registration-rules.js';

export const commitmentBody = z
  .object({
    criterionCode: z.string().trim().min(1).max(63),
    comparator: comparatorSchema,
    threshold: decimalString,
  })
  .strict();

export const signerBody = z
  .object({
    name: z.string().trim().min(1).max(200).describe('Họ tên thủ trưởng ký'),
    position: z.string().trim().min(1).max(200).describe('Chức vụ'),
  })
  .strict();

export const createRegistrationBody = z
  .object({
    unitId: z.string().uuid().optional().describe('Đơn vị đăng ký (bỏ trống khi đăng ký chung theo cụm/khối)'),
    groupId: z.string().uuid().optional().describe('Cụm/khối đăng ký chung; đơn vị trưởng đứng tên'),
    contentAreas: z.array(z.string().trim().min(1).max(63)).max(50).default([]),
    commitments: z.array(commitmentBody).max(100).default([]),
    signer: signerBody.optional(),
    signedOn: isoDate.optional().describe('Ngày ký bản đăng ký (không sau hôm nay)'),
    note: z.string().trim().max(4000).optional(),
    submit: z.boolean().default(false).describe('Gửi ngay sau khi lưu'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.unitId === undefined) === (value.groupId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'registration.unit_or_group' satisfies MessageKey });
    }
  });
export type CreateRegistrationInput = z.infer<typeof createRegistrationBody>;

export const updateRegistrationBody = z
  .object({
    rowVersion: z.number().int().min(1),
    contentAreas: z.array(z.string().trim().min(1).max(63)).max(50).optional(),
    commitments: z.array(commitmentBody).max(100).optional(),
    signer: signerBody.nullable().optional(),
    signedOn: isoDate.nullable().optional(),
    note: z.string().trim().max(4000).nullable().optional(),
  })
  .strict();
export type UpdateRegistrationInput = z.infer<typeof updateRegistrationBody>;

export const transitionBody = z.object({ rowVersion: z.number().int().min(1).optional() }).strict();
export const confirmBody = z.object({ rowVersion: z.number().int().min(1).optional(), comment: z.string().trim().max(4000).optional() }).strict();
export const returnBody = z.object({ rowVersion: z.number().int().min(1).optional(), comment: z.string().trim().min(1).max(4000) }).strict();

export const movementParams = z.object({ id: z.string().uuid() }).strict();
export const registrationParams = z.object({ id: z.string().uuid() }).strict();
export const registrationListQuery = z.object({ status: z.enum(registrationStatuses).optional(), unitId: z.string().uuid().optional() }).strict();
export const registrationFormQuery = z
  .object({
    unitId: z.string().uuid().optional(),
    groupId: z.string().uuid().optional(),
    asOf: isoDate.optional().describe('Ngày tham chiếu (ngày ký); mặc định hôm nay, không sau hôm nay'),
  })
  .strict();

const targetView = z.object({ comparator: comparatorSchema, threshold: z.string(), text: z.string() });

export const registrationView = z.object({
  id: z.string().uuid(),
  movementId: z.string().uuid(),
  movementName: z.string(),
  unitId: z.string().uuid(),
  unitName: z.string().nullable(),
  groupId: z.string().uuid().nullable(),
  groupName: z.string().nullable(),
  memberUnits: z.array(z.object({ unitId: z.string().uuid(), name: z.string() })),
  status: z.enum(registrationStatuses),
  level: z.string(),
  levelLabel: z.string(),
  criteriaSetVersionId: z.string().uuid().nullable(),
  contentAreas: z.array(z.object({ code: z.string(), title: z.string() })),
  commitments: z.array(
    z.object({
      criterionCode: z.string(),
      criterionTitle: z.string().nullable(),
      comparator: comparatorSchema,
      threshold: z.string(),
      text: z.string(),
      planTarget: targetView.nullable(),
    }),
  ),
  signer: signerBody.nullable(),
  signedOn: z.string().nullable(),
  note: z.string().nullable(),
  submittedAt: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  submissionCount: z.number().int(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  deadline: z.string().nullable(),
  onTime: z.boolean().nullable(),
  isDemo: z.boolean(),
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({ action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), comment: z.string().nullable(), actorName: z.string().nullable(), at: z.string() }),
  ),
  abilities: z.object({ canEdit: z.boolean(), canSubmit: z.boolean(), canConfirm: z.boolean(), canReturn: z.boolean() }),
});
export type RegistrationView = z.infer<typeof registrationView>;

export const registrationListItemView = registrationView.omit({ history: true });

export const registrationFormView = z.object({
  movementId: z.string().uuid(),
  movementStatus: z.string(),
  unitId: z.string().uuid().nullable(),
  groupId: z.string().uuid().nullable(),
  levels: z.array(z.object({ level: z.string(), label: z.string() })),
  criteriaSetVersionId: z.string().uuid().nullable(),
  contentAreas: z.array(z.object({ code: z.string(), title: z.string() })),
  criteria: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      contentArea: z.string(),
      kind: z.string(),
      display: z.string().nullable(),
      /** Plan targets per level of the registering unit(s); a commitment may be stricter, never looser. */
      targets: z.array(z.object({ level: z.string(), comparator: comparatorSchema, threshold: z.string(), text: z.string() })),
    }),
  ),
  existingRegistrationId: z.string().uuid().nullable(),
  deadline: z.string().nullable(),
  /** For a unit: the clusters and blocks it leads today, for which it may register jointly (groupId). */
  ledGroups: z.array(
    z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), asOf: z.string().describe('Ngày đơn vị là trưởng cụm/khối (ngày tham chiếu hoặc hạn đăng ký)') }),
  ),
});
