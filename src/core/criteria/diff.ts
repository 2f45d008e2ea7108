import { Dec, comparatorSymbol, parseDecimal } from '../decimal';
import { levelScopeLabels } from '../scoring/explain';
import type { Band, Comparator, ContentArea, CriteriaSetVersion, Criterion, DataElement, QualitativeLevel, Target, UnitLevel } from './criteria.schemas';

/**
 * A readable difference between two versions of a criteria set. Items are matched by their codes (data element,
 * content area, criterion, target level, scale level, band), never by array position, so reordering a list is not
 * reported as a change and an inserted criterion does not shift every later one.
 */
export type CriteriaChange = {
  /** Code-keyed path, e.g. `criteria.records_online_ratio.targets.commune.threshold`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** One Vietnamese sentence, e.g. "Tiêu chí records_online_ratio: chỉ tiêu cấp xã 60 → 65". */
  label: string;
  before: unknown;
  after: unknown;
};

type FieldKind = 'text' | 'long_text' | 'decimal' | 'list' | 'boolean' | 'level' | 'comparator';
type FieldSpec = { key: string; label: string; kind: FieldKind };

const dataElementFields: FieldSpec[] = [
  { key: 'name', label: 'tên', kind: 'text' },
  { key: 'valueType', label: 'kiểu giá trị', kind: 'text' },
  { key: 'unitOfMeasure', label: 'đơn vị tính', kind: 'text' },
  { key: 'help', label: 'hướng dẫn', kind: 'long_text' },
  { key: 'aggregation', label: 'cách tổng hợp', kind: 'text' },
  { key: 'min', label: 'giá trị tối thiểu', kind: 'decimal' },
  { key: 'max', label: 'giá trị tối đa', kind: 'decimal' },
];

const contentAreaFields: FieldSpec[] = [
  { key: 'title', label: 'tên', kind: 'text' },
  { key: 'order', label: 'thứ tự', kind: 'decimal' },
];

/** Fields of every criterion kind; a field a kind does not have reads as undefined on both sides. */
const criterionFields: FieldSpec[] = [
  { key: 'kind', label: 'loại tiêu chí', kind: 'text' },
  { key: 'title', label: 'tên', kind: 'long_text' },
  { key: 'contentArea', label: 'nội dung thi đua', kind: 'text' },
  { key: 'levels', label: 'cấp áp dụng', kind: 'list' },
  { key: 'points', label: 'điểm', kind: 'decimal' },
  { key: 'evidence', label: 'yêu cầu minh chứng', kind: 'text' },
  { key: 'help', label: 'hướng dẫn', kind: 'long_text' },
  { key: 'source', label: 'nguồn', kind: 'text' },
  { key: 'numerator', label: 'tử số', kind: 'text' },
  { key: 'denominator', label: 'mẫu số', kind: 'text' },
  { key: 'expression', label: 'biểu thức', kind: 'text' },
  { key: 'display', label: 'cách hiển thị', kind: 'text' },
  { key: 'memberLevel', label: 'cấp của đơn vị thành viên', kind: 'level' },
  { key: 'memberCondition', label: 'điều kiện của đơn vị thành viên', kind: 'text' },
];

const scaleFields: FieldSpec[] = [
  { key: 'label', label: 'nhãn', kind: 'text' },
  { key: 'meets', label: 'tính là đạt', kind: 'boolean' },
  { key: 'pointsShare', label: 'tỷ lệ điểm', kind: 'decimal' },
];

const bandFields: FieldSpec[] = [
  { key: 'label', label: 'nhãn', kind: 'text' },
  { key: 'minShareMet', label: 'tỷ lệ tiêu chí đạt tối thiểu', kind: 'decimal' },
];

const MAX_SHOWN = 80;

