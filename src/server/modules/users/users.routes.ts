import { z } from 'zod';
import type { App } from '../../http/types.js';
import {
  grantCreateBody,
  grantIdParams,
  revokedGrantView,
  roleView,
  temporaryPasswordView,
  userCreateBody,
  userCreatedView,
  userGrantView,
  userIdParams,
  userListQuery,
  userListView,
  userUpdateBody,
  userView,
} from './users.schemas.js';
import { createGrant, createUser, getUser, listRoles, listUsers, resetPassword, revokeGrant, updateUser } from './users.service.js';

export function registerUserRoutes(app: App) {
  app.get('/api/roles', { config: { access: {} }, schema: { tags: ['users'], summary: 'Danh mục vai trò', response: { 200: z.array(roleView) } } }, async (request) =>
    listRoles(request.ctx),
  );

  app.get(
    '/api/users',
    { config: { access: { permission: 'user.read' } }, schema: { tags: ['users'], summary: 'Danh sách người dùng', querystring: userListQuery, response: { 200: userListView } } },
    async (request) => listUsers(request.ctx, request.query),
  );

  app.get(
    '/api/users/:id',
    { config: { access: { permission: 'user.read' } }, schema: { tags: ['users'], summary: 'Chi tiết người dùng', params: userIdParams, response: { 200: userView } } },
    async (request) => getUser(request.ctx, request.params.id),
  );

  app.post(
    '/api/users',
    { config: { access: { permission: 'user.manage' } }, schema: { tags: ['users'], summary: 'Tạo người dùng', body: userCreateBody, response: { 201: userCreatedView } } },
    async (request, reply) => reply.status(201).send(await createUser(request.ctx, request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: { permission: 'user.manage', heldNowhere: 'service' } },
      schema: { tags: ['users'], summary: 'Sửa thông tin người dùng', params: userIdParams, body: userUpdateBody, response: { 200: userView } },
    },
    async (request) => updateUser(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: { permission: 'user.manage', heldNowhere: 'service' } },
      schema: { tags: ['users'], summary: 'Đặt lại mật khẩu', params: userIdParams, response: { 200: temporaryPasswordView } },
    },
    async (request) => resetPassword(request.ctx, request.params.id),
  );

  app.post(
    '/api/users/:id/grants',
    {
      config: { access: { permission: 'user.manage', heldNowhere: 'service' } },
      schema: { tags: ['users'], summary: 'Cấp vai trò', params: userIdParams, body: grantCreateBody, response: { 201: userGrantView } },
    },
    async (request, reply) => reply.status(201).send(await createGrant(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/users/:id/grants/:grantId/revoke',
    {
      config: { access: { permission: 'user.manage', heldNowhere: 'service' } },
      schema: { tags: ['users'], summary: 'Thu hồi vai trò', params: grantIdParams, response: { 200: revokedGrantView } },
    },
    async (request) => revokeGrant(request.ctx, request.params.id, request.params.grantId),
  );
}
