import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Popconfirm, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { tokenCreateBody } from '../../../../src/server/modules/auth/auth.schemas';
import { isPermission, type Permission } from '../../../../src/core/permissions';
import { todayInVietnam } from '../../../../src/core/dates';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken, type ApiTokenCreated } from '../../api/auth';
import { applyFieldErrors, zodRule } from '../../api/form-errors';
import { useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { SecretReveal } from '../../components/SecretReveal';
import { Pill } from '../../components/Tags';
import { useT, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/vi';
import { formatDate, formatDateTime } from '../../i18n/format';

type Values = { name: string; permissions: Permission[]; expiresAt: Dayjs };

export function permissionLabel(permission: string, t: Translate): string {
  return isPermission(permission) ? t(`perm.${permission}` as MessageKey) : permission;
}

function TokenStatus({ token, t }: { token: ApiToken; t: Translate }) {
  if (token.revokedAt) return <Pill tone="grey">{t('tokens.revoked')}</Pill>;
  if (token.expiresAt <= todayInVietnam()) return <Pill tone="amber">{t('tokens.expired')}</Pill>;
  return <Pill tone="green">{t('tokens.active')}</Pill>;
}

/** Personal API tokens: create (shown once), list, revoke. */
export function ApiTokensCard() {
  const t = useT();
  const me = useSession();
  const { message } = App.useApp();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ownPermissions = me.permissions.filter(isPermission);

  const submit = (values: Values) => {
    setError(null);
    create.mutate(
      { name: values.name.trim(), permissions: values.permissions, expiresAt: values.expiresAt.format('YYYY-MM-DD') },
      {
        onSuccess: (token) => {
          form.resetFields();
          setCreated(token);
        },
        onError: (err) => {
          const rest = applyFieldErrors(form, err, ['name', 'permissions', 'expiresAt']);
          if (rest.length) setError(rest.join('; '));
        },
      },
    );
  };

  return (
    <Card title={<h2 className="card-title">{t('tokens.title')}</h2>} className="section">
      <p>{t('tokens.intro')}</p>
      {tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          size="small"
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: t('tokens.empty') }}
          columns={[
            {
              title: t('tokens.name'),
              dataIndex: 'name',
              render: (name: string, tk) => (
                <>
                  <strong>{name}</strong>
                  <div className="muted mono small">{tk.prefix}…</div>
                </>
              ),
            },
            { title: t('tokens.permissions'), dataIndex: 'permissions', render: (list: string[]) => list.map((p) => permissionLabel(p, t)).join(', ') },
            { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: formatDate, width: 110 },
            { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: formatDateTime, width: 150 },
            { title: t('common.status'), key: 'status', render: (_: unknown, tk) => <TokenStatus token={tk} t={t} />, width: 120 },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_: unknown, tk) =>
                tk.revokedAt ? null : (
                  <Popconfirm
                    title={t('tokens.revokeConfirm', { name: tk.name })}
                    okText={t('tokens.revoke')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      revoke.mutateAsync(tk.id).then(
                        () => void message.success(t('tokens.revoked')),
                        (err: Error) => void message.error(err.message),
                      )
                    }
                  >
                    <Button size="small" danger>
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
      <h3 className="subsection-title">{t('tokens.create')}</h3>
      {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
      <Form
        form={form}
        name="tao-ma-api"
        layout="vertical"
        onFinish={submit}
        initialValues={{ permissions: [], expiresAt: dayjs(todayInVietnam()).add(90, 'day') }}
        className="narrow-form wide"
      >
        <Form.Item label={t('tokens.name')} name="name" rules={[zodRule(tokenCreateBody.shape.name, t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('tokens.permissions')} name="permissions" rules={[zodRule(tokenCreateBody.shape.permissions, t)]}>
          <Checkbox.Group className="permission-grid" options={ownPermissions.map((p) => ({ value: p, label: permissionLabel(p, t) }))} />
        </Form.Item>
        <Form.Item label={t('tokens.expiresAt')} name="expiresAt" rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.format('YYYY-MM-DD') <= todayInVietnam()} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('tokens.create')}
        </Button>
      </Form>
      <Modal
        open={created !== null}
        title={t('tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('common.close')}
          </Button>
        }
        destroyOnHidden
      >
        {created ? <SecretReveal label={created.name} value={created.token} warning={t('tokens.createdText')} /> : null}
      </Modal>
    </Card>
  );
}
