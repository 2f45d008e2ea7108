import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { todayInVietnam } from '../../../../src/core/dates';
import { createVersionBody } from '../../../../src/server/modules/criteria/criteria.schemas';
import { isApiError } from '../../api/client';
import { applyFieldErrors, checkBody } from '../../api/form-errors';
import { useCreateVersion, useFreezeVersion, type CriteriaVersion } from '../../api/criteria';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { useMovementStrings } from './strings';

type AmendValues = { effectiveFrom?: Dayjs | null; legalBasis: { number?: string; date?: Dayjs | null; issuer?: string; title?: string } };
const AMEND_FIELDS = ['effectiveFrom', 'legalBasis.number', 'legalBasis.date', 'legalBasis.issuer', 'legalBasis.title'];

/** POST /api/criteria-sets/:id/versions: a new draft copied from `base`, with its effective date and legal basis. */
export function AmendModal({ base, onClose, onCreated }: { base: CriteriaVersion; onClose: () => void; onCreated: (created: CriteriaVersion) => void }) {
  const t = useMovementStrings();
  const tc = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AmendValues>();
  const create = useCreateVersion(base.criteriaSetId);
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: tc('validation.required') }];

  const submit = (values: AmendValues) => {
    setError(null);
    const body = {
      basedOnVersionId: base.id,
      effectiveFrom: values.effectiveFrom?.format('YYYY-MM-DD') ?? '',
      legalBasis: {
        number: values.legalBasis.number?.trim() ?? '',
        date: values.legalBasis.date?.format('YYYY-MM-DD') ?? '',
        issuer: values.legalBasis.issuer?.trim() ?? '',
        title: values.legalBasis.title?.trim() ?? '',
      },
    };
    if (!checkBody(form, createVersionBody, body, AMEND_FIELDS, tc)) return;
    create.mutate(body, {
      onSuccess: (created) => {
        void message.success(t('amend.created', { version: created.version }));
        onCreated(created);
      },
      onError: (err) => {
        const rest = applyFieldErrors(form, err, AMEND_FIELDS);
        if (rest.length) setError(rest.join('; '));
      },
    });
  };

  const nextDay = dayjs(base.effectiveFrom).add(1, 'day');
  const today = dayjs(todayInVietnam());

  return (
    <Modal
      open
      title={t('amend.title')}
      onCancel={onClose}
      okText={t('amend.submit')}
      cancelText={tc('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph>{t('amend.intro', { version: base.version })}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
      <Form
        form={form}
        name="phien-ban-sua-doi"
        layout="vertical"
        onFinish={submit}
        initialValues={{ effectiveFrom: today.isAfter(nextDay) ? today : nextDay, legalBasis: { issuer: base.legalBasis.issuer } }}
      >
        <Form.Item label={t('amend.effectiveFrom')} name="effectiveFrom" rules={required} extra={t('amend.effectiveHint', { date: formatDate(base.effectiveFrom) })}>
          <DatePicker format="DD/MM/YYYY" disabledDate={(d) => !d.isAfter(dayjs(base.effectiveFrom), 'day')} />
        </Form.Item>
        <fieldset className="form-fieldset">
          <legend>{t('amend.fieldset')}</legend>
          <div className="form-row">
            <Form.Item label={t('amend.basisNumber')} name={['legalBasis', 'number']} rules={[...required, { max: 100 }]}>
              <Input placeholder="1234/QĐ-UBND" />
            </Form.Item>
            <Form.Item label={t('amend.basisDate')} name={['legalBasis', 'date']} rules={required}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          </div>
          <Form.Item label={t('amend.basisIssuer')} name={['legalBasis', 'issuer']} rules={[...required, { max: 500 }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('amend.basisTitle')} name={['legalBasis', 'title']} rules={[...required, { max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </fieldset>
      </Form>
    </Modal>
  );
}

/** POST /api/criteria-versions/:id/freeze with a reason. */
export function FreezeModal({ version, onClose }: { version: CriteriaVersion; onClose: () => void }) {
  const t = useMovementStrings();
  const tc = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const freeze = useFreezeVersion(version.id);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('freeze.title', { version: version.version })}
      onCancel={onClose}
      okText={t('freeze.button')}
      cancelText={tc('common.cancel')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={freeze.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('freeze.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
      <Form
        form={form}
        name="khoa-phien-ban"
        layout="vertical"
        initialValues={{ reason: t('freeze.reasonDefault', { number: version.legalBasis.number }) }}
        onFinish={({ reason }) => {
          setError(null);
          freeze.mutate(reason.trim(), {
            onSuccess: () => {
              void message.success(t('freeze.done', { version: version.version }));
              onClose();
            },
            onError: (err) =>
              setError(isApiError(err) && err.details.length > 0 ? `${err.message}: ${err.details.map((d) => `${d.path} — ${d.message}`).join('; ')}` : err.message),
          });
        }}
      >
        <Form.Item label={t('freeze.reason')} name="reason" rules={[{ required: true, whitespace: true, message: tc('validation.required') }, { max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
