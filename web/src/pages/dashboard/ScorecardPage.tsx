import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Empty, Progress, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMovementPeriods, useScorecard, type Scorecard } from '../../api/dashboards';
import { useMovements } from '../../api/movements';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useLocale } from '../../i18n/i18n';
import { ChartPanel } from './ChartPanel';
import { formatPercent, levelLabels, useDashboardStrings, type DashboardKey } from './strings';
import { tieTitle } from './TieSummary';

type CriterionRow = Scorecard['criteria'][number];
const statusColor: Record<string, string> = { met: 'green', not_met: 'red' };
// Preset tag colours are too light on their tint for WCAG AA: keep the tint, darken the text.
const dark = { color: 'rgba(0, 0, 0, 0.88)' };

/**
 * A unit's scorecard: every criterion with value, target, status, explanation and evidence; the history of one
 * criterion as a chart (crossing a reorganisation through lineage); rank; the diligence index with its components.
 */
export default function ScorecardPage() {
  const d = useDashboardStrings();
  const { locale } = useLocale();
  const pct = (v: string | null) => formatPercent(v, locale);
  const { unitId } = useParams();
  const [params, setParams] = useSearchParams();
  const movements = useMovements();
  const movementId = params.get('m') ?? movements.data?.[0]?.id;
  const periodId = params.get('p') ?? undefined;
  const periods = useMovementPeriods(movementId);
  const scorecard = useScorecard(unitId, movementId, periodId);
  const data = scorecard.data;
  const [chosen, setChosen] = useState<string>();
  const historyCode = chosen ?? data?.criteria[0]?.code;
  const historyCriterion = data?.criteria.find((c) => c.code === historyCode);
  const statusText = (s: string | null) => (s ? d(`status.${s}` as DashboardKey) : '—');
  const dashboardLink = `/bang-dieu-khien?${new URLSearchParams({ ...(movementId ? { m: movementId } : {}), ...(periodId ? { p: periodId } : {}) }).toString()}`;

  const historyOption = useMemo<EChartsCoreOption>(() => {
    const points = historyCriterion?.history ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((h) => (h.unitId === unitId ? h.periodLabel : `${h.periodLabel}\n${h.unitName}`)) },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'line',
          name: historyCriterion?.code ?? '',
          symbolSize: 9,
          itemStyle: { color: '#8b1a1a' },
          data: points.map((h) => (h.numericValue === null ? null : Number(h.numericValue))),
        },
      ],
    };
  }, [historyCriterion, unitId]);

  const title = data ? d('scorecardTitle', { name: data.unit.name }) : d('openScorecard');
  return (
    <>
      <PageHeader
        title={title}
        breadcrumb={<Link to={dashboardLink}>{d('scorecardBack')}</Link>}
        extra={
          movementId && unitId ? (
            <Button href={`/api/movements/${movementId}/scorecard.xlsx?unitId=${unitId}${periodId ? `&periodId=${periodId}` : ''}`} aria-label={d('exportXlsxLabel')}>
              {d('exportXlsx')}
            </Button>
          ) : null
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={d('period')}
          style={{ minWidth: 200 }}
          value={periodId ?? data?.period?.id}
          loading={periods.isPending}
          onChange={(v) =>
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              next.set('p', v);
              return next;
            })
          }
          options={(periods.data ?? []).map((p) => ({ value: p.id, label: p.label }))}
        />
      </Space>
      {scorecard.isError ? (
        <LoadError error={scorecard.error} onRetry={() => void scorecard.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap align="start" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={d('totals')} style={{ minWidth: 300 }}>
              {data.totals && data.period ? (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={d('period')}>{data.period.label}</Descriptions.Item>
                  <Descriptions.Item label={d('totalPoints')}>
                    {data.totals.totalPoints}/{data.totals.maxPoints}
                  </Descriptions.Item>
                  <Descriptions.Item label={d('shareMet')}>{pct(data.totals.shareMet)}</Descriptions.Item>
                  <Descriptions.Item label={d('classification')}>{data.totals.classification ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={d('rank')}>
                    {data.rank ? (
                      <span
                        title={
                          data.totals
                            ? tieTitle(locale, { ...data.rank, totalPoints: data.totals.totalPoints, shareMet: data.totals.shareMet })
                            : (data.rank.tieExplanation ?? undefined)
                        }
                      >
                        {d('rankOf', { rank: data.rank.rank, of: data.rank.of, level: levelLabels[locale][data.rank.level] ?? data.rank.level })}
                      </span>
                    ) : (
                      '—'
                    )}
                  </Descriptions.Item>
                </Descriptions>
              ) : (
                <Typography.Text>{d('noResult')}</Typography.Text>
              )}
            </Card>
            <Card size="small" title={d('diligence')} style={{ minWidth: 340 }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Title
                  level={2}
                  style={{ margin: 0 }}
                  aria-label={`${d('diligence')}: ${data.diligence.index === null ? d('diligenceNone') : pct(data.diligence.index)}`}
                >
                  {data.diligence.index === null ? d('diligenceNone') : pct(data.diligence.index)}
                </Typography.Title>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={`${d('dil.timeliness')} (${data.diligence.weights.timeliness * 100} %)`}>
                    {pct(data.diligence.timeliness.rate)} — {d('dil.timelinessDetail', { part: data.diligence.timeliness.onTime, whole: data.diligence.timeliness.due })}
                  </Descriptions.Item>
                  <Descriptions.Item label={`${d('dil.evidence')} (${data.diligence.weights.evidence * 100} %)`}>
                    {pct(data.diligence.evidence.rate)} — {d('dil.evidenceDetail', { part: data.diligence.evidence.withEvidence, whole: data.diligence.evidence.criteria })}
                  </Descriptions.Item>
                  <Descriptions.Item label={`${d('dil.returns')} (${data.diligence.weights.returns * 100} %)`}>
                    {pct(data.diligence.returns.rate)} — {d('dil.returnsDetail', { submitted: data.diligence.returns.submitted, returned: data.diligence.returns.returned })}
                  </Descriptions.Item>
                </Descriptions>
                {data.diligence.index !== null ? <Progress percent={Number(data.diligence.index)} showInfo={false} aria-hidden /> : null}
                <Typography.Text type="secondary">{d('diligenceFormula')}</Typography.Text>
              </Space>
            </Card>
          </Space>
          {data.criteria.length === 0 ? (
            <Empty description={d('noResult')} />
          ) : (
            <>
              <Table<CriterionRow>
                rowKey="code"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={data.criteria}
                columns={[
                  { title: d('criterion'), dataIndex: 'title' },
                  { title: d('value'), dataIndex: 'value', align: 'right', render: (v: string | null) => v ?? '—' },
                  { title: d('target'), dataIndex: 'target', render: (v: string | null) => v ?? '—' },
                  {
                    title: d('status'),
                    dataIndex: 'status',
                    render: (s: string) => (
                      <Tag color={statusColor[s]} style={dark}>
                        {statusText(s)}
                      </Tag>
                    ),
                  },
                  { title: d('points'), key: 'points', align: 'right', render: (_: unknown, r) => `${r.points}/${r.maxPoints}` },
                  { title: d('explanation'), dataIndex: 'explanation' },
                  {
                    title: d('evidence'),
                    key: 'evidence',
                    render: (_: unknown, r) =>
                      r.evidence.length === 0 ? (
                        d('noEvidence')
                      ) : (
                        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                          {r.evidence.map((e) => (
                            <li key={e.id}>
                              {[e.documentNumber, e.documentDate, e.issuer].filter(Boolean).join(', ')}
                              {e.summary ? ` — ${e.summary}` : ''}
                              {e.downloadUrl ? (
                                <>
                                  {' '}
                                  <a href={e.downloadUrl} aria-label={`${d('download')}: ${e.fileName ?? ''}`}>
                                    {e.fileName ?? d('download')}
                                  </a>
                                </>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ),
                  },
                ]}
              />
              {historyCriterion ? (
                <ChartPanel
                  title={d('historyChart', { title: historyCriterion.title })}
                  fileName={`lich-su-${historyCriterion.code}`}
                  height={260}
                  option={historyOption}
                  summary={d('historySummary', {
                    title: historyCriterion.title,
                    items: historyCriterion.history
                      .map((h) => `${h.periodLabel}${h.unitId === unitId ? '' : ` (${h.unitName})`}: ${h.value ?? '—'} ${statusText(h.status)}`)
                      .join('; '),
                  })}
                >
                  <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                    <Select
                      aria-label={d('historyCriterion')}
                      style={{ minWidth: 320 }}
                      value={historyCode}
                      onChange={setChosen}
                      options={data.criteria.map((c) => ({ value: c.code, label: c.title }))}
                    />
                    <Table
                      rowKey={(h) => `${h.periodId}:${h.unitId}`}
                      size="small"
                      pagination={false}
                      scroll={{ x: true }}
                      dataSource={historyCriterion.history}
                      columns={[
                        { title: d('periodCol'), dataIndex: 'periodLabel' },
                        { title: d('unit'), dataIndex: 'unitName', render: (name: string, h) => (h.unitId === unitId ? name : d('predecessor', { name })) },
                        { title: d('value'), dataIndex: 'value', align: 'right', render: (v: string | null) => v ?? '—' },
                        { title: d('status'), dataIndex: 'status', render: statusText },
                      ]}
                    />
                  </Space>
                </ChartPanel>
              ) : null}
            </>
          )}
        </Space>
      )}
    </>
  );
}
