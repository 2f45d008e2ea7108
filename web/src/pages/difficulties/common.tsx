import { Alert, App, Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useFileDifficulty, type Difficulty, type DifficultyInput, type DifficultyKind, type DifficultyStatus } from '../../api/difficulties';
import { isApiError } from '../../api/client';
import { Pill } from '../../components/Tags';
import { assertNever } from '../../components/assert-never';
import { fieldErrors, todayIso } from '../registration/common';
import { useDifficultyStrings } from './strings';

export const difficultyKinds: DifficultyKind[] = ['difficulty', 'adjustment_request'];
export const difficultyStatuses: DifficultyStatus[] = ['open', 'answered', 'closed'];

function statusTone(status: DifficultyStatus): 'amber' | 'green' | 'grey' {
  switch (status) {
    case 'open':
      return 'amber';
    case 'answered':
      return 'green';
    case 'closed':
      return 'grey';
    default:
      return assertNever(status);
  }
}

export function DifficultyStatusTag({ status }: { status: DifficultyStatus }) {
  const t = useDifficultyStrings();
  return <Pill tone={statusTone(status)}>{t(`status.${status}`)}</Pill>;
}

type AttachmentValues = { number?: string; date?: string; summary?: string; url?: string };
type Values = { kind: DifficultyKind; movementId?: string; title: string; content: string; attachments?: AttachmentValues[] };

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/**
 * A unit files a difficulty or an adjustment request, with document references attached (number, date, summary and
 * a link to the file). The movement is fixed when given, otherwise chosen (optional) from `movements`.
 */
export function FileDifficultyForm({
  unitId,
  unitName,
  movementId,
  movements,
  onFiled,
}: {
  unitId: string;
  unitName: string | null;
  movementId?: string;
  movements?: { id: string; name: string }[];
  onFiled?: (d: Difficulty) => void;
}) {
  const t = useDifficultyStrings();
  const { message } = App.useApp();
  const file = useFileDifficulty();
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  async function onFinish(v: Values) {
    setGeneral(null);
    const input: DifficultyInput = {
      unitId,
      movementId: movementId ?? v.movementId ?? undefined,
      kind: v.kind,
      title: v.title,
      content: v.content,
      attachments: (v.attachments ?? [])
        .filter((a) => blank(a.summary) || blank(a.number) || blank(a.url))
        .map((a) => ({ number: blank(a.number), date: blank(a.date), summary: a.summary?.trim() ?? '', url: blank(a.url) })),
    };
    try {
      const created = await file.mutateAsync(input);
      form.resetFields();
      void message.success(t('file.filed'));
      onFiled?.(created);
    } catch (error) {
      const fields = [...fieldErrors(error)].map(([path, msg]) => ({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [msg] }));
      const known = fields.filter((f) => ['kind', 'movementId', 'title', 'content', 'attachments'].includes(String(f.name[0])));
      if (known.length) form.setFields(known as Parameters<typeof form.setFields>[0]);
      else setGeneral(isApiError(error) ? error.message : String(error));
    }
  }

  return (
    <Card title={<h2 className="card-title">{t('file.title')}</h2>}>
      {unitName ? <p>{t('file.unit', { name: unitName })}</p> : null}
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} initialValues={{ kind: 'difficulty', attachments: [] }} onFinish={(v) => void onFinish(v)}>
        <Form.Item name="kind" label={t('field.kind')} rules={required}>
          <Select options={difficultyKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        {!movementId && movements ? (
          <Form.Item name="movementId" label={t('file.movement')}>
            <Select allowClear placeholder={t('file.noMovement')} options={movements.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="content" label={t('field.content')} rules={required}>
          <Input.TextArea rows={4} maxLength={10_000} />
        </Form.Item>
        <Form.List name="attachments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <fieldset key={field.key} style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '8px 16px', marginBottom: 16 }}>
                  <legend>{t('att.legend', { n: i + 1 })}</legend>
                  <Space wrap align="start">
                    <Form.Item name={[field.name, 'number']} label={t('att.number')}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'date']} label={t('att.date')}>
                      <Input type="date" max={todayIso()} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[field.name, 'summary']} label={t('att.summary')} rules={required}>
                    <Input maxLength={1000} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'url']} label={t('att.url')} rules={[{ type: 'url', message: t('att.urlInvalid') }]}>
                    <Input type="url" maxLength={2000} placeholder="https://" />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>{t('file.removeAttachment', { n: i + 1 })}</Button>
                </fieldset>
              ))}
              <Form.Item>
                <Button onClick={() => add({})}>{t('file.addAttachment')}</Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        {general ? <Alert type="error" role="alert" showIcon title={general} style={{ marginBottom: 16 }} /> : null}
        <Button type="primary" htmlType="submit" loading={file.isPending}>
          {t('file.submit')}
        </Button>
      </Form>
    </Card>
  );
}