/** Compares two criteria set versions; changes come in the order data elements, content areas, criteria, bands. */
export function diffCriteriaSetVersions(before: CriteriaSetVersion, after: CriteriaSetVersion): CriteriaChange[] {
  const changes: CriteriaChange[] = [];
  const push = (change: CriteriaChange) => changes.push(change);

  diffKeyed(before.dataElements, after.dataElements, (e) => e.code, {
    added: (e) => push({ path: `dataElements.${e.code}`, kind: 'added', label: `Thêm chỉ tiêu dữ liệu ${e.code}: ${quote(e.name)}`, before: undefined, after: e }),
    removed: (e) => push({ path: `dataElements.${e.code}`, kind: 'removed', label: `Bỏ chỉ tiêu dữ liệu ${e.code}: ${quote(e.name)}`, before: e, after: undefined }),
    both: (b, a) => diffFields<DataElement>(b, a, dataElementFields, `dataElements.${a.code}`, `Chỉ tiêu dữ liệu ${a.code}`, push),
  });

  diffKeyed(before.contentAreas, after.contentAreas, (a) => a.code, {
    added: (a) => push({ path: `contentAreas.${a.code}`, kind: 'added', label: `Thêm nội dung thi đua ${a.code}: ${quote(a.title)}`, before: undefined, after: a }),
    removed: (a) => push({ path: `contentAreas.${a.code}`, kind: 'removed', label: `Bỏ nội dung thi đua ${a.code}: ${quote(a.title)}`, before: a, after: undefined }),
    both: (b, a) => diffFields<ContentArea>(b, a, contentAreaFields, `contentAreas.${a.code}`, `Nội dung thi đua ${a.code}`, push),
  });

  diffKeyed(before.criteria, after.criteria, (c) => c.code, {
    added: (c) => push({ path: `criteria.${c.code}`, kind: 'added', label: `Thêm tiêu chí ${c.code}: ${quote(c.title)}`, before: undefined, after: c }),
    removed: (c) => push({ path: `criteria.${c.code}`, kind: 'removed', label: `Bỏ tiêu chí ${c.code}: ${quote(c.title)}`, before: c, after: undefined }),
    both: (b, a) => diffCriterion(b, a, push),
  });

  diffKeyed(before.bands, after.bands, (b) => b.code, {
    added: (b) => push({ path: `bands.${b.code}`, kind: 'added', label: `Thêm mức xếp loại ${b.code}: ${quote(b.label)} (từ ${b.minShareMet} %)`, before: undefined, after: b }),
    removed: (b) => push({ path: `bands.${b.code}`, kind: 'removed', label: `Bỏ mức xếp loại ${b.code}: ${quote(b.label)}`, before: b, after: undefined }),
    both: (b, a) => diffFields<Band>(b, a, bandFields, `bands.${a.code}`, `Mức xếp loại ${a.code}`, push),
  });

  return changes;
}

function diffCriterion(before: Criterion, after: Criterion, push: (c: CriteriaChange) => void): void {
  const base = `criteria.${after.code}`;
  const subject = `Tiêu chí ${after.code}`;
  diffFields<Criterion>(before, after, criterionFields, base, subject, push);

  diffKeyed(before.targets, after.targets, (t) => t.level, {
    added: (t) =>
      push({ path: `${base}.targets.${t.level}`, kind: 'added', label: `${subject}: thêm chỉ tiêu ${levelLabel(t.level)} ${formatTarget(t)}`, before: undefined, after: t }),
    removed: (t) =>
      push({ path: `${base}.targets.${t.level}`, kind: 'removed', label: `${subject}: bỏ chỉ tiêu ${levelLabel(t.level)} (${formatTarget(t)})`, before: t, after: undefined }),
    both: (b, a) => {
      const at = `${base}.targets.${a.level}`;
      const level = levelLabel(a.level);
      if (!sameDecimal(b.threshold, a.threshold)) {
        push({ path: `${at}.threshold`, kind: 'changed', label: `${subject}: chỉ tiêu ${level} ${b.threshold} → ${a.threshold}`, before: b.threshold, after: a.threshold });
      }
      if (b.comparator !== a.comparator) {
        push({
          path: `${at}.comparator`,
          kind: 'changed',
          label: `${subject}: phép so sánh chỉ tiêu ${level} ${symbol(b.comparator)} → ${symbol(a.comparator)}`,
          before: b.comparator,
          after: a.comparator,
        });
      }
      if (!sameOptionalDecimal(b.points, a.points)) {
        push({
          path: `${at}.points`,
          kind: b.points === undefined ? 'added' : a.points === undefined ? 'removed' : 'changed',
          label: `${subject}: điểm ${level} ${show(b.points, 'decimal')} → ${show(a.points, 'decimal')}`,
          before: b.points,
          after: a.points,
        });
      }
    },
  });

  const scaleOf = (c: Criterion): QualitativeLevel[] => (c.kind === 'qualitative' ? c.scale : []);
  diffKeyed(scaleOf(before), scaleOf(after), (s) => s.code, {
    added: (s) => push({ path: `${base}.scale.${s.code}`, kind: 'added', label: `${subject}: thêm mức đánh giá ${s.code} (${quote(s.label)})`, before: undefined, after: s }),
    removed: (s) => push({ path: `${base}.scale.${s.code}`, kind: 'removed', label: `${subject}: bỏ mức đánh giá ${s.code} (${quote(s.label)})`, before: s, after: undefined }),
    both: (b, a) => diffFields<QualitativeLevel>(b, a, scaleFields, `${base}.scale.${a.code}`, `${subject}, mức đánh giá ${a.code}`, push),
  });
}

