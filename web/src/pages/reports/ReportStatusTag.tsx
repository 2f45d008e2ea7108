import { Tag } from 'antd';
import { useRT, type ReportsKey } from './strings';

const colours: Record<string, string> = {
  not_started: 'default',
  draft: 'blue',
  submitted: 'gold',
  resubmitted: 'gold',
  returned: 'red',
  approved: 'green',
  locked: 'green',
  late: 'volcano',
  overdue: 'volcano',
  missing: 'purple',
};

/** A report (or compilation) status; a pending report past its due date also shows "trễ hạn". */
export function ReportStatusTag({ status, timeliness }: { status: string; timeliness?: string }) {
  const rt = useRT();
  return (
    <>
      <Tag color={colours[status] ?? 'default'}>{rt(`status.${status}` as ReportsKey)}</Tag>
      {timeliness === 'overdue' || (timeliness === 'late' && status !== 'approved' && status !== 'locked') ? <Tag color="volcano">{rt('status.late')}</Tag> : null}
    </>
  );
}
