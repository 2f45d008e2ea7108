import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { movements } from '../../db/schema/index.js';
import { buildReportsFixture, fillCommuneReport, goodCommuneValues, openReportFor, type ReportsFixture } from '../../../../tests/helpers/reports-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// The dashboard counts criteria from report_criterion_results, which database triggers keep equal to the criteria of
// each report's current evaluation. These tests walk approve → unlock → re-approve and compare it with the JSON.

let f: ReportsFixture;
let movementId: string;
const ONLINE = 'ho_so_cong_viec_tren_mang';

const dashboard = () => f.s.standing.request('GET', `/api/movements/${movementId}/dashboard?periodId=${f.periodId}`);
const communeRow = (body: Json, code = ONLINE) => body.criteria.find((c: Json) => c.code === code && c.level === 'commune');

/** Summary rows and the evaluation's criteria of a report, as comparable lists. */
async function summaryAndJson(reportId: string) {
  const rows = await queryRows<{ code: string; status: string; evaluation_id: string }>(
    f.t.db,
    sql`select criterion_code as code, status, evaluation_id from report_criterion_results where report_id = ${reportId}::uuid order by 1`,
  );
  const json = await queryRows<{ code: string; status: string; evaluation_id: string }>(
    f.t.db,
    sql`select c.value->>'code' as code, c.value->>'status' as status, e.id as evaluation_id
          from reports r join criteria_evaluations e on e.id = r.evaluation_id cross join lateral jsonb_array_elements(e.result->'criteria') c
         where r.id = ${reportId}::uuid order by 1`,
  );
  return { rows, json };
}

async function approve(id: string, rowVersion: number) {
  const submitted = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const approved = await f.s.standing.request('POST', `/api/reports/${id}/approve`, { rowVersion: submitted.json().rowVersion });
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
  return approved.json().rowVersion as number;
}

beforeAll(async () => {
  f = await buildReportsFixture();
  [{ id: movementId }] = (await f.t.db.select({ id: movements.id }).from(movements)) as [{ id: string }];
}, 240_000);
afterAll(async () => f?.t.close());

describe('per-criterion summary of approved reports', () => {
  it('follows approve, unlock and re-approve of a report, matching its current evaluation', async () => {
    const opened = await openReportFor(f.s.reporter, f.periodId, f.units.c1.id);
    let rv = await fillCommuneReport(f.s.reporter, opened.id, opened.rowVersion, goodCommuneValues);
    expect((await summaryAndJson(opened.id)).rows).toEqual([]);
    rv = await approve(opened.id, rv);

    const first = await summaryAndJson(opened.id);
    expect(first.rows.length).toBeGreaterThan(0);
    expect(first.rows).toEqual(first.json);
    expect(communeRow((await dashboard()).json())).toMatchObject({ evaluated: 1, met: 1, notMet: 0 });

    // Unlocked: the report is no longer approved, so nothing is counted although its rows stay.
    const unlocked = await f.s.board.request('POST', `/api/reports/${opened.id}/unlock`, { rowVersion: rv, reason: 'Sai số liệu' });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(communeRow((await dashboard()).json())).toMatchObject({ evaluated: 0, met: 0, notMet: 0, awaiting: 4 });

    // Corrected and approved again: the rows are those of the new evaluation only.
    rv = await fillCommuneReport(f.s.reporter, opened.id, unlocked.json().rowVersion, { ...goodCommuneValues, records_online: '10' });
    await approve(opened.id, rv);
    const second = await summaryAndJson(opened.id);
    expect(second.rows).toEqual(second.json);
    expect(second.rows[0]!.evaluation_id).not.toBe(first.rows[0]!.evaluation_id);
    expect(second.rows.find((r) => r.code === ONLINE)?.status).toBe('not_met');
    expect(communeRow((await dashboard()).json())).toMatchObject({ evaluated: 1, met: 0, notMet: 1 });
  });
});
