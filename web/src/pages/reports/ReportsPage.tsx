import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Select, Space, Switch, Table, Tabs, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { useSession, hasAnyPermission } from '../../auth/session';
import { formatDate, formatDateTime } from '../../i18n/format';
import { openReport, usePeriods, useReports, type ReportSummary } from '../../api/reports';
import { ReportStatusTag } from './ReportStatusTag';
import { CompilationPanel } from './CompilationPanel';
import { ExcelPanel } from './ExcelPanel';
import { useReportStrings } from './strings';

export default function ReportsPage() {
  const rt = useReportStrings();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const periods = usePeriods();
  const [toReview, setToReview] = useState(false);
  const [starting, setStarting] = useState(false);

  const sortedPeriods = useMemo(() => [...(periods.data ?? [])].sort((a, b) => b.endDate.localeCompare(a.endDate) || a.regimeName.localeCompare(b.regimeName)), [periods.data]);
  const defaultPeriod = sortedPeriods.find((p) => p.status === 'open') ?? sortedPeriods[0];
  const periodId = params.get('ky') ?? defaultPeriod?.id;
  const period = sortedPeriods.find((p) => p.id === periodId);
  const reports = useReports({ periodId, toReview });
  const tab = params.get('tab') ?? 'list';

  const canSubmit = hasAnyPermission(me, ['report.submit']);
  const canReview = hasAnyPermission(me, ['report.review']);
  const ownUnitId = me.user.unitId;
  const ownMissing = canSubmit && ownUnitId && period?.status === 'open' && reports.data && !reports.data.some((r) => r.unitId === ownUnitId);
  // Province-wide roles (standing agency, emulation board, admin) compile the whole province; others their own unit.
  const provinceWide = me.grants.some((g) => g.unitId === null || ['system_admin', 'standing_agency', 'emulation_board'].includes(g.role));
  const compilationUnit = provinceWide ? undefined : (ownUnitId ?? undefined);

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  }

  async function start() {
    if (!periodId || !ownUnitId) return;
    setStarting(true);
    try {
      const report = await openReport(periodId, ownUnitId);
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
      navigate(`/bao-cao/${report.id}`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setStarting(false);
    }
  }

  const columns = [
    { title: rt('list.unit'), key: 'unit', render: (_: unknown, r: ReportSummary) => <Link to={`/bao-cao/${r.id}`}>{r.unitName}</Link> },
    { title: rt('list.status'), key: 'status', render: (_: unknown, r: ReportSummary) => <ReportStatusTag status={r.status} timeliness={r.timeliness} /> },
    { title: rt('list.due'), key: 'due', render: (_: unknown, r: ReportSummary) => formatDate(r.dueDate) },
    { title: rt('list.submittedAt'), key: 'submitted', render: (_: unknown, r: ReportSummary) => (r.submittedAt ? formatDateTime(r.submittedAt) : rt('common.none')) },
    { title: rt('list.reviewer'), key: 'reviewer', render: (_: unknown, r: ReportSummary) => r.reviewerUnitName ?? rt('form.reviewerAgency') },
  ];

  if (periods.error) return <LoadError error={periods.error} onRetry={() => periods.refetch()} />;

  return (
    <>
      <PageHeader title={rt('list.title')} intro={rt('list.intro')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="report-period">{rt('list.period')}</label>
        <Select
          id="report-period"
          aria-label={rt('list.period')}
          style={{ minWidth: 420 }}
          loading={periods.isLoading}
          value={periodId}
          onChange={(value: string) => setParam('ky', value)}
          options={sortedPeriods.map((p) => ({ value: p.id, label: `${p.label} — ${p.regimeName}` }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key)}
        items={[
          {
            key: 'list',
            label: rt('list.tabReports'),
            children: (
              <Card>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {canReview ? (
                    <Space>
                      <Switch id="to-review" checked={toReview} onChange={setToReview} aria-label={rt('list.toReview')} />
                      <label htmlFor="to-review">{rt('list.toReview')}</label>
                    </Space>
                  ) : null}
                  {ownMissing ? (
                    <Space>
                      <ReportStatusTag status="not_started" />
                      <Button type="primary" loading={starting} onClick={start}>
                        {rt('list.start', { unit: me.user.unitName ?? '' })}
                      </Button>
                    </Space>
                  ) : null}
                  {reports.error ? <LoadError error={reports.error} onRetry={() => reports.refetch()} /> : null}
                  <Table<ReportSummary>
                    rowKey="id"
                    size="middle"
                    loading={reports.isLoading}
                    dataSource={reports.data ?? []}
                    columns={columns}
                    locale={{ emptyText: rt('list.empty') }}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  />
                </Space>
              </Card>
            ),
          },
          {
            key: 'compilation',
            label: rt('list.tabCompilation'),
            children: periodId ? <CompilationPanel periodId={periodId} unitId={compilationUnit} canReview={canReview} /> : null,
          },
          ...(canSubmit && periodId ? [{ key: 'excel', label: rt('list.tabExcel'), children: <ExcelPanel periodId={periodId} unitId={ownUnitId ?? undefined} /> }] : []),
        ]}
      />
      {period ? <Typography.Paragraph type="secondary">{rt('form.due', { date: formatDate(period.dueDate) })}</Typography.Paragraph> : null}
    </>
  );
}
