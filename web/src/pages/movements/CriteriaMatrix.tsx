import { useMemo } from 'react';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CriteriaSetVersion, Criterion, DataElement, UnitLevel } from '../../../../src/core/criteria/criteria.schemas';
import { formatExact, toDecimal } from '../../../../src/core/decimal';
import { Pill } from '../../components/Tags';
import { assertNever } from '../../components/assert-never';
import { useLocale } from '../../i18n/i18n';
import { referencedCodes } from '../../../../src/core/expression';
import { criterionFormulas, displayOf, FormulaText, levelLabel, sortLevels, targetText } from './labels';
import { useMovementStrings, type MovementsKey } from './strings';

type AreaRow = { key: string; type: 'area'; title: string; count: number };
type CriterionRow = { key: string; type: 'criterion'; criterion: Criterion };
type Row = AreaRow | CriterionRow;

/** Criteria grouped by content area (in the set's order), each area followed by its criteria. */
export function groupByArea(definition: CriteriaSetVersion, otherTitle: string): { code: string; title: string; criteria: Criterion[] }[] {
  const areas = [...definition.contentAreas].sort((a, b) => a.order - b.order);
  const known = new Set(areas.map((a) => a.code));
  const groups = areas.map((a) => ({ code: a.code, title: `${a.order}. ${a.title}`, criteria: definition.criteria.filter((c) => c.contentArea === a.code) }));
  const orphans = definition.criteria.filter((c) => !known.has(c.contentArea));
  if (orphans.length > 0) groups.push({ code: '__other', title: otherTitle, criteria: orphans });
  return groups.filter((g) => g.criteria.length > 0);
}

/** A ratio as a stacked fraction, value criteria and group conditions inline. */
export function CriterionFormula({ criterion, elements }: { criterion: Criterion; elements: ReadonlyMap<string, DataElement> }) {
  const t = useMovementStrings();
  switch (criterion.kind) {
    case 'ratio':
      return (
        <span className="fraction" role="group" aria-label={t('criteria.formula')}>
          <span className="fraction-top">
            <FormulaText source={criterion.numerator} elements={elements} />
          </span>
          <span className="fraction-bottom">
            <FormulaText source={criterion.denominator} elements={elements} />
          </span>
          {criterion.display === 'percentage' ? <span className="fraction-factor">× 100</span> : null}
        </span>
      );
    case 'value':
      return <FormulaText source={criterion.expression} elements={elements} />;
    case 'group':
      return (
        <span>
          {t('criteria.groupShare', { level: levelLabel(t, criterion.memberLevel).toLowerCase() })};{' '}
          {t('criteria.memberCondition', { level: levelLabel(t, criterion.memberLevel) })}: <FormulaText source={criterion.memberCondition} elements={elements} />
        </span>
      );
    case 'qualitative':
      return null;
    default:
      return assertNever(criterion);
  }
}

