import { createStringsHook } from '../../i18n/strings-hook';

const vi = {
  title: 'Việc cần làm',
  intro: 'Các việc của đơn vị trong phạm vi của bạn: sắp đến hạn, quá hạn và đã xong.',
  'tab.due': 'Sắp đến hạn ({count})',
  'tab.overdue': 'Quá hạn ({count})',
  'tab.done': 'Đã xong ({count})',
  tabs: 'Trạng thái việc',
  empty: 'Không có việc nào.',
  dueDate: 'Hạn {date}',
  daysLeft: 'còn {days} ngày',
  daysOverdue: 'quá {days} ngày',
  closedAt: 'Xong ngày {date}',
  open: 'Mở',
};
export type InboxKey = keyof typeof vi;
const en: Record<InboxKey, string> = {
  title: 'To do',
  intro: 'Tasks of the units in your scope: due soon, overdue and done.',
  'tab.due': 'Due ({count})',
  'tab.overdue': 'Overdue ({count})',
  'tab.done': 'Done ({count})',
  tabs: 'Task status',
  empty: 'Nothing here.',
  dueDate: 'Due {date}',
  daysLeft: '{days} days left',
  daysOverdue: '{days} days overdue',
  closedAt: 'Done on {date}',
  open: 'Open',
};
/** The inbox's strings in the chosen language. */
export const useInboxStrings = createStringsHook<InboxKey>({ vi, en });
