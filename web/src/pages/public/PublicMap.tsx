import { useMemo, useState } from 'react';
import { Alert, Select, Space, Table, Tag, Typography } from 'antd';
import { usePublicMap } from '../../api/public';
import { ChoroplethMap, countMapRows, statusColors, type Row, type Status } from '../maps/ChoroplethMap';
import { usePortalStrings } from './strings';

/** The portal's map of a published period: loaded (with the map chart) only when the reader opens it. */
export default function PublicMap({ movementId, periodId, level }: { movementId: string; periodId: string; level: string }) {
  const t = usePortalStrings();
  const [criterion, setCriterion] = useState<string>();
  const map = usePublicMap(movementId, periodId, level, criterion);
  const data = map.data;
  const label = useMemo(() => (s: Status) => t(`status.${s}`), [t]);
  const counts = useMemo(() => countMapRows(data?.rows ?? []), [data]);
  if (map.isError) return <Alert type="error" showIcon message={t('criteriaError')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('mapIntro')}</Typography.Paragraph>
      <Select
        aria-label={t('mapCriterion')}
        style={{ minWidth: 260, maxWidth: '100%' }}
        value={data?.criterion?.code}
        onChange={setCriterion}
        options={(data?.criteria ?? []).map((c) => ({ value: c.code, label: c.title }))}
      />
      {data?.boundarySet?.isDemo ? <Alert type="warning" showIcon message={t('mapDemo')} /> : null}
      {data && !data.boundarySet ? <Alert type="info" showIcon message={t('mapNone')} /> : null}
      {data?.geojson && data.geojson.features.length > 0 ? (
        <ChoroplethMap
          data={data}
          colourBy="status"
          label={label}
          summary={t('mapSummary', { criterion: data.criterion?.title ?? '', met: counts.met, notMet: counts.notMet, other: counts.other })}
        />
      ) : null}
      <Table<Row>
        rowKey="unitId"
        size="small"
        caption={<span style={{ display: 'block', textAlign: 'start', padding: '4px 0' }}>{t('mapTable')}</span>}
        loading={map.isFetching}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: true }}
        columns={[
          { title: t('mapCode'), dataIndex: 'code', width: 80, render: (v: string | null) => v ?? '—' },
          { title: t('unit'), dataIndex: 'name' },
          {
            title: t('mapStatus'),
            dataIndex: 'status',
            render: (s: Status) => (
              <Tag color={statusColors[s]} style={{ color: s === 'no_report' ? '#262626' : '#fff' }}>
                {label(s)}
              </Tag>
            ),
          },
          { title: t('mapValue'), dataIndex: 'displayValue', align: 'right', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}
