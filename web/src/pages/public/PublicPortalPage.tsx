import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Layout, List, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { usePublicMovements, usePublicRanking, usePublicRankingUnit, usePublicSearch, type PublicRanking } from '../../api/public';
import { useLocale } from '../../i18n/i18n';
import { formatDateTime, usePortalStrings } from './strings';
import { TieSummary, tieTitle } from '../dashboard/TieSummary';

// The map (and its chart library) loads only when a reader opens it: the portal stays light on a phone.
const PublicMap = lazy(() => import('./PublicMap'));

// The public portal reads only published ranking snapshots through /api/public, never live figures. The ranking is
// paged by the server (limit/offset, total from the API): a national level has thousands of units.

type Row = PublicRanking['rows'][number];
type Scope = { movementId: string; periodId: string; level: string; groupId: string | undefined };

const PAGE_SIZES = [20, 50, 100];
const DEFAULT_PAGE_SIZE = 50;

function movementText(m: number | null): string {
  if (m === null) return '—';
  return m > 0 ? `▲ ${m}` : m < 0 ? `▼ ${-m}` : '＝';
}

/** One unit's criteria, read from the snapshot when the reader opens the row. */
function UnitCriteria({ scope, row }: { scope: Scope; row: Row }) {
  const t = usePortalStrings();
  const unit = usePublicRankingUnit(scope.movementId, scope.periodId, scope.level, scope.groupId, row.unitId);
  if (unit.isError) return <Alert type="error" message={t('criteriaError')} />;
  if (!unit.data) return <Skeleton active paragraph={{ rows: 2 }} title={false} aria-label={t('criteriaLoading')} />;
  return (
    <section aria-label={t('criteriaOf', { name: row.name })} id={`criteria-${row.unitId}`}>
      <List
        size="small"
        locale={{ emptyText: t('noCriteria') }}
        dataSource={unit.data.criteria}
        renderItem={(c) => (
          <List.Item key={c.code}>
            <Space wrap size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>
                <Typography.Text type="secondary">{c.code}</Typography.Text> {c.title}
              </span>
              <span>
                {c.displayValue ?? c.value ?? ''} <Tag style={{ color: '#262626', marginInlineEnd: 0 }}>{t(`status.${c.status}`)}</Tag>
              </span>
            </Space>
          </List.Item>
        )}
      />
    </section>
  );
}

