import type { Band, Comparator, CriteriaSetVersion, Criterion, CriterionKind, Target, UnitLevel } from '../criteria/criteria.schemas';
import { Dec, comparatorHolds, formatNumber, formatPercent, fractionSatisfies, toDecimal, toDecimalString, type Decimal, type Locale } from '../decimal';
import { Rational, evaluateExpression, renderExpressionWithValues, type EvaluationOutcome, type Expr } from '../expression';
import { explainComparison, formatValue, levelMemberNouns, levelScopeLabels, listNames, verdictWords, type DisplayKind } from './explain';
import { expressionKey, validateCriteriaSet, type CriteriaSetIssue } from './validate';

export type CriterionStatus = 'met' | 'not_met' | 'not_applicable' | 'awaiting_data' | 'awaiting_review';

/** Data values of one unit for one period, by data element code: decimal strings or yes/no. */
export type DataValues = Readonly<Record<string, string | boolean | null | undefined>>;

export type MemberUnit = { unitId: string; name: string; level: UnitLevel; values: DataValues };

export type MemberOutcome = {
  unitId: string;
  name: string;
  /** missing: some data is absent; not_applicable: the condition divides by zero. Both count as not meeting. */
  status: 'met' | 'not_met' | 'missing' | 'not_applicable';
  missingCodes: string[];
};

export type CriterionScore = {
  code: string;
  kind: CriterionKind;
  status: CriterionStatus;
  /** Exact, unrounded decimal string (percent units for percentages); null when there is no value. */
  value: string | null;
  /** Value for display in Vietnamese ("59,99 %", "Có"); English in `displayValueEn`. */
  displayValue: string | null;
  displayValueEn: string | null;
  /** The target applying to the unit's level, if any. */
  target: Target | null;
  points: string;
  maxPoints: string;
  explanation: string;
  explanationEn: string;
  /** Data element codes whose values are awaited (status awaiting_data). */
  missingCodes: string[];
  /** Qualitative criteria: the judgement given (scale level code), if any. */
  judgement?: string;
  /** Group criteria: the outcome for each member unit at the member level. */
  members?: MemberOutcome[];
};

export type UnitScore = {
  totalPoints: string;
  maxPoints: string;
  metCount: number;
  /** Criteria that apply to the unit (every status except not_applicable). */
  applicableCount: number;
  /** Applicable criteria still awaiting data or review: the result is provisional while this is > 0. */
  awaitingCount: number;
  /** metCount / applicableCount × 100, exact; null when no criterion applies. */
  shareMet: string | null;
  shareMetDisplay: string | null;
  shareMetDisplayEn: string | null;
  classification: Band | null;
  criteria: CriterionScore[];
};

export type ScoreUnitInput = {
  /** A criteria set version, or one compiled once with `compileCriteriaSet` when scoring many units. */
  set: CriteriaSetVersion | CompiledCriteriaSet;
  level: UnitLevel;
  values: DataValues;
  /** Reviewers' judgements for qualitative criteria: criterion code → scale level code. */
  judgements?: Readonly<Record<string, string | null | undefined>>;
  /** Member units, for group criteria; omit when not known yet (the criterion then awaits data). */
  members?: readonly MemberUnit[];
};

/** A validated criteria set with its expressions parsed once. Build it with `compileCriteriaSet`. */
export class CompiledCriteriaSet {
  /** @internal use compileCriteriaSet */
  constructor(
    readonly set: CriteriaSetVersion,
    readonly expressions: ReadonlyMap<string, Expr>,
    readonly booleanCodes: ReadonlySet<string>,
    readonly elementNames: ReadonlyMap<string, string>,
  ) {}
}

/** Thrown when asked to score with a criteria set that does not validate (validate on save and import). */
export class InvalidCriteriaSetError extends Error {
  constructor(readonly errors: CriteriaSetIssue[]) {
    super(`Invalid criteria set: ${errors.map((e) => `${e.path}: ${e.messageEn}`).join('; ')}`);
    this.name = 'InvalidCriteriaSetError';
  }
}

/** Validates a criteria set and parses its expressions once, for scoring many units. */
export function compileCriteriaSet(set: CriteriaSetVersion): { ok: true; compiled: CompiledCriteriaSet } | { ok: false; errors: CriteriaSetIssue[] } {
  const validated = validateCriteriaSet(set);
  if (!validated.ok) return validated;
  const booleanCodes = new Set(set.dataElements.filter((e) => e.valueType === 'boolean').map((e) => e.code));
  const names = new Map(set.dataElements.map((e) => [e.code, e.name] as const));
  // Keep the caller's object (not zod's copy) so results can refer to its targets and bands.
  return { ok: true, compiled: new CompiledCriteriaSet(set, validated.expressions, booleanCodes, names) };
}

