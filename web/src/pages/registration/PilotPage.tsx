import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Select } from 'antd';
import { Pill } from '../../components/Tags';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { pilotXlsxUrl, usePilots, useRegisterPilots } from '../../api/registration';
import { useUnitTree } from '../../api/units';
import { isApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/format';
import { fieldErrors, todayIso, EmptyText } from './common';
import { useRegistrationStrings } from './strings';

/** A district registers the pilot units of its own area (a reason is needed for more than two). */
export default function PilotPage() {
  const t = useRegistrationStrings();
  const { message } = App.useApp();
  const { id: movementId = '' } = useParams();
  const [params] = useSearchParams();
  const me = useSession();
  const unitId = params.get('unitId') ?? me.user.unitId ?? '';
  const pilots = usePilots(movementId);
  const register = useRegisterPilots(movementId, unitId);
  const [registeredOn, setRegisteredOn] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [general, setGeneral] = useState<string | null>(null);
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(registeredOn) ? registeredOn : todayIso();
  const tree = useUnitTree(asOf);
  const own = pilots.data?.districts.find((d) => d.registeringUnitId === unitId) ?? null;

  // Only units under the district (any depth) on the document date.
  const options = useMemo(() => {
    const nodes = tree.data?.nodes ?? [];
    const children = new Map<string, typeof nodes>();
    for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
    const out: { value: string; label: string }[] = [];
    const walk = (id: string) => {
      for (const c of children.get(id) ?? []) {
        out.push({ value: c.id, label: c.name });
        walk(c.id);
      }
    };
    walk(unitId);
    return out;
  }, [tree.data, unitId]);

  async function onFinish() {
    setErrors(new Map());
    setGeneral(null);
    try {
      await register.mutateAsync({ unitIds, reason: unitIds.length > 2 ? reason : undefined, registeredOn: registeredOn || undefined, rowVersion: own?.rowVersion });
      void message.success(t('pilot.saved'));
      setUnitIds([]);
      setReason('');
    } catch (error) {
      const map = fieldErrors(error);
      const mapped = new Map<string, string>();
      for (const [k, v] of map) mapped.set(k.split('.')[0]!, v);
      setErrors(mapped);
      if (![...mapped.keys()].some((k) => ['unitIds', 'reason', 'registeredOn'].includes(k))) setGeneral(isApiError(error) ? error.message : String(error));
    }
  }

  const status = (name: string) => (errors.has(name) ? ('error' as const) : undefined);

  return (
    <>
      <PageHeader
        title={t('pilot.title')}
        intro={me.user.unitName ?? undefined}
        extra={
          <>
            <a href={pilotXlsxUrl(movementId)} download>
              {t('home.export')}
            </a>{' '}
            · <Link to="/dang-ky">{t('common.back')}</Link>
          </>
        }
      />
      <Card>
        <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={() => void onFinish()}>
          <Form.Item label={t('pilot.registeredOn')} htmlFor="pilot-date" validateStatus={status('registeredOn')} help={errors.get('registeredOn')}>
            <Input id="pilot-date" type="date" max={todayIso()} value={registeredOn} onChange={(e) => setRegisteredOn(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('pilot.units')} htmlFor="pilot-units" validateStatus={status('unitIds')} help={errors.get('unitIds')}>
            <Select
              id="pilot-units"
              mode="multiple"
              aria-label={t('pilot.units')}
              value={unitIds}
              onChange={setUnitIds}
              options={options}
              loading={tree.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          {unitIds.length > 2 ? (
            <Form.Item label={t('pilot.reason')} htmlFor="pilot-reason" required validateStatus={status('reason')} help={errors.get('reason')}>
              <Input.TextArea id="pilot-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
            </Form.Item>
          ) : null}
          {general ? <Alert type="error" role="alert" showIcon title={general} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" loading={register.isPending} disabled={unitIds.length === 0}>
            {t('pilot.save')}
          </Button>
        </Form>
      </Card>
      <Card title={<h2 className="card-title">{t('pilot.current')}</h2>} style={{ marginTop: 16 }}>
        <List
          loading={pilots.isLoading}
          locale={{ emptyText: <EmptyText>{t('pilot.none')}</EmptyText> }}
          dataSource={[...(pilots.data?.provincial ? [pilots.data.provincial] : []), ...(pilots.data?.districts ?? [])]}
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
    </>
  );
}
