import { useId, useState } from 'react';
import { Alert, AutoComplete, Button, Card, DatePicker, Select, Table } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { useAudit, useVerifyAudit, type AuditEntry } from '../../api/audit';
import { useCan } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitPicker } from '../../components/UnitPicker';
import { UserPicker } from '../../components/UserPicker';
import { useDebounced } from '../../components/use-debounced';
import { useT, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/vi';
import { formatDateTime } from '../../i18n/format';

const PAGE_SIZE = 25;
const ENTITY_TYPES = ['user', 'unit', 'unit_group', 'role_grant', 'api_token', 'movement', 'tenant', 'session'] as const;
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'user.created',
  'user.updated',
  'user.password_changed',
  'user.password_reset',
  'grant.created',
  'grant.revoked',
  'token.created',
  'token.revoked',
  'unit.updated',
  'unit.event_recorded',
  'seed.demo',
];

function entityLabel(type: string, t: Translate): string {
  return (ENTITY_TYPES as readonly string[]).includes(type) ? t(`audit.entity.${type}` as MessageKey) : type;
}

type Filters = { entityType?: string; action: string; userId: string | null; unitId: string | null; from: Dayjs | null; to: Dayjs | null };

export default function AuditPage() {
  const t = useT();
  const id = useId();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({ action: '', userId: null, unitId: null, from: null, to: null });
  const [page, setPage] = useState(1);
  const action = useDebounced(filters.action.trim(), 300);
  const audit = useAudit({
    entityType: filters.entityType,
    action: action || undefined,
    userId: filters.userId ?? undefined,
    unitId: filters.unitId ?? undefined,
    from: filters.from?.format('YYYY-MM-DD'),
    to: filters.to?.format('YYYY-MM-DD'),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const verify = useVerifyAudit();
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        extra={
          can('system.admin') ? (
            <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('audit.verify')}
            </Button>
          ) : null
        }
      />
      <div aria-live="polite">
        {verify.data ? (
          <Alert
            className="section"
            showIcon
            type={verify.data.ok ? 'success' : 'error'}
            title={
              verify.data.ok
                ? t('audit.verifyOk', { checked: verify.data.checked, pending: verify.data.pending })
                : t('audit.verifyBad', { seq: verify.data.firstBadSeq ?? '?', reason: verify.data.reason ? t(`audit.reason.${verify.data.reason}`) : '' })
            }
          />
        ) : null}
        {verify.error ? <Alert className="section" showIcon type="error" title={verify.error.message} /> : null}
      </div>
      <Card>
        <div className="filter-bar" role="search">
          <div className="filter-field">
            <label htmlFor={`${id}-entity`} className="field-label">
              {t('audit.entityType')}
            </label>
            <Select
              id={`${id}-entity`}
              value={filters.entityType ?? ''}
              onChange={(value: string) => set({ entityType: value || undefined })}
              options={[{ value: '', label: t('audit.anyEntity') }, ...ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(e, t) }))]}
              className="filter-select"
            />
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-action`} className="field-label">
              {t('audit.action')}
            </label>
            <AutoComplete
              id={`${id}-action`}
              value={filters.action}
              onChange={(value: string) => set({ action: value })}
              options={KNOWN_ACTIONS.filter((a) => a.includes(filters.action.trim())).map((a) => ({ value: a }))}
              allowClear
              className="filter-select"
            />
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-user`} className="field-label">
              {t('audit.user')}
            </label>
            <UserPicker id={`${id}-user`} value={filters.userId} onChange={(userId) => set({ userId })} />
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-unit`} className="field-label">
              {t('audit.unit')}
            </label>
            <UnitPicker id={`${id}-unit`} value={filters.unitId} onChange={(unitId) => set({ unitId })} includeClosed />
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-from`} className="field-label">
              {t('common.from')}
            </label>
            <DatePicker id={`${id}-from`} value={filters.from} onChange={(from) => set({ from })} format="DD/MM/YYYY" />
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-to`} className="field-label">
              {t('common.to')}
            </label>
            <DatePicker id={`${id}-to`} value={filters.to} onChange={(to) => set({ to })} format="DD/MM/YYYY" />
          </div>
          <div className="filter-field filter-reset">
            <Button onClick={() => set({ entityType: undefined, action: '', userId: null, unitId: null, from: null, to: null })}>{t('common.reset')}</Button>
          </div>
        </div>
        {audit.isError ? (
          <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="seq"
            size="middle"
            loading={audit.isFetching}
            dataSource={audit.data?.items ?? []}
            scroll={{ x: 960 }}
            locale={{ emptyText: t('audit.empty') }}
            expandable={{ expandedRowRender: (entry) => <AuditChange entry={entry} t={t} /> }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: audit.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            columns={[
              { title: t('audit.seq'), dataIndex: 'seq', width: 80, align: 'right' },
              { title: t('audit.at'), dataIndex: 'at', width: 150, render: formatDateTime },
              { title: t('audit.user'), dataIndex: 'actorName', render: (name: string | null) => name ?? <span className="muted">{t('audit.system')}</span> },
              { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
              {
                title: t('audit.entityType'),
                dataIndex: 'entityType',
                render: (type: string, e) => (
                  <>
                    {entityLabel(type, t)}
                    {e.entityId ? <div className="muted mono small">{e.entityId}</div> : null}
                  </>
                ),
              },
              {
                title: t('audit.unit'),
                dataIndex: 'unitName',
                render: (name: string | null, e) => (e.unitId ? <Link to={`/to-chuc/don-vi/${e.unitId}`}>{name ?? e.unitId}</Link> : '—'),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

function Json({ value, t }: { value: unknown; t: Translate }) {
  if (value === null || value === undefined) return <span className="muted">{t('audit.noData')}</span>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

function AuditChange({ entry, t }: { entry: AuditEntry; t: Translate }) {
  return (
    <div className="audit-change">
      <div>
        <h3 className="subsection-title">{t('audit.before')}</h3>
        <Json value={entry.before} t={t} />
      </div>
      <div>
        <h3 className="subsection-title">{t('audit.after')}</h3>
        <Json value={entry.after} t={t} />
      </div>
      {entry.requestId ? (
        <p className="muted small audit-request">
          {t('audit.requestId')}: <span className="mono">{entry.requestId}</span>
        </p>
      ) : null}
    </div>
  );
}
