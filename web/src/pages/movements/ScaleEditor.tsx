import { Button, Checkbox, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Criterion, QualitativeLevel } from '../../../../src/core/criteria/criteria.schemas';
import { editorColumns, editorRows, type EditorRow, type Errors, type UpdateCriterion } from './definition-editor-parts';
import { decimalInput, removeAt, replaceAt } from './definition-edit';
import { useMovementStrings } from './strings';

/** A qualitative criterion's scale: its levels (code, label, whether it meets the target, share of the points). */
export function ScaleEditor({
  index,
  criterion,
  errors,
  update,
}: {
  index: number;
  criterion: Extract<Criterion, { kind: 'qualitative' }>;
  errors: Errors;
  update: UpdateCriterion;
}) {
  const t = useMovementStrings();
  const at = `criteria[${index}].scale`;
  const setScale = (si: number, patch: Partial<QualitativeLevel>, field: string) =>
    update((x) => (x.kind === 'qualitative' ? { ...x, scale: replaceAt(x.scale, si, { ...x.scale[si]!, ...patch }) } : x), `${at}[${si}].${field}`);
  const column = editorColumns<QualitativeLevel>({ t, errors, listPath: at });
  return (
    <>
      <h3 className="subsection-title">{t('editor.scale')}</h3>
      <Table
        className="editor-table"
        size="small"
        rowKey={(r: EditorRow<QualitativeLevel>) => String(r.index)}
        pagination={false}
        dataSource={editorRows(criterion.scale)}
        columns={[
          column.field({ key: 'code', title: t('editor.code') }, ({ item: level, index: si }) => (
            <Input aria-label={`${t('editor.code')} ${si + 1}`} className="mono" value={level.code} onChange={(e) => setScale(si, { code: e.target.value }, 'code')} />
          )),
          column.field({ key: 'label', title: t('editor.scaleLabel') }, ({ item: level, index: si }) => (
            <Input aria-label={`${t('editor.scaleLabel')} ${si + 1}`} value={level.label} onChange={(e) => setScale(si, { label: e.target.value }, 'label')} />
          )),
          column.plain({ key: 'meets', title: t('editor.scaleMeets'), width: 110 }, ({ item: level, index: si }) => (
            <Checkbox aria-label={`${t('editor.scaleMeets')} ${si + 1}`} checked={level.meets} onChange={(e) => setScale(si, { meets: e.target.checked }, 'meets')} />
          )),
          column.field({ key: 'share', title: t('editor.scaleShare'), width: 150, field: 'pointsShare' }, ({ item: level, index: si }) => (
            <Input
              aria-label={`${t('editor.scaleShare')} ${si + 1}`}
              inputMode="decimal"
              value={level.pointsShare}
              onChange={(e) => setScale(si, { pointsShare: decimalInput(e.target.value) }, 'pointsShare')}
            />
          )),
          column.remove(
            ({ item: level }) => t('editor.removeNamed', { name: level.label || level.code }),
            ({ index: si }) => update((x) => (x.kind === 'qualitative' ? { ...x, scale: removeAt(x.scale, si) } : x)),
          ),
        ]}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() =>
          update((x) => (x.kind === 'qualitative' ? { ...x, scale: [...x.scale, { code: `muc_${x.scale.length + 1}`, label: '', meets: false, pointsShare: '0' }] } : x))
        }
      >
        {t('editor.addScale')}
      </Button>
    </>
  );
}
