/**
 * `npm run lint:openapi`: builds the app in-process, asks it for the OpenAPI document it serves (GET /api/openapi.json,
 * as the tests do), writes it to a temporary file and checks it with Redocly CLI: the recommended rules plus
 * redocly.yaml. Exits with Redocly's status, so a rule broken as an error fails `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { buildApp } from '../src/server/http/app.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The document exactly as a client gets it. No migrations: building the routes and serving the document read no table. */
async function servedDocument(): Promise<string> {
  const database = await openDatabase({ engine: 'pglite', dataDir: 'memory' });
  try {
    const config = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, { webDist: '/nonexistent' });
    const { app } = await buildApp({ config, database, logger: false });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
      return response.body;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'thidua-openapi-'));
try {
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, await servedDocument());
  const redocly = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');
  const result = spawnSync(process.execPath, [redocly, 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'codeframe'], {
    cwd: root,
    stdio: 'inherit',
    // No telemetry and no "new version" check from a test run (both would reach the network).
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
