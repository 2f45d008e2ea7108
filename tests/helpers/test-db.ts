import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/client.js';
import { runMigrations } from '../../src/server/db/migrate.js';

export type TestEngine = 'pglite' | 'postgres';

/** The engine for this run: TEST_ENGINE=postgres uses TEST_DATABASE_URL; otherwise PGlite in memory. */
export function testEngine(): TestEngine {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database of its own: PGlite in memory, or on PostgreSQL a database
 * with a random name created for the test file and dropped afterwards.
 */
export async function createTestDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (testEngine() === 'pglite') {
    const handle = await openDatabase({ engine: 'pglite', dataDir: 'memory' });
    await runMigrations(handle);
    return { handle, drop: () => handle.close() };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const name = `thidua_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolMax: 10 });
  await runMigrations(handle);
  return {
    handle,
    drop: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
