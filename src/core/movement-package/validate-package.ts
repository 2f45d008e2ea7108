import { z } from 'zod';
import { isMessageKey, renderMessage, type Locale, type MessageKey, type MessageParams } from '../i18n/messages';
import { validateCriteriaSet } from '../scoring';
import { movementPackageSchema, toCriteriaSetVersion, type MovementPackage, type PackageCriteriaSet } from './movement-package.schemas';

/**
 * One problem in a package: where (dotted path, e.g. criteriaSet.criteria[2].targets[0].threshold) and what, in the
 * caller's language (Vietnamese by default; the messages are the catalogue's, zod's wording of its own checks is
 * Vietnamese below and zod's English locale otherwise).
 */
export type PackageError = { path: string; message: string };

/** A problem worded by the message catalogue. */
function keyed(path: string, locale: Locale, messageKey: MessageKey, params: MessageParams = {}): PackageError {
  return { path, message: renderMessage(messageKey, locale, params) };
}

export type ParseMovementPackageResult = { ok: true; value: MovementPackage } | { ok: false; errors: PackageError[] };

/**
 * Validates an already-decoded JSON value as a movement package. Lists every error found:
 * structure (zod) and cross-field rules (unique codes, phases and milestones, references).
 * Never throws.
 */
export function parseMovementPackage(input: unknown, locale: Locale = 'vi'): ParseMovementPackageResult {
  try {
    const parsed = movementPackageSchema.safeParse(input, { error: locale === 'en' ? englishErrorMap : vietnameseErrorMap });
    if (parsed.success) {
      const errors = checkCrossFields(parsed.data, locale);
      return errors.length === 0 ? { ok: true, value: parsed.data } : { ok: false, errors };
    }
    // Also run the cross-field rules on the sections that are valid on their own, so one broken
    // section does not hide duplicate codes or dangling references elsewhere.
    const errors = parsed.error.issues.flatMap((issue) => issueToErrors(issue, locale));
    errors.push(...checkCrossFields(parseValidSections(input), locale));
    return { ok: false, errors };
  } catch {
    // Hostile inputs (throwing getters, proxies) must not crash an import.
    return { ok: false, errors: [keyed('', locale, 'package.unreadable')] };
  }
}

/** Decodes JSON text (a UTF-8 BOM is allowed) and validates it. Never throws. */
export function parseMovementPackageJson(text: string, locale: Locale = 'vi'): ParseMovementPackageResult {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? `: ${e.message}` : '';
    return { ok: false, errors: [keyed('', locale, 'package.not_json', { detail })] };
  }
  return parseMovementPackage(value, locale);
}

/**
 * Stable, pretty JSON (2 spaces, keys in schema order, final newline), so that
 * export → import → export is byte-identical. Throws if the value does not have the package structure;
 * run parseMovementPackage first.
 */
export function serializeMovementPackage(value: MovementPackage): string {
  // Parsing rebuilds every object in the order of its schema's keys.
  const ordered = movementPackageSchema.parse(value);
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Formats a zod-style path: ["criteriaSet", "criteria", 2, "code"] → "criteriaSet.criteria[2].code". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Structure errors (zod)
// ---------------------------------------------------------------------------------------------

const typeNames: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'giá trị đúng/sai',
  array: 'danh sách',
  object: 'đối tượng',
  null: 'null',
  undefined: 'không có giá trị',
  bigint: 'số nguyên lớn',
  symbol: 'symbol',
  function: 'hàm',
  date: 'ngày',
  nan: 'NaN',
};

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return typeNames.array ?? 'danh sách';
  if (typeof input === 'number' && Number.isNaN(input)) return 'NaN';
  return typeNames[typeof input] ?? typeof input;
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

/** Vietnamese messages for zod's built-in checks; schema-level messages (e.g. decimalString) take precedence. */
function vietnameseErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'Thiếu trường bắt buộc';
      const expected = typeNames[issue.expected] ?? issue.expected;
      return `Sai kiểu dữ liệu: cần ${expected}, nhận được ${describeInput(issue.input)}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return min === '1' ? 'Không được để trống' : `Cần ít nhất ${min} ký tự`;
      if (issue.origin === 'array') return min === '1' ? 'Danh sách phải có ít nhất 1 phần tử' : `Danh sách phải có ít nhất ${min} phần tử`;
      return issue.inclusive === false ? `Phải lớn hơn ${min}` : `Phải lớn hơn hoặc bằng ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `Dài quá ${max} ký tự`;
      if (issue.origin === 'array') return `Danh sách có quá ${max} phần tử`;
      return issue.inclusive === false ? `Phải nhỏ hơn ${max}` : `Phải nhỏ hơn hoặc bằng ${max}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `Giá trị không hợp lệ: phải là ${listValues(issue.values)}` : `Giá trị không hợp lệ: phải là một trong ${listValues(issue.values)}`;
    case 'invalid_format':
      return 'Sai định dạng';
    case 'not_multiple_of':
      return `Phải là bội số của ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return 'Có trường không thuộc định dạng gói';
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      return Array.isArray(options) && options.length > 0 ? `Loại không hợp lệ: phải là một trong ${listValues(options)}` : 'Giá trị không khớp với dạng nào được phép';
    }
    case 'invalid_key':
      return 'Khoá không hợp lệ';
    case 'invalid_element':
      return 'Phần tử không hợp lệ';
    default:
      return 'Giá trị không hợp lệ';
  }
}

