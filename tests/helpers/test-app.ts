import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { foldVietnamese } from '../../src/core/text.js';
import type { Role } from '../../src/core/permissions.js';
import { loadConfig, type AppConfig } from '../../src/server/config.js';
import type { DatabaseHandle, Db } from '../../src/server/db/client.js';
import { roleGrants, units, unitVersions, users } from '../../src/server/db/schema/index.js';
import { buildApp } from '../../src/server/http/app.js';
import type { App, RegisteredRoute } from '../../src/server/http/types.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { ensureTenant } from '../../src/server/seed/base.js';
import { createTestDatabase } from './test-db.js';

export const TEST_PASSWORD = 'MatKhau-Thu-2024';
let cachedHash: Promise<string> | null = null;

export type TestUnit = { id: string; name: string; kindCode: string; parentId: string | null };
export type TestUser = { id: string; username: string; password: string };

export type Session = {
  user: TestUser;
  csrfToken: string;
  cookie: string;
  request: (method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: App;
  routes: RegisteredRoute[];
  db: Db;
  handle: DatabaseHandle;
  tenantId: string;
  config: AppConfig;
  buildUnit: (input: { name: string; kindCode?: string; parentId?: string | null; code?: string | null; validFrom?: string; validTo?: string | null }) => Promise<TestUnit>;
  buildUser: (input?: { role?: Role; unitId?: string | null; includeSubtree?: boolean; username?: string }) => Promise<TestUser>;
  signIn: (user: TestUser) => Promise<Session>;
  anonymous: (method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

/**
 * A real app on a fresh database (PGlite in memory, or a new PostgreSQL database), with factories. `register` may add
 * routes of the test's own (a probe) before the app is ready.
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}, options: { register?: (app: App) => void } = {}): Promise<TestApp> {
  const { handle, drop } = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, { webDist: '/nonexistent', ...overrides });
  const { app, routes } = await buildApp({ config, database: handle, logger: false });
  options.register?.(app);
  await app.ready();
  const db = handle.db;
  const tenantId = await ensureTenant(db);
  let counter = 0;

  const buildUnit: TestApp['buildUnit'] = async (input) => {
    const id = randomUUID();
    const validFrom = input.validFrom ?? '2020-01-01';
    await db.insert(units).values({
      id,
      tenantId,
      code: input.code ?? null,
      kindCode: input.kindCode ?? 'commune',
      validFrom,
      validTo: input.validTo ?? null,
      searchText: foldVietnamese(input.name),
    });
    await db.insert(unitVersions).values({ id: randomUUID(), tenantId, unitId: id, name: input.name, parentId: input.parentId ?? null, validFrom, validTo: input.validTo ?? null });
    return { id, name: input.name, kindCode: input.kindCode ?? 'commune', parentId: input.parentId ?? null };
  };

  const buildUser: TestApp['buildUser'] = async (input = {}) => {
    counter += 1;
    const id = randomUUID();
    const username = input.username ?? `user${counter}_${id.slice(0, 6)}`;
    cachedHash ??= hashPassword(TEST_PASSWORD);
    await db.insert(users).values({ id, tenantId, username, fullName: `Người dùng thử ${counter}`, passwordHash: await cachedHash, unitId: input.unitId ?? null });
    if (input.role) {
      await db.insert(roleGrants).values({
        id: randomUUID(),
        tenantId,
        userId: id,
        role: input.role,
        unitId: input.unitId ?? null,
        includeSubtree: input.includeSubtree ?? true,
        validFrom: '2020-01-01',
      });
    }
    return { id, username, password: TEST_PASSWORD };
  };

  const signIn: TestApp['signIn'] = async (user) => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    const cookieHeader = response.cookies.find((c) => c.name === 'tds_session');
    if (!cookieHeader) throw new Error('no session cookie');
    const cookie = `tds_session=${cookieHeader.value}`;
    const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
    return {
      user,
      csrfToken,
      cookie,
      request: (method, url, payload, headers = {}) =>
        app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: { cookie, 'x-csrf-token': csrfToken, ...headers } }),
    };
  };

  return {
    app,
    routes,
    db,
    handle,
    tenantId,
    config,
    buildUnit,
    buildUser,
    signIn,
    anonymous: (method, url, payload, headers = {}) => app.inject({ method, url, payload: payload as InjectOptions['payload'], headers }),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
