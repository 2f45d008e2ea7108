import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { loginBody } from '../../../../src/server/modules/auth/auth.schemas';
import { useLogin, useMe } from '../../api/auth';
import { zodRule } from '../../api/form-errors';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../components/use-page-title';
import { AuthFrame, safeNext } from './AuthFrame';

type LoginForm = { username: string; password: string };

export default function LoginPage() {
  const t = useT();
  usePageTitle(t('login.title'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);

  if (me.data) return <Navigate to={me.data.user.mustChangePassword ? '/doi-mat-khau' : next} replace />;

  const submit = (values: LoginForm) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (result) => navigate(result.user.mustChangePassword ? `/doi-mat-khau?next=${encodeURIComponent(next)}` : next, { replace: true }),
      onError: (err) => {
        setError(err.message);
        form.setFieldValue('password', '');
        form.getFieldInstance('password')?.focus?.();
      },
    });
  };

  return (
    <AuthFrame title={t('login.title')}>
      <Typography.Paragraph className="auth-subtitle">{t('login.subtitle')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
      <Form form={form} name="dang-nhap" layout="vertical" requiredMark={false} onFinish={submit} disabled={login.isPending}>
        <Form.Item label={t('login.username')} name="username" rules={[zodRule(loginBody.shape.username, t)]}>
          <Input autoComplete="username" autoFocus size="large" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item label={t('login.password')} name="password" rules={[zodRule(loginBody.shape.password, t)]}>
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph className="auth-help">{t('login.help')}</Typography.Paragraph>
    </AuthFrame>
  );
}