const englishErrorMap = z.locales.en().localeError;

function issueToErrors(issue: z.core.$ZodIssue, locale: Locale): PackageError[] {
  const base = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    // One error per unknown key, at the key itself, so that an editor can point at it.
    return issue.keys.map((key) => keyed(formatPath([...issue.path, key]), locale, 'package.unknown_field'));
  }
  // The shared schemas' own checks carry a catalogue key as their message.
  return [isMessageKey(issue.message) ? keyed(base, locale, issue.message) : { path: base, message: issue.message }];
}

// ---------------------------------------------------------------------------------------------
// Cross-field errors
// ---------------------------------------------------------------------------------------------

type Sections = Partial<MovementPackage>;

function parseValidSections(input: unknown): Sections {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const raw = input as Record<string, unknown>;
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(movementPackageSchema.shape)) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
    const result = (schema as z.ZodType).safeParse(raw[key]);
    if (result.success) sections[key] = result.data;
  }
  return sections as Sections;
}

function checkCrossFields(p: Sections, locale: Locale): PackageError[] {
  const errors: PackageError[] = [];
  const push: Push = (path, key, params) => errors.push(keyed(path, locale, key, params));
  const label = (key: MessageKey) => renderMessage(key, locale);

  if (p.movement) {
    checkUnique(p.movement.legalBases, (d) => d.number, 'movement.legalBases', 'number', label('package.label.document_number'), push);
  }
  if (p.participantKinds) {
    checkUnique(p.participantKinds, (k) => k.kind, 'participantKinds', 'kind', label('package.label.kind'), push);
  }
  if (p.roles) checkRoles(p.roles, push);
  if (p.phases) checkPhases(p.phases, push, label);
  if (p.milestones) checkMilestones(p, p.milestones, push, label);
  if (p.contentAreas) {
    checkUnique(p.contentAreas, (a) => a.code, 'contentAreas', 'code', label('package.label.content_area_code'), push);
    checkUnique(p.contentAreas, (a) => String(a.order), 'contentAreas', 'order', label('package.label.order'), push);
  }
  if (p.prioritySectors) {
    checkUnique(p.prioritySectors, (s) => s.code, 'prioritySectors', 'code', label('package.label.priority_sector_code'), push);
  }
  if (p.criteriaSet) checkCriteriaSet(p, p.criteriaSet, push);
  if (p.awardForms) {
    checkUnique(p.awardForms, (a) => a.code, 'awardForms', 'code', label('package.label.award_form_code'), push);
  }
  return errors;
}

/** Records a problem, worded by the message catalogue in the caller's language. */
type Push = (path: string, key: MessageKey, params?: MessageParams) => void;
/** A label (a field's name) in the caller's language. */
type Label = (key: MessageKey) => string;

/** Reports every repeated key at the later occurrence, naming the first one. */
function checkUnique<T>(items: readonly T[], keyOf: (item: T) => string, basePath: string, field: string | null, label: string, push: Push): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, i);
      return;
    }
    const at = field === null ? `${basePath}[${i}]` : `${basePath}[${i}].${field}`;
    const firstAt = field === null ? `${basePath}[${first}]` : `${basePath}[${first}].${field}`;
    push(at, 'package.duplicate', { label, key, first: firstAt });
  });
}

function checkRoles(roles: NonNullable<Sections['roles']>, push: Push): void {
  roles.forEach((r, i) => {
    if (r.validTo !== null && r.validTo <= r.validFrom) {
      push(`roles[${i}].validTo`, 'package.role_dates');
    }
  });
  // The same role is held by one unit at a time: periods [validFrom, validTo) must not overlap.
  roles.forEach((r, i) => {
    roles.forEach((other, j) => {
      if (j >= i || other.role !== r.role) return;
      const overlaps = (other.validTo === null || r.validFrom < other.validTo) && (r.validTo === null || other.validFrom < r.validTo);
      if (overlaps) {
        push(`roles[${i}].validFrom`, 'package.role_overlap', { role: r.role, other: `roles[${j}]`, unit: other.unitName });
      }
    });
  });
}

