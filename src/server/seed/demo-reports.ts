import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../core/dates.js';
import { scheduledStatus } from '../../core/reports/periods.js';
import { scoreUnit } from '../../core/scoring/index.js';
import type { Tx } from '../db/client.js';
import { criteriaEvaluations, criteriaSets, movements, reportEvents, reportEvidence, reportPeriods, reportRevisions, reports } from '../db/schema/index.js';
import { insertPeriods, insertRegime } from '../modules/report-regimes/report-regimes.service.js';
import type { PeriodRow } from '../modules/report-regimes/report-regimes.repository.js';
import { loadOrgTree } from '../modules/units/org-on-date.js';
import { loadCriteriaDefinition } from '../modules/criteria/criteria-definitions.js';

/** Code of the KH 3125 movement in its package (packages/kh-3125-2021.json). */
export const KH3125_MOVEMENT_CODE = 'cds-2021-2025';

export type DemoReportsSummary = { regimes: number; periods: number; reports: number };

/**
 * Demo reporting (labelled demo): a quarterly and a yearly regime of KH 3125, the quarters of 2024 and the years
 * 2023–2024, invented figures for Nam Sách's communes in 2024 (Q1–Q3 approved and locked with their evaluations;
 * Q4 a mix of locked, draft and not started, so compilation shows late units), and one catch-up period open from the
 * seed day whose data cut-off (15/3–14/6/2025) still has districts, for trying the whole journey. Skipped (null)
 * when the KH 3125 package or Nam Sách is not there.
 */
export async function seedDemoReports(tx: Tx, tenantId: string, namSachId: string | undefined, today = todayInVietnam()): Promise<DemoReportsSummary | null> {
  const [found] = await tx
    .select({ setId: criteriaSets.id })
    .from(criteriaSets)
    .innerJoin(movements, eq(movements.id, criteriaSets.movementId))
    .where(and(eq(movements.tenantId, tenantId), eq(movements.code, KH3125_MOVEMENT_CODE)));
  if (!found || !namSachId) return null;
  const ctx = { actor: null, requestId: 'seed', actorName: 'seed' };
  const common = {
    content: 'Kết quả thực hiện các tiêu chí thi đua của Kế hoạch 3125/KH-UBND: số liệu theo từng chỉ tiêu, thuyết minh theo nội dung thi đua và minh chứng',
    criteriaSetId: found.setId,
    reportingLevels: ['commune', 'district', 'department'] as ('commune' | 'district' | 'department')[],
    receivingUnitName: 'Sở Thông tin và Truyền thông (từ 01/3/2025: Sở Khoa học và Công nghệ), cơ quan thường trực',
    cutoffRule: 'decree_09' as const,
    method: 'Báo cáo trên hệ thống Thi Đua Số, kèm minh chứng; xã gửi huyện duyệt, huyện và sở gửi cơ quan thường trực',
  };
  const quarterly = await insertRegime(
    tx,
    ctx,
    tenantId,
    { ...common, code: 'kh3125_bao_cao_quy_demo', name: 'Báo cáo quý kết quả phong trào thi đua Chuyển đổi số (demo)', frequency: 'quarter' },
    { isDemo: true },
  );
  const yearly = await insertRegime(
    tx,
    ctx,
    tenantId,
    { ...common, code: 'kh3125_bao_cao_nam_demo', name: 'Báo cáo năm kết quả phong trào thi đua Chuyển đổi số (demo)', frequency: 'year' },
    { isDemo: true },
  );
  const quarters = await insertPeriods(tx, ctx, quarterly, { year: 2024 }, { isDemo: true });
  const years = [...(await insertPeriods(tx, ctx, yearly, { year: 2023 }, { isDemo: true })), ...(await insertPeriods(tx, ctx, yearly, { year: 2024 }, { isDemo: true }))];
  await insertPeriods(
    tx,
    ctx,
    quarterly,
    {
      custom: {
        code: '2025-Q2-BS',
        label: 'Quý II/2025 (kỳ bổ sung, demo)',
        startDate: '2025-03-15',
        endDate: '2025-06-14',
        opensOn: today,
        dueDate: addDays(today, 30),
        closesOn: addDays(today, 60),
        locksOn: addDays(today, 365),
      },
    },
    { isDemo: true },
  );
  // Periods long past are recorded as locked directly: no inbox items for obligations that ended years ago.
  const past = [...quarters, ...years].filter((p) => scheduledStatus(p, today) === 'locked');
  if (past.length > 0) {
    await tx
      .update(reportPeriods)
      .set({ status: 'locked', openedAt: new Date(), closedAt: new Date(), lockedAt: new Date() })
      .where(
        inArray(
          reportPeriods.id,
          past.map((p) => p.id),
        ),
      );
  }

  const { set, compiled } = await loadCriteriaDefinition(tx, quarters[0]!.criteriaSetVersionId);
  let count = 0;
  for (const [q, period] of quarters.entries()) {
    const tree = await loadOrgTree(tx, tenantId, period.endDate);
    const communes = (tree.children.get(namSachId) ?? []).filter((u) => u.level === 'commune').sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
    for (const [i, unit] of communes.entries()) {
      // Q4: one in four not started, one in four left as a draft.
      const kind = q < 3 ? 'locked' : i % 4 === 0 ? 'none' : i % 4 === 1 ? 'draft' : 'locked';
      if (kind === 'none') continue;
      const values = demoValues(i, q);
      await insertDemoReport(tx, {
        tenantId,
        period,
        unitId: unit.id,
        reviewerUnitId: namSachId,
        values,
        locked: kind === 'locked',
        scored: kind === 'locked' ? scoreUnit({ set: compiled, level: 'commune', values }) : null,
        criteria: set.criteria.filter((c) => c.levels.includes('commune') && c.kind === 'ratio').map((c) => c.code),
      });
      count++;
    }
  }
  return { regimes: 2, periods: quarters.length + years.length + 1, reports: count };
}

