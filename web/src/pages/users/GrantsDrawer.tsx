import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Popconfirm, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { addDays, todayInVietnam } from '../../../../src/core/dates';
import { grantCreateBody } from '../../../../src/server/modules/users/users.schemas';
import type { Role } from '../../../../src/core/permissions';
import { applyFieldErrors, checkBody } from '../../api/form-errors';
import { useGrantRole, useRevokeGrant, type UserGrant, type UserItem } from '../../api/users';
import { GrantScope } from '../../components/GrantScope';
import { UnitPicker } from '../../components/UnitPicker';
import { useRoleLabel, useT } from '../../i18n/i18n';
import { useRoleOptions } from './use-role-options';

type Values = { role: Role; unitId: string | null; includeSubtree: boolean; validFrom: Dayjs; validTo?: Dayjs | null };
const FIELDS = ['role', 'unitId', 'includeSubtree', 'validFrom', 'validTo'];

/** A user's roles: list with revoke, and a form to grant one more. */
export function GrantsDrawer({ user, canManage, onClose }: { user: UserItem | null; canManage: boolean; onClose: () => void }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const roleOptions = useRoleOptions();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const grant = useGrantRole();
  const revoke = useRevokeGrant();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    if (!user) return;
    setError(null);
    const body = {
      role: values.role,
      unitId: values.unitId ?? null,
      includeSubtree: values.includeSubtree,
      validFrom: values.validFrom.format('YYYY-MM-DD'),
      // The form asks for the last valid day; the contract's validTo is the first day no longer valid.
      ...(values.validTo ? { validTo: addDays(values.validTo.format('YYYY-MM-DD'), 1) } : {}),
    };
    if (!checkBody(form, grantCreateBody, body, FIELDS, t)) return;
    grant.mutate(
      { userId: user.id, grant: body },
      {
        onSuccess: () => {
          void message.success(t('users.granted'));
          form.resetFields();
        },
        onError: (err) => {
          const rest = applyFieldErrors(form, err, FIELDS);
          if (rest.length) setError(rest.join('; '));
        },
      },
    );
  };

  return (
    <Drawer open={user !== null} onClose={onClose} title={user ? t('users.grantsTitle', { name: user.fullName }) : ''} size="large" destroyOnHidden>
      {user ? (
        <>
          <h3 className="subsection-title">{t('users.currentGrants')}</h3>
          <Table<UserGrant>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={user.roles}
            locale={{ emptyText: t('users.noGrants') }}
            columns={[
              { title: t('users.role'), dataIndex: 'role', render: (role: string) => <strong>{roleLabel(role)}</strong> },
              { title: t('users.grantUnit'), key: 'scope', render: (_: unknown, g) => <GrantScope grant={g} linkUnits={false} /> },
              ...(canManage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 110,
                      render: (_: unknown, g: UserGrant) => (
                        <Popconfirm
                          title={t('users.revokeConfirm', { role: roleLabel(g.role) })}
                          okText={t('users.revoke')}
                          cancelText={t('common.cancel')}
                          onConfirm={() =>
                            revoke.mutateAsync({ userId: user.id, grantId: g.id }).then(
                              () => void message.success(t('users.revoked')),
                              (err: Error) => void message.error(err.message),
                            )
                          }
                        >
                          <Button size="small" danger>
                            {t('users.revoke')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {canManage ? (
            <>
              <h3 className="subsection-title">{t('users.addGrant')}</h3>
              {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
              <Form
                form={form}
                name="giao-vai-tro"
                layout="vertical"
                onFinish={submit}
                initialValues={{ includeSubtree: true, validFrom: dayjs(todayInVietnam()), unitId: user.unitId }}
              >
                <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('validation.required') }]}>
                  <Select options={roleOptions} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
                <Form.Item label={t('users.grantUnit')} name="unitId" extra={t('users.grantUnitHelp')}>
                  <UnitPicker initialLabel={user.unitName ?? undefined} />
                </Form.Item>
                <Form.Item name="includeSubtree" valuePropName="checked">
                  <Checkbox>{t('users.includeSubtree')}</Checkbox>
                </Form.Item>
                <div className="form-row">
                  <Form.Item label={t('common.from')} name="validFrom" rules={[{ required: true, message: t('validation.required') }]}>
                    <DatePicker format="DD/MM/YYYY" />
                  </Form.Item>
                  <Form.Item label={`${t('common.to')} ${t('common.optional')}`} name="validTo">
                    <DatePicker format="DD/MM/YYYY" />
                  </Form.Item>
                </div>
                <Button type="primary" htmlType="submit" loading={grant.isPending}>
                  {t('users.addGrant')}
                </Button>
              </Form>
            </>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
