import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import type { MessageKey } from '../../../core/i18n/messages.js';

const uuid = z.string().uuid();
const dateOut = z.string().describe('YYYY-MM-DD');
const text = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));

/** Cụm thi đua (cluster), khối thi đua (block), or another grouping of units. */
export const groupKind = z.enum(['cluster', 'block', 'other']);

export const groupIdParams = z.object({ id: uuid }).strict();
export const memberParams = z.object({ id: uuid, memberId: uuid }).strict();
export const asOfQuery = z.object({ asOf: isoDate.optional().describe('Mặc định: hôm nay (giờ Việt Nam)') });

export const createGroupBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}._-]{1,50}$/u, { message: 'validation.group_code' satisfies MessageKey }),
    name: text(200),
    kind: groupKind,
    description: z
      .string()
      .max(2000)
      .transform((v) => {
        const t = v.normalize('NFC').trim();
        return t === '' ? null : t;
      })
      .nullable()
      .optional(),
    validFrom: isoDate,
  })
  .strict();
export type CreateGroupInput = z.infer<typeof createGroupBody>;

export const addMemberBody = z
  .object({
    unitId: uuid,
    isLead: z.boolean().optional().describe('Đơn vị trưởng cụm/khối'),
    validFrom: isoDate,
  })
  .strict();
export type AddMemberInput = z.infer<typeof addMemberBody>;

export const endMemberBody = z.object({ validTo: isoDate.describe('Ngày thôi là thành viên (không tính ngày này)') }).strict();

export const groupView = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  kind: groupKind,
  description: z.string().nullable(),
  validFrom: dateOut,
  validTo: dateOut.nullable(),
  memberCount: z.number().int(),
});
export type GroupView = z.infer<typeof groupView>;

export const memberView = z.object({
  id: uuid.describe('Mã tư cách thành viên'),
  unitId: uuid,
  unitName: z.string(),
  kindCode: z.string(),
  isLead: z.boolean(),
  validFrom: dateOut,
  validTo: dateOut.nullable(),
});
export type MemberView = z.infer<typeof memberView>;

export const groupDetailView = z.object({
  asOf: dateOut,
  group: groupView,
  members: z.array(memberView),
  abilities: z.object({ canManage: z.boolean() }),
});
