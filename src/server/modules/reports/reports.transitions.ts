// Reports: the workflow transitions (submit, return, approve, lock, unlock), the hot path of decision 0015.
import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '../../../core/dates.js';
import { addDays } from '../../../core/dates.js';
import { checkReport } from '../../../core/reports/validation.js';
import { nextStatus, type ReportAction, type ReportStatus } from '../../../core/reports/workflow.js';
import { scoreUnit } from '../../../core/scoring/index.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { auditStatement } from '../../audit/audit.js';
import { executeTogether, type Statement } from '../../db/client.js';
import { criteriaEvaluations, reports } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { asLevel, loadCriteriaDefinition } from '../criteria/criteria-definitions.js';
import { closeDueItemsStatement, openDueItemStatement } from '../inbox/inbox.service.js';
import type { PeriodRow, RegimeRow } from '../report-regimes/report-regimes.repository.js';
import { loadReportScopes, reportAbilities, reportPolicy, stateError, stateRefusal } from './reports.policy.js';
import { presentReport } from './reports.presenters.js';
import {
  eventInsertStatement,
  findLastEvent,
  findStandingAgencyUnit,
  findSubmitInputs,
  idempotentInsertStatement,
  lockReportForTransition,
  reportUpdateStatement,
  revisionInsertStatement,
  type ReportRow,
} from './reports.repository.js';
import type { ReportView, TransitionInput } from './reports.schemas.js';
import { evidenceCounts, historyOf, loadVisibleReport, staleError } from './reports.service.js';

const inboxLink = (reportId: string) => `/bao-cao/${reportId}`;

/**
 * Applies a workflow action. The transition, its event, its audit record, the inbox changes and (on approval) the
 * stored evaluation commit together. Idempotent: with an Idempotency-Key the first answer is stored and replayed;
 * without one, a retry carrying the rowVersion the action was applied from gets the current report, not a 409.
 */