/** Formula, legend of the data it uses, scale, evidence, guidance and source of one criterion. */
export function CriterionDetails({ criterion, elements }: { criterion: Criterion; elements: ReadonlyMap<string, DataElement> }) {
  const t = useMovementStrings();
  const { locale } = useLocale();
  const codes = [...new Set(criterionFormulas(criterion).flatMap(referencedCodes))];
  return (
    <dl className="criterion-details">
      {criterion.kind !== 'qualitative' ? (
        <>
          <dt>{t('criteria.formula')}</dt>
          <dd>
            <CriterionFormula criterion={criterion} elements={elements} />
            {codes.length > 0 ? (
              <>
                <div className="small muted">{t('criteria.where')}:</div>
                <ul className="legend-list">
                  {codes.map((code) => {
                    const e = elements.get(code);
                    return (
                      <li key={code}>
                        <span className="mono">{code}</span>: {e?.name ?? '?'}
                        {e?.unitOfMeasure ? ` (${e.unitOfMeasure})` : ''}
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : null}
          </dd>
        </>
      ) : (
        <>
          <dt>{t('criteria.scale')}</dt>
          <dd>
            <ul className="legend-list">
              {criterion.scale.map((s) => (
                <li key={s.code}>
                  <strong>{s.label}</strong> — {s.meets ? t('criteria.scaleMeets') : t('criteria.scaleNotMeets')},{' '}
                  {t('criteria.scaleShare', { share: shareAsPercent(s.pointsShare, locale) })}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      <dt>{t('criteria.colEvidence')}</dt>
      <dd>{t(`evidence.${criterion.evidence}` as MovementsKey)}</dd>
      {criterion.help ? (
        <>
          <dt>{t('criteria.help')}</dt>
          <dd>{criterion.help}</dd>
        </>
      ) : null}
      {criterion.source ? (
        <>
          <dt>{t('editor.source')}</dt>
          <dd>{criterion.source}</dd>
        </>
      ) : null}
    </dl>
  );
}

function shareAsPercent(share: string, locale: 'vi' | 'en'): string {
  try {
    return `${formatExact(toDecimal(share).times(100), locale)} %`;
  } catch {
    return share;
  }
}

/** The level columns to show: every level some criterion applies to, in the plan's order. */
export function levelsOf(definition: CriteriaSetVersion): UnitLevel[] {
  return sortLevels([...new Set(definition.criteria.flatMap((c) => c.levels))]);
}

/**
 * Criteria grouped by content area with the target per level as columns ("≥ 90 %" under "Sở, ban, ngành"), kind,
 * formula, points and evidence. Rows expand to the full details.
 */
export function CriteriaMatrix({ definition }: { definition: CriteriaSetVersion }) {
  const t = useMovementStrings();
  const { locale } = useLocale();
  const elements = useMemo(() => new Map(definition.dataElements.map((e) => [e.code, e])), [definition.dataElements]);
  const levels = useMemo(() => levelsOf(definition), [definition]);
  const rows = useMemo<Row[]>(
    () =>
      groupByArea(definition, t('criteria.otherContentArea')).flatMap((g) => [
        { key: `area:${g.code}`, type: 'area' as const, title: g.title, count: g.criteria.length },
        ...g.criteria.map((c) => ({ key: c.code, type: 'criterion' as const, criterion: c })),
      ]),
    [definition, t],
  );
  const totalColumns = levels.length + 2;
  const spanArea = (row: Row, first: boolean) => (row.type === 'area' ? { colSpan: first ? totalColumns : 0 } : {});

  const columns: ColumnsType<Row> = [
    {
      title: t('criteria.colCriterion'),
      key: 'criterion',
      onCell: (row) => spanArea(row, true),
      render: (_: unknown, row) => {
        if (row.type === 'area') {
          return (
            <span>
              {row.title} <span className="muted small">· {t('criteria.count', { count: row.count })}</span>
            </span>
          );
        }
        const c = row.criterion;
        return (
          <div>
            <div>{c.title}</div>
            <div className="criterion-panel-title">
              <span className="criterion-code">{c.code}</span>
              <Pill tone="grey">{t(`kind.${c.kind}` as MovementsKey)}</Pill>
              <span className="small muted">
                {t('criteria.colEvidence')}: {t(`evidence.${c.evidence}` as MovementsKey)}
              </span>
            </div>
            {c.kind !== 'qualitative' ? (
              <div className="small" style={{ marginTop: 4 }}>
                <CriterionFormula criterion={c} elements={elements} />
              </div>
            ) : null}
          </div>
        );
      },
    },
    ...levels.map((level) => ({
      title: levelLabel(t, level),
      key: `level:${level}`,
      width: 92,
      align: 'center' as const,
      onCell: (row: Row) => ({ ...spanArea(row, false), className: row.type === 'criterion' ? cellClass(row.criterion, level) : undefined }),
      render: (_: unknown, row: Row) => (row.type === 'criterion' ? <TargetCell criterion={row.criterion} level={level} /> : null),
    })),
    {
      title: t('criteria.colPoints'),
      key: 'points',
      width: 64,
      align: 'center' as const,
      onCell: (row) => spanArea(row, false),
      render: (_: unknown, row) => (row.type === 'criterion' ? formatExact(row.criterion.points, locale) : null),
    },
  ];

  return (
    <Table<Row>
      className="criteria-table"
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 420 + levels.length * 92 }}
      rowClassName={(row) => (row.type === 'area' ? 'area-heading-row' : '')}
      expandable={{
        rowExpandable: (row) => row.type === 'criterion',
        expandedRowRender: (row) => (row.type === 'criterion' ? <CriterionDetails criterion={row.criterion} elements={elements} /> : null),
      }}
    />
  );
}

function cellClass(criterion: Criterion, level: UnitLevel): string {
  if (!criterion.levels.includes(level)) return 'target-cell na';
  if (criterion.kind === 'qualitative' && !criterion.targets.some((x) => x.level === level)) return 'target-cell qual';
  return 'target-cell';
}

function TargetCell({ criterion, level }: { criterion: Criterion; level: UnitLevel }) {
  const t = useMovementStrings();
  const { locale } = useLocale();
  if (!criterion.levels.includes(level)) {
    return (
      <>
        <span aria-hidden>—</span>
        <span className="visually-hidden">{t('criteria.notApplicable')}</span>
      </>
    );
  }
  const target = criterion.targets.find((x) => x.level === level);
  if (target) return <span data-level={level}>{targetText(target, displayOf(criterion), locale)}</span>;
  if (criterion.kind === 'qualitative') return <span>{t('criteria.qualitative')}</span>;
  return <span className="muted">{t('criteria.noTarget')}</span>;
}