const ZERO = new Dec(0);
const HUNDRED = new Dec(100);

/**
 * Scores one unit for one period against a criteria set version.
 * Targets are compared on exact, unrounded values (see src/core/decimal.ts); displays round half up to two
 * decimals. Throws InvalidCriteriaSetError when the set does not validate.
 */
export function scoreUnit(input: ScoreUnitInput): UnitScore {
  let compiled: CompiledCriteriaSet;
  if (input.set instanceof CompiledCriteriaSet) compiled = input.set;
  else {
    const result = compileCriteriaSet(input.set);
    if (!result.ok) throw new InvalidCriteriaSetError(result.errors);
    compiled = result.compiled;
  }
  const criteria = compiled.set.criteria.map((c) => scoreCriterion(c, compiled, input));
  let totalPoints = ZERO;
  let maxPoints = ZERO;
  let metCount = 0;
  let applicableCount = 0;
  let awaitingCount = 0;
  for (const r of criteria) {
    totalPoints = totalPoints.plus(r.points);
    maxPoints = maxPoints.plus(r.maxPoints);
    if (r.status !== 'not_applicable') applicableCount++;
    if (r.status === 'met') metCount++;
    if (r.status === 'awaiting_data' || r.status === 'awaiting_review') awaitingCount++;
  }
  let shareMet: Decimal | null = null;
  let classification: Band | null = null;
  if (applicableCount > 0) {
    shareMet = new Dec(metCount).times(100).dividedBy(applicableCount);
    // Exact comparison by cross-multiplication; the highest band reached wins.
    for (const band of compiled.set.bands) {
      const min = toDecimal(band.minShareMet);
      if (!fractionSatisfies(new Dec(metCount), new Dec(applicableCount), HUNDRED, 'gte', min)) continue;
      if (classification === null || min.greaterThan(classification.minShareMet)) classification = band;
    }
  }
  return {
    totalPoints: toDecimalString(totalPoints),
    maxPoints: toDecimalString(maxPoints),
    metCount,
    applicableCount,
    awaitingCount,
    shareMet: shareMet === null ? null : toDecimalString(shareMet),
    shareMetDisplay: shareMet === null ? null : formatPercent(shareMet, 'vi'),
    shareMetDisplayEn: shareMet === null ? null : formatPercent(shareMet, 'en'),
    classification,
    criteria,
  };
}

type Bilingual = { vi: string; en: string };

