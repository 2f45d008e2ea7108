import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import { recordEventBody } from '../../../../src/server/modules/units/units.schemas';
import { applyFieldErrors, checkBody } from '../../api/form-errors';
import { useRecordUnitEvent, type LineageKind, type UnitEventInput } from '../../api/units';
import { UnitPicker } from '../../components/UnitPicker';
import { useT } from '../../i18n/i18n';
import { eventLabelKey } from './event-labels';
import { assertNever } from '../../components/assert-never';

type RecordableType = UnitEventInput['type'];
const TYPES: RecordableType[] = ['renamed', 'moved', 'merged_into', 'split_from', 'dissolved'];

type Values = {
  type: RecordableType;
  effectiveDate: Dayjs;
  name?: string;
  shortName?: string;
  parentId?: string;
  targetUnitId?: string;
  kind?: LineageKind;
  sourceUnitId?: string;
  legalBasis: { number?: string; date?: Dayjs | null; title: string };
};

const FIELDS = [
  'type',
  'effectiveDate',
  'name',
  'shortName',
  'parentId',
  'targetUnitId',
  'kind',
  'sourceUnitId',
  'legalBasis.number',
  'legalBasis.date',
  'legalBasis.title',
  'rowVersion',
];

function toInput(values: Values, rowVersion: number): UnitEventInput {
  const legalBasis = {
    title: values.legalBasis.title.trim(),
    ...(values.legalBasis.number?.trim() ? { number: values.legalBasis.number.trim() } : {}),
    ...(values.legalBasis.date ? { date: values.legalBasis.date.format('YYYY-MM-DD') } : {}),
  };
  const common = { effectiveDate: values.effectiveDate.format('YYYY-MM-DD'), legalBasis, rowVersion };
  switch (values.type) {
    case 'renamed':
      return { ...common, type: 'renamed', name: values.name!.trim(), ...(values.shortName?.trim() ? { shortName: values.shortName.trim() } : {}) };
    case 'moved':
      return { ...common, type: 'moved', parentId: values.parentId! };
    case 'merged_into':
      return { ...common, type: 'merged_into', targetUnitId: values.targetUnitId!, kind: values.kind ?? 'full' };
    case 'split_from':
      return { ...common, type: 'split_from', sourceUnitId: values.sourceUnitId! };
    case 'dissolved':
      return { ...common, type: 'dissolved' };
    default:
      return assertNever(values.type);
  }
}

/** Records a lineage event (rename, move, merger, split, dissolution) with its legal basis. */
export function RecordEventModal({ open, unitId, rowVersion, asOf, onClose }: { open: boolean; unitId: string; rowVersion: number; asOf: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const record = useRecordUnitEvent(unitId);
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('validation.required') }];

  const submit = (values: Values) => {
    setError(null);
    const input = toInput(values, rowVersion);
    if (!checkBody(form, recordEventBody, input, FIELDS, t)) return;
    record.mutate(input, {
      onSuccess: () => {
        void message.success(t('unit.eventRecorded'));
        form.resetFields();
        onClose();
      },
      onError: (err) => {
        if (isApiError(err, 409)) return setError(t('unit.conflict'));
        const rest = applyFieldErrors(form, err, FIELDS);
        if (rest.length) setError(rest.join('; '));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('unit.recordEvent')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
      width={640}
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} className="form-alert" /> : null}
      <Form form={form} name="su-kien-don-vi" layout="vertical" onFinish={submit} initialValues={{ type: 'renamed', kind: 'full' }}>
        <Form.Item label={t('unit.event.type')} name="type" rules={required}>
          <Select options={TYPES.map((value) => ({ value, label: t(eventLabelKey(value)) }))} />
        </Form.Item>
        <Form.Item label={t('unit.event.effectiveDate')} name="effectiveDate" rules={required}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        {type === 'renamed' ? (
          <>
            <Form.Item label={t('unit.event.newName')} name="name" rules={[...required, { max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item label={`${t('unit.event.newShortName')} ${t('common.optional')}`} name="shortName" rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        {type === 'moved' ? (
          <Form.Item label={t('unit.event.newParent')} name="parentId" rules={required}>
            <UnitPicker asOf={asOf} />
          </Form.Item>
        ) : null}
        {type === 'merged_into' ? (
          <>
            <Form.Item label={t('unit.event.target')} name="targetUnitId" rules={required}>
              <UnitPicker asOf={asOf} />
            </Form.Item>
            <Form.Item label={t('unit.event.kind')} name="kind" rules={required}>
              <Radio.Group
                options={[
                  { value: 'full', label: t('common.whole') },
                  { value: 'partial', label: t('common.partial') },
                ]}
              />
            </Form.Item>
          </>
        ) : null}
        {type === 'split_from' ? (
          <Form.Item label={t('unit.event.source')} name="sourceUnitId" rules={required}>
            <UnitPicker asOf={asOf} includeClosed />
          </Form.Item>
        ) : null}
        <fieldset className="form-fieldset">
          <legend>{t('unit.event.legalHeading')}</legend>
          <Form.Item label={t('unit.event.legalTitle')} name={['legalBasis', 'title']} rules={[...required, { max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <div className="form-row">
            <Form.Item label={`${t('unit.event.legalNumber')} ${t('common.optional')}`} name={['legalBasis', 'number']} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item label={`${t('unit.event.legalDate')} ${t('common.optional')}`} name={['legalBasis', 'date']}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          </div>
        </fieldset>
      </Form>
    </Modal>
  );
}
