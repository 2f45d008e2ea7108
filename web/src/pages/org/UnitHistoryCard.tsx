import { Card, Empty, Skeleton, Table, Timeline } from 'antd';
import { Link } from 'react-router-dom';
import { isValidOn } from '../../../../src/core/dates';
import { useUnitHistory, type LineageKind, type UnitHistory } from '../../api/units';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n/i18n';
import { formatDate, formatLastDay } from '../../i18n/format';
import { eventLabelKey, isLineageEventType, kindLabelKey } from './event-labels';
import { LegalBasisText } from './LegalBasisText';
import { useAsOf } from './use-as-of';

type Version = UnitHistory['versions'][number];

/** "Lịch sử": the periods of name and parent, and the lineage events with their legal basis. */
export function UnitHistoryCard({ unitId, extra }: { unitId: string; extra?: React.ReactNode }) {
  const t = useT();
  const { asOf, unitPath } = useAsOf();
  const history = useUnitHistory(unitId);
  return (
    <Card title={<h2 className="card-title">{t('unit.history')}</h2>} extra={extra} className="section">
      {history.isError ? (
        <LoadError error={history.error} onRetry={() => void history.refetch()} />
      ) : !history.data ? (
        <Skeleton active />
      ) : (
        <>
          <h3 className="subsection-title">{t('unit.versions')}</h3>
          <Table<Version>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={history.data.versions}
            rowClassName={(v) => (isValidOn(v.validFrom, v.validTo, asOf) ? 'row-current' : '')}
            scroll={{ x: true }}
            columns={[
              { title: t('common.name'), dataIndex: 'name' },
              { title: t('unit.shortName'), dataIndex: 'shortName', render: (v: string | null) => v ?? '—' },
              {
                title: t('unit.parent'),
                dataIndex: 'parentName',
                render: (_: unknown, v) => (v.parentId ? <Link to={unitPath(v.parentId)}>{v.parentName ?? v.parentId}</Link> : '—'),
              },
              { title: t('common.from'), dataIndex: 'validFrom', render: formatDate, width: 120 },
              { title: t('common.to'), dataIndex: 'validTo', render: formatLastDay, width: 120 },
            ]}
          />
          <h3 className="subsection-title">{t('unit.events')}</h3>
          {history.data.events.length === 0 ? (
            <Empty description={t('unit.noEvents')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Timeline
              className="event-timeline"
              items={[...history.data.events]
                .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
                .map((event) => {
                  const kindKey = kindLabelKey(event.details.kind as LineageKind | undefined);
                  return {
                    key: event.id,
                    color: event.type === 'merged_into' || event.type === 'dissolved' ? 'red' : event.type === 'created' || event.type === 'split_from' ? 'green' : 'blue',
                    content: (
                      <div className="event-item">
                        <div className="event-head">
                          <strong>{formatDate(event.effectiveDate)}</strong> — {isLineageEventType(event.type) ? t(eventLabelKey(event.type)) : event.type}
                          {kindKey ? ` (${t(kindKey)})` : ''}
                          {event.relatedUnits.length > 0 ? ': ' : ''}
                          {event.relatedUnits.map((u, i) => (
                            <span key={u.id}>
                              {i > 0 ? ', ' : ''}
                              <Link to={unitPath(u.id)}>{u.name}</Link>
                            </span>
                          ))}
                        </div>
                        {event.legalBasis ? (
                          <div className="event-basis">
                            {t('unit.legalBasis')}: <LegalBasisText basis={event.legalBasis} />
                          </div>
                        ) : null}
                      </div>
                    ),
                  };
                })}
            />
          )}
        </>
      )}
    </Card>
  );
}
