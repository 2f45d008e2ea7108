import { Card, Empty, Skeleton, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useGroup, useGroups, type UnitGroup, type UnitGroupDetail } from '../../api/units';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { Pill } from '../../components/Tags';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { useT, type Translate } from '../../i18n/i18n';
import { formatDate, formatLastDay } from '../../i18n/format';
import { formatValidity } from '../../components/validity';
import { AsOfBar } from './AsOfBar';
import { useAsOf } from './use-as-of';
import { useKindLabel } from './use-kind-label';

function groupKindLabel(kind: string, t: Translate): string {
  return kind === 'cluster' ? t('groups.kind.cluster') : kind === 'block' ? t('groups.kind.block') : kind;
}

export default function GroupsPage() {
  const t = useT();
  const { asOf, orgPath } = useAsOf();
  const groups = useGroups(asOf);
  return (
    <>
      <PageHeader
        title={t('groups.title')}
        intro={t('groups.intro')}
        breadcrumb={<Breadcrumbs items={[{ label: t('nav.organisation'), to: orgPath() }, { label: t('nav.groups') }]} />}
      />
      <AsOfBar />
      <Card>
        {groups.isError ? (
          <LoadError error={groups.error} onRetry={() => void groups.refetch()} />
        ) : !groups.data ? (
          <Skeleton active />
        ) : (
          <Table<UnitGroup>
            rowKey="id"
            dataSource={groups.data}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('groups.empty')} /> }}
            expandable={{ expandedRowRender: (g) => <GroupMembers groupId={g.id} asOf={asOf} />, expandRowByClick: false }}
            columns={[
              { title: t('common.code'), dataIndex: 'code', width: 120 },
              {
                title: t('common.name'),
                dataIndex: 'name',
                render: (name: string, g) => (
                  <>
                    <strong>{name}</strong>
                    {g.description ? <div className="muted">{g.description}</div> : null}
                  </>
                ),
              },
              { title: t('groups.kind'), dataIndex: 'kind', render: (kind: string) => groupKindLabel(kind, t), width: 140 },
              { title: t('groups.memberCount'), dataIndex: 'memberCount', align: 'right', width: 120 },
              { title: t('common.validity'), key: 'validity', width: 220, render: (_: unknown, g) => formatValidity(t, g.validFrom, g.validTo) },
            ]}
          />
        )}
      </Card>
    </>
  );
}

type Member = UnitGroupDetail['members'][number];

function GroupMembers({ groupId, asOf }: { groupId: string; asOf: string }) {
  const t = useT();
  const { unitPath } = useAsOf();
  const kinds = useKindLabel();
  const group = useGroup(groupId, asOf);
  if (group.isError) return <LoadError error={group.error} onRetry={() => void group.refetch()} />;
  if (!group.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <Table<Member>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={group.data.members}
      locale={{ emptyText: t('groups.noMembers') }}
      columns={[
        {
          title: t('common.unit'),
          dataIndex: 'unitName',
          render: (name: string, m) => (
            <>
              <Link to={unitPath(m.unitId)}>{name}</Link> {m.isLead ? <Pill tone="blue">{t('groups.lead')}</Pill> : null}
            </>
          ),
        },
        { title: t('unit.kind'), dataIndex: 'kindCode', render: (code: string) => kinds.label(code) },
        { title: t('common.from'), dataIndex: 'validFrom', render: formatDate, width: 120 },
        { title: t('common.to'), dataIndex: 'validTo', render: formatLastDay, width: 120 },
      ]}
    />
  );
}
