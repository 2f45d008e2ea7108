import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { auditLog, criteriaEvaluations, criteriaSetVersions, dueItems, reportEvents, reportPeriods, reports } from '../../db/schema/index.js';
import { sealAuditChain, verifyAuditChain } from '../../audit/audit.js';
import type { Session } from '../../../../tests/helpers/test-app.js';
import { buildReportsFixture, createOpenPeriod, fillCommuneReport, goodCommuneValues, openReportFor, type ReportsFixture } from '../../../../tests/helpers/reports-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ReportsFixture;
beforeAll(async () => {
  f = await buildReportsFixture();
});
afterAll(async () => f?.t.close());

const count = async (table: typeof reports | typeof reportEvents | typeof auditLog | typeof criteriaEvaluations) =>
  ((await f.t.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;

/** A report of unit C1 in a fresh open period, moved to the requested status through the API. */
async function reportIn(
  status: 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved' | 'locked',
  unit: 'c1' | 'c4' = 'c1',
): Promise<{ id: string; rowVersion: number; periodId: string }> {
  const periodId = await createOpenPeriod(f.s.standing, f.regimeId, `P${randomUUID().slice(0, 8)}`, 'Kỳ thử', { dueIn: 10 });
  const reporter = unit === 'c1' ? f.s.reporter : f.s.c4reporter;
  const reviewer = unit === 'c1' ? f.s.reviewer : f.s.standing;
  const opened = await openReportFor(reporter, periodId, f.units[unit].id);
  let rv = await fillCommuneReport(reporter, opened.id, opened.rowVersion);
  const act = async (s: Session, action: string, body: Json = {}) => {
    const r = await s.request('POST', `/api/reports/${opened.id}/${action}`, { rowVersion: rv, ...body });
    if (r.statusCode !== 200) throw new Error(`${action}: ${r.body}`);
    rv = (r.json() as { rowVersion: number }).rowVersion;
  };
  if (status === 'draft') return { id: opened.id, rowVersion: rv, periodId };
  await act(reporter, 'submit');
  if (status === 'submitted') return { id: opened.id, rowVersion: rv, periodId };
  await act(reviewer, 'return', { comment: 'Bổ sung số liệu' });
  if (status === 'returned') return { id: opened.id, rowVersion: rv, periodId };
  await act(reporter, 'submit');
  if (status === 'resubmitted') return { id: opened.id, rowVersion: rv, periodId };
  await act(reviewer, 'approve');
  if (status === 'approved') return { id: opened.id, rowVersion: rv, periodId };
  await act(reviewer, 'lock');
  return { id: opened.id, rowVersion: rv, periodId };
}

describe('regimes and periods', () => {
  it('creates quarterly periods with the Decree 09 cut-off and refuses duplicates', async () => {
    const r = await f.s.standing.request('POST', `/api/report-regimes/${f.regimeId}/periods`, { year: 2022 });
    expect(r.statusCode, r.body).toBe(201);
    const periods = r.json() as Json[];
    expect(periods.map((p) => [p.code, p.label, p.startDate, p.endDate])).toEqual([
      ['2022-Q1', 'Quý I/2022', '2021-12-15', '2022-03-14'],
      ['2022-Q2', 'Quý II/2022', '2022-03-15', '2022-06-14'],
      ['2022-Q3', 'Quý III/2022', '2022-06-15', '2022-09-14'],
      ['2022-Q4', 'Quý IV/2022', '2022-09-15', '2022-12-14'],
    ]);
    // 2022 uses the frozen version 1 (the draft amendment takes effect later).
    expect(periods.every((p) => p.criteriaSetVersionId === f.frozenVersionId)).toBe(true);
    expect((await f.s.standing.request('POST', `/api/report-regimes/${f.regimeId}/periods`, { year: 2022 })).statusCode).toBe(409);
    // Past periods move to locked on schedule when read.
    const listed = (await f.s.reporter.request('GET', `/api/report-periods?regimeId=${f.regimeId}`)).json() as Json[];
    expect(listed.find((p) => p.code === '2022-Q1')!.status).toBe('locked');
  });

  it('opening the first period that uses a draft criteria version freezes it, and puts "submit" in each reporting unit inbox', async () => {
    const [version] = await f.t.db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.id, f.draftVersionId));
    expect(version!.status).toBe('frozen');
    expect(version!.frozenReason).toContain('Kỳ thử 1');
    const [period] = await f.t.db.select().from(reportPeriods).where(eq(reportPeriods.id, f.periodId));
    expect(period!.criteriaSetVersionId).toBe(f.draftVersionId);
    const items = await f.t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.subjectId, f.periodId), eq(dueItems.kind, 'report_submit')));
    const unitIds = items.map((i) => i.unitId);
    for (const u of ['c1', 'c2', 'c3', 'c4', 'd1', 'd2', 'dep'] as const) expect(unitIds, u).toContain(f.units[u].id);
    expect(unitIds).not.toContain(f.units.province.id);
  });

  it('refuses regime changes without movement.manage', async () => {
    const r = await f.s.reporter.request('POST', `/api/report-regimes/${f.regimeId}/periods`, { year: 2023 });
    expect(r.statusCode).toBe(403);
    expect((await f.s.reviewer.request('POST', `/api/report-periods/${f.periodId}/open`)).statusCode).toBe(403);
  });
});

