import { useCallback } from 'react';
import { useLocale } from '../../i18n/i18n';

// The standing agency's publication page (inside the app; bilingual). The public portal itself is Vietnamese.
const vi = {
  publishTitle: 'Chốt và công bố xếp hạng',
  publishIntro: 'Khi kỳ báo cáo đóng, xếp hạng theo từng cấp và từng cụm, khối được chốt (ghi thời điểm và phiên bản bộ tiêu chí). Trước khi công bố có thể chốt lại; sau khi công bố, bản chốt không thay đổi được và là số liệu của cổng công khai.',
  movement: 'Phong trào',
  period: 'Kỳ báo cáo',
  periodStatus: 'Trạng thái kỳ',
  snapshotStatus: 'Bản chốt',
  noSnapshot: 'Chưa chốt',
  frozen: 'Đã chốt, chưa công bố',
  published: 'Đã công bố',
  frozenAt: 'Thời điểm chốt',
  publishedAt: 'Thời điểm công bố',
  revision: 'Lần chốt',
  trigger: 'Chốt bởi',
  triggerSchedule: 'Lịch của kỳ',
  triggerManual: 'Cơ quan thường trực',
  closeAndFreeze: 'Đóng kỳ và chốt xếp hạng',
  closeConfirm: 'Đóng kỳ báo cáo ngay và chốt xếp hạng?',
  freeze: 'Chốt xếp hạng',
  refreeze: 'Chốt lại xếp hạng',
  publish: 'Công bố',
  publishConfirm: 'Công bố bản chốt? Sau khi công bố không thay đổi được.',
  cancel: 'Huỷ',
  immutable: 'Bản chốt đã công bố, không thay đổi được.',
  frozenRanking: 'Xếp hạng đã chốt',
  scope: 'Phạm vi xếp hạng',
  noRows: 'Không có kết quả đã duyệt trong phạm vi này',
  rank: 'Hạng',
  tie: '{rank} (đồng hạng)',
  unit: 'Đơn vị',
  totalPoints: 'Tổng điểm',
  tieExplanation: 'Giải thích đồng hạng',
  'level.commune': 'Cấp xã',
  'level.district': 'Cấp huyện',
  'level.department': 'Sở, ban, ngành',
};
const en: Record<keyof typeof vi, string> = {
  publishTitle: 'Freeze and publish rankings',
  publishIntro: 'When a period closes, the ranking of each level and each cluster is frozen (with its time and criteria version). It may be re-frozen until it is published; once published it never changes and the public portal shows it.',
  movement: 'Movement',
  period: 'Period',
  periodStatus: 'Period status',
  snapshotStatus: 'Snapshot',
  noSnapshot: 'Not frozen',
  frozen: 'Frozen, not published',
  published: 'Published',
  frozenAt: 'Frozen at',
  publishedAt: 'Published at',
  revision: 'Revision',
  trigger: 'Frozen by',
  triggerSchedule: "The period's schedule",
  triggerManual: 'The standing agency',
  closeAndFreeze: 'Close the period and freeze',
  closeConfirm: 'Close the period now and freeze its ranking?',
  freeze: 'Freeze the ranking',
  refreeze: 'Freeze again',
  publish: 'Publish',
  publishConfirm: 'Publish the snapshot? It cannot change afterwards.',
  cancel: 'Cancel',
  immutable: 'The snapshot is published and cannot change.',
  frozenRanking: 'Frozen ranking',
  scope: 'Ranking scope',
  noRows: 'No approved results in this scope',
  rank: 'Rank',
  tie: '{rank} (tied)',
  unit: 'Unit',
  totalPoints: 'Total points',
  tieExplanation: 'Why tied',
  'level.commune': 'Commune level',
  'level.district': 'District level',
  'level.department': 'Departments',
};
export type PublishKey = keyof typeof vi;

export function usePT() {
  const { locale } = useLocale();
  return useCallback(
    (key: PublishKey, params: Record<string, string | number> = {}) => (locale === 'en' ? en : vi)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)),
    [locale],
  );
}

/** dd/mm/yyyy hh:mm in Vietnam time (the same in both languages, as on Vietnamese documents). */
export function formatDateTime(iso: string, _locale: 'vi' | 'en' = 'vi'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
