import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import { permissions } from '../../../core/permissions.js';

export const loginBody = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(1).max(200),
  })
  .strict();

export const grantView = z.object({
  id: z.string().uuid(),
  role: z.string(),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  includeSubtree: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const meView = z.object({
  user: z.object({
    id: z.string().uuid(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    position: z.string().nullable(),
    unitId: z.string().uuid().nullable(),
    unitName: z.string().nullable(),
    locale: z.string(),
    mustChangePassword: z.boolean(),
    isDemo: z.boolean(),
  }),
  tenant: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }),
  grants: z.array(grantView),
  permissions: z.array(z.string()),
  csrfToken: z.string().nullable(),
});
export type MeView = z.infer<typeof meView>;

export const tokenCreateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    permissions: z.array(z.enum(permissions)).min(1).max(permissions.length),
    expiresAt: isoDate,
  })
  .strict();

export const tokenView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const tokenCreatedView = tokenView.extend({ token: z.string().describe('Chỉ hiển thị một lần') });
export const idParams = z.object({ id: z.string().uuid() }).strict();
export const okView = z.object({ ok: z.literal(true) });
