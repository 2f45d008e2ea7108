import { App, Button, Card, Form, Input, InputNumber, List } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useLaunches, useRecordLaunch, type LaunchInput } from '../../api/registration';
import { isApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/format';
import { fieldErrors, todayIso, EmptyText } from './common';
import { useRegistrationStrings } from './strings';

type Values = { launchDate: string; number: string; date: string; summary: string; scope: string; participants: number };

/** A unit records how it launched the movement: date, document, scope and participants. */
export default function LaunchPage() {
  const t = useRegistrationStrings();
  const { message } = App.useApp();
  const { id: movementId = '' } = useParams();
  const [params] = useSearchParams();
  const me = useSession();
  const unitId = params.get('unitId') ?? me.user.unitId ?? '';
  const launches = useLaunches(movementId, unitId || undefined);
  const record = useRecordLaunch(movementId);
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, message: t('common.required') }];

  async function onFinish(v: Values) {
    const input: LaunchInput = {
      unitId,
      launchDate: v.launchDate,
      document: { number: v.number, date: v.date, summary: v.summary },
      scope: v.scope,
      participants: Number(v.participants),
    };
    try {
      await record.mutateAsync(input);
      form.resetFields();
      void message.success(t('launch.saved'));
    } catch (error) {
      const errors = fieldErrors(error);
      const map: Record<string, keyof Values> = {
        launchDate: 'launchDate',
        'document.number': 'number',
        'document.date': 'date',
        'document.summary': 'summary',
        scope: 'scope',
        participants: 'participants',
      };
      const fields = [...errors].filter(([k]) => map[k]).map(([k, m]) => ({ name: map[k]!, errors: [m] }));
      if (fields.length) form.setFields(fields);
      else form.setFields([{ name: 'launchDate', errors: [isApiError(error) ? error.message : String(error)] }]);
    }
  }

  return (
    <>
      <PageHeader title={t('launch.title')} intro={me.user.unitName ?? undefined} extra={<Link to="/dang-ky">{t('common.back')}</Link>} />
      <Card>
        <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 640 }}>
          <Form.Item name="launchDate" label={t('launch.date')} rules={required}>
            <Input type="date" max={todayIso()} />
          </Form.Item>
          <Form.Item name="number" label={t('launch.docNumber')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="date" label={t('launch.docDate')} rules={required}>
            <Input type="date" max={todayIso()} />
          </Form.Item>
          <Form.Item name="summary" label={t('launch.docSummary')} rules={required}>
            <Input.TextArea maxLength={1000} rows={2} />
          </Form.Item>
          <Form.Item name="scope" label={t('launch.scope')} rules={required}>
            <Input.TextArea maxLength={2000} rows={2} />
          </Form.Item>
          <Form.Item name="participants" label={t('launch.participants')} rules={required}>
            <InputNumber min={0} max={10_000_000} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('launch.save')}
          </Button>
        </Form>
      </Card>
      <Card title={<h2 className="card-title">{t('launch.existing')}</h2>} style={{ marginTop: 16 }}>
        <List
          locale={{ emptyText: <EmptyText>{t('launch.none')}</EmptyText> }}
          loading={launches.isLoading}
          dataSource={launches.data ?? []}
          renderItem={(l) => (
            <List.Item>
              <List.Item.Meta
                title={`${l.unitName ?? ''} — ${formatDate(l.launchDate)}`}
                description={`${l.document.number} (${formatDate(l.document.date)}): ${l.document.summary} · ${l.scope} · ${l.participants}`}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
