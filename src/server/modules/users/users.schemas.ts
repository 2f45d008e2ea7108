import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import { permissions, roles } from '../../../core/permissions.js';

/** Lower-case letters, digits, dot, underscore and hyphen; also checked by the CLI functions. */
export const username = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^[a-z0-9._-]+$/, { message: 'validation.username' satisfies MessageKey });

export const roleView = z.object({
  code: z.enum(roles),
  label: z.object({ vi: z.string(), en: z.string() }),
  permissions: z.array(z.enum(permissions)),
});

export const userGrantView = z.object({
  id: z.uuid(),
  role: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  includeSubtree: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type UserGrantView = z.infer<typeof userGrantView>;

export const revokedGrantView = userGrantView.extend({ revokedAt: z.string() });

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  position: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  isActive: z.boolean(),
  isDemo: z.boolean(),
  locale: z.string(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  rowVersion: z.number().int(),
  roles: z.array(userGrantView).describe('Vai trò chưa bị thu hồi (kể cả đã hết hoặc chưa đến hạn)'),
  abilities: z.object({ manage: z.boolean() }).describe('Người đang đăng nhập có được quản lý người dùng này không'),
});
export type UserView = z.infer<typeof userView>;

export const userListQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    unitId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const userListView = z.object({ items: z.array(userView), total: z.number().int() });

export const userCreateBody = z
  .object({
    username,
    fullName: z.string().trim().min(1).max(200),
    email: z.email().max(200).nullable().optional(),
    position: z.string().trim().max(200).nullable().optional(),
    unitId: z.uuid().nullable(),
    password: z.string().min(1).max(200).optional(),
    mustChangePassword: z.boolean().optional(),
  })
  .strict();
export type UserCreateInput = z.infer<typeof userCreateBody>;

export const userCreatedView = z.object({
  user: userView,
  temporaryPassword: z.string().nullable().describe('Chỉ trả về một lần, khi hệ thống tự sinh mật khẩu'),
});

export const userUpdateBody = z
  .object({
    rowVersion: z.number().int().min(1),
    fullName: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(200).nullable().optional(),
    position: z.string().trim().max(200).nullable().optional(),
    isActive: z.boolean().optional(),
    locale: z.enum(['vi', 'en']).optional(),
  })
  .strict();
export type UserUpdateInput = z.infer<typeof userUpdateBody>;

export const temporaryPasswordView = z.object({ temporaryPassword: z.string() });

export const grantCreateBody = z
  .object({
    role: z.enum(roles),
    unitId: z.uuid().nullable(),
    includeSubtree: z.boolean(),
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
  })
  .strict();
export type GrantCreateInput = z.infer<typeof grantCreateBody>;

export const userIdParams = z.object({ id: z.uuid() }).strict();
export const grantIdParams = z.object({ id: z.uuid(), grantId: z.uuid() }).strict();
