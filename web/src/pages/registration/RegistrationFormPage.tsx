import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useCreateRegistration, useRegistrationForm, useUpdateRegistration, type Registration, type RegistrationForm, type RegistrationInput } from '../../api/registration';
import { isApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/format';
import { fieldErrors, todayIso } from './common';
import { useRegistrationStrings } from './strings';

type Comparator = 'gte' | 'gt' | 'lte' | 'lt' | 'eq';
const comparatorLabels: Record<Comparator, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=' };
type Commitment = { comparator: Comparator; threshold: string };

/**
 * A unit's registration: content areas, a commitment per criterion beside the plan's target, the signer. A unit that
 * leads a cluster or block (cụm, khối) may instead register for it jointly (`?groupId=`).
 */
export default function RegistrationFormPage() {
  const t = useRegistrationStrings();
  const { id: movementId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const me = useSession();
  const unitId = params.get('unitId') ?? me.user.unitId ?? undefined;
  const groupId = params.get('groupId') ?? undefined;
  // The unit's own form also says which groups it leads; the group's form is loaded when one is chosen.
  const unitForm = useRegistrationForm(movementId, { unitId });
  const ledGroups = unitForm.data?.ledGroups ?? [];
  // A group is read on the date its lead led it (a cluster of the plan's years may have ended since).
  const groupAsOf = ledGroups.find((g) => g.id === groupId)?.asOf;
  const groupForm = useRegistrationForm(movementId, { groupId, asOf: groupAsOf }, !!groupId && !!unitForm.data);
  const form = groupId ? groupForm : unitForm;

  function choose(value: string) {
    const next = new URLSearchParams(params);
    if (value === 'unit') next.delete('groupId');
    else next.set('groupId', value);
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader title={t('reg.title')} intro={me.user.unitName ?? undefined} extra={<Link to="/dang-ky">{t('common.back')}</Link>} />
      {ledGroups.length > 0 ? (
        <Card style={{ marginBottom: 16 }}>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>{t('reg.registerFor')}</legend>
            <Radio.Group value={groupId ?? 'unit'} onChange={(e) => choose(String(e.target.value))}>
              <Space direction="vertical">
                <Radio value="unit">{t('reg.forUnit', { name: me.user.unitName ?? '' })}</Radio>
                {ledGroups.map((g) => (
                  <Radio key={g.id} value={g.id}>
                    {t('reg.forGroup', { name: g.name })}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </fieldset>
        </Card>
      ) : null}
      {form.isError ? (
        <LoadError error={form.error} onRetry={() => void form.refetch()} />
      ) : !form.data ? (
        <Skeleton active />
      ) : form.data.existingRegistrationId ? (
        <Alert type="info" showIcon title={t('reg.existing')} description={<Link to={`/dang-ky/${form.data.existingRegistrationId}`}>{t('reg.openExisting')}</Link>} />
      ) : (
        <RegistrationEditor
          key={groupId ?? 'unit'}
          data={form.data}
          movementId={movementId}
          unitId={unitId}
          defaultSignedOn={groupId && groupAsOf !== todayIso() ? groupAsOf : undefined}
        />
      )}
    </>
  );
}

/**
 * The registration editor. Without `existing` it creates (for the form's unit or group); with it, it edits a draft or
 * a returned registration and can send it again.
 */
export function RegistrationEditor({
  data,
  movementId,
  unitId,
  existing,
  onDone,
  defaultSignedOn,
}: {
  data: RegistrationForm;
  movementId: string;
  unitId?: string;
  existing?: Registration;
  onDone?: () => void;
  /** The signing date to start from (a joint registration of a cluster that has ended since). */
  defaultSignedOn?: string;
}) {
  const t = useRegistrationStrings();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateRegistration(movementId);
  const update = useUpdateRegistration(existing?.id ?? '');
  const pending = create.isPending || update.isPending;
  const [areas, setAreas] = useState<string[]>(() => existing?.contentAreas.map((a) => a.code) ?? []);
  const [commitments, setCommitments] = useState<Record<string, Commitment>>(() =>
    Object.fromEntries((existing?.commitments ?? []).map((c) => [c.criterionCode, { comparator: c.comparator as Comparator, threshold: c.threshold }])),
  );
  const [signerName, setSignerName] = useState(existing?.signer?.name ?? '');
  const [signerPosition, setSignerPosition] = useState(existing?.signer?.position ?? '');
  const [signedOn, setSignedOn] = useState(existing?.signedOn ?? defaultSignedOn ?? '');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [general, setGeneral] = useState<string | null>(null);
  const levels = new Set(data.levels.map((l) => l.level));
  const criteria = useMemo(() => data.criteria.filter((c) => areas.includes(c.contentArea)), [data.criteria, areas]);

  async function save(submit: boolean) {
    const list = criteria
      .filter((c) => (commitments[c.code]?.threshold ?? '').trim() !== '')
      .map((c) => {
        const target = c.targets.find((x) => levels.has(x.level));
        return { criterionCode: c.code, comparator: commitments[c.code]?.comparator ?? target?.comparator ?? 'gte', threshold: commitments[c.code]!.threshold.trim() };
      });
    const signer = signerName || signerPosition ? { name: signerName, position: signerPosition } : undefined;
    setErrors(new Map());
    setGeneral(null);
    try {
      if (existing) {
        await update.mutateAsync({
          patch: { rowVersion: existing.rowVersion, contentAreas: areas, commitments: list, signer: signer ?? null, signedOn: signedOn || null },
          submit,
        });
        void message.success(t(submit ? 'reg.resubmitted' : 'reg.saved'));
        onDone?.();
        return;
      }
      const body: RegistrationInput = {
        ...(data.groupId ? { groupId: data.groupId } : { unitId: data.unitId ?? unitId }),
        contentAreas: areas,
        commitments: list,
        signer,
        signedOn: signedOn || undefined,
        submit,
      };
      const created = await create.mutateAsync(body);
      void message.success(t(submit ? 'reg.submitted' : 'reg.saved'));
      navigate(`/dang-ky/${created.id}`);
    } catch (error) {
      const raw = fieldErrors(error);
      // Commitments are addressed by index in the body: put each message under its criterion.
      const mapped = new Map<string, string>();
      for (const [path, msg] of raw) {
        const m = /^commitments\.(\d+)/.exec(path);
        if (m && list[Number(m[1])]) mapped.set(`c:${list[Number(m[1])]!.criterionCode}`, msg);
        else mapped.set(path.split('.')[0]!, msg);
      }
      setErrors(mapped);
      const known = [...mapped.keys()].some((k) => k.startsWith('c:') || ['contentAreas', 'signer', 'signedOn'].includes(k));
      if (!known) setGeneral(isApiError(error) ? error.message : String(error));
    }
  }

  return (
    <Card title={existing ? <h2 className="card-title">{t('reg.editTitle')}</h2> : undefined}>
      {data.deadline ? <Typography.Paragraph>{t('reg.deadline', { date: formatDate(data.deadline) })}</Typography.Paragraph> : null}
      <Form layout="vertical" style={{ maxWidth: 820 }} onFinish={() => void save(true)}>
        <Form.Item label={t('reg.contents')} validateStatus={errors.has('contentAreas') ? 'error' : undefined} help={errors.get('contentAreas')}>
          <Checkbox.Group value={areas} onChange={(v) => setAreas(v as string[])} aria-label={t('reg.contents')}>
            <Space direction="vertical">
              {data.contentAreas.map((a) => (
                <Checkbox key={a.code} value={a.code}>
                  {a.title}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        {criteria.length > 0 ? (
          <fieldset className="reg-commitments">
            <legend>{t('reg.commitments')}</legend>
            {criteria.map((c) => {
              const target = c.targets.find((x) => levels.has(x.level));
              const value = commitments[c.code] ?? { comparator: (target?.comparator ?? 'gte') as Comparator, threshold: '' };
              const err = errors.get(`c:${c.code}`);
              const inputId = `commit-${c.code}`;
              return (
                <Form.Item
                  key={c.code}
                  label={<label htmlFor={inputId}>{c.title}</label>}
                  validateStatus={err ? 'error' : undefined}
                  help={err}
                  extra={target ? t('reg.planTarget', { text: target.text }) : t('reg.noTarget')}
                >
                  <Space.Compact>
                    <Select
                      aria-label={`${c.title}: ${comparatorLabels[value.comparator]}`}
                      value={value.comparator}
                      style={{ width: 80 }}
                      options={(Object.keys(comparatorLabels) as Comparator[]).map((k) => ({ value: k, label: comparatorLabels[k] }))}
                      onChange={(comparator) => setCommitments((prev) => ({ ...prev, [c.code]: { ...value, comparator } }))}
                    />
                    <Input
                      id={inputId}
                      inputMode="decimal"
                      style={{ width: 160 }}
                      value={value.threshold}
                      suffix={c.display === 'percent' ? '%' : undefined}
                      onChange={(e) => setCommitments((prev) => ({ ...prev, [c.code]: { ...value, threshold: e.target.value } }))}
                    />
                  </Space.Compact>
                </Form.Item>
              );
            })}
          </fieldset>
        ) : null}
        <Space wrap align="start">
          <Form.Item label={t('reg.signerName')} htmlFor="signer-name" validateStatus={errors.has('signer') ? 'error' : undefined} help={errors.get('signer')}>
            <Input id="signer-name" value={signerName} onChange={(e) => setSignerName(e.target.value)} maxLength={200} />
          </Form.Item>
          <Form.Item label={t('reg.signerPosition')} htmlFor="signer-position">
            <Input id="signer-position" value={signerPosition} onChange={(e) => setSignerPosition(e.target.value)} maxLength={200} />
          </Form.Item>
          <Form.Item label={t('reg.signedOn')} htmlFor="signed-on" validateStatus={errors.has('signedOn') ? 'error' : undefined} help={errors.get('signedOn')}>
            <Input id="signed-on" type="date" max={todayIso()} value={signedOn} onChange={(e) => setSignedOn(e.target.value)} />
          </Form.Item>
        </Space>
        {general ? <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} /> : null}
        <Space>
          <Button onClick={() => void save(false)} loading={pending}>
            {t('reg.saveDraft')}
          </Button>
          <Button type="primary" htmlType="submit" loading={pending}>
            {existing && existing.status === 'returned' ? t('reg.resubmit') : t('reg.submit')}
          </Button>
          {existing && onDone ? <Button onClick={onDone}>{t('reg.cancelEdit')}</Button> : null}
        </Space>
      </Form>
    </Card>
  );
}
