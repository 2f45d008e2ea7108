import { Fragment, type ReactNode } from 'react';
import type { Criterion, DataElement, Target, UnitLevel } from '../../../../src/core/criteria/criteria.schemas';
import { unitLevels } from '../../../../src/core/criteria/criteria.schemas';
import { formatTarget, type DisplayKind } from '../../../../src/core/scoring/explain';
import type { Locale } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { Pill } from '../../components/Tags';
import { assertNever } from '../../components/assert-never';
import type { CriterionStatus } from '../../api/criteria';
import type { MilestoneStatus, MovementStatus } from '../../api/movements';
import { useMovementStrings, type MovementsKey, type MovementsTranslate } from './strings';

/** Order in which levels are shown as columns and in pickers: the plan's order (department, district, commune…). */
export const levelOrder: readonly UnitLevel[] = ['province', 'department', 'district', 'commune', 'enterprise', 'university', 'individual', 'other'];

export function levelLabel(t: MovementsTranslate, level: string): string {
  return (unitLevels as readonly string[]).includes(level) ? t(`level.${level}` as MovementsKey) : level;
}

export function sortLevels<T extends string>(levels: readonly T[]): T[] {
  return [...levels].sort((a, b) => levelOrder.indexOf(a as UnitLevel) - levelOrder.indexOf(b as UnitLevel));
}

/** How a criterion's value and target read: percentages for ratios and group shares. */
export function displayOf(criterion: Criterion): DisplayKind {
  switch (criterion.kind) {
    case 'ratio':
      return criterion.display;
    case 'value':
      return criterion.display;
    case 'group':
      return 'percentage';
    case 'qualitative':
      return 'number';
    default:
      return assertNever(criterion);
  }
}

/** "≥ 90 %" in the chosen language (exact threshold, Vietnamese decimal comma). */
export function targetText(target: Pick<Target, 'comparator' | 'threshold'>, display: DisplayKind, locale: Locale): string {
  try {
    return formatTarget(target, display, locale);
  } catch {
    // A threshold being typed in the editor may not be a number yet.
    return `${target.comparator} ${target.threshold}`;
  }
}

/** "Số 3125/KH-UBND ngày 25/08/2021" */
export function documentReference(t: MovementsTranslate, doc: { number: string; date: string | null }): string {
  return doc.date ? t('doc.reference', { number: doc.number, date: formatDate(doc.date) }) : doc.number;
}

export function MovementStatusPill({ status }: { status: MovementStatus }) {
  const t = useMovementStrings();
  switch (status) {
    case 'active':
      return <Pill tone="green">{t('status.active')}</Pill>;
    case 'draft':
      return <Pill tone="amber">{t('status.draft')}</Pill>;
    case 'closed':
      return <Pill tone="grey">{t('status.closed')}</Pill>;
    default:
      return assertNever(status);
  }
}

export function MilestoneStatusPill({ status }: { status: MilestoneStatus }) {
  const t = useMovementStrings();
  switch (status) {
    case 'upcoming':
      return <Pill tone="blue">{t('milestone.upcoming')}</Pill>;
    case 'due_soon':
      return <Pill tone="amber">{t('milestone.due_soon')}</Pill>;
    case 'past':
      return <Pill tone="grey">{t('milestone.past')}</Pill>;
    default:
      return assertNever(status);
  }
}

export function ScoreStatusPill({ status }: { status: CriterionStatus }) {
  const t = useMovementStrings();
  switch (status) {
    case 'met':
      return <Pill tone="green">{t('score.met')}</Pill>;
    case 'not_met':
      return <Pill tone="red">{t('score.not_met')}</Pill>;
    case 'not_applicable':
      return <Pill tone="grey">{t('score.not_applicable')}</Pill>;
    case 'awaiting_data':
      return <Pill tone="amber">{t('score.awaiting_data')}</Pill>;
    case 'awaiting_review':
      return <Pill tone="blue">{t('score.awaiting_review')}</Pill>;
    default:
      return assertNever(status);
  }
}

export function VersionStatusPill({ status }: { status: 'draft' | 'frozen' }) {
  const t = useMovementStrings();
  return status === 'frozen' ? <Pill tone="blue">{t('criteria.frozen')}</Pill> : <Pill tone="amber">{t('criteria.draft')}</Pill>;
}

const operatorGlyphs: [RegExp, string][] = [
  [/>=/g, '≥'],
  [/<=/g, '≤'],
  [/!=/g, '≠'],
  [/==/g, '='],
  [/\*/g, '×'],
  [/(?<=\s|\)|\d)-(?=\s|\(|\d|#)/g, '−'],
];

function prettyOperators(text: string): string {
  return operatorGlyphs.reduce((s, [pattern, glyph]) => s.replace(pattern, glyph), text);
}

/**
 * A formula as officials read it: data element references as labelled chips (the code, with the element's name for
 * assistive technology and as a tooltip), operators as × − ≥.
 */
export function FormulaText({ source, elements }: { source: string; elements: ReadonlyMap<string, DataElement> }) {
  const parts = source.split(/#\{([^}]*)\}/);
  const nodes: ReactNode[] = parts.map((part, i) => {
    if (i % 2 === 0) return <Fragment key={i}>{prettyOperators(part)}</Fragment>;
    const element = elements.get(part);
    return (
      <abbr key={i} className="formula-ref" title={element?.name ?? part}>
        {part}
      </abbr>
    );
  });
  return <span className="formula-text">{nodes}</span>;
}

/** Every formula of a criterion. */
export function criterionFormulas(criterion: Criterion): string[] {
  switch (criterion.kind) {
    case 'ratio':
      return [criterion.numerator, criterion.denominator];
    case 'value':
      return [criterion.expression];
    case 'group':
      return [criterion.memberCondition];
    case 'qualitative':
      return [];
    default:
      return assertNever(criterion);
  }
}
