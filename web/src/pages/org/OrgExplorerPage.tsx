import { useMemo } from 'react';
import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { useUnitTree } from '../../api/units';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { AsOfBar } from './AsOfBar';
import { indexTree } from './unit-tree-index';
import { UnitSearch } from './UnitSearch';
import { UnitTree } from './UnitTree';
import { useAsOf } from './use-as-of';
import { useKindLabel } from './use-kind-label';

export default function OrgExplorerPage() {
  const t = useT();
  const { asOf, unitPath, orgPath } = useAsOf();
  const tree = useUnitTree(asOf);
  const kinds = useKindLabel();
  const index = useMemo(() => (tree.data ? indexTree(tree.data.nodes, kinds.order) : null), [tree.data, kinds.order]);
  return (
    <>
      <PageHeader title={t('org.title')} intro={t('org.intro')} extra={<Link to={orgPath('/to-chuc/cum-khoi')}>{t('nav.groups')}</Link>} />
      <AsOfBar />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card>
            <UnitSearch />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={<h2 className="card-title">{t('org.tree', { date: formatDate(asOf) })}</h2>}
            extra={index ? <span className="muted">{t('org.treeCount', { count: index.size })}</span> : null}
          >
            {tree.isError ? (
              <LoadError error={tree.error} onRetry={() => void tree.refetch()} />
            ) : !index ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : index.size === 0 ? (
              <Empty description={t('org.treeEmpty')} />
            ) : (
              // Keyed by date so the default expansion is recomputed for the new tree.
              <UnitTree key={asOf} index={index} unitPath={unitPath} kindLabel={kinds.label} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
