import { useEffect, useId, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Table, Typography } from 'antd';
import { CalculatorOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CriteriaSetVersion, Criterion, DataElement, UnitLevel } from '../../../../src/core/criteria/criteria.schemas';
import { isApiError, type ApiErrorDetail } from '../../api/client';
import { useDefinitionDryRun, useDryRun, type CriterionScore, type DryRunInput, type UnitScore } from '../../api/criteria';
import { useLocale } from '../../i18n/i18n';
import { referencedCodes } from '../../../../src/core/expression';
import { criterionFormulas, displayOf, levelLabel, ScoreStatusPill, targetText } from './labels';
import { levelsOf } from './CriteriaMatrix';
import { useMovementStrings } from './strings';

type Member = { key: number; name: string; values: Record<string, string> };

/** Normalises what officials type: "59,99" → "59.99", spaces and thousands separators (1 234) dropped. */
export function normaliseNumber(text: string): string {
  let s = text.trim().replace(/\s+/g, '');
  // "1.234,5" (Vietnamese grouping) → "1234.5"; a lone comma is the decimal separator.
  if (s.includes(',') && s.includes('.')) s = s.replace(/\./g, '').replace(',', '.');
  else if (s.includes(',')) s = s.replace(',', '.');
  return s;
}

function toValue(element: DataElement | undefined, raw: string): string | boolean | null {
  if (raw.trim() === '') return null;
  if (!element) return raw;
  switch (element.valueType) {
    case 'boolean':
      return raw === 'true';
    case 'integer':
    case 'decimal':
    case 'percentage':
      return normaliseNumber(raw);
    default:
      return raw.trim();
  }
}

function valuesOf(raw: Record<string, string>, elements: ReadonlyMap<string, DataElement>): DryRunInput['values'] {
  const out: DryRunInput['values'] = {};
  for (const [code, text] of Object.entries(raw)) {
    const value = toValue(elements.get(code), text);
    if (value !== null) out[code] = value;
  }
  return out;
}

type Props = {
  definition: CriteriaSetVersion;
  versionNumber: number;
  /** Stored version to score against; without it the (unsaved) definition itself is sent. */
  versionId?: string;
  title?: string;
};

/**
 * "Thử tính": sample values for the data elements (and judgements for qualitative criteria, member units for group
 * criteria) at a chosen level, scored by the server's dry-run endpoint; nothing is stored.
 */
