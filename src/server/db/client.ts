import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** One type for both engines: services never know which one they talk to. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseHandle = {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** PostgreSQL connection string (postgres engine only). */
  url: string | null;
  /** Pool statistics for /metrics (PostgreSQL only). */
  poolStats: () => { total: number; idle: number; waiting: number } | null;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions =
  | { engine: 'pglite'; dataDir: string | 'memory' }
  | { engine: 'postgres'; url: string; poolMax?: number };

/** Opens PGlite (embedded) or PostgreSQL. PGlite registers unaccent and pg_trgm on every open. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.engine === 'pglite') {
    let dataDir: string | undefined;
    if (options.dataDir !== 'memory') {
      dataDir = path.resolve(options.dataDir, 'pglite');
      mkdirSync(dataDir, { recursive: true });
    }
    const client = await PGlite.create(dataDir, { extensions: { unaccent, pg_trgm } });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return { db, engine: 'pglite', url: null, poolStats: () => null, close: () => client.close() };
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 20 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    url: options.url,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/** Returns the rows of a raw SQL query on either engine. */
export async function queryRows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Sends several INSERT/UPDATE/DELETE statements as one (data-modifying WITH clauses): one round trip instead of one
 * each, in the caller's transaction. They run on the same snapshot, so none may depend on another's effect and no
 * two may write the same row; each statement's triggers and constraints apply as usual.
 */
export async function executeTogether(db: DbOrTx, statements: readonly SQLWrapper[]): Promise<void> {
  if (statements.length === 0) return;
  if (statements.length === 1) {
    await db.execute(statements[0]!.getSQL());
    return;
  }
  const clauses = statements.map((statement, i) => sql`${sql.raw(`w${i}`)} as (${statement.getSQL()})`);
  await db.execute(sql`with ${sql.join(clauses, sql`, `)} select 1`);
}

const preparedQueries = new WeakMap<object, Map<string, unknown>>();

/**
 * A hot query prepared once per database handle (drizzle's `prepare` with placeholders): its SQL is not rebuilt on
 * every call and PostgreSQL parses it once per connection. For queries on the database itself, never inside a
 * transaction (a prepared query runs on the pool, not on the transaction's connection). `name` is unique per query.
 */
export function prepared<T>(db: Db, name: string, build: () => T): T {
  let byName = preparedQueries.get(db);
  if (!byName) preparedQueries.set(db, (byName = new Map()));
  let query = byName.get(name) as T | undefined;
  if (query === undefined) {
    query = build();
    byName.set(name, query);
  }
  return query;
}
