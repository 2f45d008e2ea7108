/** AST and error types of the criteria expression language (see ./index.ts for the grammar). */

export const MAX_EXPRESSION_LENGTH = 2000;
/** Maximum nesting of parentheses, function calls and unary operators. */
export const MAX_EXPRESSION_DEPTH = 50;

export type ArithmeticOp = '+' | '-' | '*' | '/';
export type ComparisonOp = '>=' | '>' | '<=' | '<' | '==' | '!=';
export type LogicalOp = 'and' | 'or';
export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp;
export type UnaryOp = '-' | 'not';
export type FunctionName = 'min' | 'max' | 'if' | 'round' | 'abs';

export const functionNames: readonly FunctionName[] = ['min', 'max', 'if', 'round', 'abs'];
export const comparisonOps: readonly ComparisonOp[] = ['>=', '>', '<=', '<', '==', '!='];

/** Allowed argument counts per function: [min, max]. */
export const functionArity: Record<FunctionName, readonly [number, number]> = {
  min: [1, 64],
  max: [1, 64],
  if: [3, 3],
  round: [1, 2],
  abs: [1, 1],
};

/**
 * An expression node. `pos` is the 0-based UTF-16 offset where the node's text starts in the source
 * (a binary node starts with its left operand; `opPos` is the operator's own offset).
 */
export type Expr =
  | { type: 'number'; value: string; pos: number }
  | { type: 'ref'; code: string; pos: number }
  | { type: 'unary'; op: UnaryOp; operand: Expr; pos: number }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number; opPos: number }
  | { type: 'call'; fn: FunctionName; args: Expr[]; pos: number };

/** One problem in an expression, in Vietnamese and English; `position` is a 0-based character offset. */
export type ExpressionError = { position: number; message: string; messageEn: string };

export type ParseResult = { ok: true; ast: Expr } | { ok: false; errors: ExpressionError[] };

export function isComparisonOp(op: string): op is ComparisonOp {
  return (comparisonOps as readonly string[]).includes(op);
}

export function isFunctionName(name: string): name is FunctionName {
  return (functionNames as readonly string[]).includes(name);
}

/** Binding power of a binary operator: higher binds tighter. */
export function binaryPrecedence(op: BinaryOp): number {
  switch (op) {
    case 'or':
      return 10;
    case 'and':
      return 20;
    case '+':
    case '-':
      return 50;
    case '*':
    case '/':
      return 60;
    default:
      return 40; // comparisons
  }
}

/** Precedence of a whole node, used by the parser and the renderers to place parentheses. */
export function nodePrecedence(node: Expr): number {
  switch (node.type) {
    case 'binary':
      return binaryPrecedence(node.op);
    case 'unary':
      return node.op === 'not' ? NOT_OPERAND_PRECEDENCE : NEGATE_OPERAND_PRECEDENCE;
    default:
      return 100;
  }
}

/** `not` applies to a comparison or tighter: `not a > b` is `not (a > b)`; `not a and b` is `(not a) and b`. */
export const NOT_OPERAND_PRECEDENCE = 30;
/** Unary minus applies to a primary only: `-a * b` is `(-a) * b`. */
export const NEGATE_OPERAND_PRECEDENCE = 70;

/** Human (1-based) column for messages; `position` fields stay 0-based. */
export function column(position: number): number {
  return position + 1;
}

export function expressionError(position: number, message: string, messageEn: string): ExpressionError {
  return { position, message, messageEn };
}
