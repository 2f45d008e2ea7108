import type { CriteriaSetVersion, DataElement, UnitLevel } from '../criteria/criteria.schemas.js';
import { isIsoDate } from '../dates.js';
import { Dec, isDecimalString } from '../decimal.js';
import { evaluateExpression, parseExpression, type Expr } from '../expression/index.js';
import { referencedCodes } from '../expression/index.js';
import { buildFormLayout } from './form.js';
import { modifiedZScore, OUTLIER_THRESHOLD } from './outliers.js';
import { assertNever } from './periods.js';

export type ReportValue = string | boolean | null;

/** One finding, with the field path the form shows it on (values.x, evidence.y, warningComments.x, narratives.z). */
export type ReportIssue = { path: string; code: string; message: string; messageEn: string };

/** A consistency rule derived from a ratio criterion. */
export type ConsistencyRule =
  | { kind: 'numerator_le_denominator'; criterion: string; numerator: Expr; denominator: Expr; numeratorText: string; denominatorText: string; path: string }
  | { kind: 'exclusion_le_total'; criterion: string; total: string; exclusion: string };

/** Terms of `a - b - c`: the first term and the subtracted ones, when every term is a plain reference. */
function subtractionChain(e: Expr): { total: string; exclusions: string[] } | null {
  if (e.type === 'binary' && e.op === '-') {
    const left = e.left.type === 'ref' ? { total: e.left.code, exclusions: [] as string[] } : subtractionChain(e.left);
    if (!left || e.right.type !== 'ref') return null;
    return { total: left.total, exclusions: [...left.exclusions, e.right.code] };
  }
  return null;
}

/**
 * Rules implied by the ratio criteria that apply to the level. A ratio whose two sides count things (integer data
 * elements only) is a share of a whole: numerator ≤ denominator (records_online ≤ records_total − records_secret).
 * A denominator written "total − exclusion − …" also means each exclusion ≤ the total.
 */
export function deriveConsistencyRules(set: CriteriaSetVersion, level: UnitLevel): ConsistencyRule[] {
  let byLevel = rulesCache.get(set);
  if (!byLevel) rulesCache.set(set, (byLevel = new Map()));
  const cached = byLevel.get(level);
  if (cached) return cached;
  const rules = computeConsistencyRules(set, level);
  byLevel.set(level, rules);
  return rules;
}

const rulesCache = new WeakMap<CriteriaSetVersion, Map<UnitLevel, ConsistencyRule[]>>();

