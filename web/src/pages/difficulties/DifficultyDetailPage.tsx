import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useAnswerDifficulty, useCloseDifficulty, useDifficulty, type Difficulty } from '../../api/difficulties';
import { isApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/format';
import { DifficultyStatusTag } from './common';
import { useDifficultyStrings } from './strings';

/** One difficulty or adjustment request: what was filed, its documents, the answer; answer or close it per the server's abilities. */
export default function DifficultyDetailPage() {
  const t = useDifficultyStrings();
  const { id = '' } = useParams();
  const item = useDifficulty(id);
  const title = item.data ? `${t(`kind.${item.data.kind}`)}: ${item.data.title}` : t('detail.title');
  return (
    <>
      <PageHeader
        title={title}
        intro={item.data ? [item.data.unitName, item.data.movementName].filter(Boolean).join(' — ') : undefined}
        tags={item.data ? <DifficultyStatusTag status={item.data.status} /> : null}
        extra={<Link to="/kho-khan">{t('detail.back')}</Link>}
      />
      {item.isError ? <LoadError error={item.error} onRetry={() => void item.refetch()} /> : !item.data ? <Skeleton active /> : <Detail item={item.data} />}
    </>
  );
}

function Detail({ item }: { item: Difficulty }) {
  const t = useDifficultyStrings();
  const { message } = App.useApp();
  const answer = useAnswerDifficulty(item.id);
  const close = useCloseDifficulty(item.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function onAnswer() {
    setError(null);
    if (!text.trim()) {
      setError(t('detail.answerRequired'));
      return;
    }
    try {
      await answer.mutateAsync({ answer: text.trim(), rowVersion: item.rowVersion });
      setText('');
      void message.success(t('detail.answered'));
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  }

  async function onClose() {
    setError(null);
    try {
      await close.mutateAsync({ rowVersion: item.rowVersion });
      void message.success(t('detail.closed'));
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('field.unit')}>{item.unitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.kind')}>{t(`kind.${item.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('field.movement')}>{item.movementName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(item.createdAt)}</Descriptions.Item>
          {item.closedAt ? <Descriptions.Item label={t('field.closedAt')}>{formatDateTime(item.closedAt)}</Descriptions.Item> : null}
        </Descriptions>
        <h2 className="card-title">{t('field.content')}</h2>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.content}</Typography.Paragraph>
      </Card>
      <Card title={<h2 className="card-title">{t('field.attachments')}</h2>}>
        <List
          size="small"
          locale={{ emptyText: <Typography.Text>{t('att.none')}</Typography.Text> }}
          dataSource={item.attachments}
          renderItem={(a, i) => (
            <List.Item
              key={i}
              actions={
                a.url
                  ? [
                      <a key="open" href={a.url} target="_blank" rel="noopener noreferrer">
                        {t('att.open')}
                        <span className="visually-hidden">: {a.summary}</span>
                      </a>,
                    ]
                  : []
              }
            >
              {[a.number, a.date ? formatDate(a.date) : null].filter(Boolean).join(', ')}
              {a.number || a.date ? ': ' : ''}
              {a.summary}
            </List.Item>
          )}
        />
      </Card>
      <Card title={<h2 className="card-title">{t('field.answer')}</h2>}>
        {item.answer ? (
          <section aria-label={t('field.answer')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="difficulty-answer">
              {item.answer}
            </Typography.Paragraph>
            <Typography.Text>
              {t('field.answeredAt')}: {formatDateTime(item.answeredAt)}
            </Typography.Text>
          </section>
        ) : (
          <Typography.Paragraph>{t('detail.noAnswer')}</Typography.Paragraph>
        )}
        {item.abilities.canAnswer || item.abilities.canClose ? (
          <Form layout="vertical" style={{ maxWidth: 720, marginTop: 16 }} onFinish={() => void onAnswer()}>
            {item.abilities.canAnswer ? (
              <Form.Item label={t('detail.answerLabel')} htmlFor="difficulty-answer-text" validateStatus={error ? 'error' : undefined} help={error}>
                <Input.TextArea id="difficulty-answer-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} />
              </Form.Item>
            ) : error ? (
              <Alert type="error" role="alert" showIcon title={error} style={{ marginBottom: 16 }} />
            ) : null}
            <Space>
              {item.abilities.canAnswer ? (
                <Button type="primary" htmlType="submit" loading={answer.isPending}>
                  {t('detail.answer')}
                </Button>
              ) : null}
              {item.abilities.canClose ? (
                <Popconfirm title={t('detail.closeConfirm')} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => onClose()}>
                  <Button loading={close.isPending}>{t('detail.close')}</Button>
                </Popconfirm>
              ) : null}
            </Space>
          </Form>
        ) : null}
      </Card>
    </Space>
  );
}
