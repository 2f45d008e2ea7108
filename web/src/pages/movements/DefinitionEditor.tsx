import { useState, type ReactNode } from 'react';
import { Button, Card, Checkbox, Collapse, Form, Input, Select, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  aggregations,
  comparators,
  evidenceRequirements,
  unitLevels,
  valueTypes,
  type Band,
  type Comparator,
  type Criterion,
  type CriterionKind,
  type DataElement,
  type QualitativeLevel,
  type Target,
  type UnitLevel,
} from '../../../../src/core/criteria/criteria.schemas';
import { Pill } from '../../components/Tags';
import { FormulaField } from './FormulaField';
import {
  addTarget,
  changeKind,
  changeLevels,
  decimalInput,
  newBand,
  newCriterion,
  newDataElement,
  removeAt,
  replaceAt,
  withOptional,
  type Definition,
} from './definition-edit';
import { levelLabel, levelOrder } from './labels';
import { useMovementStrings, type MovementsKey } from './strings';

type SetDefinition = (update: (d: Definition) => Definition, path?: string) => void;
type Errors = ReadonlyMap<string, string[]>;
type EditorProps = { definition: Definition; setDefinition: SetDefinition; errors: Errors };

const kinds: CriterionKind[] = ['ratio', 'value', 'qualitative', 'group'];

function status(errors: Errors, path: string): { validateStatus?: 'error'; help?: ReactNode } {
  const list = errors.get(path);
  return list && list.length > 0 ? { validateStatus: 'error', help: list.join('; ') } : {};
}

function countErrors(errors: Errors, prefix: string): number {
  let n = 0;
  for (const [path, list] of errors) if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) n += list.length;
  return n;
}

/** A cell input with its error under it (tables have no room for labels: the accessible name is given). */
function Cell({ errors, path, children }: { errors: Errors; path: string; children: ReactNode }) {
  return <Form.Item {...status(errors, path)}>{children}</Form.Item>;
}

// ---------------------------------------------------------------------------------------------
// Criteria
// ---------------------------------------------------------------------------------------------

export function CriteriaEditor({ definition, setDefinition, errors }: EditorProps) {
  const t = useMovementStrings();
  const [open, setOpen] = useState<string[]>([]);
  const updateCriterion = (index: number, update: (c: Criterion) => Criterion, path?: string) =>
    setDefinition((d) => ({ ...d, criteria: replaceAt(d.criteria, index, update(d.criteria[index]!)) }), path);

  return (
    <Card
      className="section"
      title={<h2 className="card-title">{t('editor.criteria', { count: definition.criteria.length })}</h2>}
      extra={
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            setDefinition((d) => ({ ...d, criteria: [...d.criteria, newCriterion(d, t('editor.newCriterionTitle'))] }));
            setOpen((keys) => [...keys, `c${definition.criteria.length}`]);
          }}
        >
          {t('editor.addCriterion')}
        </Button>
      }
    >
      <Typography.Paragraph className="muted small">{t('editor.percentHint')}</Typography.Paragraph>
      <Collapse
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        destroyOnHidden
        items={definition.criteria.map((c, i) => {
          const count = countErrors(errors, `criteria[${i}]`);
          return {
            key: `c${i}`,
            label: (
              <span className="criterion-panel-title">
                <span className="criterion-code">{c.code}</span>
                <span>{c.title}</span>
                <Pill tone="grey">{t(`kind.${c.kind}` as MovementsKey)}</Pill>
                {count > 0 ? <Pill tone="red">{t('import.errorCount', { count })}</Pill> : null}
              </span>
            ),
            children: (
              <CriterionEditor
                index={i}
                criterion={c}
                definition={definition}
                errors={errors}
                update={(update, path) => updateCriterion(i, update, path)}
                remove={() => {
                  setDefinition((d) => ({ ...d, criteria: removeAt(d.criteria, i) }));
                  setOpen([]);
                }}
              />
            ),
          };
        })}
      />
    </Card>
  );
}

type CriterionEditorProps = {
  index: number;
  criterion: Criterion;
  definition: Definition;
  errors: Errors;
  update: (update: (c: Criterion) => Criterion, path?: string) => void;
  remove: () => void;
};

