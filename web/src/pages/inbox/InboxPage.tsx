import { Card, Empty, List, Skeleton, Tabs } from 'antd';
import { Pill } from '../../components/Tags';
import { Link, useSearchParams } from 'react-router-dom';
import { useInbox, type InboxItem, type InboxStatus } from '../../api/inbox';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/format';
import { useLocale } from '../../i18n/i18n';
import { useInboxStrings } from './strings';

const statuses: InboxStatus[] = ['due', 'overdue', 'done'];

/** "Việc cần làm": the obligations of the units in the user's scope, by status, each linking to where it is done. */
export default function InboxPage() {
  const t = useInboxStrings();
  const [params, setParams] = useSearchParams();
  const status = (statuses as string[]).includes(params.get('trang-thai') ?? '') ? (params.get('trang-thai') as InboxStatus) : 'overdue';
  const inbox = useInbox(status);
  const counts = inbox.data?.counts;

  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <Tabs
        aria-label={t('tabs')}
        activeKey={status}
        onChange={(key) => setParams({ 'trang-thai': key }, { replace: true })}
        items={statuses.map((s) => ({ key: s, label: t(`tab.${s}`, { count: counts ? counts[s] : '…' }) }))}
      />
      {inbox.isError ? (
        <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : !inbox.data ? (
        <Skeleton active />
      ) : inbox.data.items.length === 0 ? (
        <Card>
          <Empty description={t('empty')} />
        </Card>
      ) : (
        <Card>
          <List aria-label={t('title')} dataSource={inbox.data.items} renderItem={(item) => <InboxRow item={item} />} />
        </Card>
      )}
    </>
  );
}

function InboxRow({ item }: { item: InboxItem }) {
  const t = useInboxStrings();
  const { locale } = useLocale();
  const title = locale === 'en' && item.titleEn ? item.titleEn : item.title;
  const when =
    item.status === 'done'
      ? t('closedAt', { date: formatDate(item.closedAt) })
      : item.daysLeft !== null && item.daysLeft < 0
        ? t('daysOverdue', { days: -item.daysLeft })
        : item.daysLeft !== null
          ? t('daysLeft', { days: item.daysLeft })
          : '';
  return (
    <List.Item>
      <List.Item.Meta title={item.link ? <Link to={item.link}>{title}</Link> : title} description={[item.unitName, item.movementName].filter(Boolean).join(' — ')} />
      <div>
        <span>{t('dueDate', { date: formatDate(item.dueDate) })}</span>{' '}
        {when ? <Pill tone={item.status === 'overdue' ? 'red' : item.status === 'done' ? 'green' : 'blue'}>{when}</Pill> : null}
      </div>
    </List.Item>
  );
}
