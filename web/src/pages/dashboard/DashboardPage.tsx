import { useEffect, useRef, useState } from 'react';
import { Button, Card, Empty, Select, Skeleton, Space, Table, Tabs } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useMovements } from '../../api/movements';
import { useDashboard, useMovementPeriods, useRanking, type Dashboard, type Ranking } from '../../api/dashboards';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/i18n';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

// Vietnamese labels for now (the dashboard's keys are not in the message catalogue yet).
const levelLabel: Record<string, string> = { commune: 'Cấp xã', district: 'Cấp huyện', department: 'Sở, ban, ngành', province: 'Cấp tỉnh' };
const pct = (v: string | null) => (v === null ? '—' : `${Number(v).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} %`);

type CriterionRow = Dashboard['criteria'][number];
type RankRow = Ranking['rows'][number];

/** Bar chart of the met share per criterion (the table below is the accessible equivalent). */
function MetChart({ rows }: { rows: CriterionRow[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: rows.map((r) => r.code), inverse: true },
      series: [{ type: 'bar', name: 'Tỷ lệ đạt', data: rows.map((r) => (r.metPercent === null ? 0 : Number(r.metPercent))), itemStyle: { color: '#8b1a1a' } }],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows]);
  return <div ref={ref} role="img" aria-label="Biểu đồ tỷ lệ đơn vị đạt theo tiêu chí" style={{ height: Math.max(160, rows.length * 26) }} />;
}

export default function DashboardPage() {
  const t = useT();
  const movements = useMovements();
  const [movementId, setMovementId] = useState<string>();
  const [periodId, setPeriodId] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const [level, setLevel] = useState('commune');
  const currentMovement = movementId ?? movements.data?.[0]?.id;
  const periods = useMovementPeriods(currentMovement);
  const currentPeriod = periodId ?? periods.data?.[0]?.id;
  const dashboard = useDashboard(currentMovement, currentPeriod, unitId);
  const ranking = useRanking(currentMovement, currentPeriod, level);
  const data = dashboard.data;
  const levels = [...new Set(data?.criteria.map((c) => c.level) ?? [])];
  const shownLevel = levels.includes(level) ? level : (levels[0] ?? 'commune');
  const criteria = data?.criteria.filter((c) => c.level === shownLevel) ?? [];

  return (
    <>
      <PageHeader title={t('nav.dashboard')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label="Phong trào" style={{ minWidth: 240 }} value={currentMovement} loading={movements.isPending} onChange={(v) => { setMovementId(v); setPeriodId(undefined); setUnitId(undefined); }} options={(movements.data ?? []).map((m) => ({ value: m.id, label: m.shortName ?? m.name }))} />
        <Select aria-label="Kỳ báo cáo" style={{ minWidth: 180 }} value={currentPeriod} loading={periods.isPending} onChange={setPeriodId} options={(periods.data ?? []).map((p) => ({ value: p.id, label: p.label }))} />
        <Select aria-label="Cấp" style={{ minWidth: 160 }} value={shownLevel} onChange={setLevel} options={(levels.length ? levels : ['commune']).map((l) => ({ value: l, label: levelLabel[l] ?? l }))} />
        {currentMovement && currentPeriod ? (
          <Button href={`/api/movements/${currentMovement}/dashboard.xlsx?periodId=${currentPeriod}${unitId ? `&unitId=${unitId}` : ''}`}>Xuất Excel</Button>
        ) : null}
      </Space>
      {dashboard.isError ? (
        <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !currentPeriod ? (
        <Empty description="Chưa có kỳ báo cáo" />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Tabs
          items={[
            {
              key: 'criteria',
              label: 'Tiêu chí',
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Card size="small" title={data.unit ? `Đơn vị: ${data.unit.name}` : 'Toàn bộ phạm vi'} extra={data.unit ? <Button onClick={() => setUnitId(data.unit?.parentId ?? undefined)}>Lên cấp trên</Button> : null}>
                    <Space wrap>
                      {data.children.map((c) => (
                        <Button key={c.unitId} type="link" disabled={!c.hasChildren} onClick={() => setUnitId(c.unitId)}>
                          {c.name} — {c.approved}/{c.expected} ({pct(c.completenessPercent)})
                        </Button>
                      ))}
                    </Space>
                  </Card>
                  <Card size="small" title="Tỷ lệ đơn vị đạt theo tiêu chí">{criteria.length ? <MetChart rows={criteria} /> : <Empty />}</Card>
                  <Table<CriterionRow>
                    rowKey={(r) => `${r.code}:${r.level}`}
                    size="small"
                    pagination={false}
                    scroll={{ x: true }}
                    dataSource={criteria}
                    columns={[
                      { title: 'Tiêu chí', dataIndex: 'title' },
                      { title: 'Chỉ tiêu', dataIndex: 'target', render: (v: string | null) => v ?? '—' },
                      { title: 'Đã đánh giá', dataIndex: 'evaluated', align: 'right' },
                      { title: 'Đạt', dataIndex: 'met', align: 'right' },
                      { title: 'Tỷ lệ đạt', dataIndex: 'metPercent', align: 'right', render: pct },
                      { title: 'Không đạt', dataIndex: 'notMet', align: 'right' },
                      { title: 'Chờ kết quả', dataIndex: 'awaiting', align: 'right' },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'completeness',
              label: 'Tính đầy đủ, đúng hạn',
              children: (
                <Table
                  rowKey="level"
                  size="small"
                  pagination={false}
                  dataSource={data.completeness}
                  columns={[
                    { title: 'Cấp', dataIndex: 'level', render: (l: string) => levelLabel[l] ?? l },
                    { title: 'Phải báo cáo', dataIndex: 'expected', align: 'right' },
                    { title: 'Đã nộp', dataIndex: 'submitted', align: 'right' },
                    { title: 'Đã duyệt', dataIndex: 'approved', align: 'right' },
                    { title: 'Tỷ lệ đầy đủ', dataIndex: 'completenessPercent', align: 'right', render: pct },
                    { title: 'Đúng hạn', dataIndex: 'onTime', align: 'right' },
                    { title: 'Trễ hạn', dataIndex: 'late', align: 'right' },
                    { title: 'Quá hạn chưa nộp', dataIndex: 'overdue', align: 'right' },
                  ]}
                />
              ),
            },
            {
              key: 'ranking',
              label: 'Xếp hạng',
              children: (
                <Table<RankRow>
                  rowKey="unitId"
                  size="small"
                  pagination={false}
                  loading={ranking.isFetching}
                  dataSource={ranking.data?.rows ?? []}
                  columns={[
                    { title: 'Hạng', dataIndex: 'rank', render: (rank: number, r) => (r.tieExplanation ? <span title={r.tieExplanation}>{rank} (đồng hạng)</span> : rank) },
                    { title: 'Đơn vị', dataIndex: 'name' },
                    { title: 'Tổng điểm', dataIndex: 'totalPoints', align: 'right' },
                    { title: 'Tỷ lệ tiêu chí đạt', dataIndex: 'shareMet', align: 'right', render: pct },
                    { title: 'Xếp loại', dataIndex: 'classification', render: (v: string | null) => v ?? '—' },
                    { title: 'Thay đổi', dataIndex: 'movement', render: (m: number | null) => (m === null ? '—' : m > 0 ? `▲ ${m}` : m < 0 ? `▼ ${-m}` : '＝') },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}
