import { Alert, Button } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useLogout } from '../../api/auth';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../components/use-page-title';
import { ChangePasswordForm } from '../profile/ChangePasswordForm';
import { AuthFrame, safeNext } from './AuthFrame';
import { LOGIN_PATH } from '../../auth/session';

/** Shown after sign-in while the account still has a temporary password. */
export default function ForcedPasswordPage() {
  const t = useT();
  usePageTitle(t('password.forcedTitle'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const logout = useLogout();
  return (
    <AuthFrame title={t('password.forcedTitle')}>
      <Alert type="info" showIcon title={t('password.forcedIntro')} className="form-alert" />
      <ChangePasswordForm onDone={() => navigate(safeNext(params.get('next')), { replace: true })} />
      <Button type="link" className="auth-signout" onClick={() => logout.mutate(undefined, { onSettled: () => navigate(LOGIN_PATH, { replace: true }) })}>
        {t('nav.signOut')}
      </Button>
    </AuthFrame>
  );
}
