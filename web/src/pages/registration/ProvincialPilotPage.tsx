import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { pilotXlsxUrl, usePilots, useSelectProvincialPilots, type PilotOverview } from '../../api/registration';
import { isApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { Pill } from '../../components/Tags';
import { UnitPicker } from '../../components/UnitPicker';
import { formatDate } from '../../i18n/format';
import { EmptyText, fieldErrors, todayIso } from './common';
import { useRegistrationStrings } from './strings';

/** The council selects 1–2 provincial pilot units (plan III.4.a), beside the districts' lists. */
export default function ProvincialPilotPage() {
  const t = useRegistrationStrings();
  const { id: movementId = '' } = useParams();
  const pilots = usePilots(movementId);
  return (
    <>
      <PageHeader
        title={t('pilot.provincialTitle')}
        intro={t('pilot.provincialIntro')}
        extra={
          <>
            <a href={pilotXlsxUrl(movementId)} download>
              {t('home.export')}
            </a>{' '}
            · <Link to="/dang-ky">{t('common.back')}</Link>
          </>
        }
      />
      {pilots.isError ? (
        <LoadError error={pilots.error} onRetry={() => void pilots.refetch()} />
      ) : !pilots.data ? (
        <Skeleton active />
      ) : (
        <Selection movementId={movementId} data={pilots.data} />
      )}
    </>
  );
}

function Selection({ movementId, data }: { movementId: string; data: PilotOverview }) {
  const t = useRegistrationStrings();
  const { message } = App.useApp();
  const select = useSelectProvincialPilots(movementId);
  const current = data.provincial;
  const [first, setFirst] = useState<string | null>(current?.units[0]?.unitId ?? null);
  const [second, setSecond] = useState<string | null>(current?.units[1]?.unitId ?? null);
  const [registeredOn, setRegisteredOn] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [general, setGeneral] = useState<string | null>(null);
  const unitIds = [first, second].filter((v): v is string => !!v);
  // Units are searched as they stood on the document date (districts of 2021 no longer exist today).
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(registeredOn) ? registeredOn : todayIso();

  async function onFinish() {
    setErrors(new Map());
    setGeneral(null);
    try {
      await select.mutateAsync({ unitIds, registeredOn: registeredOn || undefined, rowVersion: current?.rowVersion });
      void message.success(t('pilot.provincialSaved'));
    } catch (error) {
      const map = fieldErrors(error);
      setErrors(map);
      if (![...map.keys()].some((k) => k.startsWith('unitIds') || k === 'registeredOn')) setGeneral(isApiError(error) ? error.message : String(error));
    }
  }

  const err = (name: string) => errors.get(name);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {data.abilities.canSelectProvincial ? (
        <Card>
          <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={() => void onFinish()}>
            <Form.Item label={t('pilot.registeredOn')} htmlFor="prov-pilot-date" validateStatus={err('registeredOn') ? 'error' : undefined} help={err('registeredOn')}>
              <Input id="prov-pilot-date" type="date" max={todayIso()} value={registeredOn} onChange={(e) => setRegisteredOn(e.target.value)} />
            </Form.Item>
            <Form.Item label={t('pilot.provincialFirst')} htmlFor="prov-pilot-1" validateStatus={err('unitIds.0') ? 'error' : undefined} help={err('unitIds.0')}>
              <UnitPicker id="prov-pilot-1" asOf={asOf} value={first} onChange={(v) => setFirst(v)} initialLabel={current?.units[0]?.name} placeholder={t('pilot.searchUnit')} />
            </Form.Item>
            <Form.Item label={t('pilot.provincialSecond')} htmlFor="prov-pilot-2" validateStatus={err('unitIds.1') ? 'error' : undefined} help={err('unitIds.1')}>
              <UnitPicker id="prov-pilot-2" asOf={asOf} value={second} onChange={(v) => setSecond(v)} initialLabel={current?.units[1]?.name} placeholder={t('pilot.searchUnit')} />
            </Form.Item>
            {general ? <Alert type="error" role="alert" showIcon title={general} style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" loading={select.isPending} disabled={unitIds.length === 0}>
              {t('pilot.provincialSave')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('pilot.provincialReadOnly')} />
      )}
      <Card title={<h2 className="card-title">{t('pilot.provincialCurrent')}</h2>}>
        {current ? (
          <Typography.Paragraph data-testid="provincial-pilots">
            {current.units.map((u) => u.name).join(', ')} — {formatDate(current.registeredOn)} {current.isLate ? <Pill tone="amber">{t('pilot.late')}</Pill> : null}
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph>{t('pilot.provincialNone')}</Typography.Paragraph>
        )}
      </Card>
      <Card title={<h2 className="card-title">{t('pilot.districtLists')}</h2>}>
        <List
          locale={{ emptyText: <EmptyText>{t('pilot.none')}</EmptyText> }}
          dataSource={data.districts}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <>
                    {p.registeringUnitName ?? '—'} — {formatDate(p.registeredOn)} {p.isLate ? <Pill tone="amber">{t('pilot.late')}</Pill> : null}
                  </>
                }
                description={p.units.map((u) => u.name).join(', ') + (p.reason ? ` — ${p.reason}` : '')}
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
