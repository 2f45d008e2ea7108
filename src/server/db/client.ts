import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { getTableColumns, getTableName, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTable } from 'drizzle-orm/pg-core';
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

export type OpenDatabaseOptions = { engine: 'pglite'; dataDir: string | 'memory' } | { engine: 'postgres'; url: string; poolMax?: number };

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

/** A statement as SQL text with $1… placeholders and its parameters in driver form (see `insertStatement`). */
export type Statement = { sql: string; params: unknown[] };

/**
 * Sends several INSERT/UPDATE/DELETE statements as one (data-modifying WITH clauses): one round trip instead of one
 * each, in the caller's transaction, as a named prepared statement (`executeNamed`). They run on the same snapshot,
 * so none may depend on another's effect and no two may write the same row; each statement's triggers and
 * constraints apply as usual.
 */
export async function executeTogether(db: DbOrTx, statements: readonly (Statement | SQLWrapper)[]): Promise<void> {
  const built = statements.map((s) => ('getSQL' in s ? dialect.sqlToQuery(s.getSQL()) : s));
  if (built.length === 0) return;
  if (built.length === 1) {
    await runNamed(db, built[0]!);
    return;
  }
  const params: unknown[] = [];
  const clauses = built.map((s, i) => {
    const offset = params.length;
    params.push(...s.params);
    return `w${i} as (${offset === 0 ? s.sql : s.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  await runNamed(db, { sql: `with ${clauses.join(', ')} select 1`, params });
}

/**
 * INSERT of one row, written without building drizzle's SQL tree (which costs more than the database's work on the
 * hot paths): the row's keys are the table's column keys, values are encoded by their columns as drizzle does;
 * absent keys take the column's database default.
 */
export function insertStatement(table: PgTable, row: Record<string, unknown>, options: { onConflictDoNothing?: boolean } = {}): Statement {
  const columns = getTableColumns(table);
  const names: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const column = columns[key];
    if (!column) throw new Error(`insertStatement: no column ${key} in ${getTableName(table)}`);
    names.push(`"${column.name}"`);
    params.push(value === null ? null : column.mapToDriverValue(value));
  }
  const placeholders = params.map((_, i) => `$${i + 1}`).join(', ');
  return { sql: `insert into "${getTableName(table)}" (${names.join(', ')}) values (${placeholders})${options.onConflictDoNothing ? ' on conflict do nothing' : ''}`, params };
}

/** UPDATE of the rows whose columns equal `where` (all non-null), setting `set`; like `insertStatement`. */
export function updateStatement(table: PgTable, set: Record<string, unknown>, where: Record<string, unknown>): Statement {
  const columns = getTableColumns(table);
  const params: unknown[] = [];
  const part = (key: string, value: unknown) => {
    const column = columns[key];
    if (!column) throw new Error(`updateStatement: no column ${key} in ${getTableName(table)}`);
    params.push(value === null ? null : column.mapToDriverValue(value));
    return `"${column.name}" = $${params.length}`;
  };
  const assignments = Object.entries(set)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => part(k, v));
  const conditions = Object.entries(where).map(([k, v]) => part(k, v));
  return { sql: `update "${getTableName(table)}" set ${assignments.join(', ')} where ${conditions.join(' and ')}`, params };
}

const dialect = new PgDialect();

/**
 * Runs a query as a named prepared statement, named after its text: on PostgreSQL each connection parses and plans
 * a given text once, later calls only bind parameters (worth it for the hot paths' queries; works in a transaction,
 * unlike `prepared`). PGlite runs it as an ordinary query. Returns the rows as the driver gives them.
 */
export async function executeNamed<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  return runNamed<T>(db, dialect.sqlToQuery(query));
}

/** Runs a statement (SQL text and driver-form parameters) as a named prepared statement; rows as the driver gives them. */
export async function runNamed<T>(db: DbOrTx, statement: Statement): Promise<T[]> {
  const name = `q_${createHash('sha1').update(statement.sql).digest('base64url').slice(0, 20)}`;
  const result = (await db._.session.prepareQuery({ sql: statement.sql, params: statement.params }, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
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

const selectLists = new WeakMap<PgTable, string>();

/** The table's columns as a select list (`"t"."col"`, in declaration order), for statements written as text. */
export function selectList(table: PgTable): string {
  let list = selectLists.get(table);
  if (list === undefined) {
    const name = getTableName(table);
    list = Object.values(getTableColumns(table))
      .map((c) => `"${name}"."${c.name}"`)
      .join(', ');
    selectLists.set(table, list);
  }
  return list;
}

/** A row read with `selectList` (keys are column names, values in driver form) as the table's typed row. */
export function mapRow<T extends PgTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}
