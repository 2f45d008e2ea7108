#!/usr/bin/env node
// The README's test command: the linter and the import-boundary check, unit tests, integration tests on PGlite (and on
// PostgreSQL when TEST_DATABASE_URL is set), then browser tests in Chromium (skipped, with the reason printed, when absent).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const outDir = mkdtempSync(path.join(tmpdir(), 'thidua-test-'));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };
const results = [];

function run(label, project, env = {}) {
  console.log(`\n=== ${label} ===`);
  const outputFile = path.join(outDir, `${results.length}.json`);
  const r = spawnSync(process.execPath, [vitest, 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(outputFile)) {
    const json = JSON.parse(readFileSync(outputFile, 'utf8'));
    counts = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + (json.numTodoTests ?? 0) };
    if (json.numFailedTestSuites > 0 && counts.failed === 0) counts.failed = json.numFailedTestSuites;
  } else if (r.status !== 0) {
    counts.failed = 1;
  }
  const ok = r.status === 0 && counts.failed === 0;
  results.push({ label, ok, ...counts });
  for (const k of Object.keys(totals)) totals[k] += counts[k];
}

/** A check that is not a test suite (linter, import boundaries): the package script of that name, one labelled step. */
function check(label, script) {
  console.log(`\n=== ${label} (npm run ${script}) ===`);
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  if (ok) console.log('passed');
  results.push({ label, ok, check: true });
}

check('Lint (ESLint)', 'lint');
check('Import boundaries (dependency-cruiser)', 'deps');
check('Formatting (Prettier)', 'format:check');
run('Unit tests (src/core)', 'unit');
{
  // The OpenAPI document the app serves, checked by Redocly CLI (recommended rules + redocly.yaml); one check.
  const label = 'OpenAPI document (redocly lint)';
  console.log(`\n=== ${label} ===`);
  const lint = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/lint-openapi.ts')], { cwd: root, stdio: 'inherit' });
  const ok = lint.status === 0;
  results.push({ label, ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  totals[ok ? 'passed' : 'failed'] += 1;
}
run('Integration tests on PGlite (embedded)', 'integration', { TEST_ENGINE: 'pglite' });
if (process.env.TEST_DATABASE_URL) {
  run(`Integration tests on PostgreSQL (${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`, 'integration', { TEST_ENGINE: 'postgres' });
} else {
  console.log('\n=== Integration tests on PostgreSQL: skipped (TEST_DATABASE_URL is not set) ===');
}
if (existsSync(chromium)) {
  console.log('\n=== Building the web app for the browser tests ===');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    results.push({ label: 'web build', ok: false, passed: 0, failed: 1, skipped: 0 });
    totals.failed += 1;
  } else {
    run(`Browser tests in Chromium (${chromium})`, 'browser', { CHROMIUM_PATH: chromium });
  }
} else {
  console.log(`\n=== Browser tests: SKIPPED — no Chromium at ${chromium} (install Debian's package: apt-get install chromium) ===`);
}

console.log('\n=== Summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.label}${r.check ? '' : `: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`}`);
const checks = results.filter((r) => r.check);
console.log(`checks: ${checks.filter((r) => r.ok).length} passed, ${checks.filter((r) => !r.ok).length} failed`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
