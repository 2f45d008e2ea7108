import { useCallback } from 'react';
import { useLocale, fillParams } from '../../i18n/i18n';

/** Texts of the difficulties and adjustment requests pages; Vietnamese first, same keys in `en`. */
const vi = {
  'list.title': 'Khó khăn, đề xuất',
  'list.intro': 'Khó khăn, vướng mắc và đề xuất điều chỉnh của các đơn vị; Ban Thi đua - Khen thưởng và cơ quan thường trực trả lời.',
  'list.empty': 'Không có khó khăn, đề xuất nào.',
  'list.filterStatus': 'Lọc theo trạng thái',
  'list.filterKind': 'Lọc theo loại',
  'list.all': 'Tất cả',
  'field.title': 'Tiêu đề',
  'field.unit': 'Đơn vị gửi',
  'field.movement': 'Phong trào',
  'field.kind': 'Loại',
  'field.status': 'Trạng thái',
  'field.createdAt': 'Ngày gửi',
  'field.content': 'Nội dung',
  'field.attachments': 'Văn bản kèm theo',
  'field.answer': 'Trả lời',
  'field.answeredAt': 'Ngày trả lời',
  'field.closedAt': 'Ngày đóng',
  'kind.difficulty': 'Khó khăn, vướng mắc',
  'kind.adjustment_request': 'Đề xuất điều chỉnh',
  'status.open': 'Chờ trả lời',
  'status.answered': 'Đã trả lời',
  'status.closed': 'Đã đóng',
  'file.title': 'Gửi khó khăn, đề xuất',
  'file.unit': 'Đơn vị gửi: {name}',
  'file.movement': 'Phong trào (không bắt buộc)',
  'file.noMovement': 'Không gắn phong trào',
  'file.submit': 'Gửi khó khăn, đề xuất',
  'file.filed': 'Đã gửi khó khăn, đề xuất.',
  'file.addAttachment': 'Thêm văn bản kèm theo',
  'file.removeAttachment': 'Bỏ văn bản kèm theo {n}',
  'att.legend': 'Văn bản kèm theo {n}',
  'att.number': 'Số, ký hiệu',
  'att.date': 'Ngày văn bản',
  'att.summary': 'Trích yếu',
  'att.url': 'Đường dẫn tệp (URL)',
  'att.open': 'Mở tệp',
  'att.urlInvalid': 'Đường dẫn phải có dạng https://…',
  'att.none': 'Không có văn bản kèm theo.',
  'detail.title': 'Khó khăn, đề xuất',
  'detail.noAnswer': 'Chưa có trả lời.',
  'detail.answerLabel': 'Nội dung trả lời',
  'detail.answer': 'Trả lời',
  'detail.answered': 'Đã gửi trả lời.',
  'detail.close': 'Đóng khó khăn, đề xuất',
  'detail.closeConfirm': 'Đóng khó khăn, đề xuất này? Sau khi đóng không trả lời thêm được.',
  'detail.closed': 'Đã đóng.',
  'detail.answerRequired': 'Cần nội dung trả lời',
  'detail.back': 'Danh sách khó khăn, đề xuất',
  'common.required': 'Không được để trống',
  'common.yes': 'Đóng',
  'common.no': 'Không',
};

export type DifficultyKey = keyof typeof vi;

const en: Record<DifficultyKey, string> = {
  'list.title': 'Difficulties and requests',
  'list.intro': 'Difficulties and adjustment requests filed by units; the emulation board and the standing agency answer them.',
  'list.empty': 'No difficulties or requests.',
  'list.filterStatus': 'Filter by status',
  'list.filterKind': 'Filter by kind',
  'list.all': 'All',
  'field.title': 'Title',
  'field.unit': 'Filed by',
  'field.movement': 'Movement',
  'field.kind': 'Kind',
  'field.status': 'Status',
  'field.createdAt': 'Filed on',
  'field.content': 'Content',
  'field.attachments': 'Attached documents',
  'field.answer': 'Answer',
  'field.answeredAt': 'Answered on',
  'field.closedAt': 'Closed on',
  'kind.difficulty': 'Difficulty',
  'kind.adjustment_request': 'Adjustment request',
  'status.open': 'Awaiting answer',
  'status.answered': 'Answered',
  'status.closed': 'Closed',
  'file.title': 'File a difficulty or request',
  'file.unit': 'Filed by: {name}',
  'file.movement': 'Movement (optional)',
  'file.noMovement': 'No movement',
  'file.submit': 'File a difficulty or request',
  'file.filed': 'Filed.',
  'file.addAttachment': 'Add an attached document',
  'file.removeAttachment': 'Remove attached document {n}',
  'att.legend': 'Attached document {n}',
  'att.number': 'Number',
  'att.date': 'Document date',
  'att.summary': 'Summary',
  'att.url': 'File link (URL)',
  'att.open': 'Open file',
  'att.urlInvalid': 'The link must look like https://…',
  'att.none': 'No attached documents.',
  'detail.title': 'Difficulty or request',
  'detail.noAnswer': 'Not answered yet.',
  'detail.answerLabel': 'Answer',
  'detail.answer': 'Answer',
  'detail.answered': 'Answer sent.',
  'detail.close': 'Close',
  'detail.closeConfirm': 'Close this difficulty or request? It cannot be answered afterwards.',
  'detail.closed': 'Closed.',
  'detail.answerRequired': 'An answer is required',
  'detail.back': 'All difficulties and requests',
  'common.required': 'Required',
  'common.yes': 'Close',
  'common.no': 'No',
};

const dictionaries = { vi, en };

export type DifficultyTranslate = (key: DifficultyKey, params?: Record<string, string | number>) => string;

export function useDT(): DifficultyTranslate {
  const { locale } = useLocale();
  return useCallback(
    (key, params) => {
      const text = dictionaries[locale][key] ?? vi[key] ?? key;
      if (!params) return text;
      return fillParams(text, params);
    },
    [locale],
  );
}
