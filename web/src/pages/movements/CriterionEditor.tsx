import { Button, Form, Input, Select } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { evidenceRequirements, unitLevels, type Criterion, type CriterionKind, type UnitLevel } from '../../../../src/core/criteria/criteria.schemas';
import { FormulaField } from './FormulaField';
import { ScaleEditor } from './ScaleEditor';
import { TargetsEditor } from './TargetsEditor';
import { status, type Errors, type UpdateCriterion } from './definition-editor-parts';
import { changeKind, changeLevels, decimalInput, withOptional, type Definition } from './definition-edit';
import { levelLabel, levelOrder } from './labels';
import { useMovementStrings, type MovementsKey } from './strings';

const kinds: CriterionKind[] = ['ratio', 'value', 'qualitative', 'group'];

type FormulaFieldName = 'numerator' | 'denominator' | 'expression' | 'memberCondition';

type CriterionEditorProps = {
  index: number;
  criterion: Criterion;
  definition: Definition;
  errors: Errors;
  update: UpdateCriterion;
  remove: () => void;
};

/** One criterion: its fields, the fields of its kind (formulas or scale), its targets per level. */
export function CriterionEditor({ index, criterion: c, definition, errors, update, remove }: CriterionEditorProps) {
  const t = useMovementStrings();
  const at = `criteria[${index}]`;
  const id = (field: string) => `tc-${index}-${field}`;
  const text = (field: 'code' | 'title' | 'points', value: string) => update((x) => ({ ...x, [field]: field === 'points' ? decimalInput(value) : value }), `${at}.${field}`);
  const optional = (field: 'help' | 'source', value: string) => update((x) => withOptional(x, field, value), `${at}.${field}`);
  const formula = (field: FormulaFieldName, value: string) => update((x) => ({ ...x, [field]: value }) as Criterion, `${at}.${field}`);
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

/** The fields that depend on the criterion's kind: formulas and display, member level, or the scale. */
function KindFields({
  index,
  criterion: c,
  definition,
  errors,
  update,
  formula,
}: Omit<CriterionEditorProps, 'remove'> & { formula: (field: FormulaFieldName, value: string) => void }) {
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
            <FormulaField
              label={t('editor.numerator')}
              value={c.numerator}
              onChange={(v) => formula('numerator', v)}
              dataElements={elements}
              expect="number"
              serverErrors={errs('numerator')}
              testId={`${c.code}-numerator`}
            />
          </div>
          <div className="span-2">
            <FormulaField
              label={t('editor.denominator')}
              value={c.denominator}
              onChange={(v) => formula('denominator', v)}
              dataElements={elements}
              expect="number"
              serverErrors={errs('denominator')}
              testId={`${c.code}-denominator`}
            />
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