function checkPhases(phases: NonNullable<Sections['phases']>, push: Push, label: Label): void {
  checkUnique(phases, (ph) => ph.code, 'phases', 'code', label('package.label.phase_code'), push);
  phases.forEach((ph, i) => {
    if (ph.to < ph.from) push(`phases[${i}].to`, 'package.phase_dates');
    const prev = i > 0 ? phases[i - 1] : undefined;
    if (prev && ph.from <= prev.to) {
      push(`phases[${i}].from`, 'package.phase_sequence', { previous: `phases[${i - 1}]`, date: prev.to });
    }
  });
}

function checkMilestones(p: Sections, milestones: NonNullable<Sections['milestones']>, push: Push, label: Label): void {
  checkUnique(milestones, (m) => m.code, 'milestones', 'code', label('package.label.milestone_code'), push);
  // A duplicated phase code is reported once, by checkPhases; milestones naming it are not checked against either copy.
  const phases = p.phases ? phasesByCode(p.phases) : undefined;
  const kinds = p.participantKinds ? new Set(p.participantKinds.map((k) => k.kind)) : undefined;
  milestones.forEach((m, i) => {
    const at = `milestones[${i}]`;
    if (phases) {
      const phase = phases.get(m.phase);
      if (phase === undefined) push(`${at}.phase`, 'package.phase_unknown', { phase: m.phase });
      else if (phase !== null && (m.deadline < phase.from || m.deadline > phase.to)) {
        push(`${at}.deadline`, 'movement.deadline_outside_phase', { deadline: m.deadline, phase: phase.code, from: phase.from, to: phase.to });
      }
    }
    checkUnique(m.appliesTo, (k) => k, `${at}.appliesTo`, null, label('package.label.kind'), push);
    if (kinds) {
      m.appliesTo.forEach((k, j) => {
        if (!kinds.has(k)) push(`${at}.appliesTo[${j}]`, 'package.kind_unknown', { kind: k });
      });
    }
  });
}

function phasesByCode(phases: NonNullable<Sections['phases']>): Map<string, NonNullable<Sections['phases']>[number] | null> {
  const byCode = new Map<string, NonNullable<Sections['phases']>[number] | null>();
  for (const ph of phases) byCode.set(ph.code, byCode.has(ph.code) ? null : ph);
  return byCode;
}

function checkCriteriaSet(p: Sections, set: PackageCriteriaSet, push: Push): void {
  const base = 'criteriaSet';
  // The criteria set's own rules (unique codes, content areas, targets, expressions, scales, bands).
  const validation = validateCriteriaSet(toCriteriaSetVersion(set));
  if (!validation.ok) {
    for (const issue of validation.errors) push(issue.path === '' ? base : `${base}.${issue.path}`, 'detail.worded', { vi: issue.message, en: issue.messageEn });
  }

  // The criteria set carries its own copy of the content areas (it is a self-contained scoring
  // contract); it must agree with the movement's Section II list.
  if (p.contentAreas) {
    const movementAreas = new Map(p.contentAreas.map((a) => [a.code, a]));
    set.contentAreas.forEach((a, i) => {
      const m = movementAreas.get(a.code);
      if (!m) push(`${base}.contentAreas[${i}].code`, 'package.content_area_unknown', { code: a.code });
      else {
        if (m.title !== a.title) push(`${base}.contentAreas[${i}].title`, 'package.content_area_title', { code: a.code });
        if (m.order !== a.order) push(`${base}.contentAreas[${i}].order`, 'package.content_area_order', { code: a.code });
      }
    });
  }

  // Every level a criterion targets must be the level of some participating kind, or nobody is scored on it.
  if (p.participantKinds) {
    const participantLevels = new Set<string>(p.participantKinds.map((k) => k.level));
    set.criteria.forEach((c, i) => {
      const at = `${base}.criteria[${i}]`;
      c.levels.forEach((l, j) => {
        if (!participantLevels.has(l)) push(`${at}.levels[${j}]`, 'package.level_without_participants', { level: l });
      });
      if (c.kind === 'group' && !participantLevels.has(c.memberLevel)) {
        push(`${at}.memberLevel`, 'package.level_without_participants', { level: c.memberLevel });
      }
    });
  }
}
