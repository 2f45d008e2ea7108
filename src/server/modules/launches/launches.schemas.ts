import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';

/** A document reference (văn bản): number and symbol, date, summary; a file can be attached in a later step. */
export const documentRefBody = z
  .object({
    number: z.string().trim().min(1).max(100).describe('Số, ký hiệu, ví dụ "15/KH-UBND"'),
    date: isoDate,
    summary: z.string().trim().min(1).max(1000).describe('Trích yếu'),
  })
  .strict();

export const createLaunchBody = z
  .object({
    unitId: z.string().uuid(),
    launchDate: isoDate.describe('Ngày phát động (không sau hôm nay)'),
    document: documentRefBody,
    scope: z.string().trim().min(1).max(2000).describe('Phạm vi phát động: lĩnh vực, đối tượng'),
    participants: z.number().int().min(0).max(10_000_000).describe('Số người tham gia'),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type CreateLaunchInput = z.infer<typeof createLaunchBody>;

export const updateLaunchBody = z
  .object({
    rowVersion: z.number().int().min(1),
    launchDate: isoDate.optional(),
    document: documentRefBody.optional(),
    scope: z.string().trim().min(1).max(2000).optional(),
    participants: z.number().int().min(0).max(10_000_000).optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();
export type UpdateLaunchInput = z.infer<typeof updateLaunchBody>;

export const movementParams = z.object({ id: z.string().uuid() }).strict();
export const launchParams = z.object({ id: z.string().uuid() }).strict();
export const launchListQuery = z.object({ unitId: z.string().uuid().optional() }).strict();

export const launchView = z.object({
  id: z.string().uuid(),
  movementId: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string().nullable(),
  kindCode: z.string().nullable(),
  launchDate: z.string(),
  document: z.object({ number: z.string(), date: z.string(), summary: z.string() }),
  scope: z.string(),
  participants: z.number().int(),
  note: z.string().nullable(),
  /** The launch milestone's deadline for this unit (null when no launch milestone applies to its kind). */
  deadline: z.string().nullable(),
  onTime: z.boolean().nullable(),
  isDemo: z.boolean(),
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type LaunchView = z.infer<typeof launchView>;

export const obligationKinds = ['launch', 'register', 'register_pilot'] as const;

export const progressQuery = z
  .object({
    obligation: z.enum(obligationKinds).optional(),
    asOf: isoDate.optional(),
    milestoneId: z.string().uuid().optional(),
  })
  .strict();
export const launchProgressQuery = progressQuery.omit({ obligation: true });

const figures = {
  expected: z.number().int().describe('Đơn vị thuộc loại áp dụng của mốc, còn hoạt động vào ngày hạn'),
  done: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int().describe('Chưa thực hiện (tính đến asOf)'),
  overdue: z.number().int().describe('Chưa thực hiện và đã quá hạn'),
  voluntary: z.number().int().describe('Đơn vị ngoài diện bắt buộc đã thực hiện (ví dụ cấp xã)'),
};

export const progressView = z.object({
  movementId: z.string().uuid(),
  obligation: z.enum(obligationKinds),
  asOf: z.string(),
  milestones: z.array(z.object({ id: z.string().uuid(), code: z.string(), title: z.string(), deadline: z.string(), appliesTo: z.array(z.string()) })),
  totals: z.object(figures),
  byLevel: z.array(z.object({ level: z.string(), label: z.string(), ...figures })),
  byDistrict: z.array(z.object({ unitId: z.string().uuid(), name: z.string(), ...figures })),
  overdue: z.array(
    z.object({
      unitId: z.string().uuid(),
      unitName: z.string(),
      kindCode: z.string(),
      level: z.string(),
      districtId: z.string().uuid().nullable(),
      districtName: z.string().nullable(),
      deadline: z.string(),
      daysOverdue: z.number().int(),
    }),
  ),
  units: z.array(
    z.object({
      unitId: z.string().uuid(),
      unitName: z.string(),
      kindCode: z.string(),
      level: z.string(),
      districtId: z.string().uuid().nullable(),
      districtName: z.string().nullable(),
      expected: z.boolean(),
      deadline: z.string().nullable(),
      doneOn: z.string().nullable(),
      status: z.enum(['on_time', 'late', 'missing', 'overdue', 'voluntary']),
    }),
  ),
});
export type ProgressView = z.infer<typeof progressView>;
