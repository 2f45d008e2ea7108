import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Select } from 'antd';
import { useDifficulties, useFileDifficulty } from '../../api/registration';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { EmptyText } from './common';
import { useRT } from './strings';

type Kind = 'difficulty' | 'adjustment_request';

/** Difficulties and adjustment requests of the movement in scope; a unit user can file one. */
export function DifficultiesCard({ movementId, unitId }: { movementId: string; unitId: string | null }) {
  const t = useRT();
  const { message } = App.useApp();
  const list = useDifficulties(movementId);
  const file = useFileDifficulty();
  const [kind, setKind] = useState<Kind>('difficulty');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function onFinish() {
    if (!unitId) return;
    setError(null);
    try {
      await file.mutateAsync({ unitId, movementId, kind, title, content });
      setTitle('');
      setContent('');
      void message.success(t('diff.filed'));
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  }

  return (
    <Card title={<h2 className="card-title">{t('diff.title')}</h2>}>
      <List
        loading={list.isLoading}
        locale={{ emptyText: <EmptyText>{t('diff.empty')}</EmptyText> }}
        dataSource={list.data ?? []}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              title={`${d.title} — ${d.unitName ?? ''}`}
              description={
                <>
                  {t(`diff.kind.${d.kind}`)} · {formatDateTime(d.createdAt)} · {d.content}
                  {d.answer ? <div>{t('diff.answer', { answer: d.answer })}</div> : null}
                </>
              }
            />
          </List.Item>
        )}
      />
      {unitId ? (
        <Form layout="vertical" style={{ maxWidth: 640, marginTop: 16 }} onFinish={() => void onFinish()}>
          <Form.Item label={t('diff.kind')} htmlFor="diff-kind">
            <Select
              id="diff-kind"
              value={kind}
              onChange={setKind}
              options={(['difficulty', 'adjustment_request'] as const).map((k) => ({ value: k, label: t(`diff.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('diff.subject')} htmlFor="diff-title" required>
            <Input id="diff-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
          </Form.Item>
          <Form.Item label={t('diff.content')} htmlFor="diff-content" required>
            <Input.TextArea id="diff-content" rows={3} value={content} onChange={(e) => setContent(e.target.value)} maxLength={10_000} />
          </Form.Item>
          {error ? <Alert type="error" role="alert" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Button htmlType="submit" loading={file.isPending} disabled={!title.trim() || !content.trim()}>
            {t('diff.file')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
