import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { changePasswordBody } from '../../../../src/server/modules/auth/auth.schemas';
import { useChangePassword } from '../../api/auth';
import { applyFieldErrors, zodRule } from '../../api/form-errors';
import { useT } from '../../i18n/i18n';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** Current + new password (twice). Strength is checked by the server; its message lands under the field. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);

  const submit = ({ currentPassword, newPassword }: Values) => {
    setError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('password.changed'));
          onDone?.();
        },
        onError: (err) => {
          const rest = applyFieldErrors(form, err, ['currentPassword', 'newPassword']);
          setError(rest.length ? rest.join('; ') : null);
        },
      },
    );
  };

  return (
    <Form form={form} name="doi-mat-khau" layout="vertical" onFinish={submit} disabled={change.isPending} className="narrow-form">
      {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
      <Form.Item label={t('password.current')} name="currentPassword" rules={[zodRule(changePasswordBody.shape.currentPassword, t)]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item label={t('password.new')} name="newPassword" extra={t('password.rule')} rules={[zodRule(changePasswordBody.shape.newPassword, t)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
