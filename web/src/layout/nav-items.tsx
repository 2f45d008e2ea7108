import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BulbOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  GlobalOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FlagOutlined,
  HistoryOutlined,
  HomeOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../../src/core/permissions';
import type { MessageKey } from '../i18n/vi';

export type NavItem = {
  path: string;
  label: MessageKey;
  icon?: ReactNode;
  /** Shown when the user holds any of these (from /api/auth/me). */
  anyOf?: Permission[];
  /** Not built yet: the route opens the "under construction" page. */
  upcoming?: boolean;
  children?: NavItem[];
};

export const navItems: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/viec-can-lam', label: 'nav.inbox', icon: <CheckSquareOutlined /> },
  { path: '/phong-trao', label: 'nav.movements', icon: <FlagOutlined />, anyOf: ['movement.read'] },
  { path: '/dang-ky', label: 'nav.registrations', icon: <FileDoneOutlined />, anyOf: ['registration.submit', 'registration.review'] },
  // Label not in the shared dictionaries yet (see the inbox entry above).
  { path: '/kho-khan', label: 'nav.difficulties', icon: <QuestionCircleOutlined />, anyOf: ['registration.submit', 'report.submit', 'registration.review', 'report.review'] },
  { path: '/bao-cao', label: 'nav.reports', icon: <FileTextOutlined />, anyOf: ['report.read', 'report.submit'] },
  { path: '/bang-dieu-khien', label: 'nav.dashboard', icon: <DashboardOutlined />, anyOf: ['dashboard.read'] },
  // Labels not in the shared dictionaries yet (see the inbox entry above).
  { path: '/ban-do', label: 'nav.map', icon: <EnvironmentOutlined />, anyOf: ['dashboard.read'] },
  { path: '/cong-bo-xep-hang', label: 'nav.publishRankings', icon: <GlobalOutlined />, anyOf: ['movement.manage'] },
  { path: '/kiem-tra', label: 'nav.inspections', icon: <SafetyCertificateOutlined />, anyOf: ['inspection.manage', 'movement.read'], upcoming: true },
  { path: '/sang-kien', label: 'nav.initiatives', icon: <BulbOutlined />, anyOf: ['initiative.submit', 'award.manage', 'movement.read'], upcoming: true },
  { path: '/khen-thuong', label: 'nav.awards', icon: <TrophyOutlined />, anyOf: ['award.manage', 'movement.read'], upcoming: true },
  {
    path: '/to-chuc',
    label: 'nav.organisation',
    icon: <ApartmentOutlined />,
    anyOf: ['unit.read'],
    children: [
      { path: '/to-chuc', label: 'nav.units', anyOf: ['unit.read'] },
      { path: '/to-chuc/cum-khoi', label: 'nav.groups', anyOf: ['unit.read'] },
    ],
  },
  { path: '/nguoi-dung', label: 'nav.users', icon: <TeamOutlined />, anyOf: ['user.read'] },
  { path: '/nhat-ky', label: 'nav.audit', icon: <HistoryOutlined />, anyOf: ['audit.read'] },
];

/** The menu key for a location: the longest item path that prefixes it. */
export function selectedNavPath(pathname: string): string {
  const paths = navItems.flatMap((item) => [item.path, ...(item.children ?? []).map((c) => c.path)]);
  let best = '/';
  for (const path of paths) {
    if (path === '/') continue;
    if ((pathname === path || pathname.startsWith(`${path}/`)) && path.length > best.length) best = path;
  }
  return best;
}
