import { Typography } from 'antd';
import { Pill } from '../../components/Tags';
import { useRegistrationStrings } from './strings';

export function todayIso(): string {
  // Vietnam time (UTC+7): the server's "today".
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

const statusTones = { draft: 'grey', submitted: 'blue', confirmed: 'green', returned: 'amber' } as const;

export function RegistrationStatusTag({ status }: { status: string }) {
  const t = useRegistrationStrings();
  const key = `status.${status}` as 'status.draft';
  return <Pill tone={statusTones[status as keyof typeof statusTones] ?? 'grey'}>{t(key)}</Pill>;
}

/** The server's messages of a failed write, field by field: `body.commitments[2].threshold` → "commitments.2.threshold". */
export function fieldErrors(error: unknown): Map<string, string> {
  const map = new Map<string, string>();
  const details = (error as { details?: { path: string; message: string }[] } | null)?.details ?? [];
  for (const d of details) {
    const name = d.path.replace(/^body\.?/, '').replace(/\[(\d+)\]/g, '.$1');
    if (!map.has(name)) map.set(name, d.message);
  }
  return map;
}

/** An empty-list text in the body colour (antd's grey falls below 4.5:1). */
export function EmptyText({ children }: { children: string }) {
  return <Typography.Text>{children}</Typography.Text>;
}
