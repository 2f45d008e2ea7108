import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type DatabaseHandle } from '../../src/server/db/client.js';
import { testEngine } from '../helpers/test-db.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'silent' };
let cleanup: () => Promise<void> = async () => undefined;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repoRoot, 'bin/thidua.js'), ...args], { cwd: repoRoot, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Opens the CLI's database in this process (PGlite allows one process at a time, so close it after). */
async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = env.DATABASE_URL ? await openDatabase({ engine: 'postgres', url: env.DATABASE_URL }) : await openDatabase({ engine: 'pglite', dataDir: env.DATA_DIR! });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  delete env.DATABASE_URL;
  if (testEngine() === 'postgres') {
    const name = `thidua_cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-cli-'));
    env.DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => cleanup());

// Each CLI call starts a process and opens the database; on a loaded machine that takes a while.
describe('thidua CLI', { timeout: 300_000 }, () => {
  it('migrates twice without change, seeds the demo once', async () => {
    expect((await cli('migrate')).code).toBe(0);
    expect((await cli('migrate')).code).toBe(0);
    const seeded = await cli('seed', '--demo');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/396 đơn vị/);
    const again = await cli('seed', '--demo');
    expect(again.stdout).toMatch(/bỏ qua|skipped/);
  });

  it('creates a user, grants and revokes a role by official unit code, resets the password', async () => {
    expect((await cli('user', 'create', '--username', 'canbo.cli', '--name', 'Cán bộ CLI', '--password', 'MatKhau12345')).code).toBe(0);
    const weak = await cli('user', 'create', '--username', 'canbo.yeu', '--name', 'Yếu', '--password', 'ngan');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/Mật khẩu/);
    expect((await cli('user', 'grant', '--username', 'canbo.cli', '--role', 'unit_reporter', '--unit-code', '10507')).code).toBe(0);
    const grants = await withDatabase((h) =>
      queryRows<{ role: string; name: string }>(
        h.db,
        sql`select g.role, v.name from role_grants g join users u on u.id = g.user_id join unit_versions v on v.unit_id = g.unit_id and v.valid_to is null where u.username = 'canbo.cli' and g.revoked_at is null`,
      ),
    );
    // Code 10507 today is Phường Thành Đông (it was Phường Cẩm Thượng until 30/6/2025).
    expect(grants).toEqual([{ role: 'unit_reporter', name: 'Phường Thành Đông' }]);
    expect((await cli('user', 'revoke', '--username', 'canbo.cli', '--role', 'unit_reporter', '--unit-code', '10507')).stdout).toMatch(/1 quyền/);
    expect((await cli('user', 'reset-password', '--username', 'canbo.cli', '--password', 'MatKhauMoi67890')).code).toBe(0);
  });

  it('exports the seeded plan byte-identical to the shipped package, and refuses a broken one with every path', async () => {
    const exported = await cli('package', 'export', 'cds-2021-2025');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(readFileSync(path.join(repoRoot, 'packages/kh-3125-2021.json'), 'utf8'));
    const broken = JSON.parse(exported.stdout) as { movement: { code: string }; phases: { from: string }[]; criteriaSet: { criteria: { points: string }[] } };
    broken.movement.code = 'ban-loi';
    broken.phases[0]!.from = '2021-02-30';
    broken.criteriaSet.criteria[0]!.points = 'mười';
    const file = path.join(tmpdir(), `broken-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(broken));
    const refused = await cli('package', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('phases[0].from');
    expect(refused.stderr).toContain('criteriaSet.criteria[0].points');
    const movements = await withDatabase((h) => queryRows<{ code: string }>(h.db, sql`select code from movements order by code`));
    expect(movements.map((m) => m.code)).toEqual(['cds-2021-2025']);
  });

  it('audit verify fails after one audit row is edited by hand, and passes once it is restored', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    const target = await withDatabase(async (h) => {
      const [row] = await queryRows<{ seq: number; action: string }>(h.db, sql`select seq::int as seq, action from audit_log order by seq limit 1 offset 2`);
      await h.db.execute(sql`update audit_log set action = 'tampered' where seq = ${row!.seq}`);
      return row!;
    });
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`seq ${target.seq}`);
    expect(broken.stderr).toMatch(/edited|bị sửa/);
    await withDatabase((h) => h.db.execute(sql`update audit_log set action = ${target.action} where seq = ${target.seq}`));
    expect((await cli('audit', 'verify')).code).toBe(0);
    await withDatabase((h) => h.db.execute(sql`delete from audit_log where seq = ${target.seq}`));
    const deleted = await cli('audit', 'verify');
    expect(deleted.code).toBe(2);
    expect(deleted.stderr).toMatch(/inserted or deleted|chèn hoặc xoá/);
  });
});
