/**
 * Safe expression language for criteria (no eval):
 *
 *   expr     := or
 *   or       := and ('or' and)*
 *   and      := not ('and' not)*
 *   not      := 'not' not | cmp
 *   cmp      := sum (('>=' | '>' | '<=' | '<' | '==' | '!=') sum)?      -- no chaining
 *   sum      := product (('+' | '-') product)*
 *   product  := unary (('*' | '/') unary)*
 *   unary    := '-' unary | primary
 *   primary  := number | '#{' code '}' | '(' expr ')' | fn '(' expr (',' expr)* ')'
 *   fn       := min | max | if | round | abs
 *
 * Aliases accepted on input: '=' for '==', and the Unicode signs − × ÷ ≥ ≤ ≠. Keywords and function names
 * are case-insensitive. Limits: 2000 characters, 50 levels of nesting.
 */
export * from './ast';
export { tokenize, type Token, type TokenKind, type LexResult } from './lexer';
export { parseExpression } from './parser';
export { checkExpression, type CheckOptions, type CheckResult, type ExpressionType } from './check';
export { Rational } from './rational';
export { evaluateExpression, readValue, type EvaluationOutcome, type ExpressionValues } from './evaluate';
export { formatExpression, renderExpressionWithValues } from './render';
export { codesReferencedBy, referencedCodes } from './references';
