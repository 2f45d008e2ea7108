import { useState } from 'react';
import { App, Button, Skeleton, Space, Tabs } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { downloadMovementPackage, useMovement, type MovementDetail } from '../../api/movements';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { Pill } from '../../components/Tags';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import NotFoundPage from '../misc/NotFoundPage';
import { CriteriaTab } from './CriteriaTab';
import { ImportPackageButton } from './ImportPackage';
import { documentReference, MovementStatusPill } from './labels';
import { AgenciesTab, AwardsTab, ContentsTab, OverviewTab, TimelineTab } from './MovementSections';
import { useMovementStrings } from './strings';
import './movements.css';

/** Tab keys as they appear in the address (?phan=tieu-chi), so a tab can be linked to. */
export const movementTabs = ['tong-quan', 'tien-do', 'noi-dung', 'co-quan', 'khen-thuong', 'tieu-chi'] as const;
export type MovementTab = (typeof movementTabs)[number];

export default function MovementDetailPage() {
  const { id = '' } = useParams();
  const tc = useT();
  const movement = useMovement(id);
  if (movement.isError) {
    if (isApiError(movement.error, 404) || isApiError(movement.error, 400)) return <NotFoundPage />;
    return <LoadError error={movement.error} onRetry={() => void movement.refetch()} />;
  }
  if (!movement.data) {
    return (
      <div aria-busy="true">
        <span className="visually-hidden">{tc('app.loading')}</span>
        <Skeleton active paragraph={{ rows: 12 }} />
      </div>
    );
  }
  return <MovementDetailView movement={movement.data} />;
}

function MovementDetailView({ movement }: { movement: MovementDetail }) {
  const t = useMovementStrings();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const requested = params.get('phan');
  const tab: MovementTab = movementTabs.includes(requested as MovementTab) ? (requested as MovementTab) : 'tong-quan';
  const doc = movement.issuingDocument;
  const currentPhase = movement.phases.find((p) => p.isCurrent);
  const standing = movement.currentStandingAgency;
  const previousStanding = movement.agencies
    .filter((a) => a.role === 'standing_agency' && a.validTo !== null && standing && a.validTo <= standing.validFrom)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];

  const exportPackage = async () => {
    setExporting(true);
    try {
      await downloadMovementPackage(movement.id, `${movement.code}.json`);
      void message.success(t('detail.exported'));
    } catch (error) {
      void message.error(`${t('detail.exportFailed')}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={movement.name}
        breadcrumb={<Breadcrumbs items={[{ label: t('list.title'), to: '/phong-trao' }, { label: movement.shortName }]} />}
        tags={
          <Space size={6} wrap>
            <MovementStatusPill status={movement.status} />
            {currentPhase ? <Pill tone="blue">{currentPhase.name}</Pill> : null}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportPackage()}>
              {t('detail.export')}
            </Button>
            {movement.abilities.canEdit ? <ImportPackageButton /> : null}
          </Space>
        }
      />
      <div className="doc-line">
        <span className="doc-line-ref">{documentReference(t, doc)}</span>
        <span className="doc-line-meta">
          {doc.issuer}
          {doc.signer ? ` · ${t('doc.signer')}: ${doc.signer}${doc.signerPosition ? `, ${doc.signerPosition}` : ''}` : ''}
        </span>
        {standing ? (
          <span className="doc-line-meta">
            · {t('detail.standingAgency')}: <strong>{standing.unitName}</strong> ({t('detail.standingSince', { date: formatDate(standing.validFrom) })}
            {previousStanding ? `; ${t('detail.standingBefore', { name: previousStanding.unitName })}` : ''})
          </span>
        ) : null}
      </div>
      <Tabs
        className="movement-tabs"
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'tong-quan') next.delete('phan');
          else next.set('phan', key);
          setParams(next, { replace: true });
        }}
        items={[
          { key: 'tong-quan', label: t('tab.overview'), children: <OverviewTab movement={movement} /> },
          { key: 'tien-do', label: t('tab.timeline'), children: <TimelineTab movement={movement} /> },
          { key: 'noi-dung', label: t('tab.contents'), children: <ContentsTab movement={movement} /> },
          { key: 'co-quan', label: t('tab.agencies'), children: <AgenciesTab movement={movement} /> },
          { key: 'khen-thuong', label: t('tab.awards'), children: <AwardsTab movement={movement} /> },
          { key: 'tieu-chi', label: t('tab.criteria'), children: <CriteriaTab movement={movement} /> },
        ]}
      />
    </>
  );
}
