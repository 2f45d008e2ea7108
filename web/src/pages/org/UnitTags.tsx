import { assertNever } from '../../components/assert-never';
import { Pill } from '../../components/Tags';
import type { UnitStatus } from '../../api/units';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';

export function UnitStatusTag({ status }: { status: UnitStatus }) {
  const t = useT();
  switch (status) {
    case 'active':
      return <Pill tone="green">{t('unit.status.active')}</Pill>;
    case 'not_yet':
      return <Pill tone="amber">{t('unit.status.not_yet')}</Pill>;
    case 'ceased':
      return <Pill tone="red">{t('unit.status.ceased')}</Pill>;
    default:
      return assertNever(status);
  }
}

/** "Đã sáp nhập/giải thể từ 01/07/2025" when the unit ended on or before today. */
export function ClosedTag({ validTo, today }: { validTo: string | null; today: string }) {
  const t = useT();
  if (!validTo || validTo > today) return null;
  return <Pill tone="red">{t('org.closedSince', { date: formatDate(validTo) })}</Pill>;
}

export function DemoTag({ isDemo }: { isDemo: boolean }) {
  const t = useT();
  return isDemo ? <Pill tone="grey">{t('common.demo')}</Pill> : null;
}
