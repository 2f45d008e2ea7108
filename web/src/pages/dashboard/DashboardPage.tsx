import { useMemo, useState } from 'react';
import { Button, Card, Empty, Select, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useMovements } from '../../api/movements';
import { useDashboard, useMovementPeriods, useOverdue, useRanking, useTrend, type Dashboard, type Overdue, type Ranking, type Trend } from '../../api/dashboards';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useLocale, useT } from '../../i18n/i18n';
import { ChartPanel } from './ChartPanel';
import { TieSummary, tieTitle } from './TieSummary';
import { formatPercent, levelLabels, useDashboardStrings, type DashboardKey } from './strings';

type CriterionRow = Dashboard['criteria'][number];
type DistributionRow = Dashboard['distribution'][number];
type OverdueRow = Overdue['rows'][number];
type RankRow = Ranking['rows'][number];

const bucketKeys = ['lt50', '50to80', '80to100', 'unscaled', 'met', 'exceeds'] as const;
// Red → amber → green, dark enough on white for the legend text.
const bucketColors: Record<(typeof bucketKeys)[number], string> = {
  lt50: '#a8071a',
  '50to80': '#d4380d',
  '80to100': '#d48806',
  unscaled: '#8c8c8c',
  met: '#389e0d',
  exceeds: '#135200',
};
const lineColors = ['#8b1a1a', '#0958d9', '#389e0d', '#d46b08', '#531dab', '#08979c'];

/** The address of a unit's scorecard for the movement and period. */
export function scorecardPath(unitId: string, movementId: string, periodId?: string) {
  return `/bang-dieu-khien/don-vi/${unitId}?m=${movementId}${periodId ? `&p=${periodId}` : ''}`;
}

