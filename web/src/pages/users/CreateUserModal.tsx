import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { userCreateBody } from '../../../../src/server/modules/users/users.schemas';
import { applyFieldErrors, checkBody, zodRule } from '../../api/form-errors';
import { useCreateUser, type UserCreateInput } from '../../api/users';
import { UnitPicker } from '../../components/UnitPicker';
import { useT } from '../../i18n/i18n';

type Values = { username: string; fullName: string; email?: string; position?: string; unitId: string; mustChangePassword: boolean };
const FIELDS = ['username', 'fullName', 'email', 'position', 'unitId', 'mustChangePassword'];

/** Creates an account; the server generates the temporary password, handed to `onCreated` to show once. */
export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (username: string, temporaryPassword: string | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    const input: UserCreateInput = {
      username: values.username.trim(),
      fullName: values.fullName.trim(),
      unitId: values.unitId,
      mustChangePassword: values.mustChangePassword,
      ...(values.email?.trim() ? { email: values.email.trim() } : {}),
      ...(values.position?.trim() ? { position: values.position.trim() } : {}),
    };
    if (!checkBody(form, userCreateBody, input, FIELDS, t)) return;
    create.mutate(input, {
      onSuccess: (result) => {
        form.resetFields();
        onCreated(result.user.username, result.temporaryPassword);
      },
      onError: (err) => {
        const rest = applyFieldErrors(form, err, FIELDS);
        if (rest.length) setError(rest.join('; '));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
      <Form form={form} name="tao-nguoi-dung" layout="vertical" onFinish={submit} initialValues={{ mustChangePassword: true }}>
        <Form.Item label={t('users.username')} name="username" rules={[zodRule(userCreateBody.shape.username, t)]}>
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item label={t('users.fullName')} name="fullName" rules={[zodRule(userCreateBody.shape.fullName, t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.unit')} name="unitId" rules={[{ required: true, message: t('validation.required') }]}>
          <UnitPicker />
        </Form.Item>
        <Form.Item label={`${t('users.position')} ${t('common.optional')}`} name="position" rules={[{ max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={`${t('users.email')} ${t('common.optional')}`} name="email" rules={[zodRule(userCreateBody.shape.email, t)]}>
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="mustChangePassword" valuePropName="checked">
          <Checkbox>{t('users.mustChange')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