function CriterionEditor({ index, criterion: c, definition, errors, update, remove }: CriterionEditorProps) {
  const t = useMovementStrings();
  const at = `criteria[${index}]`;
  const id = (field: string) => `tc-${index}-${field}`;
  const text = (field: 'code' | 'title' | 'points', value: string) => update((x) => ({ ...x, [field]: field === 'points' ? decimalInput(value) : value }), `${at}.${field}`);
  const optional = (field: 'help' | 'source', value: string) => update((x) => withOptional(x, field, value), `${at}.${field}`);
  const formula = (field: 'numerator' | 'denominator' | 'expression' | 'memberCondition', value: string) =>
    update((x) => ({ ...x, [field]: value }) as Criterion, `${at}.${field}`);
  const levelOptions = levelOrder.filter((l) => (unitLevels as readonly string[]).includes(l)).map((l) => ({ value: l, label: levelLabel(t, l) }));

  return (
    <div data-testid={`criterion-editor-${c.code}`}>
      <div className="editor-grid">
        <Form.Item label={t('editor.code')} htmlFor={id('code')} {...status(errors, `${at}.code`)}>
          <Input id={id('code')} className="mono" value={c.code} onChange={(e) => text('code', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('editor.kind')} htmlFor={id('kind')} {...status(errors, `${at}.kind`)}>
          <Select
            id={id('kind')}
            value={c.kind}
            onChange={(kind: CriterionKind) => update((x) => changeKind(x, kind))}
            options={kinds.map((k) => ({ value: k, label: t(`kind.${k}` as MovementsKey) }))}
          />
        </Form.Item>
        <Form.Item label={t('editor.contentArea')} htmlFor={id('area')} className="span-2" {...status(errors, `${at}.contentArea`)}>
          <Select
            id={id('area')}
            value={c.contentArea}
            onChange={(v: string) => update((x) => ({ ...x, contentArea: v }), `${at}.contentArea`)}
            options={[...definition.contentAreas].sort((a, b) => a.order - b.order).map((a) => ({ value: a.code, label: `${a.order}. ${a.title}` }))}
          />
        </Form.Item>
        <Form.Item label={t('editor.title.field')} htmlFor={id('title')} className="span-all" {...status(errors, `${at}.title`)}>
          <Input.TextArea id={id('title')} autoSize={{ minRows: 1, maxRows: 4 }} value={c.title} onChange={(e) => text('title', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('editor.levels')} htmlFor={id('levels')} className="span-2" {...status(errors, `${at}.levels`)}>
          <Select
            id={id('levels')}
            mode="multiple"
            value={c.levels}
            onChange={(levels: UnitLevel[]) => update((x) => changeLevels(x, levels), `${at}.levels`)}
            options={levelOptions}
          />
        </Form.Item>
        <Form.Item label={t('editor.points')} htmlFor={id('points')} {...status(errors, `${at}.points`)}>
          <Input id={id('points')} inputMode="decimal" value={c.points} onChange={(e) => text('points', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('editor.evidence')} htmlFor={id('evidence')} {...status(errors, `${at}.evidence`)}>
          <Select
            id={id('evidence')}
            value={c.evidence}
            onChange={(v: Criterion['evidence']) => update((x) => ({ ...x, evidence: v }), `${at}.evidence`)}
            options={evidenceRequirements.map((e) => ({ value: e, label: t(`evidence.${e}` as MovementsKey) }))}
          />
        </Form.Item>
      </div>

      <KindFields index={index} criterion={c} definition={definition} errors={errors} update={update} formula={formula} />

      <h3 className="subsection-title">{t('editor.targets')}</h3>
      <TargetsEditor index={index} criterion={c} errors={errors} update={update} />

      <div className="editor-grid section">
        <Form.Item label={t('editor.help')} htmlFor={id('help')} className="span-all" {...status(errors, `${at}.help`)}>
          <Input.TextArea id={id('help')} autoSize={{ minRows: 2, maxRows: 6 }} value={c.help ?? ''} onChange={(e) => optional('help', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('editor.source')} htmlFor={id('source')} {...status(errors, `${at}.source`)}>
          <Input id={id('source')} value={c.source ?? ''} onChange={(e) => optional('source', e.target.value)} />
        </Form.Item>
      </div>
      <Button danger icon={<DeleteOutlined />} onClick={remove}>
        {t('editor.removeNamed', { name: c.code })}
      </Button>
    </div>
  );
}

function KindFields({
  index,
  criterion: c,
  definition,
  errors,
  update,
  formula,
}: Omit<CriterionEditorProps, 'remove'> & { formula: (field: 'numerator' | 'denominator' | 'expression' | 'memberCondition', value: string) => void }) {
  const t = useMovementStrings();
  const at = `criteria[${index}]`;
  const id = (field: string) => `tc-${index}-${field}`;
  const errs = (field: string) => errors.get(`${at}.${field}`) ?? [];
  const elements = definition.dataElements;
  switch (c.kind) {
    case 'ratio':
      return (
        <div className="editor-grid">
          <div className="span-2">
            <FormulaField label={t('editor.numerator')} value={c.numerator} onChange={(v) => formula('numerator', v)} dataElements={elements} expect="number" serverErrors={errs('numerator')} testId={`${c.code}-numerator`} />
          </div>
          <div className="span-2">
            <FormulaField label={t('editor.denominator')} value={c.denominator} onChange={(v) => formula('denominator', v)} dataElements={elements} expect="number" serverErrors={errs('denominator')} testId={`${c.code}-denominator`} />
          </div>
          <Form.Item label={t('editor.display')} htmlFor={id('display')} {...status(errors, `${at}.display`)}>
            <Select
              id={id('display')}
              value={c.display}
              onChange={(v: 'percentage' | 'ratio') => update((x) => ({ ...x, display: v }) as Criterion, `${at}.display`)}
              options={(['percentage', 'ratio'] as const).map((d) => ({ value: d, label: t(`display.${d}`) }))}
            />
          </Form.Item>
        </div>
      );
    case 'value':
      return (
        <div className="editor-grid">
          <div className="span-all">
            <FormulaField
              label={t('editor.expression')}
              value={c.expression}
              onChange={(v) => formula('expression', v)}
              dataElements={elements}
              expect={c.display === 'boolean' ? 'boolean' : 'number'}
              serverErrors={errs('expression')}
              testId={`${c.code}-expression`}
            />
          </div>
          <Form.Item label={t('editor.display')} htmlFor={id('display')} {...status(errors, `${at}.display`)}>
            <Select
              id={id('display')}
              value={c.display}
              onChange={(v: 'number' | 'percentage' | 'boolean') => update((x) => ({ ...x, display: v }) as Criterion, `${at}.display`)}
              options={(['number', 'percentage', 'boolean'] as const).map((d) => ({ value: d, label: t(`display.${d}`) }))}
            />
          </Form.Item>
        </div>
      );
    case 'group':
      return (
        <div className="editor-grid">
          <Form.Item label={t('editor.memberLevel')} htmlFor={id('memberLevel')} {...status(errors, `${at}.memberLevel`)}>
            <Select
              id={id('memberLevel')}
              value={c.memberLevel}
              onChange={(v: UnitLevel) => update((x) => ({ ...x, memberLevel: v }) as Criterion, `${at}.memberLevel`)}
              options={levelOrder.map((l) => ({ value: l, label: levelLabel(t, l) }))}
            />
          </Form.Item>
          <div className="span-all">
            <FormulaField
              label={t('editor.memberCondition')}
              value={c.memberCondition}
              onChange={(v) => formula('memberCondition', v)}
              dataElements={elements}
              expect="boolean"
              serverErrors={errs('memberCondition')}
              testId={`${c.code}-memberCondition`}
            />
          </div>
        </div>
      );
    case 'qualitative':
      return <ScaleEditor index={index} criterion={c} errors={errors} update={update} />;
  }
}

function TargetsEditor({ index, criterion: c, errors, update }: { index: number; criterion: Criterion; errors: Errors; update: CriterionEditorProps['update'] }) {
  const t = useMovementStrings();
  const at = `criteria[${index}].targets`;
  const missing = levelOrder.filter((l) => c.levels.includes(l) && !c.targets.some((x) => x.level === l));
  const setTarget = (ti: number, patch: Partial<Target>, field: string) =>
    update((x) => ({ ...x, targets: replaceAt(x.targets, ti, { ...x.targets[ti]!, ...patch }) }), `${at}[${ti}].${field}`);
  const rows = c.targets.map((target, ti) => ({ target, ti }));
  const isPercent = c.kind === 'group' || ((c.kind === 'ratio' || c.kind === 'value') && c.display === 'percentage');
  return (
    <>
      {status(errors, at).help ? <div className="formula-status error">{status(errors, at).help}</div> : null}
      <Table
        className="editor-table"
        size="small"
        rowKey={(r) => `${r.target.level}-${r.ti}`}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('editor.noTargets') }}
        columns={[
          {
            title: t('editor.targetLevel'),
            key: 'level',
            width: 160,
            render: (_: unknown, { target, ti }) => (
              <Cell errors={errors} path={`${at}[${ti}].level`}>
                <strong>{levelLabel(t, target.level)}</strong>
              </Cell>
            ),
          },
          {
            title: t('editor.comparator'),
            key: 'comparator',
            width: 200,
            render: (_: unknown, { target, ti }) => (
              <Cell errors={errors} path={`${at}[${ti}].comparator`}>
                <Select
                  aria-label={t('editor.comparatorFor', { level: levelLabel(t, target.level) })}
                  value={target.comparator}
                  onChange={(v: Comparator) => setTarget(ti, { comparator: v }, 'comparator')}
                  options={comparators.map((cmp) => ({ value: cmp, label: t(`comparator.${cmp}`) }))}
                  style={{ width: '100%' }}
                />
              </Cell>
            ),
          },
          {
            title: t('editor.threshold'),
            key: 'threshold',
            width: 160,
            render: (_: unknown, { target, ti }) => (
              <Cell errors={errors} path={`${at}[${ti}].threshold`}>
                <Input
                  aria-label={t('editor.thresholdFor', { level: levelLabel(t, target.level) })}
                  inputMode="decimal"
                  value={target.threshold}
                  suffix={isPercent ? '%' : undefined}
                  onChange={(e) => setTarget(ti, { threshold: decimalInput(e.target.value) }, 'threshold')}
                />
              </Cell>
            ),
          },
          {
            title: t('editor.targetPoints'),
            key: 'points',
            width: 130,
            render: (_: unknown, { target, ti }) => (
              <Cell errors={errors} path={`${at}[${ti}].points`}>
                <Input
                  aria-label={t('editor.pointsFor', { level: levelLabel(t, target.level) })}
                  inputMode="decimal"
                  value={target.points ?? ''}
                  onChange={(e) =>
                    update((x) => ({ ...x, targets: replaceAt(x.targets, ti, withOptional(x.targets[ti]!, 'points', decimalInput(e.target.value))) }), `${at}[${ti}].points`)
                  }
                />
              </Cell>
            ),
          },
          {
            title: <span className="visually-hidden">{t('editor.remove')}</span>,
            key: 'remove',
            width: 52,
            render: (_: unknown, { target, ti }) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('editor.removeTarget', { level: levelLabel(t, target.level) })}
                onClick={() => update((x) => ({ ...x, targets: removeAt(x.targets, ti) }))}
              />
            ),
          },
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

function ScaleEditor({ index, criterion, errors, update }: { index: number; criterion: Extract<Criterion, { kind: 'qualitative' }>; errors: Errors; update: CriterionEditorProps['update'] }) {
  const t = useMovementStrings();
  const at = `criteria[${index}].scale`;
  const setScale = (si: number, patch: Partial<QualitativeLevel>, field: string) =>
    update((x) => (x.kind === 'qualitative' ? { ...x, scale: replaceAt(x.scale, si, { ...x.scale[si]!, ...patch }) } : x), `${at}[${si}].${field}`);
  const rows = criterion.scale.map((level, si) => ({ level, si }));
  return (
    <>
      <h3 className="subsection-title">{t('editor.scale')}</h3>
      <Table
        className="editor-table"
        size="small"
        rowKey={(r) => String(r.si)}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('editor.code'),
            key: 'code',
            render: (_: unknown, { level, si }) => (
              <Cell errors={errors} path={`${at}[${si}].code`}>
                <Input aria-label={`${t('editor.code')} ${si + 1}`} className="mono" value={level.code} onChange={(e) => setScale(si, { code: e.target.value }, 'code')} />
              </Cell>
            ),
          },
          {
            title: t('editor.scaleLabel'),
            key: 'label',
            render: (_: unknown, { level, si }) => (
              <Cell errors={errors} path={`${at}[${si}].label`}>
                <Input aria-label={`${t('editor.scaleLabel')} ${si + 1}`} value={level.label} onChange={(e) => setScale(si, { label: e.target.value }, 'label')} />
              </Cell>
            ),
          },
          {
            title: t('editor.scaleMeets'),
            key: 'meets',
            width: 110,
            render: (_: unknown, { level, si }) => (
              <Checkbox aria-label={`${t('editor.scaleMeets')} ${si + 1}`} checked={level.meets} onChange={(e) => setScale(si, { meets: e.target.checked }, 'meets')} />
            ),
          },
          {
            title: t('editor.scaleShare'),
            key: 'share',
            width: 150,
            render: (_: unknown, { level, si }) => (
              <Cell errors={errors} path={`${at}[${si}].pointsShare`}>
                <Input aria-label={`${t('editor.scaleShare')} ${si + 1}`} inputMode="decimal" value={level.pointsShare} onChange={(e) => setScale(si, { pointsShare: decimalInput(e.target.value) }, 'pointsShare')} />
              </Cell>
            ),
          },
          {
            title: <span className="visually-hidden">{t('editor.remove')}</span>,
            key: 'remove',
            width: 52,
            render: (_: unknown, { level, si }) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('editor.removeNamed', { name: level.label || level.code })}
                onClick={() => update((x) => (x.kind === 'qualitative' ? { ...x, scale: removeAt(x.scale, si) } : x))}
              />
            ),
          },
        ]}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => update((x) => (x.kind === 'qualitative' ? { ...x, scale: [...x.scale, { code: `muc_${x.scale.length + 1}`, label: '', meets: false, pointsShare: '0' }] } : x))}
      >
        {t('editor.addScale')}
      </Button>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Data elements and bands
