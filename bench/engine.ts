/** The database a benchmark runs against: PGlite in memory, or a fresh PostgreSQL database dropped at the end. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/server/db/client.js';
import { runMigrations } from '../src/server/db/migrate.js';

/**
 * PostgreSQL: a database named `<prefix>_<random>` is created next to DATABASE_URL, migrated, and dropped by `drop`
 * (kept when BENCH_KEEP_DB=1, its address printed).
 */
export async function openBenchDatabase(engine: 'pglite' | 'postgres', prefix: string, poolMax: number): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ engine: 'pglite', dataDir: 'memory' });
    await runMigrations(handle);
    return { handle, drop: () => handle.close() };
  }
  const base = process.env.DATABASE_URL!;
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const dropDatabase = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  try {
    const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolMax });
    await runMigrations(handle);
    return {
      handle,
      drop: async () => {
        await handle.close();
        if (process.env.BENCH_KEEP_DB === '1') console.log(`[postgres] database kept (BENCH_KEEP_DB=1): ${url.toString().replace(/\/\/[^@]*@/, '//')}`);
        else await dropDatabase();
      },
    };
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}
