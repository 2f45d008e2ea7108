import { formatExact, type Locale } from '../decimal';
import { NEGATE_OPERAND_PRECEDENCE, NOT_OPERAND_PRECEDENCE, binaryPrecedence, isComparisonOp, nodePrecedence, type BinaryOp, type Expr } from './ast';
import { readValue, type ExpressionValues } from './evaluate';

type Style = {
  ref: (code: string) => string;
  number: (value: string) => string;
  binary: (op: BinaryOp) => string;
  negate: string;
  not: string;
  fn: (name: string) => string;
  argSeparator: string;
};

function render(node: Expr, style: Style): string {
  const wrap = (child: Expr, needsParens: boolean): string => {
    const s = render(child, style);
    return needsParens ? `(${s})` : s;
  };
  switch (node.type) {
    case 'number':
      return style.number(node.value);
    case 'ref':
      return style.ref(node.code);
    case 'unary': {
      const min = node.op === 'not' ? NOT_OPERAND_PRECEDENCE : NEGATE_OPERAND_PRECEDENCE;
      const operand = wrap(node.operand, nodePrecedence(node.operand) < min);
      return node.op === 'not' ? `${style.not}${operand}` : `${style.negate}${operand}`;
    }
    case 'binary': {
      const p = binaryPrecedence(node.op);
      const comparison = isComparisonOp(node.op);
      // Left-associative; comparisons do not chain, so an equal-precedence left side needs parentheses too.
      const left = wrap(node.left, nodePrecedence(node.left) < p || (comparison && nodePrecedence(node.left) === p));
      const right = wrap(node.right, nodePrecedence(node.right) <= p);
      return `${left} ${style.binary(node.op)} ${right}`;
    }
    case 'call':
      return `${style.fn(node.fn)}(${node.args.map((a) => render(a, style)).join(style.argSeparator)})`;
  }
}

const canonicalStyle: Style = {
  ref: (code) => `#{${code}}`,
  number: (value) => value,
  binary: (op) => op,
  negate: '-',
  not: 'not ',
  fn: (name) => name,
  argSeparator: ', ',
};

/** Canonical source text of an AST: `parseExpression(formatExpression(ast))` gives the same tree. */
export function formatExpression(ast: Expr): string {
  return render(ast, canonicalStyle);
}

const displayOps: Record<Locale, Record<BinaryOp, string>> = {
  vi: { '+': '+', '-': '−', '*': '×', '/': '/', '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠', and: 'và', or: 'hoặc' },
  en: { '+': '+', '-': '−', '*': '×', '/': '/', '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠', and: 'and', or: 'or' },
};

/**
 * Renders an expression with its values substituted, for explanations: `950 / (1000 − 50)`.
 * Numbers are shown exactly, with the locale's decimal separator and no grouping; yes/no values as
 * "Có"/"Không" (vi) or "yes"/"no" (en); a missing value as "?"; negative values in parentheses.
 * Vietnamese output separates function arguments with "; " because "," is the decimal separator.
 * Pass `booleanCodes` so that yes/no elements stored as "1"/"0" also read as Có/Không.
 */
export function renderExpressionWithValues(ast: Expr, values: ExpressionValues, locale: Locale, booleanCodes: ReadonlySet<string> = new Set()): string {
  const yes = locale === 'vi' ? 'Có' : 'yes';
  const no = locale === 'vi' ? 'Không' : 'no';
  const style: Style = {
    ref: (code) => {
      const raw = Object.prototype.hasOwnProperty.call(values, code) ? values[code] : undefined;
      const v = readValue(raw);
      if (v === null) return '?';
      if (typeof raw === 'boolean' || raw === 'true' || raw === 'false' || booleanCodes.has(code)) return v.isZero() ? no : yes;
      const s = formatExact(v, locale).replace('-', '−');
      return v.isNegative() ? `(${s})` : s;
    },
    number: (value) => formatExact(value, locale),
    binary: (op) => displayOps[locale][op],
    negate: '−',
    not: locale === 'vi' ? 'không phải ' : 'not ',
    fn: (name) => (name === 'if' && locale === 'vi' ? 'nếu' : name),
    // Vietnamese writes decimals with a comma, so arguments are separated by a semicolon (as in Excel).
    argSeparator: locale === 'vi' ? '; ' : ', ',
  };
  return render(ast, style);
}
