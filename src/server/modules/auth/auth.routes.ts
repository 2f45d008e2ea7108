import type { App } from '../../http/types.js';
import { SESSION_COOKIE } from '../../auth/actor.js';
import type { AppConfig } from '../../config.js';
import { requireActor } from '../../auth/access.js';
import { changePasswordBody, idParams, loginBody, meView, okView, tokenCreateBody, tokenCreatedView, tokenView } from './auth.schemas.js';
import { changePassword, createApiToken, getMe, listApiTokens, login, logout, resolveActor, revokeApiToken } from './auth.service.js';
import { z } from 'zod';

export function registerAuthRoutes(app: App, config: AppConfig) {
  // The request hook of http/app.ts finds the caller through this, so the HTTP layer does not import the auth area.
  app.decorate('resolveActor', (db, request) => resolveActor(db, request, config));

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true, reason: 'sign-in' }, rateLimit: { max: config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Đăng nhập', body: loginBody, response: { 200: meView } },
    },
    async (request, reply) => {
      const result = await login(request.ctx, config, { ...request.body, userAgent: request.headers['user-agent'], ip: request.ip });
      const secure = config.COOKIE_SECURE === 'auto' ? request.protocol === 'https' : config.COOKIE_SECURE === 'true';
      reply.setCookie(SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: result.expiresAt });
      // Resolve the new session so the answer is the same as GET /api/auth/me.
      request.cookies[SESSION_COOKIE] = result.token;
      request.ctx.actor = await resolveActor(request.ctx.db, request, config);
      return getMe(request.ctx);
    },
  );

  app.post('/api/auth/logout', { config: { access: {} }, schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: okView } } }, async (request, reply) => {
    requireActor(request.ctx);
    await logout(request.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { config: { access: {} }, schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: meView } } }, async (request) => getMe(request.ctx));

  app.post(
    '/api/auth/password',
    { config: { access: {} }, schema: { tags: ['auth'], summary: 'Đổi mật khẩu', body: changePasswordBody, response: { 200: okView } } },
    async (request) => {
      await changePassword(request.ctx, request.body);
      return { ok: true as const };
    },
  );

  app.get('/api/auth/tokens', { config: { access: {} }, schema: { tags: ['auth'], summary: 'Mã truy cập API của tôi', response: { 200: z.array(tokenView) } } }, async (request) =>
    listApiTokens(request.ctx),
  );
  app.post(
    '/api/auth/tokens',
    // Session only: a token cannot mint tokens (createApiToken refuses a bearer caller), so the document says so.
    {
      config: { access: {} },
      schema: { tags: ['auth'], summary: 'Tạo mã truy cập API', security: [{ session: [], csrf: [] }], body: tokenCreateBody, response: { 201: tokenCreatedView } },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(request.ctx, request.body)),
  );
  app.delete(
    '/api/auth/tokens/:id',
    { config: { access: {} }, schema: { tags: ['auth'], summary: 'Thu hồi mã truy cập API', params: idParams, response: { 200: okView } } },
    async (request) => {
      await revokeApiToken(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
}
