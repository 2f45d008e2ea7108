import type { MovementsKey } from './strings';
import type { Band, CriteriaSetVersion, Criterion, CriterionKind, DataElement, QualitativeLevel, Target } from '../../../../src/core/criteria/criteria.schemas';

/**
 * Pure, immutable edits of a criteria set definition for the editor. Optional text fields left empty are removed
 * (the contract is strict and rejects "" where a code or a decimal is expected).
 */

export type Definition = CriteriaSetVersion;

/** Sets or removes an optional field: "" (after trimming) removes it. */
export function withOptional<T extends object, K extends string>(item: T, key: K, value: string): T {
  const next = { ...item } as Record<string, unknown>;
  if (value.trim() === '') delete next[key];
  else next[key] = value;
  return next as T;
}

/** "59,99" → "59.99" while typing a decimal; other characters are left for the server to refuse with a message. */
export function decimalInput(text: string): string {
  return text.replace(/\s+/g, '').replace(',', '.');
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

function uniqueCode(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const code = `${prefix}_${n}`;
    if (!taken.includes(code)) return code;
  }
}

export function newDataElement(definition: Definition, name: string): DataElement {
  return {
    code: uniqueCode(
      'chi_tieu_moi',
      definition.dataElements.map((e) => e.code),
    ),
    name,
    valueType: 'integer',
    aggregation: 'sum',
    min: '0',
  };
}

export function newCriterion(definition: Definition, title: string): Criterion {
  return {
    code: uniqueCode(
      'tieu_chi_moi',
      definition.criteria.map((c) => c.code),
    ),
    title,
    contentArea: definition.contentAreas[0]?.code ?? 'chinh_quyen_so',
    levels: [],
    targets: [],
    points: '10',
    evidence: 'document_or_file',
    kind: 'ratio',
    numerator: '',
    denominator: '',
    display: 'percentage',
  };
}

export function newBand(definition: Definition): Band {
  return {
    code: uniqueCode(
      'muc_moi',
      definition.bands.map((b) => b.code),
    ),
    label: '',
    minShareMet: '0',
  };
}

export const defaultScale: QualitativeLevel[] = [
  { code: 'dat', label: 'Đạt', meets: true, pointsShare: '1' },
  { code: 'chua_dat', label: 'Chưa đạt', meets: false, pointsShare: '0' },
];

/** Changes a criterion's kind, keeping the common fields and starting the kind's own fields empty. */
export function changeKind(criterion: Criterion, kind: CriterionKind): Criterion {
  if (criterion.kind === kind) return criterion;
  const { code, title, contentArea, levels, targets, points, evidence, help, source } = criterion;
  const base = { code, title, contentArea, levels, targets, points, evidence, ...(help !== undefined ? { help } : {}), ...(source !== undefined ? { source } : {}) };
  switch (kind) {
    case 'ratio':
      return { ...base, kind, numerator: '', denominator: '', display: 'percentage' };
    case 'value':
      return { ...base, kind, expression: '', display: 'number' };
    case 'qualitative':
      return { ...base, kind, scale: defaultScale };
    case 'group':
      return { ...base, kind, memberLevel: 'department', memberCondition: '' };
  }
}

/** New levels for a criterion; targets of levels no longer applicable are dropped with them. */
export function changeLevels(criterion: Criterion, levels: Criterion['levels']): Criterion {
  return { ...criterion, levels, targets: criterion.targets.filter((t) => levels.includes(t.level)) };
}

export function addTarget(criterion: Criterion, level: Target['level']): Criterion {
  return { ...criterion, targets: [...criterion.targets, { level, comparator: 'gte', threshold: '' }] };
}

/** A server error path "body.definition.criteria[2].numerator" as the editor's key "criteria[2].numerator". */
export function editorPath(serverPath: string): string {
  return serverPath.replace(/^body\.?/, '').replace(/^definition\.?/, '');
}

const fieldKeys: Record<string, MovementsKey> = {
  code: 'editor.code',
  title: 'editor.title.field',
  name: 'editor.name',
  numerator: 'editor.numerator',
  denominator: 'editor.denominator',
  expression: 'editor.expression',
  memberCondition: 'editor.memberCondition',
  memberLevel: 'editor.memberLevel',
  threshold: 'editor.threshold',
  comparator: 'editor.comparator',
  points: 'editor.points',
  evidence: 'editor.evidence',
  levels: 'editor.levels',
  contentArea: 'editor.contentArea',
  display: 'editor.display',
  valueType: 'editor.valueType',
  aggregation: 'editor.aggregation',
  min: 'editor.min',
  max: 'editor.max',
  help: 'editor.help',
  source: 'editor.source',
  unitOfMeasure: 'editor.unitOfMeasure',
  label: 'editor.scaleLabel',
  meets: 'editor.scaleMeets',
  pointsShare: 'editor.scaleShare',
  minShareMet: 'editor.bandMin',
  effectiveFrom: 'editor.effectiveFrom',
  legalBasis: 'editor.legalBasis',
  targets: 'editor.targets',
  scale: 'editor.scale',
  number: 'amend.basisNumber',
  date: 'amend.basisDate',
  issuer: 'amend.basisIssuer',
};

/**
 * An editor path in words, for the error summary: "criteria[0].targets[2].threshold" →
 * "Tiêu chí ho_so_cong_viec_tren_mang › Cấp xã › Ngưỡng". Unknown parts are shown as they are.
 */
export function describeEditorPath(path: string, definition: Definition, t: (key: MovementsKey) => string, level: (code: string) => string): string {
  const tr = t;
  const parts: string[] = [];
  let criterion: Criterion | undefined;
  for (const match of path.matchAll(/([A-Za-z]+)(?:\[(\d+)\])?/g)) {
    const name = match[1]!;
    const index = match[2] === undefined ? null : Number(match[2]);
    if (index === null) {
      parts.push(fieldKeys[name] ? tr(fieldKeys[name]) : name);
      continue;
    }
    switch (name) {
      case 'criteria':
        criterion = definition.criteria[index];
        parts.push(`${tr('criteria.colCriterion')} ${criterion?.code ?? index + 1}`);
        break;
      case 'dataElements':
        parts.push(`${tr('criteria.dataElements')}: ${definition.dataElements[index]?.code ?? index + 1}`);
        break;
      case 'bands':
        parts.push(`${tr('try.classification')}: ${definition.bands[index]?.code ?? index + 1}`);
        break;
      case 'targets': {
        const target = criterion?.targets[index];
        parts.push(target ? level(target.level) : `${tr('editor.targets')} ${index + 1}`);
        break;
      }
      case 'scale': {
        const scale = criterion?.kind === 'qualitative' ? criterion.scale[index] : undefined;
        parts.push(`${tr('editor.scale')}: ${scale?.label || scale?.code || index + 1}`);
        break;
      }
      default:
        parts.push(`${fieldKeys[name] ? tr(fieldKeys[name]) : name} ${index + 1}`);
    }
  }
  return parts.join(' › ');
}
