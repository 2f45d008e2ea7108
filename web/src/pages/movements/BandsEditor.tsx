import { Button, Card, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Band } from '../../../../src/core/criteria/criteria.schemas';
import { editorColumns, editorRows, type EditorProps, type EditorRow } from './definition-editor-parts';
import { decimalInput, newBand, removeAt, replaceAt } from './definition-edit';
import { useMovementStrings } from './strings';

/** The bands of a draft set (classification by the share of criteria met), one table row each. */
export function BandsEditor({ definition, setDefinition, errors }: EditorProps) {
  const t = useMovementStrings();
  const set = (i: number, patch: Partial<Band>, field: string) =>
    setDefinition((d) => ({ ...d, bands: replaceAt(d.bands, i, { ...d.bands[i]!, ...patch }) }), `bands[${i}].${field}`);
  const column = editorColumns<Band>({ t, errors, listPath: 'bands' });
  return (
    <Card
      className="section"
      title={<h2 className="card-title">{t('editor.bands', { count: definition.bands.length })}</h2>}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setDefinition((d) => ({ ...d, bands: [...d.bands, newBand(d)] }))}>
          {t('editor.addBand')}
        </Button>
      }
    >
      <Table
        className="editor-table"
        size="small"
        rowKey={(r: EditorRow<Band>) => String(r.index)}
        pagination={false}
        dataSource={editorRows(definition.bands)}
        columns={[
          column.field({ key: 'code', title: t('editor.code'), width: 240 }, ({ item: band, index: i }) => (
            <Input
              aria-label={t('editor.fieldOf', { field: t('editor.code'), item: band.label || String(i + 1) })}
              className="mono"
              value={band.code}
              onChange={(e) => set(i, { code: e.target.value }, 'code')}
            />
          )),
          column.field({ key: 'label', title: t('editor.bandLabel') }, ({ item: band, index: i }) => (
            <Input
              aria-label={t('editor.fieldOf', { field: t('editor.bandLabel'), item: band.code })}
              value={band.label}
              onChange={(e) => set(i, { label: e.target.value }, 'label')}
            />
          )),
          column.field({ key: 'min', title: t('editor.bandMin'), width: 240, field: 'minShareMet' }, ({ item: band, index: i }) => (
            <Input
              aria-label={t('editor.fieldOf', { field: t('editor.bandMin'), item: band.label || band.code })}
              inputMode="decimal"
              suffix="%"
              value={band.minShareMet}
              onChange={(e) => set(i, { minShareMet: decimalInput(e.target.value) }, 'minShareMet')}
            />
          )),
          column.remove(
            ({ item: band }) => t('editor.removeNamed', { name: band.label || band.code }),
            ({ index: i }) => setDefinition((d) => ({ ...d, bands: removeAt(d.bands, i) })),
          ),
        ]}
      />
    </Card>
  );
}
