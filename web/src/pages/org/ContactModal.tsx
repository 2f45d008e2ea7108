import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { isApiError } from '../../api/client';
import { updateUnitBody } from '../../../../src/server/modules/units/units.schemas';
import { applyFieldErrors, checkBody } from '../../api/form-errors';
import { useUpdateUnitContact, type UnitDetail } from '../../api/units';
import { useT } from '../../i18n/i18n';

type Values = { note: string; address: string; phone: string; email: string; website: string };
const FIELDS = ['note', 'address', 'phone', 'email', 'website'] as const;

function valuesOf(unit: UnitDetail['unit']): Values {
  return { note: unit.note ?? '', address: unit.address ?? '', phone: unit.phone ?? '', email: unit.email ?? '', website: unit.website ?? '' };
}

/** Contact fields of a unit; optimistic locking by rowVersion (409 → reload). */
export function ContactModal({ open, unit, onClose, onReload }: { open: boolean; unit: UnitDetail['unit']; onClose: () => void; onReload: () => Promise<unknown> }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUnitContact(unit.id);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const [reloads, setReloads] = useState(0);

  // Fill the form when it opens and after an explicit reload — never behind the user's back.
  useEffect(() => {
    if (open) {
      form.setFieldsValue(valuesOf(unit));
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `unit` is deliberately not a dependency: a background refetch must not overwrite what the user typed.
  }, [open, reloads]);

  const submit = (values: Values) => {
    setError(null);
    // Empty fields are sent as "" — the contract turns them into null (cleared).
    const body = { rowVersion: unit.rowVersion, ...Object.fromEntries(FIELDS.map((f) => [f, values[f] ?? ''])) };
    if (!checkBody(form, updateUnitBody, body, [...FIELDS], t)) return;
    update.mutate(body, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (err) => {
        if (isApiError(err, 409)) return setError({ text: t('unit.conflict'), conflict: true });
        const rest = applyFieldErrors(form, err, [...FIELDS]);
        if (rest.length) setError({ text: rest.join('; '), conflict: false });
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('unit.editContact')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.text}
          className="form-alert"
          action={
            error.conflict ? (
              <Button size="small" onClick={() => void onReload().then(() => setReloads((n) => n + 1))}>
                {t('common.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form form={form} name="lien-he-don-vi" layout="vertical" onFinish={submit}>
        <Form.Item label={t('unit.address')} name="address" rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('unit.phone')} name="phone" rules={[{ max: 50 }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('unit.email')} name="email" rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input inputMode="email" />
        </Form.Item>
        <Form.Item label={t('unit.website')} name="website" rules={[{ max: 300 }]}>
          <Input inputMode="url" />
        </Form.Item>
        <Form.Item label={t('unit.note')} name="note" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
