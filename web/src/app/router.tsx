import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import type { Permission } from '../../../src/core/permissions';
import { RequireSession, useSession, hasAnyPermission, LOGIN_PATH, FORCED_PASSWORD_PATH } from '../auth/session';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { ErrorPage } from '../pages/misc/ErrorPage';
import { navItems } from '../layout/nav-items';

// Every page is its own chunk: the sign-in page stays light on modest office PCs.
const AppLayout = lazy(() => import('../layout/AppLayout'));
const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const ForcedPasswordPage = lazy(() => import('../pages/login/ForcedPasswordPage'));
const HomePage = lazy(() => import('../pages/home/HomePage'));
const UnderConstructionPage = lazy(() => import('../pages/misc/UnderConstructionPage'));
const ForbiddenPage = lazy(() => import('../pages/misc/ForbiddenPage'));
const NotFoundPage = lazy(() => import('../pages/misc/NotFoundPage'));
const OrgExplorerPage = lazy(() => import('../pages/org/OrgExplorerPage'));
const UnitDetailPage = lazy(() => import('../pages/org/UnitDetailPage'));
const GroupsPage = lazy(() => import('../pages/org/GroupsPage'));
const UsersPage = lazy(() => import('../pages/users/UsersPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const ProfilePage = lazy(() => import('../pages/profile/ProfilePage'));
const MovementsPage = lazy(() => import('../pages/movements/MovementsPage'));
const MovementDetailPage = lazy(() => import('../pages/movements/MovementDetailPage'));
const CriteriaEditorPage = lazy(() => import('../pages/movements/CriteriaEditorPage'));
const PublicPortalPage = lazy(() => import('../pages/public/PublicPortalPage'));
const PublishRankingPage = lazy(() => import('../pages/public/PublishRankingPage'));
const MapPage = lazy(() => import('../pages/maps/MapPage'));
const ReportsPage = lazy(() => import('../pages/reports/ReportsPage'));
const ReportFormPage = lazy(() => import('../pages/reports/ReportFormPage'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage'));
const RegistrationHomePage = lazy(() => import('../pages/registration/RegistrationHomePage'));
const RegistrationDetailPage = lazy(() => import('../pages/registration/RegistrationDetailPage'));
const RegistrationFormPage = lazy(() => import('../pages/registration/RegistrationFormPage'));
const LaunchPage = lazy(() => import('../pages/registration/LaunchPage'));
const PilotPage = lazy(() => import('../pages/registration/PilotPage'));
const ProvincialPilotPage = lazy(() => import('../pages/registration/ProvincialPilotPage'));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage'));
const ScorecardPage = lazy(() => import('../pages/dashboard/ScorecardPage'));
const DifficultiesPage = lazy(() => import('../pages/difficulties/DifficultiesPage'));
const DifficultyDetailPage = lazy(() => import('../pages/difficulties/DifficultyDetailPage'));

function page(Component: LazyExoticComponent<ComponentType>): ReactNode {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Component />
    </Suspense>
  );
}

/** Shows the page only with one of the permissions; otherwise a clear "no access" page. */
function Guard({ anyOf, children }: { anyOf: Permission[]; children: ReactNode }) {
  const me = useSession();
  return hasAnyPermission(me, anyOf) ? children : page(ForbiddenPage);
}

const upcomingRoutes = navItems
  .filter((item) => item.upcoming)
  .map((item) => ({
    path: item.path.slice(1),
    element: <Guard anyOf={item.anyOf ?? []}>{page(UnderConstructionPage)}</Guard>,
    handle: { title: item.label },
  }));

export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: page(LoginPage), errorElement: <ErrorPage /> },
  // The public portal needs no session: it sits outside RequireSession.
  { path: '/cong-khai', element: page(PublicPortalPage), errorElement: <ErrorPage /> },
  {
    path: FORCED_PASSWORD_PATH,
    element: <RequireSession>{page(ForcedPasswordPage)}</RequireSession>,
    errorElement: <ErrorPage />,
  },
  {
    path: '/',
    element: <RequireSession>{page(AppLayout)}</RequireSession>,
    errorElement: <ErrorPage />,
    children: [
      {
        errorElement: <ErrorPage inLayout />,
        children: [
          { index: true, element: page(HomePage) },
          ...upcomingRoutes,
          { path: 'bang-dieu-khien', element: <Guard anyOf={['dashboard.read']}>{page(DashboardPage)}</Guard> },
          { path: 'bang-dieu-khien/don-vi/:unitId', element: <Guard anyOf={['dashboard.read']}>{page(ScorecardPage)}</Guard> },
          { path: 'ban-do', element: <Guard anyOf={['dashboard.read']}>{page(MapPage)}</Guard> },
          { path: 'cong-bo-xep-hang', element: <Guard anyOf={['movement.manage']}>{page(PublishRankingPage)}</Guard> },
          { path: 'to-chuc', element: <Guard anyOf={['unit.read']}>{page(OrgExplorerPage)}</Guard> },
          { path: 'to-chuc/don-vi/:id', element: <Guard anyOf={['unit.read']}>{page(UnitDetailPage)}</Guard> },
          { path: 'to-chuc/cum-khoi', element: <Guard anyOf={['unit.read']}>{page(GroupsPage)}</Guard> },
          { path: 'phong-trao', element: <Guard anyOf={['movement.read']}>{page(MovementsPage)}</Guard> },
          { path: 'phong-trao/:id', element: <Guard anyOf={['movement.read']}>{page(MovementDetailPage)}</Guard> },
          { path: 'phong-trao/:id/tieu-chi/:versionId', element: <Guard anyOf={['movement.read']}>{page(CriteriaEditorPage)}</Guard> },
          { path: 'viec-can-lam', element: page(InboxPage) },
          { path: 'dang-ky', element: <Guard anyOf={['registration.submit', 'registration.review']}>{page(RegistrationHomePage)}</Guard> },
          { path: 'dang-ky/:id', element: <Guard anyOf={['registration.submit', 'registration.review']}>{page(RegistrationDetailPage)}</Guard> },
          { path: 'phong-trao/:id/phat-dong', element: <Guard anyOf={['registration.submit']}>{page(LaunchPage)}</Guard> },
          { path: 'phong-trao/:id/dang-ky', element: <Guard anyOf={['registration.submit']}>{page(RegistrationFormPage)}</Guard> },
          { path: 'phong-trao/:id/chi-dao-diem', element: <Guard anyOf={['registration.submit']}>{page(PilotPage)}</Guard> },
          { path: 'phong-trao/:id/chi-dao-diem-tinh', element: <Guard anyOf={['registration.review']}>{page(ProvincialPilotPage)}</Guard> },
          { path: 'kho-khan', element: <Guard anyOf={['registration.submit', 'report.submit', 'registration.review', 'report.review']}>{page(DifficultiesPage)}</Guard> },
          { path: 'kho-khan/:id', element: <Guard anyOf={['registration.submit', 'report.submit', 'registration.review', 'report.review']}>{page(DifficultyDetailPage)}</Guard> },
          { path: 'bao-cao', element: <Guard anyOf={['report.read', 'report.submit']}>{page(ReportsPage)}</Guard> },
          { path: 'bao-cao/:id', element: <Guard anyOf={['report.read', 'report.submit']}>{page(ReportFormPage)}</Guard> },
          { path: 'nguoi-dung', element: <Guard anyOf={['user.read']}>{page(UsersPage)}</Guard> },
          { path: 'nhat-ky', element: <Guard anyOf={['audit.read']}>{page(AuditPage)}</Guard> },
          { path: 'ca-nhan', element: page(ProfilePage) },
          { path: '*', element: page(NotFoundPage) },
        ],
      },
    ],
  },
]);
