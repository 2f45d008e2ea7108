import { Card, Empty, Skeleton, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useMovements, type MovementListItem } from '../../api/movements';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { Pill } from '../../components/Tags';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { ImportPackageButton, useCanImportPackages } from './ImportPackage';
import { documentReference, MovementStatusPill } from './labels';
import { useMovementStrings } from './strings';
import './movements.css';

export default function MovementsPage() {
  const t = useMovementStrings();
  const tc = useT();
  const movements = useMovements();
  const canImport = useCanImportPackages();

  return (
    <>
      <PageHeader title={t('list.title')} intro={t('list.intro')} extra={canImport ? <ImportPackageButton /> : null} />
      {movements.isError ? (
        <LoadError error={movements.error} onRetry={() => void movements.refetch()} />
      ) : !movements.data ? (
        <div aria-busy="true">
          <span className="visually-hidden">{tc('app.loading')}</span>
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : movements.data.length === 0 ? (
        <Card>
          <Empty description={t('list.empty')} />
        </Card>
      ) : (
        <ul className="movement-list" aria-label={t('list.title')}>
          {movements.data.map((m) => (
            <li key={m.id}>
              <MovementCard movement={m} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function MovementCard({ movement }: { movement: MovementListItem }) {
  const t = useMovementStrings();
  const doc = movement.issuingDocument;
  return (
    <Card className="movement-card">
      <div className="movement-card-head">
        <div>
          <h2 className="movement-card-title">
            <Link to={`/phong-trao/${movement.id}`}>{movement.name}</Link>
          </h2>
          <p className="movement-card-doc">
            <strong>{documentReference(t, doc)}</strong> — {doc.issuer}
            {doc.title ? <span>: {doc.title}</span> : null}
          </p>
        </div>
        <Space size={6} wrap>
          <MovementStatusPill status={movement.status} />
        </Space>
      </div>
      <dl className="movement-facts">
        <div>
          <dt>{t('list.currentPhase')}</dt>
          <dd>
            {movement.currentPhase ? movement.currentPhase.name : t('list.noCurrentPhase')} <span className="muted">({t('list.phases', { count: movement.phaseCount })})</span>
          </dd>
        </div>
        {movement.criteriaSets.map((set) => (
          <div key={set.id}>
            <dt>
              {t('list.criteria')} <span className="mono small">{set.code}</span>
            </dt>
            <dd>
              {set.activeVersion ? (
                <span>{t('list.activeVersion', { version: set.activeVersion.version, date: formatDate(set.activeVersion.effectiveFrom) })}</span>
              ) : (
                <span>{t('list.noActiveVersion')}</span>
              )}
              {set.latestVersion && set.latestVersion.status === 'draft' ? (
                <div>
                  <Pill tone="amber">{t('list.latestDraft', { version: set.latestVersion.version })}</Pill>
                </div>
              ) : null}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('detail.code')}</dt>
          <dd className="mono">{movement.code}</dd>
        </div>
      </dl>
    </Card>
  );
}
