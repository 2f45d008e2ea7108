import { useMemo, useState } from 'react';
import { Alert, Card, Empty, Input, Layout, List, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { usePublicMovements, usePublicRanking, usePublicSearch, type PublicRanking } from '../../api/public';
import { formatDateTime } from './strings';
import { TieSummary } from '../dashboard/TieSummary';

// The public portal is Vietnamese only for now (no session, so no language preference); it reads only published
// ranking snapshots through /api/public, never live figures.
const levelLabels: Record<string, string> = { commune: 'Cấp xã', district: 'Cấp huyện', department: 'Sở, ban, ngành' };

type Row = PublicRanking['rows'][number];

function movementText(m: number | null): string {
  if (m === null) return '—';
  return m > 0 ? `▲ ${m}` : m < 0 ? `▼ ${-m}` : '＝';
}

export default function PublicPortalPage() {
  const movements = usePublicMovements();
  const [movementId, setMovementId] = useState<string>();
  const [periodId, setPeriodId] = useState<string>();
  const [level, setLevel] = useState('commune');
  const [groupId, setGroupId] = useState<string>('');
  const [q, setQ] = useState('');
  const movement = useMemo(() => movements.data?.find((m) => m.id === movementId) ?? movements.data?.find((m) => m.periods.length > 0), [movements.data, movementId]);
  // By default the newest period that has a ranking (a yearly period may have none).
  const period = movement?.periods.find((p) => p.id === periodId) ?? movement?.periods.find((p) => p.levels.length > 0) ?? movement?.periods[0];
  const levels = period?.levels.length ? period.levels : ['commune'];
  const shownLevel = levels.includes(level) ? level : levels[0]!;
  const ranking = usePublicRanking(movement?.id, period?.id, shownLevel, groupId || undefined);
  const search = usePublicSearch(q);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#8b1a1a', paddingInline: 16, height: 'auto' }}>
        <Typography.Title level={1} style={{ color: '#fff', fontSize: 20, margin: '14px 0', lineHeight: 1.3 }}>
          Cổng công khai kết quả thi đua Chuyển đổi số
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
        <main>
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Tìm kiếm</h2>}>
              <Input.Search aria-label="Tìm đơn vị hoặc phong trào (gõ có dấu hoặc không dấu)" placeholder="Tìm đơn vị, phong trào… (có dấu hoặc không dấu)" allowClear onSearch={setQ} onChange={(e) => setQ(e.target.value)} />
              {q.trim().length >= 2 && search.data ? (
                <List
                  size="small"
                  locale={{ emptyText: 'Không tìm thấy' }}
                  dataSource={[...search.data.movements.map((m) => ({ key: m.id, text: m.name, tag: 'Phong trào' })), ...search.data.units.map((u) => ({ key: u.id, text: u.code ? `${u.name} (mã ${u.code})` : u.name, tag: 'Đơn vị' }))]}
                  renderItem={(item) => (
                    <List.Item key={item.key}>
                      <Tag style={{ color: '#262626' }}>{item.tag}</Tag> {item.text}
                    </List.Item>
                  )}
                />
              ) : null}
            </Card>
            {movements.isError ? (
              <Alert type="error" message="Không tải được dữ liệu công khai" />
            ) : !movements.data ? (
              <Skeleton active />
            ) : !movement ? (
              <Empty description="Chưa có kết quả nào được công bố" />
            ) : (
              <Card title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>Xếp hạng đã công bố — {movement.shortName}</h2>}>
                <Typography.Paragraph>{movement.description}</Typography.Paragraph>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select aria-label="Phong trào" style={{ minWidth: 200 }} value={movement.id} onChange={(v) => { setMovementId(v); setPeriodId(undefined); setGroupId(''); }} options={movements.data.filter((m) => m.periods.length > 0).map((m) => ({ value: m.id, label: m.shortName }))} />
                  <Select aria-label="Kỳ báo cáo" style={{ minWidth: 160 }} value={period?.id} onChange={(v) => { setPeriodId(v); setGroupId(''); }} options={movement.periods.map((p) => ({ value: p.id, label: p.label }))} />
                  <Select aria-label="Cấp" style={{ minWidth: 150 }} value={shownLevel} onChange={setLevel} options={levels.map((l) => ({ value: l, label: levelLabels[l] ?? l }))} />
                  {period && period.groups.length > 0 ? (
                    <Select aria-label="Cụm, khối thi đua" style={{ minWidth: 200 }} value={groupId} onChange={setGroupId} options={[{ value: '', label: 'Toàn cấp (không theo cụm)' }, ...period.groups.map((g) => ({ value: g.id, label: g.name }))]} />
                  ) : null}
                </Space>
                {period ? (
                  <Typography.Paragraph data-testid="snapshot-stamp">
                    Bản chốt xếp hạng lúc <strong>{formatDateTime(period.frozenAt)}</strong>, công bố lúc {formatDateTime(period.publishedAt)} (bộ tiêu chí phiên bản {period.criteriaVersion}). Số liệu công khai là bản chốt này, không thay đổi sau khi công bố.
                  </Typography.Paragraph>
                ) : null}
                {period ? (
                  <Space wrap style={{ marginBottom: 12 }}>
                    <a href={period.csvUrl}>Tải CSV (xếp hạng trong cấp)</a>
                    <a href={period.jsonUrl}>Tải JSON</a>
                    {period.groupsCsvUrl ? <a href={period.groupsCsvUrl}>Tải CSV (xếp hạng trong cụm, khối)</a> : null}
                    {period.groupsJsonUrl ? <a href={period.groupsJsonUrl}>JSON theo cụm, khối</a> : null}
                    <a href="/api/public/datasets.jsonld">Danh mục dữ liệu mở (DCAT)</a>
                  </Space>
                ) : null}
                <Table<Row>
                  rowKey="unitId"
                  size="small"
                  loading={ranking.isFetching}
                  dataSource={ranking.data?.rows ?? []}
                  pagination={false}
                  scroll={{ x: true }}
                  locale={{ emptyText: <Empty description="Chưa có kết quả đã duyệt ở phạm vi này" /> }}
                  columns={[
                    { title: 'Hạng', dataIndex: 'rank', width: 80, render: (rank: number, r) => (r.tiedCount > 1 ? <span title={r.tieExplanation ?? undefined}>{rank} (đồng hạng)</span> : rank) },
                    { title: 'Đơn vị', dataIndex: 'name' },
                    { title: 'Tổng điểm', dataIndex: 'totalPoints', align: 'right' },
                    { title: 'Tỷ lệ tiêu chí đạt', dataIndex: 'shareMet', align: 'right', render: (v: string | null) => (v === null ? '—' : `${Number(v).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} %`) },
                    { title: 'Xếp loại', dataIndex: 'classification', render: (v: string | null) => v ?? '—' },
                    { title: 'So với kỳ trước', dataIndex: 'movement', render: movementText },
                  ]}
                />
                <TieSummary ties={ranking.data?.ties ?? []} locale="vi" />
              </Card>
            )}
          </Space>
        </main>
      </Layout.Content>
    </Layout>
  );
}