function computeConsistencyRules(set: CriteriaSetVersion, level: UnitLevel): ConsistencyRule[] {
  const layout = buildFormLayout(set, level);
  const integers = new Set(set.dataElements.filter((e) => e.valueType === 'integer').map((e) => e.code));
  const rules: ConsistencyRule[] = [];
  const seen = new Set<string>();
  for (const c of layout.criteria) {
    if (c.kind !== 'ratio') continue;
    const num = parseExpression(c.numerator);
    const den = parseExpression(c.denominator);
    if (!num.ok || !den.ok) continue;
    const chain = subtractionChain(den.ast);
    for (const exclusion of chain?.exclusions ?? []) {
      const key = `${chain!.total}>=${exclusion}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rules.push({ kind: 'exclusion_le_total', criterion: c.code, total: chain!.total, exclusion });
    }
    const codes = [...referencedCodes(c.numerator), ...referencedCodes(c.denominator)];
    if (codes.length > 0 && codes.every((code) => integers.has(code))) {
      const first = referencedCodes(c.numerator)[0] ?? codes[0]!;
      rules.push({
        kind: 'numerator_le_denominator',
        criterion: c.code,
        numerator: num.ast,
        denominator: den.ast,
        numeratorText: c.numerator,
        denominatorText: c.denominator,
        path: `values.${first}`,
      });
    }
  }
  return rules;
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,10})?$/;

/** Checks one value against its data element: type, whole number, range. Null when fine (or absent). */
export function checkValue(element: DataElement, value: ReportValue | undefined): { message: string; messageEn: string; code: string } | null {
  if (value === null || value === undefined) return null;
  switch (element.valueType) {
    case 'integer':
    case 'decimal':
    case 'percentage': {
      if (typeof value !== 'string' || !DECIMAL.test(value) || !isDecimalString(value)) {
        return {
          code: 'not_a_number',
          message: 'Phải là số (dấu chấm ngăn cách phần thập phân, ví dụ 59.99)',
          messageEn: 'Must be a number (dot as decimal separator, e.g. 59.99)',
        };
      }
      const d = new Dec(value);
      if (element.valueType === 'integer' && !d.isInteger()) return { code: 'not_integer', message: 'Phải là số nguyên', messageEn: 'Must be a whole number' };
      const min = element.min ?? (element.valueType === 'percentage' ? '0' : undefined);
      const max = element.max ?? (element.valueType === 'percentage' ? '100' : undefined);
      if (min !== undefined && d.lessThan(min)) return { code: 'below_min', message: `Không được nhỏ hơn ${min}`, messageEn: `Must not be less than ${min}` };
      if (max !== undefined && d.greaterThan(max)) return { code: 'above_max', message: `Không được lớn hơn ${max}`, messageEn: `Must not be greater than ${max}` };
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : { code: 'not_boolean', message: 'Phải chọn Có hoặc Không', messageEn: 'Must be yes or no' };
    case 'text':
      return typeof value === 'string' && value.length <= 4000
        ? null
        : { code: 'not_text', message: 'Phải là văn bản (tối đa 4000 ký tự)', messageEn: 'Must be text (at most 4000 characters)' };
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : { code: 'not_date', message: 'Ngày phải có dạng YYYY-MM-DD', messageEn: 'Dates are written YYYY-MM-DD' };
    default:
      return assertNever(element.valueType);
  }
}

export type EvidenceCount = { documents: number; files: number };

export type ReportCheckInput = {
  set: CriteriaSetVersion;
  level: UnitLevel;
  values: Readonly<Record<string, ReportValue | undefined>>;
  /** Evidence present per criterion code. */
  evidence?: Readonly<Record<string, EvidenceCount>>;
  warningComments?: Readonly<Record<string, string>>;
  /** The unit's own earlier values per data element (decimal strings), oldest first. */
  history?: Readonly<Record<string, readonly string[]>>;
  /** On submit every field is required, evidence must be present and each warning needs a comment. */
  forSubmit: boolean;
};

export type ReportCheck = {
  errors: ReportIssue[];
  warnings: (ReportIssue & { score: number | null })[];
};

const nameOf = (e: DataElement) => `${e.name} (${e.code})`;

/**
 * Validates a report: value types and ranges, consistency rules from the ratio criteria, and — on submit — required
 * values and evidence, and a comment on each outlier warning. Warnings: values far from the unit's own history
 * (modified z-score |M| > 3.5 over at least 4 earlier periods).
 */
export function checkReport(input: ReportCheckInput): ReportCheck {
  const layout = buildFormLayout(input.set, input.level);
  const errors: ReportIssue[] = [];
  const warnings: ReportCheck['warnings'] = [];
  const applicable = new Map(layout.elements.map((e) => [e.code, e] as const));
  for (const code of Object.keys(input.values)) {
    if (!applicable.has(code)) {
      errors.push({
        path: `values.${code}`,
        code: 'unknown_element',
        message: `Chỉ tiêu '${code}' không có trong biểu mẫu của đơn vị`,
        messageEn: `'${code}' is not a field of this unit's form`,
      });
    }
  }
  const typed: Record<string, string | boolean | null> = {};
  for (const e of layout.elements) {
    const v = input.values[e.code];
    const problem = checkValue(e, v);
    if (problem) {
      errors.push({ path: `values.${e.code}`, ...problem });
      continue;
    }
    if (v === null || v === undefined || v === '') {
      if (input.forSubmit) errors.push({ path: `values.${e.code}`, code: 'required', message: 'Bắt buộc nhập trước khi nộp', messageEn: 'Required before submitting' });
      continue;
    }
    typed[e.code] = v;
  }
  for (const rule of deriveConsistencyRules(input.set, input.level)) {
    switch (rule.kind) {
      case 'exclusion_le_total': {
        const total = typed[rule.total];
        const exclusion = typed[rule.exclusion];
        if (typeof total !== 'string' || typeof exclusion !== 'string') break;
        if (new Dec(exclusion).greaterThan(total)) {
          const t = applicable.get(rule.total)!;
          const x = applicable.get(rule.exclusion)!;
          errors.push({
            path: `values.${rule.exclusion}`,
            code: 'exclusion_exceeds_total',
            message: `${nameOf(x)} = ${exclusion} không được lớn hơn ${nameOf(t)} = ${total}`,
            messageEn: `${x.code} = ${exclusion} must not exceed ${t.code} = ${total}`,
          });
        }
        break;
      }
      case 'numerator_le_denominator': {
        const num = evaluateExpression(rule.numerator, typed);
        const den = evaluateExpression(rule.denominator, typed);
        if (num.kind !== 'value' || den.kind !== 'value') break;
        if (num.exact.compare(den.exact) > 0) {
          errors.push({
            path: rule.path,
            code: 'numerator_exceeds_denominator',
            message: `Tử số (${rule.numeratorText} = ${num.value.toFixed()}) không được lớn hơn mẫu số (${rule.denominatorText} = ${den.value.toFixed()}) của tiêu chí ${rule.criterion}`,
            messageEn: `Numerator (${rule.numeratorText} = ${num.value.toFixed()}) must not exceed the denominator (${rule.denominatorText} = ${den.value.toFixed()}) of criterion ${rule.criterion}`,
          });
        }
        break;
      }
      default:
        assertNever(rule);
    }
  }
  for (const e of layout.elements) {
    const v = typed[e.code];
    const history = input.history?.[e.code];
    if (typeof v !== 'string' || !history || e.valueType === 'text' || e.valueType === 'date') continue;
    const score = modifiedZScore(history, v);
    if (score === null || Math.abs(score) <= OUTLIER_THRESHOLD) continue;
    const shown = Number.isFinite(score) ? score.toFixed(1) : score > 0 ? '+∞' : '−∞';
    warnings.push({
      path: `values.${e.code}`,
      code: 'outlier',
      score: Number.isFinite(score) ? score : null,
      message: `Giá trị ${v} khác xa số liệu các kỳ trước của đơn vị (${history.join('; ')}; điểm z hiệu chỉnh ${shown}); hãy kiểm tra lại hoặc ghi chú giải thích`,
      messageEn: `Value ${v} is far from the unit's earlier periods (${history.join('; ')}; modified z-score ${shown}); check it or explain it`,
    });
    if (input.forSubmit && !(input.warningComments?.[e.code] ?? '').trim()) {
      errors.push({
        path: `warningComments.${e.code}`,
        code: 'warning_needs_comment',
        message: `Cần ghi chú giải thích giá trị bất thường của ${nameOf(e)} trước khi nộp`,
        messageEn: `Explain the unusual value of ${e.code} before submitting`,
      });
    }
  }
  if (input.forSubmit) {
    for (const c of layout.criteria) {
      const have = input.evidence?.[c.code] ?? { documents: 0, files: 0 };
      let ok: boolean;
      switch (c.evidence) {
        case 'none':
          ok = true;
          break;
        case 'document':
          ok = have.documents > 0;
          break;
        case 'file':
          ok = have.files > 0;
          break;
        case 'document_or_file':
          ok = have.documents + have.files > 0;
          break;
        default:
          ok = assertNever(c.evidence);
      }
      if (!ok) {
        const what = c.evidence === 'document' ? 'văn bản' : c.evidence === 'file' ? 'tệp đính kèm' : 'văn bản hoặc tệp đính kèm';
        errors.push({
          path: `evidence.${c.code}`,
          code: 'evidence_required',
          message: `Tiêu chí "${c.title}" cần minh chứng (${what})`,
          messageEn: `Criterion ${c.code} needs evidence (${c.evidence})`,
        });
      }
    }
  }
  return { errors, warnings };
}
