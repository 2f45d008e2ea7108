import { Card, Col, Descriptions, Row } from 'antd';
import { Link } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { GrantScope } from '../../components/GrantScope';
import { PageHeader } from '../../components/PageHeader';
import { useRoleLabel, useT } from '../../i18n/i18n';
import { ApiTokensCard, permissionLabel } from './ApiTokensCard';
import { ChangePasswordForm } from './ChangePasswordForm';

export default function ProfilePage() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const me = useSession();
  const { user } = me;
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="card-title">{t('profile.details')}</h2>} className="full-height">
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'name', label: t('users.fullName'), children: user.fullName },
                { key: 'username', label: t('users.username'), children: <span className="mono">{user.username}</span> },
                { key: 'email', label: t('users.email'), children: user.email ?? '—' },
                { key: 'position', label: t('users.position'), children: user.position ?? '—' },
                {
                  key: 'unit',
                  label: t('users.unit'),
                  children: user.unitId ? <Link to={`/to-chuc/don-vi/${user.unitId}`}>{user.unitName ?? user.unitId}</Link> : t('home.noUnit'),
                },
                { key: 'tenant', label: t('profile.tenant'), children: me.tenant.name },
                {
                  key: 'roles',
                  label: t('users.roles'),
                  children: me.grants.length ? (
                    <ul className="compact-list">
                      {me.grants.map((g) => (
                        <li key={g.id}>
                          <strong>{roleLabel(g.role)}</strong> — <GrantScope grant={g} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t('home.noRoles')
                  ),
                },
                { key: 'perms', label: t('profile.permissions'), children: me.permissions.map((p) => permissionLabel(p, t)).join(', ') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={<h2 className="card-title">{t('password.title')}</h2>} className="full-height">
            <ChangePasswordForm />
          </Card>
        </Col>
      </Row>
      <ApiTokensCard />
    </>
  );
}