export async function transitionReport(ctx: RequestContext, id: string, action: ReportAction, input: TransitionInput, idempotencyKey?: string): Promise<ReportView> {
  const { report: visible, period, regime, names } = await loadVisibleReport(ctx, id);
  const authed = ctx as AuthedContext;
  const actor = authed.actor;
  // Every scope the policy reads, at once: the abilities presented inside the transaction then cost no query.
  await loadReportScopes(authed);
  await authorize(reportPolicy, authed, action, visible);
  if (idempotencyKey !== undefined && !/^[\w.:-]{8,128}$/.test(idempotencyKey)) {
    throw AppError.validation([{ path: 'headers.idempotency-key', message: '', messageKey: 'report.idempotency_key_format' }]);
  }
  const comment = input.comment?.trim() || null;
  const reason = input.reason?.trim() || null;
  if (action === 'return' && !comment && Object.values(input.fieldComments ?? {}).every((c) => !c.trim())) {
    throw AppError.validation([{ path: 'body.comment', message: '', messageKey: 'report.return_comment_required' }], 'report.comment_required');
  }
  if (action === 'unlock' && !reason) throw AppError.validation([{ path: 'body.reason', message: '' }], 'report.reason_required');
  const { set, compiled } = await loadCriteriaDefinition(ctx.db, visible.criteriaSetVersionId);
  const today = todayInVietnam();

  type Outcome = { kind: 'replay'; view: ReportView } | { kind: 'done'; view: ReportView } | { kind: 'current'; row: ReportRow };
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    // The row lock serialises transitions of the report (and its inbox items); the stored response of a retried
    // request is read in the same round trip.
    const locked = await lockReportForTransition(tx, id, idempotencyKey ? { userId: actor.userId, key: idempotencyKey } : null);
    if (!locked) throw AppError.notFound();
    const row = locked.row;
    if (idempotencyKey) {
      const prior = locked.prior;
      if (prior) {
        if (prior.reportId !== id || prior.action !== action)
          throw new AppError('idempotency_key_reused', 422, 'report.idempotency_key_reused', [{ path: 'headers.idempotency-key', message: '' }]);
        return { kind: 'replay', view: prior.response as ReportView };
      }
    }
    if (row.rowVersion !== input.rowVersion) {
      const last = await findLastEvent(tx, id);
      if (last && last.action === action && last.fromRowVersion === input.rowVersion && last.actorUserId === actor.userId) return { kind: 'current', row };
      throw await staleError(tx, row, input.rowVersion);
    }
    const from = row.status as ReportStatus;
    const refusal = stateRefusal(action, from, period);
    if (refusal) throw stateError(refusal, { action, status: from, period, locale: ctx.locale });
    // The state allows the action, so the workflow has a status for it to lead to.
    const to = nextStatus(from, action)!;

    const now = new Date();
    const level = asLevel(row.level);
    const changes: Partial<typeof reports.$inferInsert> = { status: to, rowVersion: row.rowVersion + 1, updatedAt: now, updatedBy: actor.userId };
    let evaluation: { id: string; totalPoints: string; classification: string | null } | null = null;
    switch (action) {
      case 'submit': {
        const { evidence, earlier } = await findSubmitInputs(tx, { reportId: id, regimeId: regime.id, unitId: row.unitId, beforeDate: period.startDate });
        const check = checkReport({
          set,
          level,
          values: row.values,
          evidence: evidenceCounts(evidence),
          warningComments: row.warningComments,
          history: historyOf(earlier),
          forSubmit: true,
        });
        if (check.errors.length > 0) {
          throw new AppError(
            'report_invalid',
            422,
            'report.cannot_submit',
            check.errors.map((e) => ({ path: e.path, message: ctx.locale === 'en' ? e.messageEn : e.message })),
            { count: check.errors.length },
          );
        }
        changes.submittedAt = now;
        changes.firstSubmittedAt = row.firstSubmittedAt ?? now;
        break;
      }
      case 'return': {
        const fieldComments = Object.fromEntries(Object.entries(input.fieldComments ?? {}).filter(([, c]) => c.trim()));
        changes.returnComments = { ...fieldComments, ...(comment ? { report: comment } : {}) };
        break;
      }
      case 'approve': {
        const judgements = { ...row.judgements, ...(input.judgements ?? {}) };
        for (const [code, level_] of Object.entries(input.judgements ?? {})) {
          const c = set.criteria.find((x) => x.code === code);
          if (!c || c.kind !== 'qualitative' || !c.scale.some((s) => s.code === level_)) {
            throw AppError.validation([{ path: `body.judgements.${code}`, message: '', messageKey: 'report.judgement_unknown' }]);
          }
        }
        const result = scoreUnit({ set: compiled, level, values: row.values, judgements });
        const evaluationId = randomUUID();
        await tx.insert(criteriaEvaluations).values({
          id: evaluationId,
          tenantId: row.tenantId,
          criteriaSetVersionId: row.criteriaSetVersionId,
          unitId: row.unitId,
          periodLabel: period.label,
          level,
          input: { values: row.values, judgements, reportId: row.id, periodId: period.id },
          result,
          evaluatedBy: actor.userId,
        });
        evaluation = { id: evaluationId, totalPoints: result.totalPoints, classification: result.classification?.code ?? null };
        changes.judgements = judgements;
        changes.evaluationId = evaluationId;
        changes.approvedAt = now;
        changes.returnComments = {};
        break;
      }
      case 'lock':
        changes.lockedAt = now;
        break;
      case 'unlock':
        changes.returnComments = { report: reason! };
        changes.lockedAt = null;
        changes.approvedAt = null;
        break;
    }
    // The row as the update leaves it (no trigger or default changes these columns), so every write of the transition
    // can go to the database in one statement.
    const next: ReportRow = { ...row, ...changes } as ReportRow;
    const view = presentReport(next, period, names, await reportAbilities(authed, next, period));
    const reviewer = action === 'submit' && !next.reviewerUnitId ? await findStandingAgencyUnit(tx, regime.movementId, today) : next.reviewerUnitId;
    await executeTogether(tx, [
      reportUpdateStatement(id, changes),
      revisionInsertStatement({ reportId: id, rowVersion: next.rowVersion, values: next.values, narratives: next.narratives, savedBy: actor.userId }),
      eventInsertStatement({
        id: randomUUID(),
        tenantId: row.tenantId,
        reportId: id,
        action,
        fromStatus: from,
        toStatus: to,
        fromRowVersion: row.rowVersion,
        comment: comment ?? reason,
        details: { ...(action === 'return' ? { fieldComments: input.fieldComments ?? {} } : {}), ...(evaluation ? { evaluation } : {}) },
        actorUserId: actor.userId,
        actorName: actor.fullName,
      }),
      ...inboxStatements({ row: next, period, regime, reviewer, unitName: names.unitName, action, today }),
      ...(idempotencyKey
        ? [idempotentInsertStatement({ tenantId: row.tenantId, userId: actor.userId, key: idempotencyKey, reportId: id, action, statusCode: 200, response: view })]
        : []),
      auditStatement(ctx, {
        action: `report.${action === 'submit' && from === 'returned' ? 'resubmit' : action}`,
        entityType: 'report',
        entityId: id,
        unitId: row.unitId,
        before: { status: from, rowVersion: row.rowVersion },
        after: {
          status: to,
          rowVersion: next.rowVersion,
          comment: comment ?? reason,
          ...(evaluation ? { evaluation } : {}),
          ...(action === 'return' ? { fieldComments: input.fieldComments ?? {} } : {}),
        },
      }),
    ]);
    return { kind: 'done', view };
  });
  if (outcome.kind !== 'current') return outcome.view;
  return presentReport(outcome.row, period, names, await reportAbilities(authed, outcome.row, period));
}

