import { useEffect, useId, useMemo, useState } from 'react';
import { Button, Card, Collapse, Empty, Select, Skeleton, Space, Table, Typography } from 'antd';
import { EditOutlined, EyeOutlined, ForkOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { DataElement } from '../../../../src/core/criteria/criteria.schemas';
import { formatExact } from '../../../../src/core/decimal';
import { useCriteriaVersion, type CriteriaVersion } from '../../api/criteria';
import type { MovementCriteriaSet, MovementDetail } from '../../api/movements';
import { LoadError } from '../../components/LoadError';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { CriteriaMatrix } from './CriteriaMatrix';
import { documentReference, VersionStatusPill } from './labels';
import { TryItPanel } from './TryItPanel';
import { AmendModal } from './VersionModals';
import { VersionHistory } from './VersionHistory';
import { useMovementStrings, type MovementsKey } from './strings';

export function CriteriaTab({ movement }: { movement: MovementDetail }) {
  const t = useMovementStrings();
  if (movement.criteriaSets.length === 0) return <Empty description={t('criteria.noSets')} />;
  return (
    <>
      {movement.criteriaSets.map((set) => (
        <CriteriaSetSection key={set.id} movement={movement} set={set} />
      ))}
    </>
  );
}

function CriteriaSetSection({ movement, set }: { movement: MovementDetail; set: MovementCriteriaSet }) {
  const t = useMovementStrings();
  const tc = useT();
  const selectId = useId();
  const navigate = useNavigate();
  const preferred = set.activeVersion?.id ?? set.latestVersion?.id ?? null;
  const [versionId, setVersionId] = useState<string | null>(preferred);
  const [amending, setAmending] = useState(false);
  useEffect(() => {
    if (!versionId || !set.versions.some((v) => v.id === versionId)) setVersionId(preferred);
  }, [preferred, versionId, set.versions]);
  const version = useCriteriaVersion(versionId);
  const sorted = [...set.versions].sort((a, b) => b.version - a.version);

  return (
    <section aria-label={t('criteria.set', { code: set.code })}>
      <div className="criteria-toolbar">
        <div className="criteria-toolbar-left">
          <div>
            <label htmlFor={selectId} className="field-label">
              {t('criteria.showVersion')}
            </label>
            <Select
              id={selectId}
              className="version-select"
              value={versionId ?? undefined}
              onChange={setVersionId}
              options={sorted.map((v) => ({
                value: v.id,
                label: `${t('criteria.versionN', { version: v.version })} — ${v.status === 'frozen' ? t('criteria.frozen') : t('criteria.draft')} — ${t('criteria.effectiveFrom', { date: formatDate(v.effectiveFrom) })}${v.id === set.activeVersion?.id ? ` (${t('criteria.inForce')})` : ''}`,
              }))}
            />
          </div>
          {version.data ? (
            <div>
              <VersionStatusPill status={version.data.status} />{' '}
              <span className="muted">
                {t('criteria.legalBasis')}: {documentReference(t, version.data.legalBasis)}
              </span>
            </div>
          ) : null}
        </div>
        {version.data ? (
          <Space wrap>
            <Button
              href={`/phong-trao/${movement.id}/tieu-chi/${version.data.id}`}
              icon={version.data.abilities.canEdit ? <EditOutlined /> : <EyeOutlined />}
              onClick={(event) => {
                event.preventDefault();
                navigate(`/phong-trao/${movement.id}/tieu-chi/${version.data!.id}`);
              }}
            >
              {version.data.abilities.canEdit ? t('criteria.editDraft') : t('criteria.openEditor')}
            </Button>
            {version.data.abilities.canAmend ? (
              <Button icon={<ForkOutlined />} onClick={() => setAmending(true)}>
                {t('criteria.amend')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </div>
      {version.isError ? (
        <LoadError error={version.error} onRetry={() => void version.refetch()} />
      ) : !version.data ? (
        <div aria-busy="true">
          <span className="visually-hidden">{tc('app.loading')}</span>
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      ) : (
        <VersionContent version={version.data} />
      )}
      <VersionHistory movementId={movement.id} setId={set.id} versions={set.versions} />
      {amending && version.data ? (
        <AmendModal
          base={version.data}
          onClose={() => setAmending(false)}
          onCreated={(created) => {
            setAmending(false);
            navigate(`/phong-trao/${movement.id}/tieu-chi/${created.id}`);
          }}
        />
      ) : null}
    </section>
  );
}

function VersionContent({ version }: { version: CriteriaVersion }) {
  const t = useMovementStrings();
  const { locale } = useLocale();
  const definition = version.definition;
  const bands = useMemo(() => [...definition.bands].sort((a, b) => Number(b.minShareMet) - Number(a.minShareMet)), [definition.bands]);
  return (
    <>
      <Card title={<h2 className="card-title">{t('criteria.tableTitle')}</h2>}>
        <Typography.Paragraph className="muted">{t('criteria.tableIntro')}</Typography.Paragraph>
        <CriteriaMatrix definition={definition} />
        <Collapse
          className="section"
          items={[
            {
              key: 'elements',
              label: `${t('criteria.dataElements')} (${definition.dataElements.length})`,
              children: (
                <Table<DataElement>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={definition.dataElements}
                  scroll={{ x: 700 }}
                  columns={[
                    { title: t('editor.code'), dataIndex: 'code', width: 230, render: (c: string) => <span className="mono">{c}</span> },
                    {
                      title: t('editor.name'),
                      dataIndex: 'name',
                      render: (n: string, e) => (
                        <>
                          <div>{n}</div>
                          {e.help ? <div className="small muted">{e.help}</div> : null}
                        </>
                      ),
                    },
                    { title: t('editor.valueType'), dataIndex: 'valueType', width: 110, render: (v: string) => t(`valueType.${v}` as MovementsKey) },
                    { title: t('criteria.unitOfMeasure'), dataIndex: 'unitOfMeasure', width: 100, render: (u?: string) => u ?? '—' },
                    { title: t('editor.aggregation'), dataIndex: 'aggregation', width: 140, render: (a: string) => t(`aggregation.${a}` as MovementsKey) },
                  ]}
                />
              ),
            },
            {
              key: 'bands',
              label: t('criteria.bands'),
              children: (
                <ul className="compact-list">
                  {bands.map((b) => (
                    <li key={b.code}>
                      <strong>{b.label}</strong>: {t('criteria.bandFrom', { share: safeExact(b.minShareMet, locale) })}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      </Card>
      <TryItPanel key={version.id} definition={definition} versionId={version.id} versionNumber={version.version} />
    </>
  );
}

function safeExact(value: string, locale: 'vi' | 'en'): string {
  try {
    return formatExact(value, locale);
  } catch {
    return value;
  }
}
