import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../../../src/core/permissions';
import { useMe, type MeView } from '../api/auth';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { LoadError } from '../components/LoadError';

const SessionContext = createContext<MeView | null>(null);

export const LOGIN_PATH = '/dang-nhap';
export const FORCED_PASSWORD_PATH = '/doi-mat-khau';

/** Shows its children only to a signed-in user; others go to sign-in and come back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpinner />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.user.mustChangePassword && location.pathname !== FORCED_PASSWORD_PATH) {
    return <Navigate to={FORCED_PASSWORD_PATH} replace />;
  }
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}

/** The signed-in user; only inside RequireSession. */
export function useSession(): MeView {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside RequireSession');
  return me;
}

/** Whether the server granted any of the permissions (the UI never guesses beyond this list). */
export function hasAnyPermission(me: MeView, anyOf: readonly Permission[] | undefined): boolean {
  return !anyOf || anyOf.length === 0 || anyOf.some((p) => me.permissions.includes(p));
}

export function useCan(): (permission: Permission) => boolean {
  const me = useSession();
  return (permission) => me.permissions.includes(permission);
}
