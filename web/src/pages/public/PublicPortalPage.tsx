import { useMemo, useState } from 'react';
import { Alert, Card, Empty, Input, Layout, List, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { usePublicMovements, usePublicRanking, usePublicSearch, type PublicRanking } from '../../api/public';

// The public portal is Vietnamese only for now (no session, so no language preference); it reads only published
// (closed or locked) periods through /api/public.
const levelOptions = [
  { value: 'commune', label: 'Cấp xã' },
  { value: 'district', label: 'Cấp huyện' },
  { value: 'department', label: 'Sở, ban, ngành' },
];

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
  const [q, setQ] = useState('');
  const movement = useMemo(() => movements.data?.find((m) => m.id === movementId) ?? movements.data?.find((m) => m.periods.length > 0), [movements.data, movementId]);
  const period = movement?.periods.find((p) => p.id === periodId) ?? movement?.periods[0];
  const ranking = usePublicRanking(movement?.id, period?.id, level);
  const search = usePublicSearch(q);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#8b1a1a', paddingInline: 16 }}>
        <Typography.Title level={1} style={{ color: '#fff', fontSize: 20, margin: '14px 0' }}>
          Cổng công khai kết quả thi đua Chuyển đổi số
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card title="Tìm kiếm">
            <Input.Search aria-label="Tìm đơn vị hoặc phong trào (gõ có dấu hoặc không dấu)" placeholder="Tìm đơn vị, phong trào… (gõ có dấu hoặc không dấu)" allowClear onSearch={setQ} onChange={(e) => setQ(e.target.value)} />
            {q.trim().length >= 2 && search.data ? (
              <List
                size="small"
                locale={{ emptyText: 'Không tìm thấy' }}
                dataSource={[...search.data.movements.map((m) => ({ key: m.id, text: m.name, tag: 'Phong trào' })), ...search.data.units.map((u) => ({ key: u.id, text: u.name, tag: 'Đơn vị' }))]}
                renderItem={(item) => (
                  <List.Item key={item.key}>
                    <Tag>{item.tag}</Tag> {item.text}
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
            <Empty description="Chưa có kỳ nào được công bố" />
          ) : (
            <Card title={`Xếp hạng đã công bố — ${movement.shortName}`}>
              <Typography.Paragraph>{movement.description}</Typography.Paragraph>
              <Space wrap style={{ marginBottom: 12 }}>
                <Select aria-label="Phong trào" style={{ minWidth: 220 }} value={movement.id} onChange={(v) => { setMovementId(v); setPeriodId(undefined); }} options={movements.data.filter((m) => m.periods.length > 0).map((m) => ({ value: m.id, label: m.shortName }))} />
                <Select aria-label="Kỳ báo cáo" style={{ minWidth: 160 }} value={period?.id} onChange={setPeriodId} options={movement.periods.map((p) => ({ value: p.id, label: p.label }))} />
                <Select aria-label="Cấp" style={{ minWidth: 160 }} value={level} onChange={setLevel} options={levelOptions} />
                {period ? (
                  <>
                    <a href={period.csvUrl}>Tải CSV</a>
                    <a href={period.jsonUrl}>Tải JSON</a>
                    <a href="/api/public/datasets.jsonld">Danh mục dữ liệu mở</a>
                  </>
                ) : null}
              </Space>
              <Table<Row>
                rowKey="unitId"
                size="small"
                loading={ranking.isFetching}
                dataSource={ranking.data?.rows ?? []}
                pagination={false}
                scroll={{ x: true }}
                locale={{ emptyText: <Empty description="Chưa có kết quả đã duyệt ở cấp này" /> }}
                columns={[
                  { title: 'Hạng', dataIndex: 'rank', width: 70, render: (rank: number, r) => (r.tieExplanation ? <span title={r.tieExplanation}>{rank} (đồng hạng)</span> : rank) },
                  { title: 'Đơn vị', dataIndex: 'name' },
                  { title: 'Tổng điểm', dataIndex: 'totalPoints', align: 'right' },
                  { title: 'Tỷ lệ tiêu chí đạt', dataIndex: 'shareMet', align: 'right', render: (v: string | null) => (v === null ? '—' : `${Number(v).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} %`) },
                  { title: 'Xếp loại', dataIndex: 'classification', render: (v: string | null) => v ?? '—' },
                  { title: 'So với kỳ trước', dataIndex: 'movement', render: movementText },
                ]}
              />
            </Card>
          )}
        </Space>
      </Layout.Content>
    </Layout>
  );
}
