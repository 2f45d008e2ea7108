/**
 * Benchmark of the reports area (issue 5, item 9). A script, not a test: prints figures and ratios.
 *
 *   node --import tsx bench/reports.ts            # PGlite (embedded), and PostgreSQL when DATABASE_URL is set
 *   BENCH_SUBMISSIONS=5000 BENCH_IMPORT_ROWS=10000 BENCH_ENGINES=postgres node --import tsx bench/reports.ts
 *
 * Measures, on a real HTTP server listening on a local port:
 *  - report submissions per second and p99 latency at 50 concurrent clients (each submission a distinct report:
 *    validation, evidence check, outlier history, transition, event, inbox, audit chain — all in one transaction);
 *  - XLSX import rows per second for a 10,000-row file (one transaction);
 *  - beside each, the same server's trivial authenticated route (GET /api/auth/me) measured in the same run.
 * The HTTP clients are autocannon in a separate process (bench/load-child.mjs), off the server's event loop; the
 * server uses the application's default pool of 20 PostgreSQL connections (BENCH_POOL_MAX to change it).
 * Targets (issue 5): ≥ 300 submissions/s with p99 ≤ 200 ms on PostgreSQL; 10,000 rows in ≤ 5 s.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { foldVietnamese } from '../src/core/text.js';
import { addDays, todayInVietnam } from '../src/core/dates.js';
import { loadConfig } from '../src/server/config.js';
import { apiTokens, criteriaSetVersions, reportEvidence, reportPeriods, reportRegimes, reports, roleGrants, unitVersions, units, users } from '../src/server/db/schema/index.js';
import { buildApp } from '../src/server/http/app.js';
import { startAuditSealer } from '../src/server/audit/audit.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { ensureTenant } from '../src/server/seed/base.js';
import { readFileSync } from 'node:fs';
import { importMovementPackage } from '../src/server/modules/movements/package-import.js';
import { writeTemplate } from '../src/server/modules/report-excel/report-excel.service.js';
import { defaultSchedule } from '../src/core/reports/periods.js';
import { openBenchDatabase } from './engine.js';

const CONCURRENCY = 50;
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 0);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const TRIVIAL_REQUESTS = 3000;
// Note: the trivial route and the submissions use API tokens (Bearer), the import a session of a province-wide unit admin.

const values = {
  records_total: '120',
  records_secret: '20',
  records_online: '80',
  documents_total: '500',
  documents_secret: '10',
  documents_electronic: '490',
  socio_economic_reports_total: '12',
  socio_economic_reports_on_system: '12',
};
const criteria = ['ho_so_cong_viec_tren_mang', 'van_ban_dien_tu', 'bao_cao_ktxh_tren_he_thong'];

type Stats = { count: number; failed: number; seconds: number; perSecond: number; p50: number; p99: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `total` requests through `concurrency` clients; each call gets its index. */
async function load(concurrency: number, total: number, send: (i: number) => Promise<boolean>): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        const ok = await send(i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { count: total, failed, seconds, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

type PlainRequest = { url: string; method?: string; headers?: Record<string, string>; body?: string; okStatus?: number };

/**
 * Sends every request of the list once through `concurrency` connections, from a separate process running autocannon
 * (bench/load-child.mjs): the load generator neither shares the server's event loop nor spends much CPU of its own
 * (the former fetch-based clients took about a third of a core that the server and PostgreSQL then lacked).
 */
async function loadFromAutocannon(concurrency: number, requests: PlainRequest[]): Promise<Stats> {
  const origin = new URL(requests[0]!.url).origin;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'thidua-load-')), 'requests.json');
  writeFileSync(
    file,
    JSON.stringify({ origin, concurrency, requests: requests.map((q) => ({ method: q.method, path: new URL(q.url).pathname, headers: q.headers, body: q.body })) }),
  );
  const { execFile } = await import('node:child_process');
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [path.resolve(import.meta.dirname, 'load-child.mjs'), file], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
  rmSync(path.dirname(file), { recursive: true, force: true });
  const r = JSON.parse(output.trim().split('\n').at(-1)!) as { requests: number; seconds: number; non2xx: number; errors: number; p50: number; p99: number };
  return { count: requests.length, failed: r.non2xx + r.errors, seconds: r.seconds, perSecond: r.requests / r.seconds, p50: r.p50, p99: r.p99 };
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const submissions = SUBMISSIONS || (engine === 'postgres' ? 5000 : 1500);
  const { handle, drop } = await openBenchDatabase(engine, 'thidua_bench', Number(process.env.BENCH_POOL_MAX ?? 20));
  const db = handle.db;
  const config = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, {
    webDist: '/nonexistent',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'thidua-bench-')),
    MAX_UPLOAD_MB: 100,
  });
  const { app } = await buildApp({ config, database: handle, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // As `thidua serve` does: the audit sealer links the new audit rows into the chain every second meanwhile.
  const sealer = startAuditSealer(handle.db, config.AUDIT_SEAL_INTERVAL_MS, (error) => console.error('audit sealing failed', error));
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    // ---- data: KH 3125, one province, 10 districts, enough communes for both scenarios ----
    const tenantId = await ensureTenant(db);
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../packages/kh-3125-2021.json'), 'utf8')) as unknown;
    const imported = await db.transaction((tx) => importMovementPackage(tx, tenantId, { actor: null, requestId: 'bench', actorName: 'bench' }, pkg));
    const provinceId = randomUUID();
    const communeCount = Math.max(submissions, IMPORT_ROWS);
    const unitRows: (typeof units.$inferInsert)[] = [{ id: provinceId, tenantId, code: '90', kindCode: 'province', validFrom: '2020-01-01', searchText: 'tinh do kiem' }];
    const versionRows: (typeof unitVersions.$inferInsert)[] = [{ id: randomUUID(), tenantId, unitId: provinceId, name: 'Tỉnh Đo Kiểm', parentId: null, validFrom: '2020-01-01' }];
    const districts = Array.from({ length: 10 }, (_, i) => ({ id: randomUUID(), name: `Huyện Đo Kiểm ${i + 1}` }));
    for (const d of districts) {
      unitRows.push({ id: d.id, tenantId, code: null, kindCode: 'district', validFrom: '2020-01-01', searchText: foldVietnamese(d.name) });
      versionRows.push({ id: randomUUID(), tenantId, unitId: d.id, name: d.name, parentId: provinceId, validFrom: '2020-01-01' });
    }
    const communes: string[] = [];
    for (let i = 0; i < communeCount; i++) {
      const id = randomUUID();
      const name = `Xã Đo Kiểm ${i + 1}`;
      communes.push(id);
      unitRows.push({ id, tenantId, code: `X${String(i).padStart(5, '0')}`, kindCode: 'commune', validFrom: '2020-01-01', searchText: foldVietnamese(name) });
      versionRows.push({ id: randomUUID(), tenantId, unitId: id, name, parentId: districts[i % districts.length]!.id, validFrom: '2020-01-01' });
    }
    for (let i = 0; i < unitRows.length; i += 1000) await db.insert(units).values(unitRows.slice(i, i + 1000));
    for (let i = 0; i < versionRows.length; i += 1000) await db.insert(unitVersions).values(versionRows.slice(i, i + 1000));

    const userId = randomUUID();
    await db.insert(users).values({ id: userId, tenantId, username: 'bench', fullName: 'Đo kiểm', passwordHash: await hashPassword('BenchPassword-2025') });
    await db.insert(roleGrants).values({ id: randomUUID(), tenantId, userId, role: 'unit_admin', unitId: provinceId, includeSubtree: true, validFrom: '2020-01-01' });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'BenchPassword-2025' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

    const regimeId = randomUUID();
    await db.insert(reportRegimes).values({
      id: regimeId,
      tenantId,
      movementId: imported.movementId,
      criteriaSetId: imported.criteriaSetId,
      code: 'bench',
      name: 'Báo cáo đo kiểm',
      content: 'Đo kiểm',
      reportingLevels: ['commune'],
      receivingUnitName: 'Sở',
      frequency: 'custom',
      cutoffRule: 'decree_09',
      schedule: defaultSchedule,
      method: 'Hệ thống',
      reviewerRules: { commune: 'parent_district' },
    });
    const [version] = await db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.id, imported.versionId));
    const today = todayInVietnam();
    const period = (code: string) => ({
      id: randomUUID(),
      tenantId,
      regimeId,
      code,
      label: `Kỳ đo kiểm ${code}`,
      kind: 'custom',
      startDate: addDays(today, -90),
      endDate: addDays(today, -1),
      opensOn: addDays(today, -5),
      dueDate: addDays(today, 10),
      closesOn: addDays(today, 20),
      locksOn: addDays(today, 60),
      status: 'open',
      criteriaSetVersionId: version!.id,
    });
    const submitPeriod = period('SUBMIT');
    const importPeriod = period('IMPORT');
    await db.insert(reportPeriods).values([submitPeriod, importPeriod]);

    // Each submitting commune has its own reporter with an API token (grant on the commune alone, as in real use).
    const passwordHash = await hashPassword(randomBytes(12).toString('hex'));
    const tokens: string[] = [];
    for (let i = 0; i < submissions; i += 500) {
      const chunk = communes
        .slice(i, Math.min(i + 500, submissions))
        .map((unitId, k) => ({ unitId, userId: randomUUID(), token: `tds_bench${i + k}_${randomBytes(12).toString('hex')}` }));
      await db
        .insert(users)
        .values(chunk.map((c, k) => ({ id: c.userId, tenantId, username: `bench_${i + k}`, fullName: `Cán bộ đo kiểm ${i + k}`, passwordHash, unitId: c.unitId })));
      await db
        .insert(roleGrants)
        .values(chunk.map((c) => ({ id: randomUUID(), tenantId, userId: c.userId, role: 'unit_reporter', unitId: c.unitId, includeSubtree: false, validFrom: '2020-01-01' })));
      await db.insert(apiTokens).values(
        chunk.map((c) => ({
          id: randomUUID(),
          tenantId,
          userId: c.userId,
          name: 'bench',
          tokenHash: createHash('sha256').update(c.token).digest('hex'),
          prefix: c.token.slice(4, 12),
          permissions: ['report.read', 'report.submit'],
          expiresAt: '2099-01-01',
        })),
      );
      tokens.push(...chunk.map((c) => c.token));
    }
    console.log(`[${engine}] data ready: ${communeCount} communes, ${submissions} reporters with tokens`);

    // Draft reports ready to submit (values and one document per criterion).
    const reportIds: string[] = [];
    for (let i = 0; i < submissions; i += 500) {
      const chunk = communes.slice(i, Math.min(i + 500, submissions)).map((unitId, k) => ({
        id: randomUUID(),
        tenantId,
        periodId: submitPeriod.id,
        unitId,
        criteriaSetVersionId: version!.id,
        level: 'commune',
        reviewerUnitId: districts[(i + k) % districts.length]!.id,
        status: 'draft',
        values,
      }));
      await db.insert(reports).values(chunk);
      await db.insert(reportEvidence).values(
        chunk.flatMap((r) =>
          criteria.map((criterionCode) => ({
            id: randomUUID(),
            tenantId,
            reportId: r.id,
            criterionCode,
            documentNumber: '1/BC',
            documentDate: '2024-01-01',
            issuer: 'UBND',
            summary: 'Báo cáo',
          })),
        ),
      );
      reportIds.push(...chunk.map((r) => r.id));
    }

    const trivial = async () =>
      loadFromAutocannon(
        CONCURRENCY,
        Array.from({ length: TRIVIAL_REQUESTS }, () => ({ url: `${base}/api/auth/me`, headers: { authorization: `Bearer ${tokens[0]}` } })),
      );
    // Warm-up (JIT, connection pool, caches): the trivial route as measured, then a few reads of reports.
    await trivial();
    await load(
      10,
      200,
      async (i) => (await fetch(`${base}/api/reports/${reportIds[i % reportIds.length]!}`, { headers: { authorization: `Bearer ${tokens[i % reportIds.length]!}` } })).ok,
    );
    console.log(`[${engine}] measuring submissions`);

    const trivialBefore = await trivial();
    const submit = await loadFromAutocannon(
      CONCURRENCY,
      reportIds.map((id, i) => ({
        url: `${base}/api/reports/${id}/submit`,
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i]!}`, 'content-type': 'application/json', 'idempotency-key': `bench-${id}` },
        body: JSON.stringify({ rowVersion: 1 }),
      })),
    );

    // 10,000-row template for the import period, filled.
    const rowsUnits = communes.slice(0, IMPORT_ROWS).map((id, i) => ({
      id,
      code: `X${String(i).padStart(5, '0')}`,
      name: `Xã Đo Kiểm ${i + 1}`,
      kind_code: 'commune',
      admin_type: null,
      parent_id: districts[i % districts.length]!.id,
      short_name: null,
      is_demo: false,
      level: 'commune' as const,
    }));
    const setDef = version!.definition as { dataElements: { code: string }[] };
    const elements = (setDef.dataElements as Parameters<typeof writeTemplate>[0]['elements'][number][]).filter((e) => e.code in values);
    const [regimeRow] = await db.select().from(reportRegimes).where(eq(reportRegimes.id, regimeId));
    const [importPeriodRow] = await db.select().from(reportPeriods).where(eq(reportPeriods.id, importPeriod.id));
    const file = await writeTemplate({
      period: importPeriodRow!,
      regime: regimeRow!,
      units: rowsUnits,
      elements,
      existing: () => values,
      levelElements: () => new Set(Object.keys(values)),
    });
    console.log(`[${engine}] measuring the import of ${IMPORT_ROWS} rows`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'mau-10000-dong.xlsx');
    const t0 = performance.now();
    const imp = await fetch(`${base}/api/report-periods/${importPeriod.id}/imports?wait=true`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
    const job = (await imp.json()) as { status: string; imported: number; errorCount: number; errors: unknown[] };
    const importSeconds = (performance.now() - t0) / 1000;
    const trivialAfter = await trivial();

    const fmt = (n: number, d = 1) => n.toFixed(d).padStart(9);
    console.log(`\n=== Reports benchmark on ${engine === 'postgres' ? `PostgreSQL (${handle.url?.replace(/\/\/[^@]*@/, '//')})` : 'PGlite (embedded, one connection)'} ===`);
    console.log(`scenario                                   count     req/s   p50 ms   p99 ms   failed`);
    console.log(
      `trivial GET /api/auth/me (before)      ${String(trivialBefore.count).padStart(9)}${fmt(trivialBefore.perSecond)}${fmt(trivialBefore.p50)}${fmt(trivialBefore.p99)}${String(trivialBefore.failed).padStart(9)}`,
    );
    console.log(
      `report submit, 50 clients              ${String(submit.count).padStart(9)}${fmt(submit.perSecond)}${fmt(submit.p50)}${fmt(submit.p99)}${String(submit.failed).padStart(9)}`,
    );
    console.log(
      `trivial GET /api/auth/me (after)       ${String(trivialAfter.count).padStart(9)}${fmt(trivialAfter.perSecond)}${fmt(trivialAfter.p50)}${fmt(trivialAfter.p99)}${String(trivialAfter.failed).padStart(9)}`,
    );
    console.log(
      `XLSX import: ${IMPORT_ROWS} rows in ${importSeconds.toFixed(2)} s = ${(IMPORT_ROWS / importSeconds).toFixed(0)} rows/s (status ${job.status}, imported ${job.imported}, errors ${job.errorCount}; file ${(file.length / 1024).toFixed(0)} kB)`,
    );
    const trivialRate = (trivialBefore.perSecond + trivialAfter.perSecond) / 2;
    console.log(
      `ratios: submit/trivial throughput ${(submit.perSecond / trivialRate).toFixed(3)}; submit p99 / trivial p99 ${(submit.p99 / Math.max(trivialBefore.p99, 0.001)).toFixed(1)}×`,
    );
    if (engine === 'postgres') {
      console.log(
        `targets: ≥ 300 submissions/s → ${submit.perSecond >= 300 ? 'met' : 'NOT met'}; p99 ≤ 200 ms → ${submit.p99 <= 200 ? 'met' : 'NOT met'}; 10,000 rows ≤ 5 s → ${importSeconds <= 5 ? 'met' : 'NOT met'}`,
      );
    } else {
      console.log(`targets (PostgreSQL only; for reference): 10,000 rows ≤ 5 s → ${importSeconds <= 5 ? 'met' : 'NOT met'}`);
    }
    if (job.status !== 'succeeded') console.log('import errors (first 5):', JSON.stringify(job.errors.slice(0, 5)));
  } finally {
    await sealer.stop();
    await app.close();
    await drop();
  }
}

// BENCH_ENGINES=postgres (or pglite) runs one engine only.
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
if (engines.includes('pglite')) await benchEngine('pglite');
if (engines.includes('postgres')) {
  if (process.env.DATABASE_URL) await benchEngine('postgres');
  else console.log('\nPostgreSQL: skipped (DATABASE_URL is not set)');
}
