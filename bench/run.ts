/**
 * `npm run bench`: runs every benchmark script in turn. Each prints its own figures and ratios; none asserts a time.
 * Set DATABASE_URL to include PostgreSQL (see each script's header for its knobs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const scripts = ['reports.ts', 'dashboard.ts'].filter((f) => existsSync(path.join(here, f)));
let failed = 0;
for (const script of scripts) {
  console.log(`\n===== bench/${script} =====`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
