import { z } from 'zod';
import { criteriaSetVersionSchema, type CriteriaSetVersion, type Criterion } from '../criteria/criteria.schemas';
import { Dec, parseDecimal } from '../decimal';
import { checkExpression, type ExpressionType, type Expr } from '../expression';
import { isMessageKey, renderMessage } from '../i18n/messages';

/** One problem in a criteria set: where (`criteria[3].numerator`), where in the text if any, and why. */
export type CriteriaSetIssue = {
  path: string;
  /** 0-based character offset inside the expression at `path`, for expression errors. */
  position?: number;
  message: string;
  messageEn: string;
};

export type CriteriaSetValidation = { ok: true; set: CriteriaSetVersion; expressions: Map<string, Expr> } | { ok: false; errors: CriteriaSetIssue[] };

/** Key of a compiled expression: `${criterionCode}/${field}`. */
export function expressionKey(criterionCode: string, field: 'numerator' | 'denominator' | 'expression' | 'memberCondition'): string {
  return `${criterionCode}/${field}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const viLocale = z.locales.vi();
const enLocale = z.locales.en();

/**
 * Validates a criteria set version before it is saved or imported: the shape (zod contract), then the
 * meaning — unique codes, known content areas and data elements, targets only for the criterion's levels
 * and at most one per level, valid and well-typed expressions, qualitative shares within 0..1, bands within
 * 0..100 %. Returns every problem found, each with its path; on success the parsed set and its compiled
 * expressions.
 */
export function validateCriteriaSet(input: unknown): CriteriaSetValidation {
  const parsed = criteriaSetVersionSchema.safeParse(input, { error: viLocale.localeError });
  if (!parsed.success) {
    const en = criteriaSetVersionSchema.safeParse(input, { error: enLocale.localeError });
    const enIssues = en.success ? [] : en.error.issues;
    return {
      ok: false,
      errors: parsed.error.issues.map((issue, i) => {
        const enMessage = enIssues[i]?.message ?? issue.message;
        return {
          path: formatPath(issue.path),
          // The shared schemas' own checks carry a catalogue key as their message.
          message: isMessageKey(issue.message) ? renderMessage(issue.message, 'vi') : issue.message,
          messageEn: isMessageKey(enMessage) ? renderMessage(enMessage, 'en') : enMessage,
        };
      }),
    };
  }
  const set = parsed.data;
  const errors: CriteriaSetIssue[] = [];
  const add = (path: string, message: string, messageEn: string, position?: number): void => {
    errors.push(position === undefined ? { path, message, messageEn } : { path, position, message, messageEn });
  };

  const firstIndex = <T>(items: readonly T[], key: (item: T) => string) => {
    const seen = new Map<string, number>();
    return (item: T, index: number): number | null => {
      const k = key(item);
      const prior = seen.get(k);
      if (prior !== undefined) return prior;
      seen.set(k, index);
      return null;
    };
  };

  // Data elements.
  const seenElement = firstIndex(set.dataElements, (e) => e.code);
  set.dataElements.forEach((e, i) => {
    const prior = seenElement(e, i);
    if (prior !== null) {
      add(
        `dataElements[${i}].code`,
        `Mã chỉ tiêu dữ liệu '${e.code}' bị trùng với dataElements[${prior}]`,
        `Duplicate data element code '${e.code}' (same as dataElements[${prior}])`,
      );
    }
    const numeric = e.valueType === 'integer' || e.valueType === 'decimal' || e.valueType === 'percentage';
    for (const bound of ['min', 'max'] as const) {
      if (e[bound] !== undefined && !numeric) {
        add(`dataElements[${i}].${bound}`, `Giới hạn '${bound}' chỉ dùng cho chỉ tiêu kiểu số`, `'${bound}' applies to numeric data elements only`);
      }
    }
    if (e.min !== undefined && e.max !== undefined && new Dec(e.min).greaterThan(e.max)) {
      add(`dataElements[${i}].max`, `Giá trị tối đa (${e.max}) nhỏ hơn giá trị tối thiểu (${e.min})`, `Maximum (${e.max}) is below minimum (${e.min})`);
    }
  });
  const elements = set.dataElements;

  // Content areas.
  const seenArea = firstIndex(set.contentAreas, (a) => a.code);
  set.contentAreas.forEach((a, i) => {
    const prior = seenArea(a, i);
    if (prior !== null) {
      add(`contentAreas[${i}].code`, `Mã nội dung '${a.code}' bị trùng với contentAreas[${prior}]`, `Duplicate content area code '${a.code}' (same as contentAreas[${prior}])`);
    }
  });
  const areaCodes = new Set(set.contentAreas.map((a) => a.code));

  // Criteria.
  const expressions = new Map<string, Expr>();
  const seenCriterion = firstIndex(set.criteria, (c) => c.code);
  set.criteria.forEach((c, i) => {
    const at = `criteria[${i}]`;
    const prior = seenCriterion(c, i);
    if (prior !== null) {
      add(`${at}.code`, `Mã tiêu chí '${c.code}' bị trùng với criteria[${prior}]`, `Duplicate criterion code '${c.code}' (same as criteria[${prior}])`);
    }
    if (!areaCodes.has(c.contentArea)) {
      add(`${at}.contentArea`, `Nội dung thi đua '${c.contentArea}' không tồn tại`, `Content area '${c.contentArea}' does not exist`);
    }
    c.levels.forEach((level, j) => {
      if (c.levels.indexOf(level) !== j) add(`${at}.levels[${j}]`, `Cấp '${level}' bị lặp`, `Level '${level}' is listed twice`);
    });
    if (new Dec(c.points).isNegative()) add(`${at}.points`, 'Số điểm không được âm', 'Points must not be negative');
    if (c.kind !== 'qualitative' && c.targets.length === 0) {
      add(`${at}.targets`, 'Tiêu chí cần ít nhất một mục tiêu theo cấp', 'The criterion needs at least one target by level');
    }
    const targetLevels = new Map<string, number>();
    c.targets.forEach((t, j) => {
      const tp = `${at}.targets[${j}]`;
      if (!c.levels.includes(t.level)) {
        add(`${tp}.level`, `Mục tiêu cho cấp '${t.level}' nhưng tiêu chí không áp dụng cho cấp này`, `Target for level '${t.level}', which is not among the criterion's levels`);
      }
      const priorTarget = targetLevels.get(t.level);
      if (priorTarget !== undefined) {
        add(`${tp}.level`, `Cấp '${t.level}' đã có mục tiêu ở targets[${priorTarget}]`, `Level '${t.level}' already has a target at targets[${priorTarget}]`);
      } else targetLevels.set(t.level, j);
      if (t.points !== undefined && new Dec(t.points).isNegative()) {
        add(`${tp}.points`, 'Số điểm không được âm', 'Points must not be negative');
      }
      const threshold = new Dec(t.threshold);
      if (c.kind === 'value' && c.display === 'boolean' && !(threshold.isZero() || threshold.equals(1))) {
        add(`${tp}.threshold`, 'Tiêu chí có/không chỉ nhận ngưỡng 1 (có) hoặc 0 (không)', 'A yes/no criterion takes threshold 1 (yes) or 0 (no)');
      }
      if (c.kind === 'group' && (threshold.isNegative() || threshold.greaterThan(100))) {
        add(`${tp}.threshold`, 'Ngưỡng của tiêu chí nhóm là tỷ lệ phần trăm, từ 0 đến 100', 'A group criterion threshold is a percentage from 0 to 100');
      }
    });
    checkCriterionExpressions(c, at);
    if (c.kind === 'group' && c.levels.includes(c.memberLevel)) {
      add(`${at}.memberLevel`, 'Cấp của đơn vị thành viên phải khác các cấp áp dụng tiêu chí', "The member level must differ from the criterion's levels");
    }
    if (c.kind === 'qualitative') {
      const seenLevel = firstIndex(c.scale, (s) => s.code);
      c.scale.forEach((s, k) => {
        const p = seenLevel(s, k);
        if (p !== null) add(`${at}.scale[${k}].code`, `Mã mức đánh giá '${s.code}' bị trùng với scale[${p}]`, `Duplicate scale level code '${s.code}' (same as scale[${p}])`);
        const share = new Dec(s.pointsShare);
        if (share.isNegative() || share.greaterThan(1)) {
          add(`${at}.scale[${k}].pointsShare`, 'Tỷ lệ điểm phải từ 0 đến 1', 'The points share must be between 0 and 1');
        }
      });
      if (!c.scale.some((s) => s.meets)) {
        add(`${at}.scale`, 'Thang đánh giá cần ít nhất một mức được tính là đạt', 'The scale needs at least one level that counts as met');
      }
    }
  });

  function checkCriterionExpressions(c: Criterion, at: string): void {
    const fields: { field: 'numerator' | 'denominator' | 'expression' | 'memberCondition'; source: string; expect: ExpressionType }[] = [];
    if (c.kind === 'ratio') {
      fields.push({ field: 'numerator', source: c.numerator, expect: 'number' }, { field: 'denominator', source: c.denominator, expect: 'number' });
    } else if (c.kind === 'value') {
      fields.push({ field: 'expression', source: c.expression, expect: c.display === 'boolean' ? 'boolean' : 'number' });
    } else if (c.kind === 'group') {
      fields.push({ field: 'memberCondition', source: c.memberCondition, expect: 'boolean' });
    }
    for (const { field, source, expect } of fields) {
      const checked = checkExpression(source, { dataElements: elements, expect });
      if (checked.ok) expressions.set(expressionKey(c.code, field), checked.ast);
      else for (const e of checked.errors) add(`${at}.${field}`, e.message, e.messageEn, e.position);
    }
  }

  // Bands.
  const seenBand = firstIndex(set.bands, (b) => b.code);
  const seenMin = firstIndex(set.bands, (b) => new Dec(b.minShareMet).toFixed());
  set.bands.forEach((b, i) => {
    const prior = seenBand(b, i);
    if (prior !== null) add(`bands[${i}].code`, `Mã xếp loại '${b.code}' bị trùng với bands[${prior}]`, `Duplicate band code '${b.code}' (same as bands[${prior}])`);
    const min = parseDecimal(b.minShareMet);
    if (min && (min.isNegative() || min.greaterThan(100))) {
      add(`bands[${i}].minShareMet`, 'Tỷ lệ tiêu chí đạt tối thiểu phải từ 0 đến 100 (%)', 'The minimum share of criteria met must be between 0 and 100 (%)');
    }
    const priorMin = seenMin(b, i);
    if (priorMin !== null) {
      add(`bands[${i}].minShareMet`, `Ngưỡng ${b.minShareMet} % trùng với bands[${priorMin}]`, `Threshold ${b.minShareMet}% is the same as bands[${priorMin}]`);
    }
  });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, set, expressions };
}
