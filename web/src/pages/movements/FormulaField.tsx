import { useId, useMemo } from 'react';
import { Form, Input } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dataElementSchema, type DataElement } from '../../../../src/core/criteria/criteria.schemas';
import { validateExpression } from '../../api/criteria';
import { useDebounced } from '../../components/use-debounced';
import { useLocale } from '../../i18n/i18n';
import { useMovementStrings } from './strings';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  dataElements: DataElement[];
  expect: 'number' | 'boolean';
  /** Errors from the last save for this field (already worded). */
  serverErrors?: string[];
  disabled?: boolean;
  testId?: string;
};

/** The line holding `position` and the caret's column in it (an error after the end points just past it). */
function caretLine(source: string, position: number): { line: string; column: number } {
  const at = Math.max(0, Math.min(position, source.length));
  const start = source.lastIndexOf('\n', at - 1) + 1;
  const endIndex = source.indexOf('\n', at);
  const line = source.slice(start, endIndex === -1 ? source.length : endIndex);
  return { line, column: at - start };
}

/** Shows the expression with a ^ under the character at `position`. */
export function CaretMarker({ source, position }: { source: string; position: number }) {
  const { line, column } = caretLine(source, position);
  return (
    <pre className="caret-marker" aria-hidden="true">
      {line}
      {'\n'}
      {' '.repeat(column)}
      <span className="caret">^</span>
    </pre>
  );
}

/**
 * A formula input checked live by POST /api/criteria/validate-expression (debounced while typing): "valid, uses …"
 * or each error with its position and a caret marker under the formula.
 */
export function FormulaField({ label, value, onChange, dataElements, expect, serverErrors = [], disabled, testId }: Props) {
  const t = useMovementStrings();
  const { locale } = useLocale();
  const id = useId();
  const statusId = `${id}-status`;
  const debounced = useDebounced(value, 400);
  // Only well-formed elements can be sent; one being typed (no name yet) is left out until it is complete.
  const elements = useMemo(() => dataElements.filter((e) => dataElementSchema.safeParse(e).success), [dataElements]);
  const elementsKey = useMemo(() => elements.map((e) => `${e.code}:${e.valueType}`).join(','), [elements]);
  const check = useQuery({
    queryKey: ['criteria', 'expression', debounced, expect, elementsKey],
    queryFn: () => validateExpression(debounced, elements, expect),
    enabled: debounced.trim() !== '',
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  const pending = value !== debounced || check.isFetching;
  const result = check.data;
  const errors = result && !result.ok ? result.errors : [];
  const showErrors = !pending && errors.length > 0;
  const invalid = showErrors || serverErrors.length > 0;

  let status: React.ReactNode = null;
  if (value.trim() === '') status = null;
  else if (pending) status = <div className="formula-status pending">{t('formula.checking')}</div>;
  else if (check.isError)
    status = <div className="formula-status error">{t('formula.failed', { message: check.error instanceof Error ? check.error.message : String(check.error) })}</div>;
  else if (result?.ok)
    status = (
      <div className="formula-status ok">
        ✓ {t('formula.ok')}
        {result.references.length > 0 ? ` — ${t('formula.uses', { codes: result.references.join(', ') })}` : ''}
      </div>
    );
  else if (showErrors)
    status = (
      <div className="formula-status error">
        {errors.map((e, i) => (
          <div key={i}>
            <div>{t('formula.errorAt', { position: e.position + 1, message: locale === 'en' ? e.messageEn : e.message })}</div>
            <CaretMarker source={value} position={e.position} />
          </div>
        ))}
      </div>
    );

  return (
    <Form.Item
      label={label}
      htmlFor={id}
      className="formula-field"
      validateStatus={invalid ? 'error' : undefined}
      help={serverErrors.length > 0 ? serverErrors.join('; ') : undefined}
      extra={
        <div id={statusId} aria-live="polite" data-testid={testId ? `${testId}-status` : undefined}>
          {status}
        </div>
      }
    >
      <Input.TextArea
        id={id}
        value={value}
        disabled={disabled}
        autoSize={{ minRows: 1, maxRows: 4 }}
        spellCheck={false}
        aria-describedby={statusId}
        aria-invalid={invalid || undefined}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
    </Form.Item>
  );
}
