import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Space, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useUnit, type UnitDetail } from '../../api/units';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { Pill } from '../../components/Tags';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { formatValidity } from '../../components/validity';
import { AsOfBar } from './AsOfBar';
import { ContactModal } from './ContactModal';
import { RecordEventModal } from './RecordEventModal';
import { UnitHistoryCard } from './UnitHistoryCard';
import { UnitLineageCard } from './UnitLineageCard';
import { DemoTag, UnitStatusTag } from './UnitTags';
import { useAsOf } from './use-as-of';
import { useKindLabel } from './use-kind-label';
import NotFoundPage from '../misc/NotFoundPage';

export default function UnitDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { asOf } = useAsOf();
  const unit = useUnit(id, asOf);
  if (unit.isError) {
    if (isApiError(unit.error, 404) || isApiError(unit.error, 400)) return <NotFoundPage />;
    return <LoadError error={unit.error} onRetry={() => void unit.refetch()} />;
  }
  if (!unit.data) {
    return (
      <div aria-busy="true">
        <span className="visually-hidden">{t('app.loading')}</span>
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  }
  return <UnitDetailView detail={unit.data} reload={() => unit.refetch()} />;
}

function UnitDetailView({ detail, reload }: { detail: UnitDetail; reload: () => Promise<unknown> }) {
  const t = useT();
  const { asOf, unitPath, orgPath } = useAsOf();
  const kinds = useKindLabel();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const { unit, version, status, ancestors, children, abilities } = detail;
  const parent = ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
  const validity = formatValidity(t, unit.validFrom, unit.validTo);

  return (
    <>
      <PageHeader
        title={detail.displayName}
        breadcrumb={
          <Breadcrumbs items={[{ label: t('nav.organisation'), to: orgPath() }, ...ancestors.map((a) => ({ label: a.name, to: unitPath(a.id) })), { label: detail.displayName }]} />
        }
        tags={
          <Space size={6} wrap>
            <Pill tone="blue">{kinds.label(unit.kindCode)}</Pill>
            <UnitStatusTag status={status} />
            <DemoTag isDemo={unit.isDemo} />
          </Space>
        }
        extra={
          <Space wrap>
            {abilities.canEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('unit.editContact')}
              </Button>
            ) : null}
            {abilities.canRecordEvent ? (
              <Button icon={<PlusOutlined />} onClick={() => setRecording(true)}>
                {t('unit.recordEvent')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <AsOfBar />
      {status === 'ceased' && unit.validTo ? (
        <Alert
          type="warning"
          showIcon
          className="page-alert"
          title={t('unit.ceasedAlert', { date: formatDate(unit.validTo) })}
          description={
            detail.successors.length > 0 ? (
              <span>
                {t('unit.successors')}:{' '}
                {detail.successors.map((s, i) => (
                  <span key={`${s.id}-${i}`}>
                    {i > 0 ? '; ' : ''}
                    <Link to={unitPath(s.id)}>{s.name}</Link>
                    {[...s.ancestors].reverse().map((a) => ` — ${a.name}`)}
                  </span>
                ))}
                . {t('unit.ceasedNameNote')}
              </span>
            ) : (
              t('unit.ceasedNameNote')
            )
          }
        />
      ) : null}
      {status === 'not_yet' ? (
        <Alert type="info" showIcon className="page-alert" title={t('unit.notYetAlert', { date: formatDate(asOf), from: formatDate(unit.validFrom) })} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="card-title">{t('unit.general')}</h2>} className="full-height">
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'code', label: t('unit.code'), children: unit.code ?? '—' },
                { key: 'kind', label: t('unit.kind'), children: kinds.label(unit.kindCode) },
                { key: 'short', label: t('unit.shortName'), children: version?.shortName ?? '—' },
                { key: 'parent', label: t('unit.parent'), children: parent ? <Link to={unitPath(parent.id)}>{parent.name}</Link> : '—' },
                { key: 'validity', label: t('unit.validity'), children: validity },
                { key: 'address', label: t('unit.address'), children: unit.address ?? '—' },
                { key: 'phone', label: t('unit.phone'), children: unit.phone ?? '—' },
                { key: 'email', label: t('unit.email'), children: unit.email ? <a href={`mailto:${unit.email}`}>{unit.email}</a> : '—' },
                {
                  key: 'website',
                  label: t('unit.website'),
                  children: unit.website ? (
                    <a href={/^https?:\/\//.test(unit.website) ? unit.website : `https://${unit.website}`} rel="noreferrer noopener" target="_blank">
                      {unit.website}
                    </a>
                  ) : (
                    '—'
                  ),
                },
                { key: 'note', label: t('unit.note'), children: unit.note ?? '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <UnitLineageCard detail={detail} />
        </Col>
      </Row>
      <Card title={<h2 className="card-title">{t('unit.children', { count: children.length })}</h2>} className="section">
        {children.length === 0 ? (
          <Typography.Paragraph className="muted">{t('unit.noChildren')}</Typography.Paragraph>
        ) : (
          <ul className="children-list">
            {children.map((c) => (
              <li key={c.id}>
                <Link to={unitPath(c.id)}>{c.name}</Link>
                {c.code ? <span className="muted"> ({c.code})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <UnitHistoryCard unitId={unit.id} />
      {abilities.canEdit ? <ContactModal open={editing} unit={unit} onClose={() => setEditing(false)} onReload={reload} /> : null}
      {abilities.canRecordEvent ? <RecordEventModal open={recording} unitId={unit.id} rowVersion={unit.rowVersion} asOf={asOf} onClose={() => setRecording(false)} /> : null}
    </>
  );
}