export default function DashboardPage() {
  const t = useT();
  const d = useDashboardStrings();
  const { locale } = useLocale();
  const pct = (v: string | null) => formatPercent(v, locale);
  const levelText = (l: string) => levelLabels[locale][l] ?? l;
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes))
          if (v) next.set(k, v);
          else next.delete(k);
        return next;
      },
      { replace: false },
    );
  const movements = useMovements();
  const currentMovement = params.get('m') ?? movements.data?.[0]?.id;
  const periods = useMovementPeriods(currentMovement);
  const currentPeriod = params.get('p') ?? periods.data?.[0]?.id;
  const unitId = params.get('u') ?? undefined;
  const groupId = params.get('g') ?? undefined;
  const dashboard = useDashboard(currentMovement, currentPeriod, unitId, groupId);
  const trend = useTrend(currentMovement, currentPeriod, unitId, groupId);
  const data = dashboard.data;
  const levels = [...new Set(data?.criteria.map((c) => c.level) ?? [])];
  const wanted = params.get('level') ?? 'commune';
  const shownLevel = levels.includes(wanted) ? wanted : (levels[0] ?? 'commune');
  const ranking = useRanking(currentMovement, currentPeriod, shownLevel, groupId);
  const criteria = useMemo(() => data?.criteria.filter((c) => c.level === shownLevel) ?? [], [data, shownLevel]);
  const distribution = useMemo(() => data?.distribution.filter((c) => c.level === shownLevel) ?? [], [data, shownLevel]);
  const exportUrl =
    currentMovement && currentPeriod
      ? `/api/movements/${currentMovement}/dashboard.xlsx?periodId=${currentPeriod}${unitId ? `&unitId=${unitId}` : ''}${groupId ? `&groupId=${groupId}` : ''}`
      : null;
  const fileStem = `${data?.movement.code ?? 'bieu-do'}-${data?.period.code ?? ''}`.replace(/[^\w.-]/g, '_');

  const metOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: criteria.map((r) => r.code), inverse: true },
      series: [{ type: 'bar', name: d('metPercent'), data: criteria.map((r) => (r.metPercent === null ? 0 : Number(r.metPercent))), itemStyle: { color: '#8b1a1a' } }],
    }),
    [criteria, d],
  );
  const distributionOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, textStyle: { color: '#262626' } },
      grid: { left: 8, right: 24, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: distribution.map((r) => r.code), inverse: true },
      series: bucketKeys.map((key) => ({
        type: 'bar',
        stack: 'units',
        name: d(`bucket.${key}` as DashboardKey),
        itemStyle: { color: bucketColors[key] },
        data: distribution.map((r) => r.buckets.find((b) => b.key === key)?.count ?? 0),
      })),
    }),
    [distribution, d],
  );

  const drillCard = data ? (
    <Card
      size="small"
      title={data.unit ? d('unitTitle', { name: data.unit.name }) : data.group ? d('groupTitle', { name: data.group.name }) : d('wholeScope')}
      extra={
        <Space>
          {data.unit ? <Button onClick={() => set({ u: data.unit?.parentId ?? undefined })}>{d('up')}</Button> : null}
          {data.unit || data.group ? <Button onClick={() => set({ u: undefined, g: undefined })}>{d('toTop')}</Button> : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {d('drillHint')}
      </Typography.Paragraph>
      <nav aria-label={d('drillHint')}>
        <ul className="dashboard-drill" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {data.children.map((c) => (
            <li key={c.unitId}>
              {c.hasChildren ? (
                <Button type="link" onClick={() => set({ u: c.unitId })} aria-label={d('drillDown', { name: c.name })}>
                  {c.name}
                </Button>
              ) : (
                <Link to={scorecardPath(c.unitId, currentMovement!, currentPeriod)} style={{ padding: '4px 15px', display: 'inline-block' }}>
                  {c.name}
                </Link>
              )}
              <Typography.Text type="secondary">{d('childApproved', { approved: c.approved, expected: c.expected, percent: pct(c.completenessPercent) })}</Typography.Text>
              {c.hasChildren ? (
                <Link to={scorecardPath(c.unitId, currentMovement!, currentPeriod)} style={{ marginLeft: 8 }} aria-label={`${d('openScorecard')}: ${c.name}`}>
                  {d('openScorecard')}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </nav>
    </Card>
  ) : null;

  return (
    <>
      <PageHeader title={t('nav.dashboard')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={d('movement')}
          style={{ minWidth: 240 }}
          value={currentMovement}
          loading={movements.isPending}
          onChange={(v) => set({ m: v, p: undefined, u: undefined, g: undefined })}
          options={(movements.data ?? []).map((m) => ({ value: m.id, label: m.shortName ?? m.name }))}
        />
        <Select
          aria-label={d('period')}
          style={{ minWidth: 180 }}
          value={currentPeriod}
          loading={periods.isPending}
          onChange={(v) => set({ p: v })}
          options={(periods.data ?? []).map((p) => ({ value: p.id, label: p.label }))}
        />
        <Select
          aria-label={d('level')}
          style={{ minWidth: 160 }}
          value={shownLevel}
          onChange={(v) => set({ level: v })}
          options={(levels.length ? levels : ['commune']).map((l) => ({ value: l, label: levelText(l) }))}
        />
        <Select
          aria-label={d('group')}
          style={{ minWidth: 220 }}
          value={groupId ?? ''}
          onChange={(v) => set({ g: v || undefined })}
          options={[
            { value: '', label: d('allGroups') },
            ...(data?.groups ?? []).map((g) => ({ value: g.id, label: g.name })),
            ...(data?.group && !data.groups.some((g) => g.id === data.group?.id) ? [{ value: data.group.id, label: data.group.name }] : []),
          ]}
        />
        {exportUrl ? (
          <Button href={exportUrl} aria-label={d('exportXlsxLabel')}>
            {d('exportXlsx')}
          </Button>
        ) : null}
      </Space>
      {dashboard.isError ? (
        <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !currentPeriod && !periods.isPending ? (
        <Empty description={d('noPeriod')} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Tabs
          activeKey={params.get('tab') ?? 'criteria'}
          onChange={(key) => set({ tab: key })}
          items={[
            {
              key: 'criteria',
              label: d('tab.criteria'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {drillCard}
                  {data.groups.length > 0 && !data.group ? (
                    <Card size="small" title={d('groups')}>
                      <Space wrap>
                        {data.groups.map((g) => (
                          <Button key={g.id} type="link" onClick={() => set({ g: g.id })}>
                            {g.name} — {d('childApproved', { approved: g.approved, expected: g.expected, percent: pct(g.completenessPercent) })}
                          </Button>
                        ))}
                      </Space>
                    </Card>
                  ) : null}
                  {criteria.length ? (
                    <ChartPanel
                      title={d('metChart')}
                      fileName={`${fileStem}-ty-le-dat`}
                      height={Math.max(160, criteria.length * 30)}
                      option={metOption}
                      summary={d('metChartSummary', { level: levelText(shownLevel), items: criteria.map((c) => `${c.code} ${pct(c.metPercent)}`).join('; ') })}
                    />
                  ) : (
                    <Empty />
                  )}
                  <Table<CriterionRow>
                    rowKey={(r) => `${r.code}:${r.level}`}
                    size="small"
                    pagination={false}
                    scroll={{ x: true }}
                    dataSource={criteria}
                    columns={[
                      { title: d('criterion'), dataIndex: 'title' },
                      { title: d('target'), dataIndex: 'target', render: (v: string | null) => v ?? '—' },
                      { title: d('expected'), dataIndex: 'expected', align: 'right' },
                      { title: d('evaluated'), dataIndex: 'evaluated', align: 'right' },
                      { title: d('met'), dataIndex: 'met', align: 'right' },
                      { title: d('metPercent'), dataIndex: 'metPercent', align: 'right', render: pct },
                      { title: d('notMet'), dataIndex: 'notMet', align: 'right' },
                      { title: d('awaiting'), dataIndex: 'awaiting', align: 'right' },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'distribution',
              label: d('tab.distribution'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {distribution.length ? (
                    <ChartPanel
                      title={d('distributionChart')}
                      fileName={`${fileStem}-phan-bo`}
                      height={Math.max(200, distribution.length * 34 + 70)}
                      option={distributionOption}
                      summary={d('distributionSummary', {
                        level: levelText(shownLevel),
                        items: distribution
                          .map(
                            (r) =>
                              `${r.code}: ${
                                r.buckets
                                  .filter((b) => b.count > 0)
                                  .map((b) => `${d(`bucket.${b.key}` as DashboardKey)} ${b.count}`)
                                  .join(', ') || '0'
                              }`,
                          )
                          .join('; '),
                      })}
                    />
                  ) : (
                    <Empty />
                  )}
                  <Table<DistributionRow>
                    rowKey={(r) => `${r.code}:${r.level}`}
                    size="small"
                    pagination={false}
                    scroll={{ x: true }}
                    dataSource={distribution}
                    columns={[
                      { title: d('criterion'), dataIndex: 'title' },
                      { title: d('target'), dataIndex: 'target', render: (v: string | null) => v ?? '—' },
                      ...bucketKeys.map((key) => ({
                        title: d(`bucket.${key}` as DashboardKey),
                        key,
                        align: 'right' as const,
                        render: (_: unknown, r: DistributionRow) => r.buckets.find((b) => b.key === key)?.count ?? 0,
                      })),
                      { title: d('notApplicable'), dataIndex: 'notApplicable', align: 'right' },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'trend',
              label: d('tab.trend'),
              children: trend.isError ? (
                <LoadError error={trend.error} onRetry={() => void trend.refetch()} />
              ) : trend.data ? (
                <TrendTab trend={trend.data} level={shownLevel} fileStem={fileStem} />
              ) : (
                <Skeleton active />
              ),
            },
            {
              key: 'completeness',
              label: d('tab.completeness'),
              children: (
                <Table
                  rowKey="level"
                  size="small"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={data.completeness}
                  columns={[
                    { title: d('level'), dataIndex: 'level', render: levelText },
                    { title: d('expected'), dataIndex: 'expected', align: 'right' },
                    { title: d('submitted'), dataIndex: 'submitted', align: 'right' },
                    { title: d('approved'), dataIndex: 'approved', align: 'right' },
                    { title: d('completenessPercent'), dataIndex: 'completenessPercent', align: 'right', render: pct },
                    { title: d('onTime'), dataIndex: 'onTime', align: 'right' },
                    { title: d('late'), dataIndex: 'late', align: 'right' },
                    { title: d('overdueCount'), dataIndex: 'overdue', align: 'right' },
                    { title: d('timelinessPercent'), dataIndex: 'timelinessPercent', align: 'right', render: pct },
                  ]}
                />
              ),
            },
            {
              key: 'overdue',
              label: d('tab.overdue', { count: data.overdueTotal }),
              children: <OverdueTable movementId={currentMovement!} periodId={currentPeriod!} unitId={unitId} groupId={groupId} levelText={levelText} />,
            },
            {
              key: 'ranking',
              label: d('tab.ranking'),
              children: (
                <>
                  <Table<RankRow>
                    rowKey="unitId"
                    size="small"
                    pagination={false}
                    scroll={{ x: true }}
                    loading={ranking.isFetching}
                    dataSource={ranking.data?.rows ?? []}
                    columns={[
                      {
                        title: d('rank'),
                        dataIndex: 'rank',
                        render: (rank: number, r) => (r.tiedCount > 1 ? <span title={tieTitle(locale, r)}>{d('tie', { rank })}</span> : rank),
                      },
                      { title: d('unit'), dataIndex: 'name', render: (name: string, r) => <Link to={scorecardPath(r.unitId, currentMovement!, currentPeriod)}>{name}</Link> },
                      { title: d('totalPoints'), dataIndex: 'totalPoints', align: 'right' },
                      { title: d('shareMet'), dataIndex: 'shareMet', align: 'right', render: pct },
                      { title: d('classification'), dataIndex: 'classification', render: (v: string | null) => v ?? '—' },
                      { title: d('change'), dataIndex: 'movement', render: (m: number | null) => (m === null ? '—' : m > 0 ? `▲ ${m}` : m < 0 ? `▼ ${-m}` : '＝') },
                    ]}
                  />
                  <TieSummary ties={ranking.data?.ties ?? []} locale={locale} />
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

/** Met % per criterion and completeness / timeliness across periods: two line charts, each with its table. */
function TrendTab({ trend, level, fileStem }: { trend: Trend; level: string; fileStem: string }) {
  const d = useDashboardStrings();
  const { locale } = useLocale();
  const pct = (v: string | null) => formatPercent(v, locale);
  const labels = useMemo(() => trend.periods.map((p) => p.label), [trend]);
  const criteria = useMemo(() => trend.criteria.filter((c) => c.level === level), [trend, level]);
  const completeness = useMemo(() => trend.periods.map((p) => trend.completeness.find((c) => c.periodId === p.id && c.level === level)), [trend, level]);
  const value = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const metOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll', textStyle: { color: '#262626' } },
      grid: { left: 8, right: 24, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: criteria.map((c, i) => ({
        type: 'line',
        name: c.code,
        connectNulls: false,
        symbolSize: 8,
        itemStyle: { color: lineColors[i % lineColors.length] },
        data: c.points.map((p) => value(p.metPercent)),
      })),
    }),
    [criteria, labels],
  );
  const completenessOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, textStyle: { color: '#262626' } },
      grid: { left: 8, right: 24, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: [
        { type: 'line', name: d('completenessPercent'), symbolSize: 8, itemStyle: { color: '#0958d9' }, data: completeness.map((c) => value(c?.completenessPercent)) },
        { type: 'line', name: d('timelinessPercent'), symbolSize: 8, itemStyle: { color: '#389e0d' }, data: completeness.map((c) => value(c?.timelinessPercent)) },
      ],
    }),
    [completeness, labels, d],
  );
  if (trend.periods.length === 0) return <Empty />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ChartPanel
        title={d('trendMetChart')}
        fileName={`${fileStem}-xu-huong-ty-le-dat`}
        height={300}
        option={metOption}
        summary={d('trendMetSummary', { periods: labels.join(', '), items: criteria.map((c) => `${c.code}: ${c.points.map((p) => pct(p.metPercent)).join(' → ')}`).join('; ') })}
      >
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={criteria}
          columns={[
            { title: d('criterion'), dataIndex: 'title' },
            ...trend.periods.map((p, i) => ({
              title: p.label,
              key: p.id,
              align: 'right' as const,
              render: (_: unknown, c: (typeof criteria)[number]) => `${pct(c.points[i]?.metPercent ?? null)} (${c.points[i]?.met ?? 0}/${c.points[i]?.evaluated ?? 0})`,
            })),
          ]}
        />
      </ChartPanel>
      <ChartPanel
        title={d('trendCompletenessChart')}
        fileName={`${fileStem}-xu-huong-day-du`}
        height={260}
        option={completenessOption}
        summary={d('trendCompletenessSummary', {
          items: trend.periods.map((p, i) => `${p.label}: ${pct(completeness[i]?.completenessPercent ?? null)} / ${pct(completeness[i]?.timelinessPercent ?? null)}`).join('; '),
        })}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={trend.periods.map((p, i) => ({ ...p, row: completeness[i] }))}
          columns={[
            { title: d('periodCol'), dataIndex: 'label' },
            { title: d('expected'), key: 'expected', align: 'right', render: (_: unknown, r) => r.row?.expected ?? 0 },
            { title: d('submitted'), key: 'submitted', align: 'right', render: (_: unknown, r) => r.row?.submitted ?? 0 },
            { title: d('approved'), key: 'approved', align: 'right', render: (_: unknown, r) => r.row?.approved ?? 0 },
            { title: d('onTime'), key: 'onTime', align: 'right', render: (_: unknown, r) => r.row?.onTime ?? 0 },
            { title: d('completenessPercent'), key: 'c', align: 'right', render: (_: unknown, r) => pct(r.row?.completenessPercent ?? null) },
            { title: d('timelinessPercent'), key: 't', align: 'right', render: (_: unknown, r) => pct(r.row?.timelinessPercent ?? null) },
          ]}
        />
      </ChartPanel>
    </Space>
  );
}

/** The overdue units, a page at a time from the server (mounted, and so loaded, only when its tab is opened). */
function OverdueTable({
  movementId,
  periodId,
  unitId,
  groupId,
  levelText,
}: {
  movementId: string;
  periodId: string;
  unitId?: string;
  groupId?: string;
  levelText: (l: string) => string;
}) {
  const d = useDashboardStrings();
  const [page, setPage] = useState({ current: 1, size: 50 });
  const view = `${periodId}|${unitId ?? ''}|${groupId ?? ''}`;
  const [shownView, setShownView] = useState(view);
  if (shownView !== view) {
    // Another period, unit or cluster: back to the first page.
    setShownView(view);
    setPage((p) => ({ ...p, current: 1 }));
  }
  const overdue = useOverdue(movementId, periodId, unitId, groupId, page.current, page.size);
  if (overdue.isError) return <LoadError error={overdue.error} onRetry={() => void overdue.refetch()} />;
  return (
    <Table<OverdueRow>
      rowKey="unitId"
      size="small"
      loading={overdue.isFetching}
      pagination={{
        current: page.current,
        pageSize: page.size,
        total: overdue.data?.total ?? 0,
        hideOnSinglePage: true,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
      }}
      scroll={{ x: true }}
      locale={{ emptyText: d('overdueNone') }}
      dataSource={overdue.data?.rows ?? []}
      columns={[
        { title: d('unit'), dataIndex: 'name', render: (name: string, r) => <Link to={scorecardPath(r.unitId, movementId, periodId)}>{name}</Link> },
        { title: d('level'), dataIndex: 'level', render: levelText },
        { title: d('parent'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
        { title: d('reportStatus'), dataIndex: 'reportStatus', render: (v: string | null) => (v === null ? d('notOpened') : v === 'draft' ? d('draft') : v) },
        { title: d('daysOverdue'), dataIndex: 'daysOverdue', align: 'right' },
      ]}
    />
  );
}
