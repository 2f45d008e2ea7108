import { Card, Select, Space, Table } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useDifficulties, type DifficultyKind, type DifficultyStatus } from '../../api/difficulties';
import { useMovementRefs } from '../../api/registration';
import { useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../i18n/format';
import { EmptyText } from '../registration/common';
import { difficultyKinds, difficultyStatuses, DifficultyStatusTag, FileDifficultyForm } from './common';
import { useDifficultyStrings } from './strings';

/**
 * "Khó khăn, đề xuất": the difficulties and adjustment requests in the user's scope (the filing unit's people see
 * theirs, the provincial bodies all), filtered by status and kind; a unit user files a new one here.
 */
export default function DifficultiesPage() {
  const t = useDifficultyStrings();
  const me = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (difficultyStatuses as string[]).includes(params.get('trang-thai') ?? '') ? (params.get('trang-thai') as DifficultyStatus) : undefined;
  const kind = (difficultyKinds as string[]).includes(params.get('loai') ?? '') ? (params.get('loai') as DifficultyKind) : undefined;
  const list = useDifficulties({ status, kind });
  const movements = useMovementRefs();
  const canFile = !!me.user.unitId && (me.permissions.includes('registration.submit') || me.permissions.includes('report.submit'));

  function setFilter(name: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader title={t('list.title')} intro={t('list.intro')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Space wrap style={{ marginBottom: 16 }}>
            <Select
              aria-label={t('list.filterStatus')}
              style={{ minWidth: 180 }}
              value={status ?? ''}
              onChange={(v) => setFilter('trang-thai', v || undefined)}
              options={[{ value: '', label: `${t('field.status')}: ${t('list.all')}` }, ...difficultyStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
            />
            <Select
              aria-label={t('list.filterKind')}
              style={{ minWidth: 220 }}
              value={kind ?? ''}
              onChange={(v) => setFilter('loai', v || undefined)}
              options={[{ value: '', label: `${t('field.kind')}: ${t('list.all')}` }, ...difficultyKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))]}
            />
          </Space>
          {list.isError ? (
            <LoadError error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table
              size="small"
              rowKey="id"
              loading={list.isLoading}
              locale={{ emptyText: <EmptyText>{t('list.empty')}</EmptyText> }}
              dataSource={list.data ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('field.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/kho-khan/${r.id}`}>{v}</Link> },
                { title: t('field.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
                { title: t('field.kind'), dataIndex: 'kind', render: (v: DifficultyKind) => t(`kind.${v}`) },
                { title: t('field.movement'), dataIndex: 'movementName', render: (v: string | null) => v ?? '—' },
                { title: t('field.status'), dataIndex: 'status', render: (v: DifficultyStatus) => <DifficultyStatusTag status={v} /> },
                { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              ]}
            />
          )}
        </Card>
        {canFile ? (
          <FileDifficultyForm unitId={me.user.unitId!} unitName={me.user.unitName ?? null} movements={movements.data ?? []} onFiled={(d) => navigate(`/kho-khan/${d.id}`)} />
        ) : null}
      </Space>
    </>
  );
}
