/**
 * Child process for the "killed in the middle of an import" test: builds the app on a PostgreSQL database, posts an
 * Excel import with a hook that announces the middle of the write transaction and then waits to be killed.
 * argv: databaseUrl, periodId, cookie, csrfToken, file path.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/client.js';
import { buildApp } from '../../src/server/http/app.js';
import { importHooks } from '../../src/server/modules/report-excel/report-excel.service.js';
import { multipartFile } from './reports-fixture.js';

const [url, periodId, cookie, csrf, file] = process.argv.slice(2) as [string, string, string, string, string];
const handle = await openDatabase({ engine: 'postgres', url, poolMax: 4 });
const { app } = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv, { webDist: '/nonexistent' }), database: handle, logger: false });
await app.ready();
importHooks.afterRow = async (written) => {
  if (written === 2) {
    process.stdout.write('MID-IMPORT\n');
    await new Promise(() => undefined);
  }
};
const { payload, headers } = multipartFile('giua-chung.xlsx', readFileSync(file));
const r = await app.inject({ method: 'POST', url: `/api/report-periods/${periodId}/imports?wait=true`, payload, headers: { ...headers, cookie, 'x-csrf-token': csrf } });
process.stdout.write(`FINISHED ${r.statusCode}\n`);
process.exit(0);
