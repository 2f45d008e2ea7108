import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';

/** A list of pilot units; replaces the current list of the same scope. */
export const pilotListBody = z
  .object({
    unitIds: z.array(z.string().uuid()).min(1).max(50).describe('Đơn vị chỉ đạo điểm (ít nhất 01)'),
    reason: z.string().trim().min(1).max(2000).optional().describe('Bắt buộc khi đăng ký hơn 02 đơn vị'),
    registeredOn: isoDate.optional().describe('Ngày văn bản đăng ký (mặc định hôm nay; không sau hôm nay)'),
    rowVersion: z.number().int().min(1).optional().describe('Phiên bản danh sách đang sửa (khi thay danh sách đã có)'),
  })
  .strict();
export type PilotListInput = z.infer<typeof pilotListBody>;

export const movementParams = z.object({ id: z.string().uuid() }).strict();
export const districtParams = z.object({ id: z.string().uuid(), unitId: z.string().uuid() }).strict();

export const pilotRegistrationView = z.object({
  id: z.string().uuid(),
  movementId: z.string().uuid(),
  level: z.enum(['province', 'district']),
  registeringUnitId: z.string().uuid().nullable(),
  registeringUnitName: z.string().nullable(),
  registeredOn: z.string(),
  deadline: z.string().nullable(),
  isLate: z.boolean(),
  reason: z.string().nullable(),
  units: z.array(z.object({ unitId: z.string().uuid(), name: z.string(), code: z.string().nullable(), kindCode: z.string() })),
  isDemo: z.boolean(),
  rowVersion: z.number().int(),
  updatedAt: z.string(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type PilotRegistrationView = z.infer<typeof pilotRegistrationView>;

export const pilotOverviewView = z.object({
  movementId: z.string().uuid(),
  provincial: pilotRegistrationView.nullable(),
  districts: z.array(pilotRegistrationView),
  abilities: z.object({ canSelectProvincial: z.boolean() }),
});
