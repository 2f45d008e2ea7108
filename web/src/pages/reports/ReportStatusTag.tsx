import { Tag } from 'antd';
import { useReportStrings, type ReportsKey } from './strings';

// Preset tag colours are too light on their tint for WCAG AA: keep the tint, darken the text.
const dark = { color: 'rgba(0, 0, 0, 0.88)' };

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
  const rt = useReportStrings();
  return (
    <>
      <Tag color={colours[status] ?? 'default'} style={dark}>
        {rt(`status.${status}` as ReportsKey)}
      </Tag>
      {timeliness === 'overdue' || (timeliness === 'late' && status !== 'approved' && status !== 'locked') ? (
        <Tag color="volcano" style={dark}>
          {rt('status.late')}
        </Tag>
      ) : null}
    </>
  );
}
