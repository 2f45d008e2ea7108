import { Input, Select, Table } from 'antd';
import { comparators, type Comparator, type Criterion, type Target, type UnitLevel } from '../../../../src/core/criteria/criteria.schemas';
import { editorColumns, editorRows, status, type EditorRow, type Errors, type UpdateCriterion } from './definition-editor-parts';
import { addTarget, decimalInput, removeAt, replaceAt, withOptional } from './definition-edit';
import { levelLabel, levelOrder } from './labels';
import { useMovementStrings } from './strings';

/** A criterion's targets, one row per level (comparator, threshold, points), and a picker for the levels still without one. */
export function TargetsEditor({ index, criterion: c, errors, update }: { index: number; criterion: Criterion; errors: Errors; update: UpdateCriterion }) {
  const t = useMovementStrings();
  const at = `criteria[${index}].targets`;
  const missing = levelOrder.filter((l) => c.levels.includes(l) && !c.targets.some((x) => x.level === l));
  const setTarget = (ti: number, patch: Partial<Target>, field: string) =>
    update((x) => ({ ...x, targets: replaceAt(x.targets, ti, { ...x.targets[ti]!, ...patch }) }), `${at}[${ti}].${field}`);
  const isPercent = c.kind === 'group' || ((c.kind === 'ratio' || c.kind === 'value') && c.display === 'percentage');
  const column = editorColumns<Target>({ t, errors, listPath: at });
  return (
    <>
      {status(errors, at).help ? <div className="formula-status error">{status(errors, at).help}</div> : null}
      <Table
        className="editor-table"
        size="small"
        rowKey={(r: EditorRow<Target>) => `${r.item.level}-${r.index}`}
        pagination={false}
        dataSource={editorRows(c.targets)}
        locale={{ emptyText: t('editor.noTargets') }}
        columns={[
          column.field({ key: 'level', title: t('editor.targetLevel'), width: 160 }, ({ item: target }) => <strong>{levelLabel(t, target.level)}</strong>),
          column.field({ key: 'comparator', title: t('editor.comparator'), width: 200 }, ({ item: target, index: ti }) => (
            <Select
              aria-label={t('editor.comparatorFor', { level: levelLabel(t, target.level) })}
              value={target.comparator}
              onChange={(v: Comparator) => setTarget(ti, { comparator: v }, 'comparator')}
              options={comparators.map((cmp) => ({ value: cmp, label: t(`comparator.${cmp}`) }))}
              style={{ width: '100%' }}
            />
          )),
          column.field({ key: 'threshold', title: t('editor.threshold'), width: 160 }, ({ item: target, index: ti }) => (
            <Input
              aria-label={t('editor.thresholdFor', { level: levelLabel(t, target.level) })}
              inputMode="decimal"
              value={target.threshold}
              suffix={isPercent ? '%' : undefined}
              onChange={(e) => setTarget(ti, { threshold: decimalInput(e.target.value) }, 'threshold')}
            />
          )),
          column.field({ key: 'points', title: t('editor.targetPoints'), width: 130 }, ({ item: target, index: ti }) => (
            <Input
              aria-label={t('editor.pointsFor', { level: levelLabel(t, target.level) })}
              inputMode="decimal"
              value={target.points ?? ''}
              onChange={(e) =>
                update((x) => ({ ...x, targets: replaceAt(x.targets, ti, withOptional(x.targets[ti]!, 'points', decimalInput(e.target.value))) }), `${at}[${ti}].points`)
              }
            />
          )),
          column.remove(
            ({ item: target }) => t('editor.removeTarget', { level: levelLabel(t, target.level) }),
            ({ index: ti }) => update((x) => ({ ...x, targets: removeAt(x.targets, ti) })),
          ),
        ]}
      />
      <div style={{ marginTop: 8 }}>
        {missing.length > 0 ? (
          <Select<UnitLevel>
            aria-label={t('editor.addTarget')}
            placeholder={t('editor.addTarget')}
            value={null as unknown as UnitLevel}
            style={{ minWidth: 260 }}
            onChange={(level) => update((x) => addTarget(x, level))}
            options={missing.map((l) => ({ value: l, label: levelLabel(t, l) }))}
          />
        ) : c.levels.length > 0 ? (
          <span className="muted small">{t('editor.targetsAllSet')}</span>
        ) : null}
      </div>
    </>
  );
}