export function TryItPanel({ definition, versionNumber, versionId, title }: Props) {
  const t = useMovementStrings();
  const { locale } = useLocale();
  const baseId = useId();
  const levels = useMemo(() => levelsOf(definition), [definition]);
  const [level, setLevel] = useState<UnitLevel>(levels.includes('commune') ? 'commune' : (levels[0] ?? 'department'));
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [judgements, setJudgements] = useState<Record<string, string>>({});
  const [members, setMembers] = useState<Record<string, Member[]>>({});
  const [result, setResult] = useState<UnitScore | null>(null);
  const [failure, setFailure] = useState<{ message: string; details: ApiErrorDetail[] } | null>(null);
  const stored = useDryRun(versionId ?? 'none');
  const unsaved = useDefinitionDryRun();
  const running = stored.isPending || unsaved.isPending;

  const elements = useMemo(() => new Map(definition.dataElements.map((e) => [e.code, e])), [definition.dataElements]);
  const applicable = useMemo(() => definition.criteria.filter((c) => c.levels.includes(level)), [definition.criteria, level]);
  const inputCodes = useMemo(() => {
    const codes: string[] = [];
    for (const c of applicable) if (c.kind !== 'group') for (const code of criterionFormulas(c).flatMap(referencedCodes)) if (!codes.includes(code)) codes.push(code);
    return codes.filter((c) => elements.has(c));
  }, [applicable, elements]);
  const qualitative = applicable.filter((c): c is Extract<Criterion, { kind: 'qualitative' }> => c.kind === 'qualitative');
  const groups = applicable.filter((c): c is Extract<Criterion, { kind: 'group' }> => c.kind === 'group');
  const criteriaByCode = useMemo(() => new Map(definition.criteria.map((c) => [c.code, c])), [definition.criteria]);

  useEffect(() => {
    setResult(null);
    setFailure(null);
  }, [level, definition]);

  const fieldError = (path: string) => failure?.details.filter((d) => d.path === path).map((d) => d.message) ?? [];

  const run = () => {
    setFailure(null);
    const memberList = groups.flatMap((g) =>
      (members[g.code] ?? []).map((m, i) => ({ name: m.name.trim() || t('try.memberDefault', { n: i + 1 }), level: g.memberLevel, values: valuesOf(m.values, elements) })),
    );
    const input: DryRunInput = {
      level,
      values: valuesOf(Object.fromEntries(Object.entries(raw).filter(([code]) => inputCodes.includes(code))), elements),
      ...(qualitative.length > 0 ? { judgements: Object.fromEntries(Object.entries(judgements).filter(([code, v]) => v && qualitative.some((q) => q.code === code))) } : {}),
      ...(memberList.length > 0 ? { members: memberList } : {}),
    };
    const handlers = {
      onSuccess: (score: UnitScore) => setResult(score),
      onError: (error: Error) => {
        setResult(null);
        setFailure(isApiError(error) ? { message: error.message, details: error.details } : { message: error.message, details: [] });
      },
    };
    if (versionId) stored.mutate(input, handlers);
    else unsaved.mutate({ ...input, definition }, handlers);
  };

  const elementInput = (code: string, value: string, onChange: (v: string) => void, id: string, label?: string) => {
    const e = elements.get(code);
    if (e?.valueType === 'boolean') {
      return (
        <Radio.Group
          id={id}
          aria-label={label}
          value={value}
          onChange={(ev) => onChange(ev.target.value as string)}
          options={[
            { value: 'true', label: t('try.yes') },
            { value: 'false', label: t('try.no') },
            { value: '', label: t('try.empty') },
          ]}
        />
      );
    }
    if (e?.valueType === 'date') return <Input id={id} aria-label={label} type="date" value={value} onChange={(ev) => onChange(ev.target.value)} />;
    const numeric = e?.valueType === 'integer' || e?.valueType === 'decimal' || e?.valueType === 'percentage';
    return (
      <Input
        id={id}
        aria-label={label}
        value={value}
        inputMode={numeric ? 'decimal' : undefined}
        suffix={e?.unitOfMeasure ? <span className="muted small">{e.unitOfMeasure}</span> : e?.valueType === 'percentage' ? '%' : undefined}
        onChange={(ev) => onChange(ev.target.value)}
        onPressEnter={run}
      />
    );
  };

  return (
    <Card className="section" title={<h2 className="card-title">{title ?? t('try.title')}</h2>}>
      <Typography.Paragraph className="muted">{t('try.intro', { version: versionNumber })}</Typography.Paragraph>
      <div className="try-grid">
        <Form layout="vertical" className="try-inputs" onFinish={run} component="div">
          <Form.Item label={t('try.level')}>
            <Radio.Group
              aria-label={t('try.level')}
              optionType="button"
              value={level}
              onChange={(e) => setLevel(e.target.value as UnitLevel)}
              options={levels.map((l) => ({ value: l, label: levelLabel(t, l) }))}
            />
          </Form.Item>
          <h3 className="subsection-title">{t('try.values')}</h3>
          <Typography.Paragraph className="try-field-help">
            {t('try.onlyLevel')} {t('try.decimalHint')}.
          </Typography.Paragraph>
          {inputCodes.length === 0 && qualitative.length === 0 && groups.length === 0 ? <Typography.Paragraph>{t('try.noInputs')}</Typography.Paragraph> : null}
          <div className="try-fields">
            {inputCodes.map((code) => {
              const e = elements.get(code)!;
              const id = `${baseId}-v-${code}`;
              const errors = fieldError(`body.values.${code}`);
              return (
                <Form.Item
                  key={code}
                  htmlFor={e.valueType === 'boolean' ? undefined : id}
                  label={
                    <span>
                      {e.name} <span className="mono small muted">({code})</span>
                    </span>
                  }
                  validateStatus={errors.length ? 'error' : undefined}
                  help={errors.length ? errors.join('; ') : undefined}
                >
                  {elementInput(code, raw[code] ?? '', (v) => setRaw((prev) => ({ ...prev, [code]: v })), id, e.valueType === 'boolean' ? `${e.name} (${code})` : undefined)}
                </Form.Item>
              );
            })}
          </div>
          {qualitative.length > 0 ? <h3 className="subsection-title">{t('try.judgements')}</h3> : null}
          <div className="try-fields">
            {qualitative.map((c) => {
              const id = `${baseId}-j-${c.code}`;
              return (
                <Form.Item key={c.code} htmlFor={id} label={<span>{c.title}</span>}>
                  <Select
                    id={id}
                    value={judgements[c.code] ?? ''}
                    onChange={(v: string) => setJudgements((prev) => ({ ...prev, [c.code]: v }))}
                    options={[{ value: '', label: t('try.judgementNone') }, ...c.scale.map((s) => ({ value: s.code, label: s.label }))]}
                  />
                </Form.Item>
              );
            })}
          </div>
          {groups.map((g) => (
            <MembersEditor
              key={g.code}
              criterion={g}
              elements={elements}
              members={members[g.code] ?? []}
              onChange={(next) => setMembers((prev) => ({ ...prev, [g.code]: next }))}
              renderInput={elementInput}
            />
          ))}
          <Space wrap>
            <Button type="primary" icon={<CalculatorOutlined />} loading={running} onClick={run}>
              {t('try.run')}
            </Button>
            <Button
              onClick={() => {
                setRaw({});
                setJudgements({});
                setMembers({});
                setResult(null);
                setFailure(null);
              }}
            >
              {t('try.clear')}
            </Button>
          </Space>
        </Form>
        <div aria-live="polite">
          {failure ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={failure.details.length > 0 ? t('try.invalid') : failure.message}
              description={
                failure.details.length > 0 ? (
                  <ul className="error-list">
                    {failure.details.map((d, i) => (
                      <li key={i}>
                        <code>{d.path.replace(/^body\./, '')}</code>: {d.message}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          ) : null}
          {result ? <ScoreResult result={result} criteriaByCode={criteriaByCode} locale={locale} /> : null}
        </div>
      </div>
    </Card>
  );
}

function MembersEditor({
  criterion,
  elements,
  members,
  onChange,
  renderInput,
}: {
  criterion: Extract<Criterion, { kind: 'group' }>;
  elements: ReadonlyMap<string, DataElement>;
  members: Member[];
  onChange: (next: Member[]) => void;
  renderInput: (code: string, value: string, onChange: (v: string) => void, id: string, label?: string) => React.ReactNode;
}) {
  const t = useMovementStrings();
  const baseId = useId();
  const [count, setCount] = useState<number | null>(10);
  const codes = referencedCodes(criterion.memberCondition).filter((c) => elements.has(c));
  const nextKey = () => (members.reduce((max, m) => Math.max(max, m.key), 0) || 0) + 1;
  const add = (n: number) => {
    const start = nextKey();
    onChange([...members, ...Array.from({ length: n }, (_, i) => ({ key: start + i, name: t('try.memberDefault', { n: members.length + i + 1 }), values: {} }))]);
  };
  const update = (key: number, patch: Partial<Member>) => onChange(members.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  return (
    <fieldset className="form-fieldset">
      <legend>{t('try.members', { title: levelLabel(t, criterion.memberLevel) })}</legend>
      <Typography.Paragraph className="try-field-help">{criterion.title}</Typography.Paragraph>
      {members.length > 0 ? (
        <Table<Member>
          className="members-table"
          size="small"
          rowKey="key"
          pagination={members.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          dataSource={members}
          columns={[
            {
              title: t('try.memberName'),
              key: 'name',
              render: (_: unknown, m) => <Input aria-label={`${t('try.memberName')} ${m.key}`} value={m.name} onChange={(e) => update(m.key, { name: e.target.value })} />,
            },
            ...codes.map((code) => ({
              title: elements.get(code)?.name ?? code,
              key: code,
              render: (_: unknown, m: Member) =>
                renderInput(
                  code,
                  m.values[code] ?? '',
                  (v) => update(m.key, { values: { ...m.values, [code]: v } }),
                  `${baseId}-${m.key}-${code}`,
                  `${m.name}: ${elements.get(code)?.name ?? code}`,
                ),
            })),
            {
              title: <span className="visually-hidden">{t('editor.remove')}</span>,
              key: 'remove',
              width: 48,
              render: (_: unknown, m) => (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('try.removeMember', { name: m.name })}
                  onClick={() => onChange(members.filter((x) => x.key !== m.key))}
                />
              ),
            },
          ]}
        />
      ) : null}
      <Space wrap style={{ margin: '8px 0 12px' }}>
        <Button icon={<PlusOutlined />} onClick={() => add(1)}>
          {t('try.addMember')}
        </Button>
        <Space.Compact>
          <InputNumber aria-label={t('try.memberCount')} min={1} max={200} value={count} onChange={(v) => setCount(v)} style={{ width: 80 }} />
          <Button onClick={() => add(Math.max(1, Math.min(200, count ?? 1)))}>{t('try.addMembers', { count: count ?? 1 })}</Button>
        </Space.Compact>
      </Space>
    </fieldset>
  );
}

function ScoreResult({ result, criteriaByCode, locale }: { result: UnitScore; criteriaByCode: ReadonlyMap<string, Criterion>; locale: 'vi' | 'en' }) {
  const t = useMovementStrings();
  const en = locale === 'en';
  return (
    <section aria-label={t('try.result')}>
      <h3 className="subsection-title">{t('try.result')}</h3>
      <div className="score-summary">
        <div className="score-box">
          <div className="score-box-label">{t('try.totalPoints')}</div>
          <div className="score-box-value">
            {result.totalPoints} / {result.maxPoints}
          </div>
        </div>
        <div className="score-box">
          <div className="score-box-label">{t('try.metShare')}</div>
          <div className="score-box-value">{(en ? result.shareMetDisplayEn : result.shareMetDisplay) ?? '—'}</div>
          <div className="small">{t('try.metCount', { met: result.metCount, applicable: result.applicableCount })}</div>
        </div>
        <div className="score-box">
          <div className="score-box-label">{t('try.classification')}</div>
          <div className="score-box-value">{result.classification?.label ?? t('try.noClassification')}</div>
          {result.awaitingCount > 0 ? <div className="small">{t('try.awaiting', { count: result.awaitingCount })}</div> : null}
        </div>
      </div>
      <Table<CriterionScore>
        className="score-table"
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={result.criteria}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('criteria.colCriterion'),
            dataIndex: 'code',
            render: (code: string) => (
              <>
                <div>{criteriaByCode.get(code)?.title ?? code}</div>
                <span className="criterion-code">{code}</span>
              </>
            ),
          },
          { title: t('try.status'), dataIndex: 'status', width: 120, render: (status: CriterionScore['status']) => <ScoreStatusPill status={status} /> },
          { title: t('try.value'), key: 'value', width: 100, render: (_: unknown, s) => (en ? s.displayValueEn : s.displayValue) ?? '—' },
          {
            title: t('try.target'),
            key: 'target',
            width: 100,
            render: (_: unknown, s) => {
              const c = criteriaByCode.get(s.code);
              return s.target && c ? targetText(s.target, displayOf(c), locale) : '—';
            },
          },
          {
            title: t('try.explanation'),
            key: 'explanation',
            width: '34%',
            render: (_: unknown, s) => <span className="score-explanation">{en ? s.explanationEn : s.explanation}</span>,
          },
        ]}
      />
    </section>
  );
}
