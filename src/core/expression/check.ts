import type { DataElement } from '../criteria/criteria.schemas';
import { column, expressionError, type ExpressionError, type Expr } from './ast';
import { parseExpression } from './parser';
import { codesReferencedBy } from './references';

export type ExpressionType = 'number' | 'boolean';

export type CheckOptions = {
  /** The data elements of the criteria set; references are resolved against their codes. */
  dataElements: readonly Pick<DataElement, 'code' | 'valueType'>[];
  /** What the expression must yield: a number (booleans count as 1/0) or a yes/no condition. */
  expect: ExpressionType;
};

export type CheckResult = { ok: true; ast: Expr; type: ExpressionType; references: string[] } | { ok: false; errors: ExpressionError[] };

const MAX_ROUND_DIGITS = 10;

/**
 * Parses, resolves every `#{code}` against the data elements and type-checks an expression.
 * Typing: integer/decimal/percentage elements are numbers; boolean elements are yes/no and also count as
 * 1/0 in arithmetic; text and date elements cannot be used. Conditions (`and`, `or`, `not`, the first
 * argument of `if`, `expect: 'boolean'`) must be yes/no: write `#{a} > 0`, not `#{a}`.
 * Returns every error found (a syntax error stops the check).
 */
export function checkExpression(source: string, options: CheckOptions): CheckResult {
  const parsed = parseExpression(source);
  if (!parsed.ok) return parsed;
  const ast = parsed.ast;
  const elements = new Map(options.dataElements.map((e) => [e.code, e.valueType] as const));
  const errors: ExpressionError[] = [];

  /** Infers a node's type; null when an error below it makes the type unknown. */
  const infer = (node: Expr): ExpressionType | null => {
    switch (node.type) {
      case 'number':
        return 'number';
      case 'ref': {
        const valueType = elements.get(node.code);
        if (valueType === undefined) {
          errors.push(
            expressionError(
              node.pos,
              `Chỉ tiêu dữ liệu '${node.code}' không tồn tại (vị trí ${column(node.pos)})`,
              `Data element '${node.code}' does not exist (position ${column(node.pos)})`,
            ),
          );
          return null;
        }
        if (valueType === 'text' || valueType === 'date') {
          const vi = valueType === 'text' ? 'văn bản' : 'ngày';
          errors.push(
            expressionError(
              node.pos,
              `Chỉ tiêu dữ liệu '${node.code}' có kiểu ${vi}, không dùng được trong phép tính (vị trí ${column(node.pos)})`,
              `Data element '${node.code}' is of type ${valueType} and cannot be used in calculations (position ${column(node.pos)})`,
            ),
          );
          return null;
        }
        return valueType === 'boolean' ? 'boolean' : 'number';
      }
      case 'unary': {
        const t = infer(node.operand);
        if (node.op === 'not') {
          requireCondition(node.operand, t, "Toán hạng của 'not'", "The operand of 'not'");
          return 'boolean';
        }
        return 'number';
      }
      case 'binary': {
        const l = infer(node.left);
        const r = infer(node.right);
        if (node.op === 'and' || node.op === 'or') {
          requireCondition(node.left, l, `Toán hạng của '${node.op}'`, `The operand of '${node.op}'`);
          requireCondition(node.right, r, `Toán hạng của '${node.op}'`, `The operand of '${node.op}'`);
          return 'boolean';
        }
        if (node.op === '+' || node.op === '-' || node.op === '*' || node.op === '/') return 'number';
        return 'boolean';
      }
      case 'call': {
        const types = node.args.map(infer);
        if (node.fn === 'if') {
          requireCondition(node.args[0]!, types[0] ?? null, "Đối số thứ nhất của 'if'", "The first argument of 'if'");
          return types[1] === 'boolean' && types[2] === 'boolean' ? 'boolean' : 'number';
        }
        if (node.fn === 'round' && node.args.length === 2) {
          const digits = node.args[1]!;
          if (digits.type !== 'number' || !/^\d+$/.test(digits.value) || Number(digits.value) > MAX_ROUND_DIGITS) {
            errors.push(
              expressionError(
                digits.pos,
                `Số chữ số của 'round' phải là số nguyên từ 0 đến ${MAX_ROUND_DIGITS} (vị trí ${column(digits.pos)})`,
                `The digits of 'round' must be a whole number from 0 to ${MAX_ROUND_DIGITS} (position ${column(digits.pos)})`,
              ),
            );
          }
        }
        return 'number';
      }
    }
  };

  const requireCondition = (node: Expr, t: ExpressionType | null, subjectVi: string, subjectEn: string): void => {
    if (t === 'number') {
      errors.push(
        expressionError(
          node.pos,
          `${subjectVi} phải là điều kiện đúng/sai, ví dụ #{ma} > 0 (vị trí ${column(node.pos)})`,
          `${subjectEn} must be a yes/no condition, e.g. #{code} > 0 (position ${column(node.pos)})`,
        ),
      );
    }
  };

  const type = infer(ast);
  if (options.expect === 'boolean' && type === 'number') {
    errors.push(
      expressionError(
        ast.pos,
        'Biểu thức phải cho kết quả đúng/sai, ví dụ #{ma} >= 1 hoặc một chỉ tiêu kiểu có/không',
        'The expression must yield yes/no, e.g. #{code} >= 1 or a yes/no data element',
      ),
    );
  }
  if (errors.length > 0 || type === null) return { ok: false, errors: errors.sort((a, b) => a.position - b.position) };
  return { ok: true, ast, type, references: codesReferencedBy(ast) };
}
