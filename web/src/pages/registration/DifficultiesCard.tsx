import { Card, List } from 'antd';
import { Link } from 'react-router-dom';
import { useDifficulties } from '../../api/difficulties';
import { formatDateTime } from '../../i18n/format';
import { DifficultyStatusTag, FileDifficultyForm } from '../difficulties/common';
import { EmptyText } from './common';
import { useRegistrationStrings } from './strings';

/** Difficulties and adjustment requests of the movement in scope, each opening its page; a unit user can file one. */
export function DifficultiesCard({ movementId, unitId, unitName }: { movementId: string; unitId: string | null; unitName: string | null }) {
  const t = useRegistrationStrings();
  const list = useDifficulties({ movementId });

  return (
    <>
      <Card title={<h2 className="card-title">{t('diff.title')}</h2>} extra={<Link to="/kho-khan">{t('diff.all')}</Link>}>
        <List
          loading={list.isLoading}
          locale={{ emptyText: <EmptyText>{t('diff.empty')}</EmptyText> }}
          dataSource={list.data ?? []}
          renderItem={(d) => (
            <List.Item extra={<DifficultyStatusTag status={d.status} />}>
              <List.Item.Meta
                title={<Link to={`/kho-khan/${d.id}`}>{`${d.title} — ${d.unitName ?? ''}`}</Link>}
                description={
                  <>
                    {t(`diff.kind.${d.kind}`)} · {formatDateTime(d.createdAt)}
                    {d.answer ? <div>{t('diff.answer', { answer: d.answer })}</div> : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {unitId ? <FileDifficultyForm unitId={unitId} unitName={unitName} movementId={movementId} /> : null}
    </>
  );
}
