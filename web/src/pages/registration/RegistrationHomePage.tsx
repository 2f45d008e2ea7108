import { Card, Empty, Select, Skeleton, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { pilotXlsxUrl, useMovementRefs, useProgress, useRegistrations, type Obligation, type Progress } from '../../api/registration';
import { useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/format';
import { RegistrationStatusTag, EmptyText } from './common';
import { DifficultiesCard } from './DifficultiesCard';
import { useRegistrationStrings } from './strings';

const obligations: Obligation[] = ['launch', 'register', 'register_pilot'];

/** "Đăng ký thi đua": a unit's own actions; for reviewers, the progress per level and district and the registrations to confirm. */
export default function RegistrationHomePage() {
  const t = useRegistrationStrings();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const movements = useMovementRefs();
  const list = movements.data ?? [];
  const chosen = params.get('phong-trao');
  const movement = list.find((m) => m.id === chosen) ?? list.find((m) => m.status === 'active') ?? list[0];
  const canSubmit = me.permissions.includes('registration.submit') && !!me.user.unitId;
  const canReview = me.permissions.includes('registration.review');
  const isDistrictAdmin = me.grants.some((g) => g.unitId === me.user.unitId && g.includeSubtree);
  const unitQuery = me.user.unitId ? `?unitId=${me.user.unitId}` : '';

  return (
    <>
      <PageHeader title={t('home.title')} intro={t('home.intro')} />
      {movements.isError ? (
        <LoadError error={movements.error} onRetry={() => void movements.refetch()} />
      ) : !movements.data ? (
        <Skeleton active />
      ) : !movement ? (
        <Empty />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <label htmlFor="reg-movement">{t('home.movement')}</label>
            <Select
              id="reg-movement"
              style={{ minWidth: 420 }}
              value={movement.id}
              options={list.map((m) => ({ value: m.id, label: m.name }))}
              onChange={(v) => setParams({ 'phong-trao': v }, { replace: true })}
            />
          </Space>
          {canSubmit ? (
            <Card title={<h2 className="card-title">{t('home.myUnit', { name: me.user.unitName ?? '' })}</h2>}>
              <Space wrap size="large">
                <Link to={`/phong-trao/${movement.id}/phat-dong${unitQuery}`}>{t('home.launch')}</Link>
                <Link to={`/phong-trao/${movement.id}/dang-ky${unitQuery}`}>{t('home.register')}</Link>
                {isDistrictAdmin ? <Link to={`/phong-trao/${movement.id}/chi-dao-diem${unitQuery}`}>{t('home.pilots')}</Link> : null}
                {isDistrictAdmin || canReview ? (
                  <a href={pilotXlsxUrl(movement.id)} download>
                    {t('home.export')}
                  </a>
                ) : null}
              </Space>
            </Card>
          ) : null}
          {canReview ? (
            <Card>
              <Link to={`/phong-trao/${movement.id}/chi-dao-diem-tinh`}>{t('home.provincialPilots')}</Link>
            </Card>
          ) : null}
          {canReview ? <ProgressCard movementId={movement.id} /> : null}
          {canReview ? <ReviewCard movementId={movement.id} /> : null}
          {canSubmit || canReview ? <DifficultiesCard movementId={movement.id} unitId={canSubmit ? me.user.unitId : null} unitName={me.user.unitName ?? null} /> : null}
          {canReview && !canSubmit ? (
            <a href={pilotXlsxUrl(movement.id)} download>
              {t('home.export')}
            </a>
          ) : null}
        </Space>
      )}
    </>
  );
}

function ProgressCard({ movementId }: { movementId: string }) {
  const t = useRegistrationStrings();
  const [params, setParams] = useSearchParams();
  const obligation = (obligations as string[]).includes(params.get('nghia-vu') ?? '') ? (params.get('nghia-vu') as Obligation) : 'launch';
  const progress = useProgress(movementId, obligation);
  return (
    <Card title={<h2 className="card-title">{t('progress.title')}</h2>}>
      <Tabs
        aria-label={t('progress.obligation')}
        activeKey={obligation}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          next.set('nghia-vu', k);
          setParams(next, { replace: true });
        }}
        items={obligations.map((o) => ({ key: o, label: t(`progress.${o}`) }))}
      />
      {progress.isError ? (
        <LoadError error={progress.error} onRetry={() => void progress.refetch()} />
      ) : !progress.data ? (
        <Skeleton active />
      ) : (
        <ProgressView data={progress.data} />
      )}
    </Card>
  );
}

function ProgressView({ data }: { data: Progress }) {
  const t = useRegistrationStrings();
  const figureKeys = ['expected', 'done', 'onTime', 'late', 'missing', 'overdue', 'voluntary'] as const;
  const figureColumns = figureKeys.map((k) => ({ title: t(`progress.${k}`), dataIndex: k, align: 'right' as const }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{t('progress.totals', { date: formatDate(data.asOf) })}</Typography.Text>
      <Space wrap size="large" data-testid="progress-totals" data-obligation={data.obligation}>
        {figureKeys.map((k) => (
          <Statistic key={k} title={t(`progress.${k}`)} value={data.totals[k]} />
        ))}
      </Space>
      <h3>{t('progress.byLevel')}</h3>
      <Table size="small" rowKey="level" pagination={false} dataSource={data.byLevel} columns={[{ title: t('progress.level'), dataIndex: 'label' }, ...figureColumns]} />
      <h3>{t('progress.byDistrict')}</h3>
      <Table size="small" rowKey="unitId" pagination={false} dataSource={data.byDistrict} columns={[{ title: t('progress.district'), dataIndex: 'name' }, ...figureColumns]} />
      <h3 data-testid="overdue-heading">{t('progress.overdueList', { count: data.overdue.length })}</h3>
      <Table
        size="small"
        rowKey="unitId"
        dataSource={data.overdue}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('progress.unit'), dataIndex: 'unitName' },
          { title: t('progress.district'), dataIndex: 'districtName', render: (v: string | null) => v ?? '—' },
          { title: t('progress.deadline'), dataIndex: 'deadline', render: (v: string) => formatDate(v) },
          { title: t('progress.daysOverdue'), dataIndex: 'daysOverdue', align: 'right' as const },
        ]}
      />
    </Space>
  );
}

function ReviewCard({ movementId }: { movementId: string }) {
  const t = useRegistrationStrings();
  const regs = useRegistrations(movementId);
  const rows = [...(regs.data ?? [])].sort((a, b) => Number(b.status === 'submitted') - Number(a.status === 'submitted'));
  return (
    <Card title={<h2 className="card-title">{t('review.title')}</h2>}>
      {regs.isError ? (
        <LoadError error={regs.error} onRetry={() => void regs.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={regs.isLoading}
          locale={{ emptyText: <EmptyText>{t('review.empty')}</EmptyText> }}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('progress.unit'), render: (_: unknown, r) => <Link to={`/dang-ky/${r.id}`}>{r.groupName ?? r.unitName ?? r.id}</Link> },
            { title: t('progress.level'), dataIndex: 'levelLabel' },
            { title: t('field.status'), dataIndex: 'status', render: (s: string) => <RegistrationStatusTag status={s} /> },
            { title: t('field.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => formatDateTime(v) },
          ]}
        />
      )}
    </Card>
  );
}
