import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useMovements } from '../../api/movements';
import { useMovementPeriods } from '../../api/dashboards';
import { useSnapshot, useSnapshotActions, type Snapshot } from '../../api/snapshots';
import { isApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useLocale } from '../../i18n/i18n';
import { formatDateTime, usePublishStrings, type PublishKey } from './strings';
import { TieSummary, tieTitle } from '../dashboard/TieSummary';

type Row = Snapshot['rows'][number];

/** The standing agency closes a period and freezes its ranking, re-freezes it, and publishes it (immutable then). */
export default function PublishRankingPage() {
  const t = usePublishStrings();
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const movements = useMovements();
  const movementId = params.get('m') ?? movements.data?.[0]?.id;
  const periods = useMovementPeriods(movementId);
  const periodId = params.get('p') ?? periods.data?.[0]?.id;
  const [scope, setScope] = useState<string>('level:commune');
  const snapshot = useSnapshot(periodId, scope);
  const actions = useSnapshotActions(periodId);
  const [error, setError] = useState<string | null>(null);
  const run = (m: { mutateAsync: () => Promise<unknown> }) => async () => {
    setError(null);
    try {
      await m.mutateAsync();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  };
  const data = snapshot.data;
  const s = data?.snapshot;
  const [correcting, setCorrecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const statusText = (x: NonNullable<typeof s>) =>
    x.status === 'published' ? t('published') : x.status === 'superseded' ? t('superseded') : x.supersedesId ? t('correctionDraft') : t('frozen');
  const submitCorrection = async () => {
    const { reason } = await form.validateFields();
    setError(null);
    try {
      await actions.correct.mutateAsync(reason);
      setCorrecting(false);
      form.resetFields();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
      setCorrecting(false);
    }
  };

  return (
    <>
      <PageHeader title={t('publishTitle')} intro={t('publishIntro')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            <Select
              aria-label={t('movement')}
              style={{ minWidth: 220 }}
              value={movementId}
              onChange={(v) => setParams({ m: v })}
              options={(movements.data ?? []).map((m) => ({ value: m.id, label: m.shortName ?? m.name }))}
            />
            <Select
              aria-label={t('period')}
              style={{ minWidth: 220 }}
              value={periodId}
              onChange={(v) => setParams({ ...(movementId ? { m: movementId } : {}), p: v })}
              options={(periods.data ?? []).map((p) => ({ value: p.id, label: `${p.label} (${p.status})` }))}
            />
          </Space>
        </Card>
        {snapshot.isError ? <LoadError error={snapshot.error} onRetry={() => snapshot.refetch()} /> : null}
        {error ? <Alert type="error" role="alert" showIcon message={error} /> : null}
        {data ? (
          <Card size="small" title={`${data.period.label} — ${data.period.movementName}`}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={t('periodStatus')}>{data.period.status}</Descriptions.Item>
              <Descriptions.Item label={t('snapshotStatus')}>
                {s ? (
                  <Tag color={s.status === 'published' ? 'green' : 'gold'} style={{ color: '#262626' }}>
                    {statusText(s)}
                  </Tag>
                ) : (
                  t('noSnapshot')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('frozenAt')}>{s ? formatDateTime(s.frozenAt, locale) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('publishedAt')}>{s?.publishedAt ? formatDateTime(s.publishedAt, locale) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('revision')}>{s?.revision ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('trigger')}>{s ? t(s.trigger === 'schedule' ? 'triggerSchedule' : 'triggerManual') : '—'}</Descriptions.Item>
            </Descriptions>
            {s?.supersedesId && s.status === 'frozen' && data.published ? (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={t('correctionPending', { at: formatDateTime(data.published.publishedAt!, locale), reason: s.correctionReason ?? '' })}
              />
            ) : null}
            {s?.supersedesId && s.status === 'published' ? (
              <Alert
                style={{ marginTop: 12 }}
                type="info"
                showIcon
                message={t('correctionOf', {
                  at: formatDateTime(data.history.find((h) => h.id === s.supersedesId)?.publishedAt ?? s.frozenAt, locale),
                  reason: s.correctionReason ?? '',
                })}
              />
            ) : null}
            <Space wrap style={{ marginTop: 12 }}>
              {data.abilities.canClose ? (
                <Popconfirm title={t('closeConfirm')} okText={t('closeAndFreeze')} cancelText={t('cancel')} onConfirm={run(actions.close)}>
                  <Button type="primary" loading={actions.close.isPending}>
                    {t('closeAndFreeze')}
                  </Button>
                </Popconfirm>
              ) : null}
              {data.abilities.canFreeze ? (
                <Button onClick={run(actions.freeze)} loading={actions.freeze.isPending}>
                  {s ? t('refreeze') : t('freeze')}
                </Button>
              ) : null}
              {data.abilities.canPublish ? (
                <Popconfirm title={t('publishConfirm')} okText={t('publish')} cancelText={t('cancel')} onConfirm={run(actions.publish)}>
                  <Button type="primary" loading={actions.publish.isPending}>
                    {t('publish')}
                  </Button>
                </Popconfirm>
              ) : null}
              {data.abilities.canCorrect ? <Button onClick={() => setCorrecting(true)}>{t('correct')}</Button> : null}
              {s?.status === 'published' ? <Typography.Text>{t('immutable')}</Typography.Text> : null}
            </Space>
            {data.history.length > 1 ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text strong>{t('history')}</Typography.Text>
                <ul>
                  {data.history.map((h) => (
                    <li key={h.id}>
                      {t('historyItem', {
                        revision: h.revision,
                        status: statusText(h),
                        published: h.publishedAt ? t('historyPublished', { at: formatDateTime(h.publishedAt, locale) }) : '',
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Modal
              open={correcting}
              title={t('correctTitle')}
              okText={t('correctSubmit')}
              cancelText={t('cancel')}
              confirmLoading={actions.correct.isPending}
              onOk={() => void submitCorrection()}
              onCancel={() => setCorrecting(false)}
              destroyOnClose
            >
              <Typography.Paragraph>{t('correctHelp')}</Typography.Paragraph>
              <Form form={form} layout="vertical">
                <Form.Item name="reason" label={t('correctReason')} rules={[{ required: true, whitespace: true, min: 10, max: 2000, message: t('correctReasonRule') }]}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              </Form>
            </Modal>
          </Card>
        ) : null}
        {data && s ? (
          <Card size="small" title={t('frozenRanking')}>
            <Select
              aria-label={t('scope')}
              style={{ minWidth: 280, marginBottom: 12 }}
              value={scope}
              onChange={setScope}
              options={data.scopes.map((x) => ({
                value: x.key,
                label: `${x.group ? `${x.group.name} — ` : ''}${['commune', 'district', 'department'].includes(x.level) ? t(`level.${x.level}` as PublishKey) : x.level} (${x.units})`,
              }))}
            />
            <Table<Row>
              rowKey="unitId"
              size="small"
              dataSource={data.rows}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: <Empty description={t('noRows')} /> }}
              columns={[
                {
                  title: t('rank'),
                  dataIndex: 'rank',
                  width: 90,
                  render: (rank: number, r) => (r.tiedCount > 1 ? <span title={tieTitle(locale, r)}>{t('tie', { rank })}</span> : rank),
                },
                { title: t('unit'), dataIndex: 'name' },
                { title: t('totalPoints'), dataIndex: 'totalPoints', align: 'right' },
                { title: t('tieExplanation'), dataIndex: 'tieExplanation', render: (_: string | null, r) => tieTitle(locale, r) ?? '—' },
              ]}
            />
            <TieSummary ties={data.ties.filter((x) => x.scopeKey === scope)} locale={locale} />
          </Card>
        ) : null}
      </Space>
    </>
  );
}