describe('reports: form, validation, workflow', () => {
  it('walks draft → submitted → returned → resubmitted → approved → locked, with inbox items, audit and scoring', async () => {
    const { id, rowVersion } = await openReportFor(f.s.reporter, f.periodId, f.units.c1.id);
    const again = await f.s.reporter.request('POST', '/api/reports', { periodId: f.periodId, unitId: f.units.c1.id });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    const form = (await f.s.reporter.request('GET', `/api/reports/${id}/form`)).json() as Json;
    expect(form.report.reviewerUnitId).toBe(f.units.d1.id);
    expect(form.report.reviewerUnitName).toBe('Huyện Nam Thử');
    const gov = form.areas.find((a: Json) => a.code === 'chinh_quyen_so');
    expect(gov.elements.map((e: Json) => e.code)).toContain('records_online');
    expect(gov.elements.find((e: Json) => e.code === 'records_total')).toMatchObject({ unitOfMeasure: 'hồ sơ', value: null, previousValue: null });
    expect(gov.criteria.map((c: Json) => [c.code, c.evidenceRequirement, c.target])).toEqual([
      ['ho_so_cong_viec_tren_mang', 'document_or_file', '≥ 60 %'],
      ['van_ban_dien_tu', 'document_or_file', '≥ 100 %'],
      ['bao_cao_ktxh_tren_he_thong', 'document_or_file', '≥ 100 %'],
    ]);
    expect(form.areas).toHaveLength(8);
    expect(form.report.abilities).toMatchObject({ canEdit: true, canSubmit: true, canApprove: false });

    // Submitting an empty report lists every missing value and evidence.
    const early = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion });
    expect(early.statusCode).toBe(422);
    const paths = early.json().error.details.map((d: Json) => d.path);
    expect(paths).toContain('values.records_total');
    expect(paths).toContain('evidence.van_ban_dien_tu');

    let rv = await fillCommuneReport(f.s.reporter, id, rowVersion);
    const submitted = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion: rv });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time' });
    rv = submitted.json().rowVersion;
    const openItems = async (kind: string) =>
      (
        await f.t.db
          .select()
          .from(dueItems)
          .where(and(eq(dueItems.kind, kind), eq(dueItems.status, 'open')))
      ).filter((i) => i.subjectId === id || i.subjectId === f.periodId);
    expect((await openItems('report_submit')).map((i) => i.unitId)).not.toContain(f.units.c1.id);
    expect((await openItems('report_review')).map((i) => i.unitId)).toEqual([f.units.d1.id]);

    // The reporter can no longer edit; the district returns with a comment per field.
    expect((await f.s.reporter.request('PUT', `/api/reports/${id}`, { rowVersion: rv, values: { records_total: '121' } })).statusCode).toBe(409);
    const returned = await f.s.reviewer.request('POST', `/api/reports/${id}/return`, {
      rowVersion: rv,
      comment: 'Đề nghị rà soát',
      fieldComments: { 'values.records_online': 'Số hồ sơ xử lý trên mạng chưa khớp với hệ thống' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    rv = returned.json().rowVersion;
    expect(returned.json().status).toBe('returned');
    expect((await openItems('report_review')).length).toBe(0);
    expect((await openItems('report_resubmit')).map((i) => i.unitId)).toEqual([f.units.c1.id]);
    const returnedForm = (await f.s.reporter.request('GET', `/api/reports/${id}/form`)).json() as Json;
    const online = returnedForm.areas.flatMap((a: Json) => a.elements).find((e: Json) => e.code === 'records_online');
    expect(online.returnComment).toBe('Số hồ sơ xử lý trên mạng chưa khớp với hệ thống');
    expect(returnedForm.returnComment).toBe('Đề nghị rà soát');

    const fixed = await f.s.reporter.request('PUT', `/api/reports/${id}`, { rowVersion: rv, values: { records_online: '85' } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion: fixed.json().rowVersion });
    expect(resubmitted.json().status).toBe('resubmitted');
    expect((await openItems('report_resubmit')).length).toBe(0);
    expect((await openItems('report_review')).length).toBe(1);

    const approved = await f.s.reviewer.request('POST', `/api/reports/${id}/approve`, { rowVersion: resubmitted.json().rowVersion });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect((await openItems('report_review')).length).toBe(0);
    const [evaluation] = await f.t.db.select().from(criteriaEvaluations).where(eq(criteriaEvaluations.id, approved.json().evaluationId));
    expect(evaluation!.criteriaSetVersionId).toBe(f.draftVersionId);
    const result = evaluation!.result as Json;
    // 85 / (120 − 20) = 85 % ≥ 60 %; 490 / 490 = 100 %; 12 / 12 = 100 %.
    expect(result.metCount).toBe(3);
    expect(result.criteria.find((c: Json) => c.code === 'ho_so_cong_viec_tren_mang').value).toBe('85');

    const locked = await f.s.reviewer.request('POST', `/api/reports/${id}/lock`, { rowVersion: approved.json().rowVersion });
    expect(locked.json().status).toBe('locked');

    const events = await f.t.db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(events.map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual([
      'draft→submitted',
      'submitted→returned',
      'returned→resubmitted',
      'resubmitted→approved',
      'approved→locked',
    ]);
    const audits = await f.t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['report.created', 'report.saved', 'report.submit', 'report.return', 'report.resubmit', 'report.approve', 'report.lock']),
    );
    await sealAuditChain(f.t.db);
    expect((await verifyAuditChain(f.t.db)).ok).toBe(true);

    // The standing agency sees the commune counted in completeness, with its evaluation.
    const compilation = (await f.s.standing.request('GET', `/api/report-periods/${f.periodId}/compilation`)).json() as Json;
    const c1 = compilation.units.find((u: Json) => u.unitId === f.units.c1.id);
    expect(c1).toMatchObject({ status: 'approved', totalPoints: '30' });
    const communes = compilation.byLevel.find((l: Json) => l.level === 'commune');
    expect(communes).toMatchObject({ expected: 4, approved: 1, completeness: '25.00' });
    expect(compilation.totals.find((t: Json) => t.code === 'records_total')).toMatchObject({ value: '120', reported: 1 });
  });

  it('applies every action for every role: reporter, district reviewer, outsider, standing agency, unlock role', async () => {
    type Role = 'reporter' | 'reviewer' | 'outsider' | 'standing' | 'board' | 'viewer';
    const expectations: { action: string; from: Parameters<typeof reportIn>[0]; codes: Record<Role, number>; body?: Json }[] = [
      { action: 'submit', from: 'draft', codes: { reporter: 200, reviewer: 403, outsider: 404, standing: 403, board: 403, viewer: 403 } },
      { action: 'return', from: 'submitted', codes: { reporter: 403, reviewer: 200, outsider: 404, standing: 200, board: 200, viewer: 403 }, body: { comment: 'Xem lại' } },
      { action: 'approve', from: 'resubmitted', codes: { reporter: 403, reviewer: 200, outsider: 404, standing: 200, board: 200, viewer: 403 } },
      { action: 'submit', from: 'returned', codes: { reporter: 200, reviewer: 403, outsider: 404, standing: 403, board: 403, viewer: 403 } },
      { action: 'lock', from: 'approved', codes: { reporter: 403, reviewer: 200, outsider: 404, standing: 200, board: 200, viewer: 403 } },
      {
        action: 'unlock',
        from: 'locked',
        codes: { reporter: 403, reviewer: 403, outsider: 404, standing: 403, board: 200, viewer: 403 },
        body: { reason: 'Sai số liệu quý I, cần sửa' },
      },
      { action: 'unlock', from: 'approved', codes: { reporter: 403, reviewer: 403, outsider: 404, standing: 403, board: 200, viewer: 403 }, body: { reason: 'Sai số liệu' } },
    ];
    for (const e of expectations) {
      for (const role of Object.keys(e.codes) as Role[]) {
        const report = await reportIn(e.from);
        const before = await count(reportEvents);
        const r = await f.s[role].request('POST', `/api/reports/${report.id}/${e.action}`, { rowVersion: report.rowVersion, ...(e.body ?? {}) });
        expect(r.statusCode, `${role} ${e.action} from ${e.from}: ${r.body}`).toBe(e.codes[role]);
        expect(await count(reportEvents)).toBe(before + (r.statusCode === 200 ? 1 : 0));
        if (e.codes[role] === 404) expect(r.body).not.toContain(f.units.c1.name);
      }
    }
  }, 600_000);

  it('refuses transitions the workflow does not allow, and unlock without a reason', async () => {
    const draft = await reportIn('draft');
    const r = await f.s.reviewer.request('POST', `/api/reports/${draft.id}/approve`, { rowVersion: draft.rowVersion });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('transition_not_allowed');
    const approved = await reportIn('approved');
    const noReason = await f.s.board.request('POST', `/api/reports/${approved.id}/unlock`, { rowVersion: approved.rowVersion });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    const noComment = await f.s.reviewer.request('POST', `/api/reports/${(await reportIn('submitted')).id}/return`, { rowVersion: 99 });
    expect(noComment.statusCode).toBe(400);
  });

  it('sends a commune with no district on the period date (after 1 July 2025) to the standing agency', async () => {
    const { id, rowVersion } = await reportIn('submitted', 'c4');
    const report = (await f.s.c4reporter.request('GET', `/api/reports/${id}`)).json() as Json;
    expect(report.reviewerUnitId).toBeNull();
    const queue = (await f.s.standing.request('GET', '/api/reports?toReview=true')).json() as Json[];
    expect(queue.map((r) => r.id)).toContain(id);
    expect(queue.every((r) => r.reviewerUnitId === null)).toBe(true);
    expect((await f.s.reviewer.request('POST', `/api/reports/${id}/approve`, { rowVersion })).statusCode).toBe(404);
    const approved = await f.s.standing.request('POST', `/api/reports/${id}/approve`, { rowVersion });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('answers a stale save with 409 naming the fields changed since, and writes nothing', async () => {
    const { id, rowVersion } = await reportIn('draft');
    // Two editors load the same version.
    const first = await f.s.reporter.request('PUT', `/api/reports/${id}`, {
      rowVersion,
      values: { records_total: '130' },
      narratives: { chinh_quyen_so: 'Bản của người thứ nhất' },
    });
    expect(first.statusCode).toBe(200);
    const before = (await f.t.db.select().from(reports).where(eq(reports.id, id)))[0]!;
    const second = await f.s.reporter2.request('PUT', `/api/reports/${id}`, { rowVersion, values: { records_secret: '25' } });
    expect(second.statusCode).toBe(409);
    const error = second.json().error;
    expect(error.code).toBe('conflict');
    expect(error.details).toEqual([
      { path: 'narratives.chinh_quyen_so', message: expect.stringContaining('Bản của người thứ nhất') },
      { path: 'values.records_total', message: 'Đã được sửa từ 120 thành 130' },
    ]);
    const after = (await f.t.db.select().from(reports).where(eq(reports.id, id)))[0]!;
    expect(after).toEqual(before);
    // Reloaded, the second editor's save goes through.
    const retry = await f.s.reporter2.request('PUT', `/api/reports/${id}`, { rowVersion: before.rowVersion, values: { records_secret: '25' } });
    expect(retry.statusCode).toBe(200);
  });

  it('makes a retried submit idempotent: same Idempotency-Key → the same answer, one transition', async () => {
    const { id, rowVersion } = await reportIn('draft');
    const events = await count(reportEvents);
    const audits = await count(auditLog);
    const headers = { 'idempotency-key': `submit-${randomUUID()}` };
    const a = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion }, headers);
    const b = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion }, headers);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    // Without a key, a retry carrying the rowVersion it was applied from also gets the report, not a second submit.
    const c = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion });
    expect(c.statusCode).toBe(200);
    expect(c.json().status).toBe('submitted');
    expect(await count(reportEvents)).toBe(events + 1);
    expect(await count(auditLog)).toBe(audits + 1);
    // Concurrent duplicates, too.
    const d = await reportIn('draft');
    const key = { 'idempotency-key': `submit-${randomUUID()}` };
    const both = await Promise.all([1, 2].map(() => f.s.reporter.request('POST', `/api/reports/${d.id}/submit`, { rowVersion: d.rowVersion }, key)));
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await f.t.db.select().from(reportEvents).where(eq(reportEvents.reportId, d.id))).length).toBe(1);
  });

  it('checks numerator ≤ denominator and exclusions ≤ totals on save', async () => {
    const { id, rowVersion } = await reportIn('draft');
    const r = await f.s.reporter.request('PUT', `/api/reports/${id}`, { rowVersion, values: { records_online: '101', documents_secret: '501' } });
    expect(r.statusCode).toBe(400);
    const details = r.json().error.details as Json[];
    expect(details.map((d) => d.path).sort()).toEqual(['body.values.documents_electronic', 'body.values.documents_secret', 'body.values.records_online']);
    expect(details.find((d) => d.path === 'body.values.records_online')!.message).toContain('không được lớn hơn mẫu số');
    const types = await f.s.reporter.request('PUT', `/api/reports/${id}`, { rowVersion, values: { records_total: '12.5', unknown_field: '1' } });
    expect(
      types
        .json()
        .error.details.map((d: Json) => d.path)
        .sort(),
    ).toEqual(['body.values.records_total', 'body.values.unknown_field']);
  });

  it('warns about a value far from the unit history (≥ 4 earlier periods) and needs a comment before submitting', async () => {
    // Four earlier approved quarters of C1 in the same regime.
    const history = ['118', '121', '119', '125'];
    for (const [i, total] of history.entries()) {
      const end = addDays(todayInVietnam(), -400 + i * 90);
      const pid = randomUUID();
      await f.t.db.insert(reportPeriods).values({
        id: pid,
        tenantId: f.t.tenantId,
        regimeId: f.regimeId,
        code: `H${i}-${pid.slice(0, 4)}`,
        label: `Quý lịch sử ${i + 1}`,
        kind: 'custom',
        startDate: addDays(end, -89),
        endDate: end,
        opensOn: end,
        dueDate: end,
        closesOn: end,
        locksOn: addDays(end, 1),
        status: 'locked',
        criteriaSetVersionId: f.frozenVersionId,
      });
      await f.t.db.insert(reports).values({
        id: randomUUID(),
        tenantId: f.t.tenantId,
        periodId: pid,
        unitId: f.units.c1.id,
        criteriaSetVersionId: f.frozenVersionId,
        level: 'commune',
        status: 'locked',
        values: { ...goodCommuneValues, records_total: total },
      });
    }
    const { id, rowVersion } = await reportIn('draft');
    const saved = await f.s.reporter.request('PUT', `/api/reports/${id}`, { rowVersion, values: { records_total: '1200' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const form = (await f.s.reporter.request('GET', `/api/reports/${id}/form`)).json() as Json;
    const total = form.areas.flatMap((a: Json) => a.elements).find((e: Json) => e.code === 'records_total');
    expect(total.previousValue).toBe('125');
    expect(total.warning.message).toContain('khác xa');
    expect(form.submitErrors.map((e: Json) => e.path)).toContain('warningComments.records_total');
    const refused = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion: saved.json().rowVersion });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.map((d: Json) => d.path)).toEqual(['warningComments.records_total']);
    const explained = await f.s.reporter.request('PUT', `/api/reports/${id}`, {
      rowVersion: saved.json().rowVersion,
      warningComments: { records_total: 'Sáp nhập thêm bộ phận một cửa, số hồ sơ tăng' },
    });
    const ok = await f.s.reporter.request('POST', `/api/reports/${id}/submit`, { rowVersion: explained.json().rowVersion });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('lets a district close its compilation only when every commune is approved or marked missing', async () => {
    const periodId = await createOpenPeriod(f.s.standing, f.regimeId, 'DONG-1', 'Kỳ đóng tổng hợp', { dueIn: -3 });
    const view = (await f.s.reviewer.request('GET', `/api/report-periods/${periodId}/compilation?unitId=${f.units.d1.id}`)).json() as Json;
    expect(view.units.map((u: Json) => [u.name, u.status])).toEqual([
      ['Xã Đông Thử', 'late'],
      ['Xã Tây Thử', 'late'],
    ]);
    expect(view.canClose).toBe(true);
    const opened = await openReportFor(f.s.reporter, periodId, f.units.c1.id);
    const rv = await fillCommuneReport(f.s.reporter, opened.id, opened.rowVersion);
    const sub = await f.s.reporter.request('POST', `/api/reports/${opened.id}/submit`, { rowVersion: rv });
    expect(sub.json().timeliness).toBe('late');
    const refused = await f.s.reviewer.request('POST', `/api/report-periods/${periodId}/compilations/${f.units.d1.id}/close`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.map((d: Json) => d.message)).toEqual(['Xã Đông Thử: Đã nộp, chờ duyệt', 'Xã Tây Thử: Quá hạn, chưa nộp']);
    await f.s.reviewer.request('POST', `/api/reports/${opened.id}/approve`, { rowVersion: sub.json().rowVersion });
    expect((await f.s.outsider.request('POST', `/api/report-periods/${periodId}/missing`, { unitId: f.units.c2.id, reason: 'Xã đang sáp nhập' })).statusCode).toBe(404);
    const marked = await f.s.reviewer.request('POST', `/api/report-periods/${periodId}/missing`, { unitId: f.units.c2.id, reason: 'Xã đang sáp nhập, không có cán bộ' });
    expect(marked.statusCode, marked.body).toBe(200);
    const closed = await f.s.reviewer.request('POST', `/api/report-periods/${periodId}/compilations/${f.units.d1.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().compilation.status).toBe('closed');
    expect(closed.json().units.map((u: Json) => u.status)).toEqual(['approved', 'missing']);
    expect(closed.json().byLevel[0]).toMatchObject({ level: 'commune', expected: 2, approved: 1, missing: 1, onTime: 0, late: 1, completeness: '50.00' });
  });
});

describe('access', () => {
  it('declares access on every report route and answers 401 to anonymous callers', async () => {
    const mine = f.t.routes.filter((r) => /^\/api\/(reports|report-|evidence)/.test(r.url));
    expect(mine.length).toBeGreaterThanOrEqual(24);
    for (const r of mine) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    const id = randomUUID();
    for (const r of mine) {
      const url = r.url.replace(/:id|:unitId|:evidenceId/g, id);
      const res = await f.t.anonymous(r.method as 'GET', url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
    }
  });

  it('hides another district’s reports from sibling users and lists only reports in scope', async () => {
    const { id } = await reportIn('submitted');
    for (const url of [`/api/reports/${id}`, `/api/reports/${id}/form`]) {
      const r = await f.s.outsider.request('GET', url);
      expect(r.statusCode, url).toBe(404);
    }
    expect((await f.s.outsider.request('PUT', `/api/reports/${id}`, { rowVersion: 1, values: {} })).statusCode).toBe(404);
    expect(
      (
        await f.s.outsider.request('POST', `/api/reports/${id}/evidence`, {
          criterionCode: 'van_ban_dien_tu',
          documentNumber: '1',
          documentDate: '2024-01-01',
          issuer: 'x',
          summary: 'y',
        })
      ).statusCode,
    ).toBe(404);
    expect((await f.s.outsider.request('POST', '/api/reports', { periodId: f.periodId, unitId: f.units.c1.id })).statusCode).toBe(404);
    expect((await f.s.outsider.request('GET', `/api/report-periods/${f.periodId}/compilation?unitId=${f.units.d1.id}`)).statusCode).toBe(404);
    expect((await f.s.outsider.request('GET', `/api/report-periods/${f.periodId}/compilation`)).statusCode).toBe(404);
    expect((await f.s.outsider.request('GET', `/api/report-periods/${f.periodId}/template.xlsx?unitId=${f.units.d1.id}`)).statusCode).toBe(404);
    const list = (await f.s.outsider.request('GET', '/api/reports')).json() as Json[];
    expect(list.every((r) => r.unitId === f.units.c3.id)).toBe(true);
    const reviewerQueue = (await f.s.reviewer.request('GET', '/api/reports?toReview=true')).json() as Json[];
    expect(reviewerQueue.map((r) => r.id)).toContain(id);
    expect(reviewerQueue.every((r) => r.reviewerUnitId === f.units.d1.id)).toBe(true);
  });
});
