import { useEffect, useId, useState } from 'react';
import { Alert, Card, Select, Skeleton, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useCriteriaDiff, type CriteriaChange, type CriteriaVersionSummary } from '../../api/criteria';
import { LoadError } from '../../components/LoadError';
import { Pill } from '../../components/Tags';
import { formatDate, formatDateTime } from '../../i18n/format';
import { documentReference, VersionStatusPill } from './labels';
import { useMovementStrings } from './strings';

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(show).join(', ');
  return JSON.stringify(value);
}

/** Changes between two versions, as the server words them ("Tiêu chí …: chỉ tiêu cấp xã 60 → 65"). */
export function DiffList({ setId, from, to, fromNumber, toNumber }: { setId: string; from: string; to: string; fromNumber: number; toNumber: number }) {
  const t = useMovementStrings();
  const diff = useCriteriaDiff(setId, from, to);
  if (from === to) return <Typography.Paragraph className="muted">{t('history.sameVersion')}</Typography.Paragraph>;
  if (diff.isError) return <LoadError error={diff.error} onRetry={() => void diff.refetch()} />;
  if (!diff.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const changes = diff.data.changes;
  return (
    <div aria-live="polite" data-testid="criteria-diff">
      <Typography.Paragraph>
        <strong>{t('history.changes', { count: changes.length, from: fromNumber, to: toNumber })}</strong>
      </Typography.Paragraph>
      {changes.length === 0 ? (
        <Typography.Paragraph className="muted">{t('history.noChanges')}</Typography.Paragraph>
      ) : (
        <ul className="diff-list">
          {changes.map((c: CriteriaChange) => (
            <li key={`${c.path}-${c.kind}`}>
              <Pill tone={c.kind === 'added' ? 'green' : c.kind === 'removed' ? 'red' : 'amber'}>{t(`change.${c.kind}`)}</Pill>
              <div>
                <div>{c.label}</div>
                {c.kind === 'changed' && typeof c.before !== 'object' && typeof c.after !== 'object' ? (
                  <div className="small muted">
                    {t('history.before')}: {show(c.before)} · {t('history.after')}: {show(c.after)}
                  </div>
                ) : null}
                <span className="diff-path">{c.path}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Versions of a criteria set, oldest first, with links and a readable diff between any two. */
export function VersionHistory({ movementId, setId, versions }: { movementId: string; setId: string; versions: CriteriaVersionSummary[] }) {
  const t = useMovementStrings();
  const fromId = useId();
  const toId = useId();
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const last = sorted[sorted.length - 1];
  const previous = sorted[sorted.length - 2];
  const [from, setFrom] = useState<string | null>(previous?.id ?? null);
  const [to, setTo] = useState<string | null>(last?.id ?? null);

  // A new version (amendment) becomes the default comparison.
  useEffect(() => {
    setFrom(previous?.id ?? null);
    setTo(last?.id ?? null);
  }, [previous?.id, last?.id]);

  const options = sorted.map((v) => ({
    value: v.id,
    label: `${t('criteria.versionN', { version: v.version })} — ${v.status === 'frozen' ? t('criteria.frozen') : t('criteria.draft')}`,
  }));
  const numberOf = (id: string | null) => sorted.find((v) => v.id === id)?.version ?? 0;

  return (
    <Card className="section" title={<h2 className="card-title">{t('history.title')}</h2>}>
      <Table<CriteriaVersionSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={sorted}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('history.version'),
            dataIndex: 'version',
            width: 130,
            render: (n: number, v) => <Link to={`/phong-trao/${movementId}/tieu-chi/${v.id}`}>{t('criteria.versionN', { version: n })}</Link>,
          },
          { title: t('history.status'), dataIndex: 'status', width: 110, render: (s: 'draft' | 'frozen') => <VersionStatusPill status={s} /> },
          { title: t('history.effective'), dataIndex: 'effectiveFrom', width: 120, render: formatDate },
          {
            title: t('history.basis'),
            dataIndex: 'legalBasis',
            render: (b: CriteriaVersionSummary['legalBasis']) => (
              <span>
                <strong>{documentReference(t, b)}</strong> — {b.title}
              </span>
            ),
          },
          {
            title: t('history.frozenAt'),
            key: 'frozen',
            width: 210,
            render: (_: unknown, v) => (v.frozenAt ? `${formatDateTime(v.frozenAt)}${v.frozenReason ? ` (${v.frozenReason})` : ''}` : '—'),
          },
          {
            title: t('amend.base'),
            dataIndex: 'basedOnVersion',
            width: 170,
            render: (n: number | null) => (n === null ? t('history.original') : t('history.basedOn', { version: n })),
          },
        ]}
      />
      <h3 className="subsection-title" style={{ marginTop: 18 }}>
        {t('history.compare')}
      </h3>
      {sorted.length < 2 ? (
        <Alert type="info" showIcon title={t('history.onlyOne')} />
      ) : (
        <>
          <div className="filter-bar">
            <div className="filter-field">
              <label htmlFor={fromId} className="field-label">
                {t('history.from')}
              </label>
              <Select id={fromId} className="filter-select" value={from ?? undefined} onChange={setFrom} options={options} />
            </div>
            <div className="filter-field">
              <label htmlFor={toId} className="field-label">
                {t('history.to')}
              </label>
              <Select id={toId} className="filter-select" value={to ?? undefined} onChange={setTo} options={options} />
            </div>
          </div>
          {from && to ? <DiffList setId={setId} from={from} to={to} fromNumber={numberOf(from)} toNumber={numberOf(to)} /> : null}
        </>
      )}
    </Card>
  );
}
