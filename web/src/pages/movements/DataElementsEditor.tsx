import { Button, Card, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { aggregations, valueTypes, type DataElement } from '../../../../src/core/criteria/criteria.schemas';
import { editorColumns, editorRows, type EditorProps, type EditorRow } from './definition-editor-parts';
import { decimalInput, newDataElement, removeAt, replaceAt, withOptional } from './definition-edit';
import { useMovementStrings, type MovementsKey } from './strings';

/** The data elements of a draft set, one table row each. */
export function DataElementsEditor({ definition, setDefinition, errors }: EditorProps) {
  const t = useMovementStrings();
  const set = (i: number, update: (e: DataElement) => DataElement, field: string) =>
    setDefinition((d) => ({ ...d, dataElements: replaceAt(d.dataElements, i, update(d.dataElements[i]!)) }), `dataElements[${i}].${field}`);
  const name = (e: DataElement, field: string) => t('editor.fieldOf', { field, item: e.code });
  const column = editorColumns<DataElement>({ t, errors, listPath: 'dataElements' });
  return (
    <Card
      className="section"
      title={<h2 className="card-title">{t('editor.dataElements', { count: definition.dataElements.length })}</h2>}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setDefinition((d) => ({ ...d, dataElements: [...d.dataElements, newDataElement(d, t('editor.newElementName'))] }))}>
          {t('editor.addElement')}
        </Button>
      }
    >
      <Typography.Paragraph className="muted small">{t('editor.dataElementsIntro')}</Typography.Paragraph>
      <Table
        className="editor-table"
        size="small"
        rowKey={(r: EditorRow<DataElement>) => String(r.index)}
        pagination={false}
        dataSource={editorRows(definition.dataElements)}
        scroll={{ x: 1560 }}
        columns={[
          column.field({ key: 'code', title: t('editor.code'), width: 230 }, ({ item: e, index: i }) => (
            <Input aria-label={name(e, t('editor.code'))} className="mono" value={e.code} onChange={(ev) => set(i, (x) => ({ ...x, code: ev.target.value }), 'code')} />
          )),
          column.field({ key: 'name', title: t('editor.name'), width: 320 }, ({ item: e, index: i }) => (
            <Input.TextArea
              aria-label={name(e, t('editor.name'))}
              autoSize={{ minRows: 1, maxRows: 3 }}
              value={e.name}
              onChange={(ev) => set(i, (x) => ({ ...x, name: ev.target.value }), 'name')}
            />
          )),
          column.field({ key: 'valueType', title: t('editor.valueType'), width: 140 }, ({ item: e, index: i }) => (
            <Select
              aria-label={name(e, t('editor.valueType'))}
              value={e.valueType}
              style={{ width: '100%' }}
              onChange={(v: DataElement['valueType']) => set(i, (x) => ({ ...x, valueType: v }), 'valueType')}
              options={valueTypes.map((v) => ({ value: v, label: t(`valueType.${v}` as MovementsKey) }))}
            />
          )),
          column.field({ key: 'unit', title: t('editor.unitOfMeasure'), width: 120, field: 'unitOfMeasure' }, ({ item: e, index: i }) => (
            <Input
              aria-label={name(e, t('editor.unitOfMeasure'))}
              value={e.unitOfMeasure ?? ''}
              onChange={(ev) => set(i, (x) => withOptional(x, 'unitOfMeasure', ev.target.value), 'unitOfMeasure')}
            />
          )),
          column.field({ key: 'aggregation', title: t('editor.aggregation'), width: 170 }, ({ item: e, index: i }) => (
            <Select
              aria-label={name(e, t('editor.aggregation'))}
              value={e.aggregation}
              style={{ width: '100%' }}
              onChange={(v: DataElement['aggregation']) => set(i, (x) => ({ ...x, aggregation: v }), 'aggregation')}
              options={aggregations.map((a) => ({ value: a, label: t(`aggregation.${a}` as MovementsKey) }))}
            />
          )),
          column.field({ key: 'min', title: t('editor.min'), width: 100 }, ({ item: e, index: i }) => (
            <Input
              aria-label={name(e, t('editor.min'))}
              inputMode="decimal"
              value={e.min ?? ''}
              onChange={(ev) => set(i, (x) => withOptional(x, 'min', decimalInput(ev.target.value)), 'min')}
            />
          )),
          column.field({ key: 'max', title: t('editor.max'), width: 100 }, ({ item: e, index: i }) => (
            <Input
              aria-label={name(e, t('editor.max'))}
              inputMode="decimal"
              value={e.max ?? ''}
              onChange={(ev) => set(i, (x) => withOptional(x, 'max', decimalInput(ev.target.value)), 'max')}
            />
          )),
          column.field({ key: 'help', title: t('editor.help'), width: 320 }, ({ item: e, index: i }) => (
            <Input.TextArea
              aria-label={name(e, t('editor.help'))}
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={e.help ?? ''}
              onChange={(ev) => set(i, (x) => withOptional(x, 'help', ev.target.value), 'help')}
            />
          )),
          column.remove(
            ({ item: e }) => t('editor.removeNamed', { name: e.code }),
            ({ index: i }) => setDefinition((d) => ({ ...d, dataElements: removeAt(d.dataElements, i) })),
          ),
        ]}
      />
    </Card>
  );
}