// ---------------------------------------------------------------------------------------------

export function DataElementsEditor({ definition, setDefinition, errors }: EditorProps) {
  const t = useMovementStrings();
  const set = (i: number, update: (e: DataElement) => DataElement, field: string) =>
    setDefinition((d) => ({ ...d, dataElements: replaceAt(d.dataElements, i, update(d.dataElements[i]!)) }), `dataElements[${i}].${field}`);
  const rows = definition.dataElements.map((element, i) => ({ element, i }));
  const name = (e: DataElement, field: string) => t('editor.fieldOf', { field, item: e.code });
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
        rowKey={(r) => String(r.i)}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 1560 }}
        columns={[
          {
            title: t('editor.code'),
            key: 'code',
            width: 230,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].code`}>
                <Input aria-label={name(e, t('editor.code'))} className="mono" value={e.code} onChange={(ev) => set(i, (x) => ({ ...x, code: ev.target.value }), 'code')} />
              </Cell>
            ),
          },
          {
            title: t('editor.name'),
            key: 'name',
            width: 320,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].name`}>
                <Input.TextArea aria-label={name(e, t('editor.name'))} autoSize={{ minRows: 1, maxRows: 3 }} value={e.name} onChange={(ev) => set(i, (x) => ({ ...x, name: ev.target.value }), 'name')} />
              </Cell>
            ),
          },
          {
            title: t('editor.valueType'),
            key: 'valueType',
            width: 140,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].valueType`}>
                <Select
                  aria-label={name(e, t('editor.valueType'))}
                  value={e.valueType}
                  style={{ width: '100%' }}
                  onChange={(v: DataElement['valueType']) => set(i, (x) => ({ ...x, valueType: v }), 'valueType')}
                  options={valueTypes.map((v) => ({ value: v, label: t(`valueType.${v}` as MovementsKey) }))}
                />
              </Cell>
            ),
          },
          {
            title: t('editor.unitOfMeasure'),
            key: 'unit',
            width: 120,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].unitOfMeasure`}>
                <Input aria-label={name(e, t('editor.unitOfMeasure'))} value={e.unitOfMeasure ?? ''} onChange={(ev) => set(i, (x) => withOptional(x, 'unitOfMeasure', ev.target.value), 'unitOfMeasure')} />
              </Cell>
            ),
          },
          {
            title: t('editor.aggregation'),
            key: 'aggregation',
            width: 170,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].aggregation`}>
                <Select
                  aria-label={name(e, t('editor.aggregation'))}
                  value={e.aggregation}
                  style={{ width: '100%' }}
                  onChange={(v: DataElement['aggregation']) => set(i, (x) => ({ ...x, aggregation: v }), 'aggregation')}
                  options={aggregations.map((a) => ({ value: a, label: t(`aggregation.${a}` as MovementsKey) }))}
                />
              </Cell>
            ),
          },
          {
            title: t('editor.min'),
            key: 'min',
            width: 100,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].min`}>
                <Input aria-label={name(e, t('editor.min'))} inputMode="decimal" value={e.min ?? ''} onChange={(ev) => set(i, (x) => withOptional(x, 'min', decimalInput(ev.target.value)), 'min')} />
              </Cell>
            ),
          },
          {
            title: t('editor.max'),
            key: 'max',
            width: 100,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].max`}>
                <Input aria-label={name(e, t('editor.max'))} inputMode="decimal" value={e.max ?? ''} onChange={(ev) => set(i, (x) => withOptional(x, 'max', decimalInput(ev.target.value)), 'max')} />
              </Cell>
            ),
          },
          {
            title: t('editor.help'),
            key: 'help',
            width: 320,
            render: (_: unknown, { element: e, i }) => (
              <Cell errors={errors} path={`dataElements[${i}].help`}>
                <Input.TextArea aria-label={name(e, t('editor.help'))} autoSize={{ minRows: 1, maxRows: 4 }} value={e.help ?? ''} onChange={(ev) => set(i, (x) => withOptional(x, 'help', ev.target.value), 'help')} />
              </Cell>
            ),
          },
          {
            title: <span className="visually-hidden">{t('editor.remove')}</span>,
            key: 'remove',
            width: 52,
            render: (_: unknown, { element: e, i }) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('editor.removeNamed', { name: e.code })}
                onClick={() => setDefinition((d) => ({ ...d, dataElements: removeAt(d.dataElements, i) }))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

export function BandsEditor({ definition, setDefinition, errors }: EditorProps) {
  const t = useMovementStrings();
  const set = (i: number, patch: Partial<Band>, field: string) =>
    setDefinition((d) => ({ ...d, bands: replaceAt(d.bands, i, { ...d.bands[i]!, ...patch }) }), `bands[${i}].${field}`);
  const rows = definition.bands.map((band, i) => ({ band, i }));
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
        rowKey={(r) => String(r.i)}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('editor.code'),
            key: 'code',
            width: 240,
            render: (_: unknown, { band, i }) => (
              <Cell errors={errors} path={`bands[${i}].code`}>
                <Input aria-label={t('editor.fieldOf', { field: t('editor.code'), item: band.label || String(i + 1) })} className="mono" value={band.code} onChange={(e) => set(i, { code: e.target.value }, 'code')} />
              </Cell>
            ),
          },
          {
            title: t('editor.bandLabel'),
            key: 'label',
            render: (_: unknown, { band, i }) => (
              <Cell errors={errors} path={`bands[${i}].label`}>
                <Input aria-label={t('editor.fieldOf', { field: t('editor.bandLabel'), item: band.code })} value={band.label} onChange={(e) => set(i, { label: e.target.value }, 'label')} />
              </Cell>
            ),
          },
          {
            title: t('editor.bandMin'),
            key: 'min',
            width: 240,
            render: (_: unknown, { band, i }) => (
              <Cell errors={errors} path={`bands[${i}].minShareMet`}>
                <Input
                  aria-label={t('editor.fieldOf', { field: t('editor.bandMin'), item: band.label || band.code })}
                  inputMode="decimal"
                  suffix="%"
                  value={band.minShareMet}
                  onChange={(e) => set(i, { minShareMet: decimalInput(e.target.value) }, 'minShareMet')}
                />
              </Cell>
            ),
          },
          {
            title: <span className="visually-hidden">{t('editor.remove')}</span>,
            key: 'remove',
            width: 52,
            render: (_: unknown, { band, i }) => (
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('editor.removeNamed', { name: band.label || band.code })} onClick={() => setDefinition((d) => ({ ...d, bands: removeAt(d.bands, i) }))} />
            ),
          },
        ]}
      />
    </Card>
  );
}
