import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useMovements } from '../../api/movements';
import { useMovementPeriods } from '../../api/dashboards';
import { useBoundaryMutations, useBoundarySets, useMapData } from '../../api/maps';
import { isApiError, type ApiErrorDetail } from '../../api/client';
import { useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useLocale } from '../../i18n/i18n';
import { levelLabels, useMapStrings, type MapKey } from './strings';
import { ChoroplethMap, countMapRows, statusColors, type Row, type Status } from './ChoroplethMap';

function UploadPanel({ maxMb }: { maxMb: number }) {
  const t = useMapStrings();
  const me = useSession();
  const { message } = AntApp.useApp();
  const m = useBoundaryMutations(me.csrfToken);
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<ApiErrorDetail[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; asOf: string; codeProperty: string }>();
  const fail = (e: unknown) => {
    setError(isApiError(e) ? e.message : String(e));
    setProblems(isApiError(e) ? e.details : []);
  };
  const submit = async (values: { name: string; asOf: string; codeProperty: string }) => {
    setError(null);
    setProblems([]);
    if (!file) {
      setError(t('required') + `: ${t('file')}`);
      return;
    }
    try {
      const set = await m.upload.mutateAsync({ ...values, file });
      message.success(t('uploaded', { name: set.name, count: set.featureCount }));
      form.resetFields();
      setFile(null);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Card title={t('uploadTitle')} size="small">
      <Typography.Paragraph>{t('uploadIntro', { max: maxMb })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ codeProperty: 'code', asOf: new Date().toISOString().slice(0, 10) }} style={{ maxWidth: 520 }}>
        <Form.Item name="name" label={t('setName')} rules={[{ required: true, message: t('required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="asOf" label={t('asOf')} rules={[{ required: true, message: t('required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="codeProperty" label={t('codeProperty')} rules={[{ required: true, message: t('required') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('file')} htmlFor="geojson-file" required>
          <input id="geojson-file" type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={m.upload.isPending}>
            {t('upload')}
          </Button>
          <Button
            loading={m.demo.isPending}
            title={t('demoHelp')}
            onClick={async () => {
              setError(null);
              setProblems([]);
              try {
                const set = await m.demo.mutateAsync({ asOf: form.getFieldValue('asOf'), levels: ['commune', 'district'] });
                message.success(t('uploaded', { name: set.name, count: set.featureCount }));
              } catch (e) {
                fail(e);
              }
            }}
          >
            {t('demo')}
          </Button>
        </Space>
      </Form>
      {error ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          role="alert"
          message={`${t('uploadFailed')}: ${error}`}
          description={
            problems.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((p, i) => (
                  <li key={i}>{p.message || p.path}</li>
                ))}
              </ul>
            ) : null
          }
        />
      ) : null}
    </Card>
  );
}

export default function MapPage() {
  const t = useMapStrings();
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes))
        if (v) next.set(k, v);
        else next.delete(k);
      return next;
    });
  const movements = useMovements();
  const movementId = params.get('m') ?? movements.data?.[0]?.id;
  const periods = useMovementPeriods(movementId);
  const periodId = params.get('p') ?? periods.data?.[0]?.id;
  const level = params.get('level') ?? 'commune';
  const criterion = params.get('c') ?? undefined;
  const boundarySetId = params.get('b') ?? undefined;
  const colourBy = params.get('by') === 'value' ? 'value' : 'status';
  const [showMap, setShowMap] = useState(true);
  const sets = useBoundarySets();
  const data = useMapData(movementId, periodId, level, criterion, boundarySetId);
  const label = useMemo(() => (s: Status) => t(`status.${s}` as MapKey), [t]);
  const map = data.data;
  const counts = useMemo(() => countMapRows(map?.rows ?? []), [map]);

  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            <Select
              aria-label={t('movement')}
              style={{ minWidth: 220 }}
              value={movementId}
              onChange={(v) => set({ m: v, p: undefined, c: undefined })}
              options={(movements.data ?? []).map((m) => ({ value: m.id, label: m.shortName ?? m.name }))}
            />
            <Select
              aria-label={t('period')}
              style={{ minWidth: 200 }}
              value={periodId}
              placeholder={t('noPeriod')}
              onChange={(v) => set({ p: v })}
              options={(periods.data ?? []).map((p) => ({ value: p.id, label: p.label }))}
            />
            <Select
              aria-label={t('level')}
              style={{ minWidth: 150 }}
              value={level}
              onChange={(v) => set({ level: v, c: undefined })}
              options={['commune', 'district', 'department'].map((l) => ({ value: l, label: levelLabels[locale][l] }))}
            />
            <Select
              aria-label={t('criterion')}
              style={{ minWidth: 260 }}
              value={map?.criterion?.code}
              onChange={(v) => set({ c: v })}
              options={(map?.criteria ?? []).map((c) => ({ value: c.code, label: c.title }))}
            />
            <Select
              aria-label={t('colourBy')}
              style={{ minWidth: 140 }}
              value={colourBy}
              onChange={(v) => set({ by: v === 'value' ? 'value' : undefined })}
              options={[
                { value: 'status', label: t('byStatus') },
                { value: 'value', label: t('byValue') },
              ]}
            />
            <Select
              aria-label={t('boundarySet')}
              style={{ minWidth: 260 }}
              value={boundarySetId ?? ''}
              onChange={(v) => set({ b: v || undefined })}
              options={[{ value: '', label: t('latestSet') }, ...(sets.data?.sets ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.asOf})` }))]}
            />
            <label>
              <Space>
                <Switch checked={showMap} onChange={setShowMap} aria-label={t('showMap')} />
                {t('showMap')}
              </Space>
            </label>
          </Space>
        </Card>
        {data.isError ? <LoadError error={data.error} onRetry={() => data.refetch()} /> : null}
        {map?.boundarySet?.isDemo ? <Alert type="warning" showIcon message={t('demoWarning')} description={t('demoWarningText')} /> : null}
        {map && !map.boundarySet ? <Alert type="info" showIcon message={t('noBoundaries')} /> : null}
        {map && map.boundarySet && counts.missing > 0 ? <Alert type="info" showIcon message={t('missingGeometry', { count: counts.missing })} /> : null}
        {showMap && map?.geojson && map.geojson.features.length > 0 ? (
          <Card size="small" title={map.boundarySet?.isDemo ? `${map.criterion?.title ?? ''} — ${t('demoWarning')}` : (map.criterion?.title ?? '')}>
            <ChoroplethMap
              data={map}
              colourBy={colourBy}
              label={label}
              summary={t('mapSummary', {
                criterion: map.criterion?.title ?? '',
                level: levelLabels[locale][map.level] ?? map.level,
                met: counts.met,
                notMet: counts.notMet,
                other: counts.other,
              })}
            />
          </Card>
        ) : null}
        <Card size="small" title={t('tableTitle')}>
          <Table<Row>
            rowKey="unitId"
            size="small"
            loading={data.isFetching}
            dataSource={map?.rows ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('code'), dataIndex: 'code', width: 90 },
              { title: t('unit'), dataIndex: 'name' },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (s: Status) => (
                  <Tag color={statusColors[s]} style={s === 'no_report' ? { color: '#262626' } : undefined}>
                    {label(s)}
                  </Tag>
                ),
              },
              { title: t('value'), dataIndex: 'displayValue', align: 'right', render: (v: string | null) => v ?? '—' },
              { title: t('onMap'), dataIndex: 'hasGeometry', render: (v: boolean) => (v ? t('yes') : t('no')) },
            ]}
          />
        </Card>
        {sets.data?.abilities.canUpload ? <UploadPanel maxMb={sets.data.maxMb} /> : null}
      </Space>
    </>
  );
}
