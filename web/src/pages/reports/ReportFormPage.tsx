import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Input, List, Radio, Space, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { FullPageSpinner } from '../../components/FullPageSpinner';
import { isApiError, api } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useReportForm, useReportMutations, type Report, type ReportForm, type ReportFormElement } from '../../api/reports';
import { ReportStatusTag } from './ReportStatusTag';
import { EvidencePanel } from './EvidencePanel';
import { useReportStrings } from './strings';
import './reports.css';

type Value = string | boolean | null;

function showValue(value: Value, yes: string, no: string): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  return value;
}

export default function ReportFormPage() {
  const { id = '' } = useParams();
  const query = useReportForm(id);
  const [nonce, setNonce] = useState(0);
  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <FullPageSpinner />;
  // Local edits survive refetches (an evidence upload, a save); "load the latest" after a conflict starts afresh.
  return <ReportFormView key={`${id}-${nonce}`} form={query.data} onReload={() => void query.refetch().then(() => setNonce((n) => n + 1))} />;
}

function ReportFormView({ form, onReload }: { form: ReportForm; onReload: () => void }) {
  const rt = useReportStrings();
  const me = useSession();
  const { message } = App.useApp();
  const report = form.report;
  const m = useReportMutations(report.id, me.csrfToken);
  const [values, setValues] = useState<Record<string, Value>>(report.values);
  const [narratives, setNarratives] = useState<Record<string, string>>(Object.fromEntries(form.areas.map((a) => [a.code, a.narrative])));
  const [warningComments, setWarningComments] = useState<Record<string, string>>(report.warningComments);
  const [fieldComments, setFieldComments] = useState<Record<string, string>>({});
  const [reviewComment, setReviewComment] = useState('');
  const [conflict, setConflict] = useState<string[] | null>(null);
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const idempotencyKey = useRef<string | null>(null);
  const editable = report.abilities.canEdit;
  const reviewing = report.abilities.canReturn || report.abilities.canApprove;
  const names = useMemo(() => new Map(form.areas.flatMap((a) => a.elements.map((e) => [e.code, e.name] as const))), [form]);

  const changes = useMemo(() => {
    const v: Record<string, Value> = {};
    for (const [code, value] of Object.entries(values)) if (value !== (report.values[code] ?? null)) v[code] = value;
    const n: Record<string, string> = {};
    for (const area of form.areas) if ((narratives[area.code] ?? '') !== area.narrative) n[area.code] = narratives[area.code] ?? '';
    const w: Record<string, string> = {};
    for (const [code, text] of Object.entries(warningComments)) if (text !== (report.warningComments[code] ?? '')) w[code] = text;
    return { values: v, narratives: n, warningComments: w, dirty: Object.keys(v).length + Object.keys(n).length + Object.keys(w).length > 0 };
  }, [values, narratives, warningComments, report, form.areas]);

  async function explainConflict() {
    try {
      const latest = await api.get<Report>(`/api/reports/${report.id}`);
      const changed = new Set<string>();
      for (const code of new Set([...Object.keys(latest.values), ...Object.keys(report.values)]))
        if ((latest.values[code] ?? null) !== (report.values[code] ?? null)) changed.add(names.get(code) ?? code);
      for (const code of new Set([...Object.keys(latest.narratives), ...Object.keys(report.narratives)]))
        if ((latest.narratives[code] ?? '') !== (report.narratives[code] ?? ''))
          changed.add(rt('form.narrative', { area: form.areas.find((a) => a.code === code)?.title ?? code }));
      if (latest.status !== report.status) changed.add(`${rt('list.status')}: ${rt(`status.${latest.status}` as never)}`);
      setConflict([...changed]);
    } catch {
      setConflict([]);
    }
  }

  function fail(error: unknown) {
    if (isApiError(error, 409)) {
      void explainConflict();
      return;
    }
    if (isApiError(error)) setProblems(error.details.filter((d) => d.message));
    message.error(error instanceof Error ? error.message : String(error));
  }

  async function save(): Promise<Report | null> {
    setProblems([]);
    try {
      const saved = await m.save.mutateAsync({ rowVersion: report.rowVersion, values: changes.values, narratives: changes.narratives, warningComments: changes.warningComments });
      message.success(rt('form.saved'));
      return saved;
    } catch (error) {
      fail(error);
      return null;
    }
  }

  async function submit() {
    setProblems([]);
    let rowVersion = report.rowVersion;
    if (changes.dirty) {
      try {
        rowVersion = (await m.save.mutateAsync({ rowVersion, values: changes.values, narratives: changes.narratives, warningComments: changes.warningComments })).rowVersion;
      } catch (error) {
        fail(error);
        return;
      }
    }
    idempotencyKey.current ??= crypto.randomUUID();
    try {
      await m.transition.mutateAsync({ action: 'submit', body: { rowVersion }, idempotencyKey: idempotencyKey.current });
      idempotencyKey.current = null;
      message.success(rt('form.submitted'));
    } catch (error) {
      fail(error);
    }
  }

  async function review(action: 'return' | 'approve') {
    setProblems([]);
    const comments = Object.fromEntries(Object.entries(fieldComments).filter(([, text]) => text.trim()));
    try {
      await m.transition.mutateAsync({
        action,
        body:
          action === 'return'
            ? { rowVersion: report.rowVersion, comment: reviewComment, fieldComments: comments }
            : { rowVersion: report.rowVersion, ...(reviewComment.trim() ? { comment: reviewComment } : {}) },
      });
      message.success(rt(action === 'return' ? 'review.returned' : 'review.approved'));
    } catch (error) {
      fail(error);
    }
  }

  const reviewField = (path: string, label: string) =>
    report.abilities.canReturn ? (
      <div className="report-review-field">
        <label htmlFor={`review-${path}`}>{rt('review.fieldComment', { field: label })}</label>
        <Input id={`review-${path}`} value={fieldComments[path] ?? ''} onChange={(e) => setFieldComments({ ...fieldComments, [path]: e.target.value })} />
      </div>
    ) : null;

  function renderElement(element: ReportFormElement) {
    const inputId = `value-${element.code}`;
    const value = values[element.code] ?? null;
    const label = element.unitOfMeasure ? `${element.name} (${element.unitOfMeasure})` : element.name;
    return (
      <div className="report-field" key={element.code}>
        <div className="report-field-main">
          {element.valueType === 'boolean' ? (
            <>
              <span id={`${inputId}-label`} className="report-label">
                {label}
              </span>
              <Radio.Group
                aria-labelledby={`${inputId}-label`}
                disabled={!editable}
                value={value === null ? undefined : value}
                onChange={(e) => setValues({ ...values, [element.code]: e.target.value as boolean })}
                options={[
                  { value: true, label: rt('form.yes') },
                  { value: false, label: rt('form.no') },
                ]}
              />
            </>
          ) : (
            <>
              <label htmlFor={inputId} className="report-label">
                {label}
              </label>
              <Input
                id={inputId}
                disabled={!editable}
                inputMode={element.valueType === 'text' ? 'text' : 'decimal'}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => setValues({ ...values, [element.code]: e.target.value === '' ? null : e.target.value })}
                style={{ maxWidth: 240 }}
              />
            </>
          )}
          {element.help ? (
            <Typography.Text type="secondary" className="report-help">
              {element.help}
            </Typography.Text>
          ) : null}
          {element.errors.map((e) => (
            <Typography.Text key={e.code + e.path} type="danger" className="report-help">
              {e.message}
            </Typography.Text>
          ))}
          {element.warning ? (
            <div className="report-warning">
              <Alert type="warning" showIcon title={element.warning.message} />
              <label htmlFor={`warn-${element.code}`}>{rt('form.warningComment')}</label>
              <Input.TextArea
                id={`warn-${element.code}`}
                disabled={!editable}
                rows={2}
                value={warningComments[element.code] ?? ''}
                onChange={(e) => setWarningComments({ ...warningComments, [element.code]: e.target.value })}
              />
            </div>
          ) : null}
          {reviewField(`values.${element.code}`, element.name)}
        </div>
        <div className="report-field-side">
          <Typography.Text type="secondary">
            {element.previousPeriodLabel
              ? rt('form.previous', { period: element.previousPeriodLabel, value: showValue(element.previousValue, rt('form.yes'), rt('form.no')) })
              : rt('form.noPrevious')}
          </Typography.Text>
          {element.returnComment ? (
            <Typography.Text type="danger" strong role="note">
              {rt('form.fieldReturn', { comment: element.returnComment })}
            </Typography.Text>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <>
      <PageHeader
        title={rt('form.title', { period: report.periodLabel, unit: report.unitName })}
        breadcrumb={<Link to={`/bao-cao?ky=${report.periodId}`}>← {rt('form.back')}</Link>}
        tags={<ReportStatusTag status={report.status} timeliness={report.timeliness} />}
        intro={`${rt('form.due', { date: formatDate(report.dueDate) })} · ${report.reviewerUnitName ? rt('form.reviewer', { name: report.reviewerUnitName }) : rt('form.reviewerAgency')}`}
      />
      {conflict ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          className="report-block"
          title={rt('form.conflict')}
          description={
            <ul>
              {conflict.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          }
          action={<Button onClick={onReload}>{rt('form.conflictReload')}</Button>}
        />
      ) : null}
      {form.returnComment ? <Alert type="error" showIcon className="report-block" title={rt('form.returnComment')} description={form.returnComment} /> : null}
      {!editable && !reviewing ? <Alert type="info" showIcon className="report-block" title={rt('form.readOnly')} /> : null}
      {problems.length > 0 ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          className="report-block"
          title={
            <ul>
              {problems.map((p) => (
                <li key={p.path + p.message}>{p.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}

      {form.areas.map((area) => (
        <Card
          key={area.code}
          className="report-block"
          title={
            <Typography.Title level={2} className="report-area-title">
              {area.title}
            </Typography.Title>
          }
        >
          {area.elements.map(renderElement)}
          <div className="report-field">
            <div className="report-field-main">
              <label htmlFor={`narrative-${area.code}`} className="report-label">
                {rt('form.narrative', { area: area.title })}
              </label>
              <Input.TextArea
                id={`narrative-${area.code}`}
                disabled={!editable}
                rows={3}
                value={narratives[area.code] ?? ''}
                onChange={(e) => setNarratives({ ...narratives, [area.code]: e.target.value })}
              />
              {reviewField(`narratives.${area.code}`, rt('form.narrative', { area: area.title }))}
            </div>
            <div className="report-field-side">
              {area.narrativeReturnComment ? (
                <Typography.Text type="danger" strong role="note">
                  {rt('form.fieldReturn', { comment: area.narrativeReturnComment })}
                </Typography.Text>
              ) : null}
            </div>
          </div>
          {area.criteria.length > 0 ? (
            <>
              <Typography.Title level={3} className="report-sub-title">
                {rt('form.criteria')}
              </Typography.Title>
              {area.criteria.map((criterion) => (
                <EvidencePanel
                  key={criterion.code}
                  criterion={criterion}
                  editable={editable}
                  mutations={m}
                  reviewField={reviewField(`evidence.${criterion.code}`, criterion.title)}
                />
              ))}
            </>
          ) : null}
        </Card>
      ))}

      {editable ? (
        <Card className="report-block">
          <Space wrap>
            <Button onClick={save} loading={m.save.isPending} disabled={!changes.dirty}>
              {rt('form.save')}
            </Button>
            <Button type="primary" onClick={submit} loading={m.transition.isPending} disabled={!report.abilities.canSubmit && !changes.dirty}>
              {rt('form.submit')}
            </Button>
          </Space>
          {form.submitErrors.length > 0 ? (
            <Alert
              className="report-block"
              type="warning"
              showIcon
              title={rt('form.submitErrors', { count: form.submitErrors.length })}
              description={
                <ul>
                  {form.submitErrors.map((e) => (
                    <li key={e.path + e.code}>{e.message}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </Card>
      ) : null}

      {reviewing ? (
        <Card
          className="report-block"
          title={
            <Typography.Title level={2} className="report-area-title">
              {rt('review.title')}
            </Typography.Title>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <label htmlFor="review-comment">{rt('review.comment')}</label>
            <Input.TextArea id="review-comment" rows={3} value={reviewComment} onChange={(e) => setReviewComment(e.target.value)} />
            <Space>
              {report.abilities.canReturn ? (
                <Button danger onClick={() => review('return')} disabled={!reviewComment.trim()} loading={m.transition.isPending}>
                  {rt('review.return')}
                </Button>
              ) : null}
              {report.abilities.canApprove ? (
                <Button type="primary" onClick={() => review('approve')} loading={m.transition.isPending}>
                  {rt('review.approve')}
                </Button>
              ) : null}
            </Space>
          </Space>
        </Card>
      ) : null}

      {form.events.length > 0 ? (
        <Card
          className="report-block"
          title={
            <Typography.Title level={2} className="report-area-title">
              {rt('form.events')}
            </Typography.Title>
          }
        >
          <List
            size="small"
            dataSource={form.events}
            renderItem={(e) => (
              <List.Item>
                {formatDateTime(e.at)} · {e.actorName ?? ''} · {rt(`status.${e.fromStatus}` as never)} → {rt(`status.${e.toStatus}` as never)}
                {e.comment ? ` · ${e.comment}` : ''}
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </>
  );
}
