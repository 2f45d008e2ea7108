import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { buildApp } from './http/app.js';
import type { App } from './http/types.js';
import { demoAccounts, DEMO_PASSWORD, ensureAdministrator, hasUnits, seedDemo } from './seed/demo.js';
import { ensureTenant } from './seed/base.js';
import { createScheduler, schedulerEnabled } from './jobs/scheduler.js';
import { sealAuditChain, startAuditSealer } from './audit/audit.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. */
export function openConfiguredDatabase(config: AppConfig): Promise<DatabaseHandle> {
  return config.DATABASE_URL
    ? openDatabase({ engine: 'postgres', url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX })
    : openDatabase({ engine: 'pglite', dataDir: config.DATA_DIR });
}

/** Builds the web app with Vite when its production build is missing. */
export function buildWebIfMissing(config: AppConfig): void {
  const index = path.resolve(repoRoot, config.webDist, 'index.html');
  if (existsSync(index)) return;
  console.log('Đang build giao diện web (lần đầu)… / building the web app (first start)…');
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

export type RunningServer = { app: App; url: string; database: DatabaseHandle; close: () => Promise<void> };

/** Migrates, bootstraps, seeds the demo on first start, and listens. */
export async function startServer(config: AppConfig, options: { quiet?: boolean } = {}): Promise<RunningServer> {
  const started = performance.now();
  const database = await openConfiguredDatabase(config);
  await runMigrations(database);
  const tenantId = await ensureTenant(database.db);
  let seeded = false;
  const wantSeed = config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && !(await hasUnits(database.db, tenantId)));
  if (wantSeed) {
    const summary = await seedDemo(database.db);
    seeded = !summary.skipped;
  }
  if (config.ADMIN_USERNAME && config.ADMIN_PASSWORD) await ensureAdministrator(database.db, config.ADMIN_USERNAME, config.ADMIN_PASSWORD);
  const { app } = await buildApp({ config: { ...config, webDist: path.resolve(repoRoot, config.webDist) }, database, logger: config.LOG_LEVEL !== 'silent' });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  // Reminders, escalation, milestone due items and mail delivery (safe with several instances; off under tests).
  const scheduler = createScheduler({ database, config, logger: app.log });
  if (schedulerEnabled(config)) scheduler.start();
  // Links committed audit rows into the hash chain (writers never wait on the chain; decision 0005).
  await sealAuditChain(database.db);
  const sealer =
    config.AUDIT_SEAL_INTERVAL_MS > 0 ? startAuditSealer(database.db, config.AUDIT_SEAL_INTERVAL_MS, (error) => app.log.error({ err: error }, 'audit sealing failed')) : null;
  const port = new URL(address).port;
  const url = `http://localhost:${port}`;
  if (!options.quiet) {
    const ms = Math.round(performance.now() - started);
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(`\nThi Đua Số đang chạy tại / running at: ${url}`);
    console.log(
      `Cơ sở dữ liệu / database: ${database.engine === 'pglite' ? `PGlite (${path.resolve(config.DATA_DIR)})` : 'PostgreSQL'}; khởi động / start-up ${ms} ms, bộ nhớ / RSS ${rss} MiB`,
    );
    if (seeded || config.SEED_DEMO !== 'false') {
      console.log(`\nTài khoản demo / demo accounts (mật khẩu / password: ${DEMO_PASSWORD}):`);
      for (const a of demoAccounts) console.log(`  ${a.username.padEnd(18)} ${a.description}`);
    }
    console.log(`\nAPI: ${url}/api/docs\n`);
  }
  const close = async () => {
    await scheduler.stop();
    await app.close();
    await sealer?.stop();
    await database.close();
  };
  return { app, url, database, close };
}
