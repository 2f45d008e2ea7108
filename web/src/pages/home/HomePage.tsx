import { Alert, Card, Col, Row, Typography } from 'antd';
import { ApartmentOutlined, ClusterOutlined, HistoryOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';
import { todayInVietnam } from '../../../../src/core/dates';
import type { Permission } from '../../../../src/core/permissions';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { useRoleLabel, useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/vi';
import { formatDate } from '../../i18n/format';
import { GrantScope } from '../../components/GrantScope';

const shortcuts: { to: string; label: MessageKey; icon: ReactNode; permission?: Permission }[] = [
  { to: '/to-chuc', label: 'home.shortcut.units', icon: <ApartmentOutlined />, permission: 'unit.read' },
  { to: '/to-chuc/cum-khoi', label: 'home.shortcut.groups', icon: <ClusterOutlined />, permission: 'unit.read' },
  { to: '/nguoi-dung', label: 'home.shortcut.users', icon: <TeamOutlined />, permission: 'user.read' },
  { to: '/nhat-ky', label: 'home.shortcut.audit', icon: <HistoryOutlined />, permission: 'audit.read' },
  { to: '/ca-nhan', label: 'home.shortcut.profile', icon: <UserOutlined /> },
];

export default function HomePage() {
  const t = useT();
  const roleLabel = useRoleLabel();
  const me = useSession();
  const links = shortcuts.filter((s) => !s.permission || me.permissions.includes(s.permission));
  return (
    <>
      <PageHeader title={t('home.greeting', { name: me.user.fullName })} intro={t('home.today', { date: formatDate(todayInVietnam()) })} />
      {me.user.isDemo ? <Alert type="info" showIcon title={t('home.demoAccount')} className="section" /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="card-title">{t('home.myUnit')}</h2>} className="full-height">
            {me.user.unitId ? (
              <Typography.Paragraph className="lead-text">
                <Link to={`/to-chuc/don-vi/${me.user.unitId}`}>{me.user.unitName ?? me.user.unitId}</Link>
                {me.user.position ? <span className="muted"> — {me.user.position}</span> : null}
              </Typography.Paragraph>
            ) : (
              <Typography.Paragraph>
                {t('home.noUnit')}
                {me.user.position ? <span className="muted"> ({me.user.position})</span> : null}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph className="muted">{me.tenant.name}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="card-title">{t('home.myRoles')}</h2>} className="full-height">
            {me.grants.length === 0 ? (
              <Typography.Paragraph>{t('home.noRoles')}</Typography.Paragraph>
            ) : (
              <ul className="plain-list">
                {me.grants.map((g) => (
                  <li key={g.id}>
                    <strong>{roleLabel(g.role)}</strong>
                    <br />
                    <GrantScope grant={g} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="card-title">{t('home.shortcuts')}</h2>} className="full-height">
            <ul className="shortcut-list">
              {links.map((s) => (
                <li key={s.to}>
                  <Link to={s.to}>
                    <span aria-hidden className="shortcut-icon">
                      {s.icon}
                    </span>
                    {t(s.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="card-title">{t('home.roadmap')}</h2>} className="full-height">
            <Typography.Paragraph>{t('home.roadmapText')}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  );
}