export default function PublicPortalPage() {
  const t = usePortalStrings();
  const { locale, setLocale } = useLocale();
  const movements = usePublicMovements();
  const [movementId, setMovementId] = useState<string>();
  const [periodId, setPeriodId] = useState<string>();
  const [level, setLevel] = useState('commune');
  const [groupId, setGroupId] = useState<string>('');
  const [q, setQ] = useState('');
  const [filterText, setFilterText] = useState('');
  const [showMap, setShowMap] = useState(false);
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState({ key: '', current: 1, size: DEFAULT_PAGE_SIZE });
  const [opened, setOpened] = useState({ key: '', unitId: '' });
  const movement = useMemo(() => movements.data?.find((m) => m.id === movementId) ?? movements.data?.find((m) => m.periods.length > 0), [movements.data, movementId]);
  // By default the newest period that has a ranking (a yearly period may have none).
  const period = movement?.periods.find((p) => p.id === periodId) ?? movement?.periods.find((p) => p.levels.length > 0) ?? movement?.periods[0];
  const levels = period?.levels.length ? period.levels : ['commune'];
  const shownLevel = levels.includes(level) ? level : levels[0]!;
  const scope: Scope | null = movement && period ? { movementId: movement.id, periodId: period.id, level: shownLevel, groupId: groupId || undefined } : null;
  // A new scope or filter starts on its first page, with every row closed (derived, so no request for a stale page).
  const pageKey = scope ? `${scope.movementId}/${scope.periodId}/${scope.level}/${scope.groupId ?? ''}/${filter}` : '';
  const current = page.key === pageKey ? page.current : 1;
  const openUnit = opened.key === `${pageKey}/${current}/${page.size}` && opened.unitId ? opened.unitId : undefined;
  // The filter follows typing after a short pause (one request per word, not per key).
  useEffect(() => {
    const timer = setTimeout(() => setFilter(filterText.trim()), 300);
    return () => clearTimeout(timer);
  }, [filterText]);
  const ranking = usePublicRanking(movement?.id, period?.id, shownLevel, groupId || undefined, { limit: page.size, offset: (current - 1) * page.size, q: filter });
  const search = usePublicSearch(q);
  const levelText = (l: string) => t(`level.${l}`);
  const scopeText = period?.groups.find((g) => g.id === groupId)?.name ?? levelText(shownLevel);
  const total = ranking.data?.total ?? 0;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#8b1a1a', paddingInline: 16, height: 'auto', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Title level={1} style={{ color: '#fff', fontSize: 20, margin: '14px 0', lineHeight: 1.3 }}>
          {t('title')}
        </Typography.Title>
        <Button size="small" ghost lang={locale === 'en' ? 'vi' : 'en'} aria-label={t('switchLanguageLabel')} onClick={() => setLocale(locale === 'en' ? 'vi' : 'en')}>
          {t('switchLanguage')}
        </Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
        <main>
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('search')}</h2>}>
              <Input.Search aria-label={t('searchLabel')} placeholder={t('searchPlaceholder')} allowClear onSearch={setQ} onChange={(e) => setQ(e.target.value)} />
              {q.trim().length >= 2 && search.data ? (
                <List
                  size="small"
                  locale={{ emptyText: t('notFound') }}
                  dataSource={[
                    ...search.data.movements.map((m) => ({ key: m.id, text: m.name, tag: t('tagMovement') })),
                    ...search.data.units.map((u) => ({ key: u.id, text: u.code ? t('unitWithCode', { name: u.name, code: u.code }) : u.name, tag: t('tagUnit') })),
                  ]}
                  renderItem={(item) => (
                    <List.Item key={item.key}>
                      <Tag style={{ color: '#262626' }}>{item.tag}</Tag> {item.text}
                    </List.Item>
                  )}
                />
              ) : null}
            </Card>
            {movements.isError ? (
              <Alert type="error" message={t('loadError')} />
            ) : !movements.data ? (
              <Skeleton active />
            ) : !movement ? (
              <Empty description={t('nothingPublished')} />
            ) : (
              <Card title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{t('rankingTitle', { movement: movement.shortName })}</h2>}>
                <Typography.Paragraph>{movement.description}</Typography.Paragraph>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select
                    aria-label={t('movement')}
                    style={{ minWidth: 200 }}
                    value={movement.id}
                    onChange={(v) => {
                      setMovementId(v);
                      setPeriodId(undefined);
                      setGroupId('');
                    }}
                    options={movements.data.filter((m) => m.periods.length > 0).map((m) => ({ value: m.id, label: m.shortName }))}
                  />
                  <Select
                    aria-label={t('period')}
                    style={{ minWidth: 160 }}
                    value={period?.id}
                    onChange={(v) => {
                      setPeriodId(v);
                      setGroupId('');
                    }}
                    options={movement.periods.map((p) => ({ value: p.id, label: p.label }))}
                  />
                  <Select
                    aria-label={t('level')}
                    style={{ minWidth: 150 }}
                    value={shownLevel}
                    onChange={setLevel}
                    options={levels.map((l) => ({ value: l, label: levelText(l) }))}
                  />
                  {period && period.groups.length > 0 ? (
                    <Select
                      aria-label={t('group')}
                      style={{ minWidth: 200 }}
                      value={groupId}
                      onChange={setGroupId}
                      options={[{ value: '', label: t('wholeLevel') }, ...period.groups.map((g) => ({ value: g.id, label: g.name }))]}
                    />
                  ) : null}
                </Space>
                {period ? (
                  <Typography.Paragraph data-testid="snapshot-stamp">
                    {t('stamp', { frozenAt: formatDateTime(period.frozenAt), publishedAt: formatDateTime(period.publishedAt), version: period.criteriaVersion })}
                  </Typography.Paragraph>
                ) : null}
                {period?.correction ? (
                  <Alert
                    style={{ marginBottom: 12 }}
                    type="info"
                    showIcon
                    message={t('correction', {
                      at: period.correction.correctedPublishedAt ? formatDateTime(period.correction.correctedPublishedAt) : '—',
                      reason: period.correction.reason,
                    })}
                  />
                ) : null}
                {period ? (
                  <Space wrap style={{ marginBottom: 12 }}>
                    <a href={period.csvUrl}>{t('csv')}</a>
                    <a href={period.jsonUrl}>{t('json')}</a>
                    {period.groupsCsvUrl ? <a href={period.groupsCsvUrl}>{t('groupsCsv')}</a> : null}
                    {period.groupsJsonUrl ? <a href={period.groupsJsonUrl}>{t('groupsJson')}</a> : null}
                    <a href="/api/public/datasets.jsonld">{t('catalog')}</a>
                  </Space>
                ) : null}
                <Input.Search
                  aria-label={t('filterLabel')}
                  placeholder={t('filterPlaceholder')}
                  allowClear
                  value={filterText}
                  onChange={(e) => setFilterText(e.target.value)}
                  onSearch={(v) => {
                    setFilterText(v);
                    setFilter(v.trim());
                  }}
                  style={{ maxWidth: 420, marginBottom: 12 }}
                />
                <Table<Row>
                  rowKey="unitId"
                  size="small"
                  caption={
                    <span style={{ display: 'block', textAlign: 'start', padding: '4px 0' }}>
                      {filter ? t('captionFiltered', { scope: scopeText, total, q: filter }) : t('caption', { scope: scopeText, total })}
                    </span>
                  }
                  loading={ranking.isFetching}
                  dataSource={ranking.data?.rows ?? []}
                  pagination={{
                    current,
                    pageSize: page.size,
                    total,
                    showSizeChanger: true,
                    pageSizeOptions: PAGE_SIZES,
                    showTotal: (n, [from, to]) => t('pageTotal', { from, to, total: n }),
                    onChange: (next, size) => setPage({ key: pageKey, current: size !== page.size ? 1 : next, size }),
                    size: 'small',
                  }}
                  scroll={{ x: true }}
                  locale={{ emptyText: <Empty description={filter ? t('noMatch') : t('noRows')} /> }}
                  expandable={{
                    showExpandColumn: false,
                    expandedRowKeys: openUnit ? [openUnit] : [],
                    expandedRowRender: (r) => (scope ? <UnitCriteria scope={scope} row={r} /> : null),
                  }}
                  columns={[
                    {
                      title: t('rank'),
                      dataIndex: 'rank',
                      width: 80,
                      render: (rank: number, r) => (r.tiedCount > 1 ? <span title={tieTitle(locale, r)}>{t('tie', { rank })}</span> : rank),
                    },
                    {
                      title: t('unit'),
                      dataIndex: 'name',
                      render: (name: string, r) => (
                        <Button
                          type="link"
                          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                          aria-expanded={openUnit === r.unitId}
                          aria-controls={openUnit === r.unitId ? `criteria-${r.unitId}` : undefined}
                          title={t('detailsOf', { name })}
                          onClick={() => setOpened({ key: `${pageKey}/${current}/${page.size}`, unitId: openUnit === r.unitId ? '' : r.unitId })}
                        >
                          {name}
                        </Button>
                      ),
                    },
                    { title: t('totalPoints'), dataIndex: 'totalPoints', align: 'right' },
                    {
                      title: t('shareMet'),
                      dataIndex: 'shareMet',
                      align: 'right',
                      render: (v: string | null) => (v === null ? '—' : `${Number(v).toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 })} %`),
                    },
                    { title: t('classification'), dataIndex: 'classification', render: (v: string | null) => v ?? '—' },
                    { title: t('movementCol'), dataIndex: 'movement', render: movementText },
                  ]}
                />
                <TieSummary ties={ranking.data?.ties ?? []} locale={locale} />
              </Card>
            )}
            {movement && period ? (
              <Card
                size="small"
                title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('mapTitle')}</h2>}
                extra={
                  <Button onClick={() => setShowMap((v) => !v)} aria-expanded={showMap}>
                    {showMap ? t('mapHide') : t('mapShow')}
                  </Button>
                }
              >
                {showMap ? (
                  <Suspense fallback={<Skeleton active />}>
                    <PublicMap key={`${period.id}/${shownLevel}`} movementId={movement.id} periodId={period.id} level={shownLevel} />
                  </Suspense>
                ) : null}
              </Card>
            ) : null}
          </Space>
        </main>
      </Layout.Content>
    </Layout>
  );
}
