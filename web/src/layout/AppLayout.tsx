import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Layout, Menu, type MenuProps } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { hasAnyPermission, useSession } from '../auth/session';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { useT } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { navItems, selectedNavPath, type NavItem } from './nav-items';
import { UserMenu } from './UserMenu';

const MAIN_ID = 'noi-dung-chinh';
const NAV_ID = 'dieu-huong-chinh';

export default function AppLayout() {
  const t = useT();
  const me = useSession();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const [collapsed, setCollapsed] = useState(false);
  // Below the lg breakpoint the menu folds away behind a header button.
  const [narrow, setNarrow] = useState(false);

  // After moving to another page, put focus on the content so screen readers start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
    if (narrow) setCollapsed(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of page matters here, not a change of `narrow`.
  }, [location.pathname]);

  const items = useMemo<MenuProps['items']>(() => {
    const toItem = (item: NavItem): NonNullable<MenuProps['items']>[number] | null => {
      if (!hasAnyPermission(me, item.anyOf)) return null;
      if (item.children) {
        const children = item.children.map(toItem).filter((c) => c !== null);
        return { key: `group:${item.path}`, icon: item.icon, label: t(item.label), children };
      }
      return { key: item.path, icon: item.icon, label: <Link to={item.path}>{t(item.label)}</Link> };
    };
    return navItems.map(toItem).filter((i) => i !== null);
  }, [me, t]);

  const selected = selectedNavPath(location.pathname);
  const openGroup = navItems.find((i) => i.children?.some((c) => c.path === selected));

  return (
    <Layout className="app-shell">
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        {narrow ? (
          <Button
            type="text"
            className="header-menu-button"
            icon={<MenuOutlined aria-hidden />}
            aria-expanded={!collapsed}
            aria-controls={NAV_ID}
            onClick={() => setCollapsed((c) => !c)}
          >
            {t('nav.menu')}
          </Button>
        ) : null}
        <Link to="/" className="app-brand">
          <span className="app-brand-mark" aria-hidden>
            TĐ
          </span>
          <span className="app-brand-text">
            <span className="app-brand-name">{t('app.name')}</span>
            <span className="app-brand-tenant">{me.tenant.name}</span>
          </span>
        </Link>
        <div className="app-header-tools">
          <LanguageSwitch />
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={248}
          theme="light"
          breakpoint="lg"
          collapsedWidth={0}
          collapsed={collapsed}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          trigger={null}
          className="app-sider"
        >
          <nav aria-label={t('nav.label')} id={NAV_ID}>
            <Menu mode="inline" items={items} selectedKeys={[selected]} defaultOpenKeys={openGroup ? [`group:${openGroup.path}`] : ['group:/to-chuc']} />
          </nav>
        </Layout.Sider>
        <Layout className="app-body">
          {/* Layout.Content would render a second <main>; one plain main landmark instead. */}
          <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="app-main">
            <Suspense fallback={<FullPageSpinner />}>
              <Outlet />
            </Suspense>
          </main>
          <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
