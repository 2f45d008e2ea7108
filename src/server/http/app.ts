import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { SESSION_COOKIE } from '../auth/actor.js';
import { holdsPermission } from '../auth/access.js';
import { AppError } from '../errors.js';
import { handleError, requestLocale, sendError } from './errors.js';
import { renderMessage } from '../../core/i18n/messages.js';
import { createMetrics } from './metrics.js';
import { openapiOptions } from './openapi.js';
import { registerModules } from '../modules/index.js';
import type { App, RegisteredRoute, RouteAccess } from './types.js';

z.config(z.locales.vi());

export type BuildAppOptions = {
  config: AppConfig;
  database: DatabaseHandle;
  logger?: boolean;
};

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the HTTP application: API under /api, OpenAPI, health, metrics and the web build. */
export async function buildApp({ config, database, logger = true }: BuildAppOptions): Promise<{ app: App; routes: RegisteredRoute[] }> {
  const app = Fastify({
    logger: logger
      ? {
          level: config.LOG_LEVEL,
          redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[ẩn]' },
        }
      : false,
    genReqId: (req) => {
      const header = req.headers['x-request-id'];
      return typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
    },
    bodyLimit: config.BODY_LIMIT_KB * 1024,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  // JSON bodies: every string normalised to Unicode NFC on the way in; NUL characters (which PostgreSQL text cannot
  // hold) and prototype keys refused.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: config.BODY_LIMIT_KB * 1024 }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      let hasNul = false;
      const value = JSON.parse(text, (key, v: unknown) => {
        if (key === '__proto__' || key === 'constructor') return undefined;
        if (typeof v === 'string') {
          if (v.includes('\u0000')) hasNul = true;
          return v.normalize('NFC');
        }
        return v;
      }) as unknown;
      if (hasNul) return done(new AppError('validation_failed', 400, 'error.nul_character', [{ path: 'body', message: '' }]), undefined);
      done(null, value);
    } catch {
      done(new AppError('malformed_json', 400, 'error.malformed_json', [{ path: 'body', message: '' }]), undefined);
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, url: route.url, access: (route.config as { access?: RouteAccess } | undefined)?.access });
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  const metrics = createMetrics(database);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  await app.register(fastifySwagger, openapiOptions({ sessionCookie: SESSION_COOKIE }));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // Resolve who is calling, and refuse cookie-authenticated writes without the CSRF token.
  app.addHook('onRequest', async (request) => {
    const locale = requestLocale(request);
    request.ctx = { db: database.db, actor: null, requestId: String(request.id), locale };
    if (!request.url.startsWith('/api/')) return;
    if (/%00/.test(request.url)) throw new AppError('validation_failed', 400, 'error.nul_character', [{ path: 'querystring', message: '' }]);
    const actor = await app.resolveActor(database.db, request);
    request.ctx.actor = actor;
    // Secure by default: every API route is for signed-in users unless it declares itself public.
    const access = (request.routeOptions.config as { access?: RouteAccess } | undefined)?.access;
    const isDocs = request.url.startsWith('/api/docs');
    if (!actor && !access?.public && !isDocs && request.routeOptions.url) throw new AppError('unauthenticated', 401, 'error.unauthenticated');
    if (actor?.via === 'session' && unsafeMethods.has(request.method)) {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || token !== actor.csrfToken) throw new AppError('csrf_failed', 403, 'error.csrf');
    }
    // A declared permission held nowhere is refused before the route runs, as the service would refuse it (RouteAccess).
    if (actor && access && !access.public && access.permission && access.heldNowhere !== 'service' && !holdsPermission(actor, access.permission)) {
      throw access.heldNowhere === 'not_found' ? AppError.notFound() : new AppError('forbidden', 403, 'error.forbidden_action');
    }
  });

  app.get('/healthz', { config: { access: { public: true, reason: 'liveness probe' } }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: { public: true, reason: 'readiness probe' } }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      return { status: 'ready', engine: database.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', engine: database.engine });
    }
  });
  app.get('/metrics', { config: { access: { public: true, reason: 'Prometheus scrape (restrict at the proxy)' } }, schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', metrics.contentType);
    return metrics.render();
  });
  app.get('/api/openapi.json', { config: { access: { public: true, reason: 'API description' } }, schema: { hide: true } }, async () => app.swagger());

  await registerModules(app, { config, database });

  const webRoot = path.resolve(config.webDist);
  const hasWeb = existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    const locale = requestLocale(request);
    return sendError(reply, 404, 'route_not_found', renderMessage('error.route_not_found', locale));
  });

  return { app, routes };
}
