import { useState } from 'react';
import { Button, Card, Collapse, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Criterion } from '../../../../src/core/criteria/criteria.schemas';
import { Pill } from '../../components/Tags';
import { CriterionEditor } from './CriterionEditor';
import { countErrors, type EditorProps } from './definition-editor-parts';
import { newCriterion, removeAt, replaceAt } from './definition-edit';
import { useMovementStrings, type MovementsKey } from './strings';

/** The criteria of a draft set, one collapsible panel each (its error count in the title). */
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
