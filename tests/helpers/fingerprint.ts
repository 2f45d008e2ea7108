import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../src/server/db/client.js';

/**
 * A digest of the content of every table (or of the tables named), to show that a refused request changed nothing.
 * Sessions are left out by default: signing in is not what these suites check.
 */
export async function databaseFingerprint(db: DbOrTx, options: { tables?: readonly string[]; exclude?: readonly string[] } = {}): Promise<string> {
  const exclude = new Set(options.exclude ?? ['sessions']);
  const tables =
    options.tables ??
    (await queryRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.name).filter((n) => !exclude.has(n));
  const parts: string[] = [];
  for (const name of tables) {
    const [row] = await queryRows<{ h: string | null }>(db, sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${name}" x`));
    parts.push(`${name}:${row?.h}`);
  }
  return parts.join(',');
}