function scoreCriterion(c: Criterion, compiled: CompiledCriteriaSet, input: ScoreUnitInput): CriterionScore {
  const base = {
    code: c.code,
    kind: c.kind,
    value: null,
    displayValue: null,
    displayValueEn: null,
    missingCodes: [] as string[],
  };
  const notApplicable = (target: Target | null, why: Bilingual): CriterionScore => ({
    ...base,
    status: 'not_applicable',
    target,
    points: '0',
    maxPoints: '0',
    explanation: why.vi,
    explanationEn: why.en,
  });

  if (!c.levels.includes(input.level)) {
    return notApplicable(null, {
      vi: `Tiêu chí không áp dụng cho ${levelScopeLabels.vi[input.level]}`,
      en: `The criterion does not apply to ${levelScopeLabels.en[input.level]}`,
    });
  }
  const target = c.targets.find((t) => t.level === input.level) ?? null;
  // Qualitative criteria are judged on their scale; a target, if any, only sets the points for the level.
  if (target === null && c.kind !== 'qualitative') {
    return notApplicable(null, {
      vi: `Chưa có mục tiêu cho ${levelScopeLabels.vi[input.level]}: không áp dụng`,
      en: `No target for ${levelScopeLabels.en[input.level]}: not applicable`,
    });
  }
  const maxPoints = toDecimal(target?.points ?? c.points);
  const ast = (field: 'numerator' | 'denominator' | 'expression' | 'memberCondition'): Expr => {
    const e = compiled.expressions.get(expressionKey(c.code, field));
    if (!e) throw new Error(`Expression ${c.code}/${field} was not compiled`);
    return e;
  };
  const render = (e: Expr, values: DataValues, locale: Locale) => renderExpressionWithValues(e, values, locale, compiled.booleanCodes);
  const awaitingData = (codes: string[]): CriterionScore => {
    const names = codes.map((code) => {
      const name = compiled.elementNames.get(code);
      return name ? `${name} (${code})` : code;
    });
    return {
      ...base,
      status: 'awaiting_data',
      target,
      points: '0',
      maxPoints: toDecimalString(maxPoints),
      missingCodes: codes,
      explanation: `Chưa có số liệu: ${names.join('; ')}`,
      explanationEn: `Awaiting data: ${names.join('; ')}`,
    };
  };
  const decided = (args: {
    value: Decimal;
    met: boolean;
    display: DisplayKind;
    lhs: Bilingual | null;
    t: Target;
    suffix?: Bilingual;
    extra?: Partial<CriterionScore>;
  }): CriterionScore => {
    const { value, met, display, lhs, t } = args;
    return {
      ...base,
      status: met ? 'met' : 'not_met',
      value: toDecimalString(value),
      displayValue: formatValue(value, display, 'vi'),
      displayValueEn: formatValue(value, display, 'en'),
      target: t,
      points: met ? toDecimalString(maxPoints) : '0',
      maxPoints: toDecimalString(maxPoints),
      explanation: explainComparison({ lhs: lhs?.vi ?? null, value, met, target: t, display, locale: 'vi' }) + (args.suffix?.vi ?? ''),
      explanationEn: explainComparison({ lhs: lhs?.en ?? null, value, met, target: t, display, locale: 'en' }) + (args.suffix?.en ?? ''),
      ...args.extra,
    };
  };
  const divisionByZero = (): CriterionScore =>
    notApplicable(target, {
      vi: 'Công thức có phép chia cho 0: không áp dụng',
      en: 'The formula divides by zero: not applicable',
    });

  switch (c.kind) {
    case 'ratio': {
      const t = target!;
      const numeratorAst = ast('numerator');
      const denominatorAst = ast('denominator');
      const num = evaluateExpression(numeratorAst, input.values);
      const den = evaluateExpression(denominatorAst, input.values);
      const missing = missingCodes([num, den]);
      if (missing.length > 0) return awaitingData(missing);
      if (num.kind !== 'value' || den.kind !== 'value') return divisionByZero();
      if (den.value.isZero()) {
        return notApplicable(t, {
          vi: `Mẫu số bằng 0: không áp dụng (mẫu số: ${render(denominatorAst, input.values, 'vi')} = 0)`,
          en: `Denominator is zero: not applicable (denominator: ${render(denominatorAst, input.values, 'en')} = 0)`,
        });
      }
      // Exact fractions: the verdict never depends on a rounded digit.
      const exact = num.exact.times(c.display === 'percentage' ? Rational.of(100n) : Rational.ONE).dividedBy(den.exact);
      const value = exact.toDecimal();
      const met = satisfiesExact(exact, t.comparator, t.threshold);
      const fraction: Expr = { type: 'binary', op: '/', left: numeratorAst, right: denominatorAst, pos: 0, opPos: 0 };
      return decided({
        value,
        met,
        display: c.display,
        t,
        lhs: { vi: render(fraction, input.values, 'vi'), en: render(fraction, input.values, 'en') },
      });
    }
    case 'value': {
      const t = target!;
      const e = ast('expression');
      const outcome = evaluateExpression(e, input.values);
      if (outcome.kind === 'missing') return awaitingData(outcome.codes);
      if (outcome.kind === 'not_applicable') return divisionByZero();
      const met = satisfiesExact(outcome.exact, t.comparator, t.threshold);
      return decided({
        value: outcome.value,
        met,
        display: c.display,
        t,
        // A bare reference or number would only repeat the value.
        lhs: e.type === 'ref' || e.type === 'number' ? null : { vi: render(e, input.values, 'vi'), en: render(e, input.values, 'en') },
      });
    }
    case 'qualitative': {
      const judgement = input.judgements?.[c.code];
      const common = { ...base, target, points: '0', maxPoints: toDecimalString(maxPoints) };
      if (judgement === undefined || judgement === null || judgement === '') {
        return {
          ...common,
          status: 'awaiting_review',
          explanation: 'Chưa có kết quả đánh giá',
          explanationEn: 'Awaiting review',
        };
      }
      const level = c.scale.find((s) => s.code === judgement);
      if (!level) {
        return {
          ...common,
          status: 'awaiting_review',
          judgement,
          explanation: `Mức đánh giá '${judgement}' không có trong thang đánh giá của tiêu chí: cần đánh giá lại`,
          explanationEn: `Judgement '${judgement}' is not a level of this criterion's scale: needs a new review`,
        };
      }
      const points = maxPoints.times(level.pointsShare);
      const pointsVi = `${formatNumber(points, 'vi')}/${formatNumber(maxPoints, 'vi')} điểm`;
      const pointsEn = `${formatNumber(points, 'en')}/${formatNumber(maxPoints, 'en')} points`;
      return {
        ...common,
        status: level.meets ? 'met' : 'not_met',
        judgement,
        displayValue: level.label,
        displayValueEn: level.label,
        points: toDecimalString(points),
        explanation: `Đánh giá: ${level.label} (${pointsVi}): ${level.meets ? verdictWords.vi.met : verdictWords.vi.notMet}`,
        explanationEn: `Judgement: ${level.label} (${pointsEn}): ${level.meets ? verdictWords.en.met : verdictWords.en.notMet}`,
      };
    }
    case 'group': {
      const t = target!;
      if (input.members === undefined) {
        return {
          ...base,
          status: 'awaiting_data',
          target: t,
          points: '0',
          maxPoints: toDecimalString(maxPoints),
          explanation: 'Chưa có số liệu của các đơn vị thành viên',
          explanationEn: 'Awaiting the member units’ data',
        };
      }
      const eligible = input.members.filter((m) => m.level === c.memberLevel);
      if (eligible.length === 0) {
        return notApplicable(t, {
          vi: `Không có đơn vị thành viên thuộc ${levelScopeLabels.vi[c.memberLevel]}: không áp dụng`,
          en: `No member units among ${levelScopeLabels.en[c.memberLevel]}: not applicable`,
        });
      }
      const condition = ast('memberCondition');
      const members: MemberOutcome[] = eligible.map((m) => {
        const o = evaluateExpression(condition, m.values);
        if (o.kind === 'missing') return { unitId: m.unitId, name: m.name, status: 'missing', missingCodes: o.codes };
        if (o.kind === 'not_applicable') return { unitId: m.unitId, name: m.name, status: 'not_applicable', missingCodes: [] };
        return { unitId: m.unitId, name: m.name, status: o.value.isZero() ? 'not_met' : 'met', missingCodes: [] };
      });
      const metMembers = members.filter((m) => m.status === 'met').length;
      const total = members.length;
      const value = new Dec(metMembers).times(100).dividedBy(total);
      const met = fractionSatisfies(new Dec(metMembers), new Dec(total), HUNDRED, t.comparator, toDecimal(t.threshold));
      const missingNames = members.filter((m) => m.status === 'missing').map((m) => m.name);
      const divisionNames = members.filter((m) => m.status === 'not_applicable').map((m) => m.name);
      let suffixVi = '';
      let suffixEn = '';
      if (missingNames.length > 0) {
        suffixVi += `. Chưa có số liệu (tính là không đạt): ${listNames(missingNames, 'vi')}`;
        suffixEn += `. No data yet (counted as not meeting): ${listNames(missingNames, 'en')}`;
      }
      if (divisionNames.length > 0) {
        suffixVi += `. Không tính được do chia cho 0 (tính là không đạt): ${listNames(divisionNames, 'vi')}`;
        suffixEn += `. Cannot be computed, division by zero (counted as not meeting): ${listNames(divisionNames, 'en')}`;
      }
      return decided({
        value,
        met,
        display: 'percentage',
        t,
        lhs: {
          vi: `${metMembers}/${total} ${levelMemberNouns.vi[c.memberLevel]} đạt điều kiện`,
          en: `${metMembers}/${total} ${levelMemberNouns.en[c.memberLevel]} meet the condition`,
        },
        suffix: { vi: suffixVi, en: suffixEn },
        extra: { members },
      });
    }
  }
}

function satisfiesExact(value: Rational, comparator: Comparator, threshold: string): boolean {
  return comparatorHolds(value.compare(Rational.fromDecimal(threshold)), comparator);
}

function missingCodes(outcomes: EvaluationOutcome[]): string[] {
  const codes: string[] = [];
  for (const o of outcomes) if (o.kind === 'missing') for (const c of o.codes) if (!codes.includes(c)) codes.push(c);
  return codes;
}
