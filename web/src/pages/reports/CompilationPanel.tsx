import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Input, Popover, Space, Table, Typography } from 'antd';
import { LoadError } from '../../components/LoadError';
import { formatDateTime } from '../../i18n/format';
import { useCompilation, useMarkMissing, type Compilation } from '../../api/reports';
import { ReportStatusTag } from './ReportStatusTag';
import { useReportStrings } from './strings';
import { foldVietnamese } from '../../../../src/core/text';

type UnitRow = Compilation['units'][number];
type LevelRow = Compilation['byLevel'][number];

function MarkMissing({ periodId, unit }: { periodId: string; unit: UnitRow }) {
  const rt = useReportStrings();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const mark = useMarkMissing(periodId);
  const inputId = `missing-${unit.unitId}`;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Space direction="vertical">
          <label htmlFor={inputId}>{rt('comp.reason')}</label>
          <Input.TextArea id={inputId} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          <Button
            type="primary"
            disabled={reason.trim().length < 5}
            loading={mark.isPending}
            onClick={() =>
              mark.mutate(
                { unitId: unit.unitId, reason },
                {
                  onSuccess: () => {
                    message.success(rt('comp.marked'));
                    setOpen(false);
                  },
                  onError: (e) => message.error(e.message),
                },
              )
            }
          >
            {rt('comp.markMissing')}
          </Button>
        </Space>
      }
    >
      <Button size="small">{rt('comp.markMissing')}</Button>
    </Popover>
  );
}

export function CompilationPanel({ periodId, unitId, canReview }: { periodId: string; unitId?: string; canReview: boolean }) {
  const rt = useReportStrings();
  const query = useCompilation(periodId, unitId);
  // A province has hundreds of units: an accent-insensitive name filter finds one quickly.
  const [filter, setFilter] = useState('');
  const filterId = useId();
  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {rt('comp.byLevel')}
            {data ? `: ${data.unit?.name ?? rt('comp.whole')}` : ''}
          </Typography.Title>
        }
        loading={query.isLoading}
      >
        <Table<LevelRow>
          rowKey="level"
          size="small"
          pagination={false}
          dataSource={data?.byLevel ?? []}
          columns={[
            { title: rt('comp.level'), dataIndex: 'level' },
            { title: rt('comp.expected'), dataIndex: 'expected' },
            { title: rt('comp.submitted'), dataIndex: 'submitted' },
            { title: rt('comp.approved'), dataIndex: 'approved' },
            { title: rt('comp.missing'), dataIndex: 'missing' },
            { title: rt('comp.onTime'), dataIndex: 'onTime' },
            { title: rt('comp.late'), dataIndex: 'late' },
            { title: rt('comp.completeness'), key: 'c', render: (_: unknown, r: LevelRow) => `${r.completeness}%` },
            { title: rt('comp.timeliness'), key: 't', render: (_: unknown, r: LevelRow) => `${r.timeliness}%` },
          ]}
        />
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {rt('comp.units')}
          </Typography.Title>
        }
        loading={query.isLoading}
      >
        <Space style={{ marginBottom: 12 }}>
          <label htmlFor={filterId}>{rt('list.unit')}</label>
          <Input id={filterId} allowClear value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 280 }} placeholder="cam thuong" />
        </Space>
        <Table<UnitRow>
          rowKey="unitId"
          size="small"
          dataSource={(data?.units ?? []).filter((u) => !filter.trim() || foldVietnamese(u.name).includes(foldVietnamese(filter)))}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: rt('list.unit'), key: 'name', render: (_: unknown, u: UnitRow) => (u.reportId ? <Link to={`/bao-cao/${u.reportId}`}>{u.name}</Link> : u.name) },
            { title: rt('comp.unit'), key: 'parent', render: (_: unknown, u: UnitRow) => u.parentName ?? rt('common.none') },
            {
              title: rt('list.status'),
              key: 'status',
              render: (_: unknown, u: UnitRow) => (
                <>
                  <ReportStatusTag status={u.status} />
                  {u.missingReason ? <Typography.Text type="secondary"> {u.missingReason}</Typography.Text> : null}
                </>
              ),
            },
            { title: rt('list.submittedAt'), key: 'sub', render: (_: unknown, u: UnitRow) => (u.submittedAt ? formatDateTime(u.submittedAt) : rt('common.none')) },
            { title: rt('comp.daysLate'), dataIndex: 'daysLate' },
            { title: rt('comp.points'), key: 'pts', render: (_: unknown, u: UnitRow) => u.totalPoints ?? rt('common.none') },
            { title: rt('comp.classification'), key: 'cls', render: (_: unknown, u: UnitRow) => u.classification ?? rt('common.none') },
            ...(canReview
              ? [
                  {
                    title: '',
                    key: 'act',
                    render: (_: unknown, u: UnitRow) =>
                      u.status === 'not_started' || u.status === 'late' || u.status === 'draft' ? <MarkMissing periodId={periodId} unit={u} /> : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