/**
 * Closes the obligation just met and opens the next one (who must act), as statements sent with the transition's
 * other writes. `reviewer` is the report's reviewing unit, or the standing agency's unit for a report it reviews.
 */
function inboxStatements(input: {
  row: ReportRow;
  period: PeriodRow;
  regime: RegimeRow;
  reviewer: string | null;
  unitName: string;
  action: ReportAction;
  today: string;
}): Statement[] {
  const { row, period, regime, reviewer, action, today } = input;
  const tenantId = row.tenantId;
  const subject = { tenantId, subjectType: 'report', subjectId: row.id };
  switch (action) {
    case 'submit':
      return [
        closeDueItemsStatement({ tenantId, subjectType: 'report_period', subjectId: period.id, unitId: row.unitId, kind: 'report_submit', resolution: 'done' }),
        closeDueItemsStatement({ ...subject, kind: 'report_resubmit', resolution: 'done' }),
        ...(reviewer
          ? [
              openDueItemStatement({
                tenantId,
                unitId: reviewer,
                movementId: regime.movementId,
                kind: 'report_review',
                subjectType: 'report',
                subjectId: row.id,
                title: `Duyệt báo cáo ${period.label} của ${input.unitName}`,
                titleEn: `Review the ${period.code} report of ${input.unitName}`,
                link: inboxLink(row.id),
                dueDate: addDays(today > period.dueDate ? today : period.dueDate, 10),
                details: { reportId: row.id, periodId: period.id },
              }),
            ]
          : []),
      ];
    case 'return':
    case 'unlock':
      return [
        closeDueItemsStatement({ ...subject, kind: 'report_review', resolution: 'done' }),
        openDueItemStatement({
          tenantId,
          unitId: row.unitId,
          movementId: regime.movementId,
          kind: 'report_resubmit',
          subjectType: 'report',
          subjectId: row.id,
          title: `Sửa và nộp lại báo cáo ${period.label} (${action === 'return' ? 'bị trả lại' : 'được mở khoá'})`,
          titleEn: `Fix and resubmit the ${period.code} report (${action === 'return' ? 'returned' : 'unlocked'})`,
          link: inboxLink(row.id),
          dueDate: addDays(today, 7),
          details: { reportId: row.id, periodId: period.id },
        }),
      ];
    case 'approve':
      return [closeDueItemsStatement({ ...subject, kind: 'report_review', resolution: 'done' })];
    case 'lock':
      return [];
  }
}
