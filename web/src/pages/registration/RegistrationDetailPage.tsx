import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Skeleton, Space, Table } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useRegistration, useRegistrationForm, useReviewRegistration, type Registration } from '../../api/registration';
import { isApiError } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/format';
import { RegistrationStatusTag } from './common';
import { RegistrationEditor } from './RegistrationFormPage';
import { useRegistrationStrings } from './strings';

/** One registration: contents, commitments beside the plan's targets, history; submit, confirm or return. */
export default function RegistrationDetailPage() {
  const t = useRegistrationStrings();
  const { id = '' } = useParams();
  const reg = useRegistration(id);
  const title = reg.data ? `${t('reg.title')}: ${reg.data.groupName ?? reg.data.unitName ?? ''}` : t('reg.title');
  return (
    <>
      <PageHeader
        title={title}
        intro={reg.data?.movementName}
        tags={reg.data ? <RegistrationStatusTag status={reg.data.status} /> : null}
        extra={<Link to="/dang-ky">{t('common.back')}</Link>}
      />
      {reg.isError ? <LoadError error={reg.error} onRetry={() => void reg.refetch()} /> : !reg.data ? <Skeleton active /> : <Detail reg={reg.data} />}
    </>
  );
}

function Detail({ reg }: { reg: Registration }) {
  const t = useRegistrationStrings();
  const { message } = App.useApp();
  const review = useReviewRegistration(reg.id);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  async function act(action: 'confirm' | 'return' | 'submit') {
    setError(null);
    if (action === 'return' && !comment.trim()) {
      setError(t('reg.commentRequired'));
      return;
    }
    try {
      await review.mutateAsync({ action, comment: comment.trim(), rowVersion: reg.rowVersion });
      setComment('');
      void message.success(t(action === 'confirm' ? 'reg.confirmed' : action === 'return' ? 'reg.returned' : 'reg.submitted'));
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {reg.reviewComment ? (
        <Alert
          type={reg.status === 'returned' ? 'warning' : 'info'}
          showIcon
          title={t('reg.reviewComment', { comment: reg.reviewComment })}
          description={reg.status === 'returned' && reg.abilities.canEdit ? t('reg.returnedHint') : undefined}
          action={reg.abilities.canEdit && !editing ? <Button onClick={() => setEditing(true)}>{t('reg.edit')}</Button> : undefined}
        />
      ) : reg.abilities.canEdit && !editing ? (
        <div>
          <Button onClick={() => setEditing(true)}>{t('reg.edit')}</Button>
        </div>
      ) : null}
      {reg.abilities.canEdit && editing ? <EditSection reg={reg} onDone={() => setEditing(false)} /> : null}
      <Card>
        <Descriptions column={1} size="small">
          {reg.groupName ? (
            <Descriptions.Item label={t('reg.members')}>{[reg.unitName, ...reg.memberUnits.map((m) => m.name)].filter(Boolean).join('; ')}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('reg.contents')}>{reg.contentAreas.map((a) => a.title).join('; ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.submittedAt')}>{formatDateTime(reg.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('progress.deadline')}>{formatDate(reg.deadline)}</Descriptions.Item>
          {reg.signer ? (
            <Descriptions.Item
              label={t('reg.signedOn')}
            >{`${t('reg.signer', { name: reg.signer.name, position: reg.signer.position })} — ${formatDate(reg.signedOn)}`}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title={<h2 className="card-title">{t('reg.commitments')}</h2>}>
        <Table
          size="small"
          rowKey="criterionCode"
          pagination={false}
          dataSource={reg.commitments}
          columns={[
            { title: t('reg.criterion'), dataIndex: 'criterionTitle', render: (v: string | null, r) => v ?? r.criterionCode },
            { title: t('reg.commitments'), dataIndex: 'text' },
            { title: t('reg.planTarget', { text: '' }).replace(/:\s*$/, ''), render: (_: unknown, r) => r.planTarget?.text ?? '—' },
          ]}
        />
      </Card>
      {!editing && (reg.abilities.canConfirm || reg.abilities.canReturn || reg.abilities.canSubmit) ? (
        <Card>
          <Form layout="vertical" style={{ maxWidth: 640 }}>
            {reg.abilities.canConfirm || reg.abilities.canReturn ? (
              <Form.Item label={t('reg.comment')} htmlFor="review-comment" validateStatus={error ? 'error' : undefined} help={error}>
                <Input.TextArea id="review-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
              </Form.Item>
            ) : error ? (
              <Alert type="error" role="alert" title={error} />
            ) : null}
            <Space>
              {reg.abilities.canSubmit ? (
                <Button type="primary" loading={review.isPending} onClick={() => void act('submit')}>
                  {t('reg.send')}
                </Button>
              ) : null}
              {reg.abilities.canConfirm ? (
                <Button type="primary" loading={review.isPending} onClick={() => void act('confirm')}>
                  {t('reg.confirm')}
                </Button>
              ) : null}
              {reg.abilities.canReturn ? (
                <Button danger loading={review.isPending} onClick={() => void act('return')}>
                  {t('reg.return')}
                </Button>
              ) : null}
            </Space>
          </Form>
        </Card>
      ) : null}
      <Card title={<h2 className="card-title">{t('reg.history')}</h2>}>
        <List
          size="small"
          dataSource={reg.history}
          renderItem={(h) => (
            <List.Item>
              {formatDateTime(h.at)} — {h.actorName ?? ''}: {historyAction(t, h.action)} ({statusLabel(t, h.toStatus)}){h.comment ? ` — ${h.comment}` : ''}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/** The editor for a draft or returned registration, with the plan's targets for its unit or group. */
function EditSection({ reg, onDone }: { reg: Registration; onDone: () => void }) {
  // Read on the signing date, as the server checks the edit (the unit or cluster may have ended since).
  const form = useRegistrationForm(
    reg.movementId,
    reg.groupId ? { groupId: reg.groupId, asOf: reg.signedOn ?? undefined } : { unitId: reg.unitId, asOf: reg.signedOn ?? undefined },
  );
  if (form.isError) return <LoadError error={form.error} onRetry={() => void form.refetch()} />;
  if (!form.data) return <Skeleton active />;
  return <RegistrationEditor data={form.data} movementId={reg.movementId} existing={reg} onDone={onDone} />;
}

const historyActions = ['created', 'updated', 'submitted', 'resubmitted', 'confirmed', 'returned'] as const;

function historyAction(t: ReturnType<typeof useRegistrationStrings>, action: string): string {
  return (historyActions as readonly string[]).includes(action) ? t(`history.${action as (typeof historyActions)[number]}`) : action;
}

function statusLabel(t: ReturnType<typeof useRegistrationStrings>, status: string): string {
  return ['draft', 'submitted', 'confirmed', 'returned'].includes(status) ? t(`status.${status as 'draft'}`) : status;
}