/** Matches two lists by key: items only in `before` are removed, only in `after` added, in both compared. */
function diffKeyed<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  on: { added: (item: T) => void; removed: (item: T) => void; both: (before: T, after: T) => void },
): void {
  const afterByKey = new Map<string, T>();
  for (const item of after) if (!afterByKey.has(key(item))) afterByKey.set(key(item), item);
  const beforeKeys = new Set<string>();
  for (const item of before) {
    const k = key(item);
    if (beforeKeys.has(k)) continue;
    beforeKeys.add(k);
    const match = afterByKey.get(k);
    if (match === undefined) on.removed(item);
    else on.both(item, match);
  }
  for (const [k, item] of afterByKey) if (!beforeKeys.has(k)) on.added(item);
}

function diffFields<T extends object>(before: T, after: T, fields: FieldSpec[], base: string, subject: string, push: (c: CriteriaChange) => void): void {
  for (const field of fields) {
    const b = (before as Record<string, unknown>)[field.key];
    const a = (after as Record<string, unknown>)[field.key];
    if (sameValue(b, a, field.kind)) continue;
    const kind: CriteriaChange['kind'] = b === undefined ? 'added' : a === undefined ? 'removed' : 'changed';
    const label =
      field.kind === 'long_text' && b !== undefined && a !== undefined
        ? `${subject}: sửa ${field.label}: ${quote(String(a))}`
        : `${subject}: ${field.label} ${show(b, field.kind)} → ${show(a, field.kind)}`;
    push({ path: `${base}.${field.key}`, kind, label, before: b, after: a });
  }
}

function sameValue(b: unknown, a: unknown, kind: FieldKind): boolean {
  if (b === undefined || a === undefined) return b === a;
  switch (kind) {
    case 'decimal':
      return sameDecimal(String(b), String(a));
    case 'list':
      return Array.isArray(b) && Array.isArray(a) && b.length === a.length && b.every((x, i) => x === a[i]);
    case 'text':
    case 'long_text':
    case 'boolean':
    case 'level':
    case 'comparator':
      return b === a;
  }
}

/** "60" and "60.00" are the same threshold. */
function sameDecimal(b: string, a: string): boolean {
  const x = parseDecimal(b);
  const y = parseDecimal(a);
  if (x === null || y === null) return b === a;
  return new Dec(x).equals(y);
}

function sameOptionalDecimal(b: string | undefined, a: string | undefined): boolean {
  if (b === undefined || a === undefined) return b === a;
  return sameDecimal(b, a);
}

function show(value: unknown, kind: FieldKind): string {
  if (value === undefined || value === null || value === '') return '(trống)';
  switch (kind) {
    case 'boolean':
      return value ? 'có' : 'không';
    case 'list':
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    case 'level':
      return levelLabel(String(value) as UnitLevel);
    case 'comparator':
      return symbol(String(value) as Comparator);
    case 'text':
    case 'long_text':
      return quote(String(value));
    case 'decimal':
      return String(value);
  }
}

function quote(text: string): string {
  const t = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
  return `“${t}”`;
}

function levelLabel(level: UnitLevel): string {
  return levelScopeLabels.vi[level] ?? level;
}

function symbol(comparator: Comparator): string {
  return comparatorSymbol(comparator);
}

function formatTarget(t: Target): string {
  return `${symbol(t.comparator)} ${t.threshold}`;
}
