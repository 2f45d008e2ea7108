import { Button, Dropdown } from 'antd';
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../api/auth';
import { useSession, LOGIN_PATH } from '../auth/session';
import { useT } from '../i18n/i18n';

export function UserMenu() {
  const t = useT();
  const me = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'profile', icon: <UserOutlined />, label: t('nav.profile') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.signOut'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/ca-nhan');
          if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate(LOGIN_PATH, { replace: true }) });
        },
      }}
    >
      <Button type="text" className="header-user" aria-label={t('nav.userMenu', { name: me.user.fullName })}>
        <UserOutlined aria-hidden />
        <span className="header-user-name">{me.user.fullName}</span>
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