/** Invented but consistent figures (numerator ≤ denominator, exclusions ≤ totals), varying by commune and quarter. */
function demoValues(i: number, q: number): Record<string, string> {
  const total = 80 + ((i * 7) % 40) + q * 3;
  const secret = i % 3;
  const online = Math.min(total - secret, Math.floor((total - secret) * (0.5 + (i % 5) * 0.1)));
  const docs = 300 + ((i * 11) % 200) + q * 10;
  const docsSecret = i % 4;
  const electronic = docs - docsSecret - (i % 3 === 0 ? 2 : 0);
  return {
    records_total: String(total),
    records_secret: String(secret),
    records_online: String(online),
    documents_total: String(docs),
    documents_secret: String(docsSecret),
    documents_electronic: String(electronic),
    socio_economic_reports_total: '12',
    socio_economic_reports_on_system: String(i % 4 === 0 ? 11 : 12),
  };
}

async function insertDemoReport(
  tx: Tx,
  input: {
    tenantId: string;
    period: PeriodRow;
    unitId: string;
    reviewerUnitId: string;
    values: Record<string, string>;
    locked: boolean;
    scored: ReturnType<typeof scoreUnit> | null;
    criteria: string[];
  },
) {
  const id = randomUUID();
  const submittedAt = new Date(`${addDays(input.period.dueDate, -2)}T02:00:00Z`);
  let evaluationId: string | null = null;
  if (input.scored) {
    evaluationId = randomUUID();
    await tx.insert(criteriaEvaluations).values({
      id: evaluationId,
      tenantId: input.tenantId,
      criteriaSetVersionId: input.period.criteriaSetVersionId,
      unitId: input.unitId,
      periodLabel: input.period.label,
      level: 'commune',
      input: { values: input.values, judgements: {}, reportId: id, periodId: input.period.id, demo: true },
      result: input.scored,
      evaluatedAt: submittedAt,
    });
  }
  await tx.insert(reports).values({
    id,
    tenantId: input.tenantId,
    periodId: input.period.id,
    unitId: input.unitId,
    criteriaSetVersionId: input.period.criteriaSetVersionId,
    level: 'commune',
    reviewerUnitId: input.reviewerUnitId,
    status: input.locked ? 'locked' : 'draft',
    values: input.values,
    narratives: { chinh_quyen_so: 'Số liệu minh hoạ (demo), không phải số liệu thật của đơn vị.' },
    firstSubmittedAt: input.locked ? submittedAt : null,
    submittedAt: input.locked ? submittedAt : null,
    approvedAt: input.locked ? submittedAt : null,
    lockedAt: input.locked ? submittedAt : null,
    evaluationId,
    isDemo: true,
    rowVersion: input.locked ? 4 : 1,
  });
  await tx.insert(reportRevisions).values({ reportId: id, rowVersion: input.locked ? 4 : 1, values: input.values, narratives: {} });
  if (input.locked) {
    await tx.insert(reportEvents).values([
      {
        id: randomUUID(),
        tenantId: input.tenantId,
        reportId: id,
        action: 'submit',
        fromStatus: 'draft',
        toStatus: 'submitted',
        fromRowVersion: 1,
        comment: null,
        actorName: 'seed (demo)',
        at: submittedAt,
      },
      {
        id: randomUUID(),
        tenantId: input.tenantId,
        reportId: id,
        action: 'approve',
        fromStatus: 'submitted',
        toStatus: 'approved',
        fromRowVersion: 2,
        comment: null,
        actorName: 'seed (demo)',
        at: submittedAt,
      },
      {
        id: randomUUID(),
        tenantId: input.tenantId,
        reportId: id,
        action: 'lock',
        fromStatus: 'approved',
        toStatus: 'locked',
        fromRowVersion: 3,
        comment: null,
        actorName: 'seed (demo)',
        at: submittedAt,
      },
    ]);
    await tx.insert(reportEvidence).values(
      input.criteria.map((criterionCode) => ({
        id: randomUUID(),
        tenantId: input.tenantId,
        reportId: id,
        criterionCode,
        documentNumber: 'Demo/BC-UBND',
        documentDate: addDays(input.period.endDate, 1),
        issuer: 'UBND xã (demo)',
        summary: 'Văn bản minh hoạ (demo)',
      })),
    );
  }
}
