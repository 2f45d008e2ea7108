import { parseDecimal, type Decimal } from '../decimal';
import type { BinaryOp, Expr, FunctionName } from './ast';
import { Rational } from './rational';

/** Data values of one unit and period: decimal strings, yes/no, or nothing yet. */
export type ExpressionValues = Readonly<Record<string, string | boolean | null | undefined>>;

export type EvaluationOutcome =
  /** `value` has 40 significant digits (exact when it terminates); `exact` is the exact fraction, for comparisons. */
  { kind: 'value'; value: Decimal; exact: Rational } | { kind: 'missing'; codes: string[] } | { kind: 'not_applicable'; reason: 'division_by_zero' };

type Outcome = { kind: 'value'; value: Rational } | { kind: 'missing'; codes: string[] } | { kind: 'not_applicable'; reason: 'division_by_zero' };

const MAX_ROUND_DIGITS = 20;

/**
 * Reads a data value as a decimal: decimal strings as they are, yes/no as 1/0 (also the strings "true"/"false").
 * Null, undefined, "" and anything unparseable count as missing.
 */
export function readValue(value: string | boolean | null | undefined): Decimal | null {
  const r = readRational(value);
  return r === null ? null : r.toDecimal();
}

function readRational(value: string | boolean | null | undefined): Rational | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? Rational.ONE : Rational.ZERO;
  const t = value.trim();
  if (t === 'true') return Rational.ONE;
  if (t === 'false') return Rational.ZERO;
  const d = parseDecimal(t);
  return d === null ? null : Rational.fromDecimal(t);
}

function bool(b: boolean): Outcome {
  return { kind: 'value', value: b ? Rational.ONE : Rational.ZERO };
}

/** Missing codes first (the data can still be entered), then division by zero. */
function combine(outcomes: Outcome[]): Outcome | null {
  const codes: string[] = [];
  let notApplicable = false;
  for (const o of outcomes) {
    if (o.kind === 'missing') {
      for (const c of o.codes) if (!codes.includes(c)) codes.push(c);
    } else if (o.kind === 'not_applicable') notApplicable = true;
  }
  if (codes.length > 0) return { kind: 'missing', codes };
  if (notApplicable) return { kind: 'not_applicable', reason: 'division_by_zero' };
  return null;
}

/**
 * Evaluates an expression exactly: arithmetic runs on exact fractions, so `1 / 3 * 3` is 1 and no boundary
 * is decided by rounding; the result is also given as a 40-digit decimal. Never returns Infinity or NaN and
 * never throws on a well-formed AST: division by zero gives `not_applicable`. A missing value gives
 * `missing` with every missing code, except where the result does not depend on it: `if` evaluates only
 * the chosen branch, and `and`/`or` follow three-valued logic (`false and ?` is false, `true or ?` is true).
 * Comparisons and logical operators yield 1/0; any non-zero number counts as yes.
 */
export function evaluateExpression(ast: Expr, values: ExpressionValues): EvaluationOutcome {
  const ev = (node: Expr): Outcome => {
    switch (node.type) {
      case 'number':
        return { kind: 'value', value: Rational.fromDecimal(node.value) };
      case 'ref': {
        const v = Object.prototype.hasOwnProperty.call(values, node.code) ? readRational(values[node.code]) : null;
        return v === null ? { kind: 'missing', codes: [node.code] } : { kind: 'value', value: v };
      }
      case 'unary': {
        const o = ev(node.operand);
        if (o.kind !== 'value') return o;
        return node.op === '-' ? { kind: 'value', value: o.value.negated() } : bool(o.value.isZero());
      }
      case 'binary':
        return evalBinary(node.op, ev(node.left), ev(node.right));
      case 'call':
        if (node.fn === 'if') {
          const cond = ev(node.args[0]!);
          if (cond.kind !== 'value') return cond;
          return ev(cond.value.isZero() ? node.args[2]! : node.args[1]!);
        }
        return evalCall(node.fn, node.args.map(ev));
    }
  };
  const result = ev(ast);
  return result.kind === 'value' ? { kind: 'value', value: result.value.toDecimal(), exact: result.value } : result;
}

function evalBinary(op: BinaryOp, l: Outcome, r: Outcome): Outcome {
  if (op === 'and' || op === 'or') {
    // Three-valued logic: a decisive operand settles the result even if the other one is unknown.
    const decisive = op === 'or';
    const truth = (o: Outcome): boolean | null => (o.kind === 'value' ? !o.value.isZero() : null);
    if (truth(l) === decisive || truth(r) === decisive) return bool(decisive);
    return combine([l, r]) ?? bool(!decisive);
  }
  if (l.kind !== 'value' || r.kind !== 'value') return combine([l, r])!;
  const a = l.value;
  const b = r.value;
  switch (op) {
    case '+':
      return { kind: 'value', value: a.plus(b) };
    case '-':
      return { kind: 'value', value: a.minus(b) };
    case '*':
      return { kind: 'value', value: a.times(b) };
    case '/':
      return b.isZero() ? { kind: 'not_applicable', reason: 'division_by_zero' } : { kind: 'value', value: a.dividedBy(b) };
    case '>=':
      return bool(a.compare(b) >= 0);
    case '>':
      return bool(a.compare(b) > 0);
    case '<=':
      return bool(a.compare(b) <= 0);
    case '<':
      return bool(a.compare(b) < 0);
    case '==':
      return bool(a.compare(b) === 0);
    case '!=':
      return bool(a.compare(b) !== 0);
  }
}

function evalCall(fn: Exclude<FunctionName, 'if'>, args: Outcome[]): Outcome {
  const problem = combine(args);
  if (problem) return problem;
  const nums = args.map((a) => (a.kind === 'value' ? a.value : Rational.ZERO));
  const first = nums[0] ?? Rational.ZERO;
  switch (fn) {
    case 'min':
      return { kind: 'value', value: nums.reduce((m, x) => (x.compare(m) < 0 ? x : m), first) };
    case 'max':
      return { kind: 'value', value: nums.reduce((m, x) => (x.compare(m) > 0 ? x : m), first) };
    case 'abs':
      return { kind: 'value', value: first.abs() };
    case 'round': {
      // The checker accepts only a literal 0..10; clamp anything else rather than throw.
      const raw = nums[1] ?? Rational.ZERO;
      const whole = Number(raw.numerator / raw.denominator);
      const digits = Math.min(MAX_ROUND_DIGITS, Math.max(0, Number.isFinite(whole) ? whole : 0));
      return { kind: 'value', value: first.roundHalfUp(digits) };
    }
  }
}
