import { useId, useState } from 'react';
import { App, Button, Card, Input, Modal, Popconfirm, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useResetPassword, useUpdateUser, useUsers, type UserItem } from '../../api/users';
import { useCan } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { SecretReveal } from '../../components/SecretReveal';
import { Pill } from '../../components/Tags';
import { UnitPicker } from '../../components/UnitPicker';
import { useDebounced } from '../../components/use-debounced';
import { useRoleLabel, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../i18n/format';
import { CreateUserModal } from './CreateUserModal';
import { GrantsDrawer } from './GrantsDrawer';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const t = useT();
  const id = useId();
  const roleLabel = useRoleLabel();
  const can = useCan();
  const canManage = can('user.manage');
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const users = useUsers({ q: q || undefined, unitId: unitId ?? undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [grantsFor, setGrantsFor] = useState<string | null>(null);
  const reset = useResetPassword();
  const update = useUpdateUser();

  // The drawer follows the refreshed list, so a new or revoked grant shows at once.
  const grantsUser = grantsFor ? (users.data?.items.find((u) => u.id === grantsFor) ?? null) : null;

  const resetPassword = (user: UserItem) =>
    reset.mutateAsync(user.id).then(
      (result) => setSecret({ username: user.username, password: result.temporaryPassword }),
      (err: Error) => void message.error(err.message),
    );

  const toggleActive = (user: UserItem) =>
    update.mutateAsync({ id: user.id, patch: { isActive: !user.isActive, rowVersion: user.rowVersion } }).then(
      () => void message.success(user.isActive ? t('users.locked') : t('users.unlocked')),
      (err: Error) => void message.error(err.message),
    );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <div className="filter-bar" role="search">
          <div className="filter-field grow">
            <label htmlFor={`${id}-q`} className="field-label">
              {t('users.searchLabel')}
            </label>
            <Input.Search
              id={`${id}-q`}
              value={text}
              allowClear
              onChange={(e) => {
                setText(e.target.value);
                setPage(1);
              }}
            />
          </div>
          <div className="filter-field grow">
            <label htmlFor={`${id}-unit`} className="field-label">
              {t('users.unitFilter')}
            </label>
            <UnitPicker
              id={`${id}-unit`}
              value={unitId}
              onChange={(value) => {
                setUnitId(value);
                setPage(1);
              }}
            />
          </div>
        </div>
        {users.isError ? (
          <LoadError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<UserItem>
            rowKey="id"
            loading={users.isFetching}
            dataSource={users.data?.items ?? []}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('users.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: users.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            columns={[
              {
                title: t('users.fullName'),
                dataIndex: 'fullName',
                render: (name: string, u) => (
                  <>
                    <strong>{name}</strong>
                    <div className="muted mono">{u.username}</div>
                    {u.email ? <div className="muted">{u.email}</div> : null}
                  </>
                ),
              },
              {
                title: t('users.unit'),
                dataIndex: 'unitName',
                render: (name: string | null, u) => (
                  <>
                    {u.unitId ? <Link to={`/to-chuc/don-vi/${u.unitId}`}>{name ?? u.unitId}</Link> : '—'}
                    {u.position ? <div className="muted">{u.position}</div> : null}
                  </>
                ),
              },
              {
                title: t('users.roles'),
                dataIndex: 'roles',
                render: (roles: UserItem['roles']) => (
                  <ul className="compact-list">
                    {roles.map((g) => (
                      <li key={g.id}>
                        {roleLabel(g.role)}
                        {g.unitName ? <span className="muted"> — {g.unitName}</span> : null}
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                title: t('common.status'),
                dataIndex: 'isActive',
                width: 130,
                render: (active: boolean) => (active ? <Pill tone="green">{t('users.active')}</Pill> : <Pill tone="red">{t('users.inactive')}</Pill>),
              },
              { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: (at: string | null) => (at ? formatDateTime(at) : t('users.never')) },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 260,
                render: (_: unknown, u) => (
                  <Space wrap size={4}>
                    <Button size="small" onClick={() => setGrantsFor(u.id)}>
                      {t('users.grants')}
                    </Button>
                    {canManage && u.abilities.manage ? (
                      <>
                        <Popconfirm
                          title={t('users.resetConfirm', { username: u.username })}
                          okText={t('users.resetPassword')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => resetPassword(u)}
                        >
                          <Button size="small">{t('users.resetPassword')}</Button>
                        </Popconfirm>
                        {u.isActive ? (
                          <Popconfirm
                            title={t('users.lockConfirm', { username: u.username })}
                            okText={t('users.lock')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => toggleActive(u)}
                          >
                            <Button size="small" danger>
                              {t('users.lock')}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button size="small" onClick={() => void toggleActive(u)}>
                            {t('users.unlock')}
                          </Button>
                        )}
                      </>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {canManage ? (
        <CreateUserModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(username, password) => {
            setCreating(false);
            void message.success(t('users.created', { username }));
            if (password) setSecret({ username, password });
          }}
        />
      ) : null}
      <Modal
        open={secret !== null}
        title={t('users.tempPasswordTitle')}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('common.close')}
          </Button>
        }
        destroyOnHidden
      >
        {secret ? <SecretReveal label={t('users.tempPasswordTitle')} value={secret.password} warning={t('users.tempPasswordText', { username: secret.username })} /> : null}
      </Modal>
      <GrantsDrawer user={grantsUser} canManage={canManage && (grantsUser?.abilities.manage ?? false)} onClose={() => setGrantsFor(null)} />
    </>
  );
}
