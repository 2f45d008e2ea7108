import {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  NEGATE_OPERAND_PRECEDENCE,
  NOT_OPERAND_PRECEDENCE,
  binaryPrecedence,
  column,
  expressionError,
  functionArity,
  functionNames,
  isComparisonOp,
  isFunctionName,
  type BinaryOp,
  type ExpressionError,
  type Expr,
  type ParseResult,
} from './ast';
import { tokenize, type Token } from './lexer';

/** Thrown inside the parser only, turned into an error value by `parseExpression`. */
class ParseFailure extends Error {
  constructor(readonly error: ExpressionError) {
    super(error.messageEn);
  }
}

function describeToken(t: Token): { vi: string; en: string } {
  switch (t.kind) {
    case 'eof':
      return { vi: 'cuối biểu thức', en: 'end of expression' };
    case 'ref':
      return { vi: `'#{${t.text}}'`, en: `'#{${t.text}}'` };
    default:
      return { vi: `'${t.text}'`, en: `'${t.text}'` };
  }
}

/**
 * Parses an expression into an AST (hand-written Pratt parser; no eval).
 * Reports the first syntax error with its 0-based position.
 */
export function parseExpression(source: string): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      errors: [
        expressionError(
          MAX_EXPRESSION_LENGTH,
          `Biểu thức quá dài: ${source.length} ký tự (tối đa ${MAX_EXPRESSION_LENGTH})`,
          `Expression too long: ${source.length} characters (at most ${MAX_EXPRESSION_LENGTH})`,
        ),
      ],
    };
  }
  const lexed = tokenize(source);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  if (tokens.length === 1) {
    return { ok: false, errors: [expressionError(0, 'Biểu thức trống', 'The expression is empty')] };
  }
  let index = 0;
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  const fail = (position: number, message: string, messageEn: string): never => {
    throw new ParseFailure(expressionError(position, message, messageEn));
  };

  const enter = (depth: number, pos: number): number => {
    if (depth + 1 > MAX_EXPRESSION_DEPTH) {
      fail(
        pos,
        `Biểu thức lồng nhau quá sâu ở vị trí ${column(pos)} (tối đa ${MAX_EXPRESSION_DEPTH} cấp)`,
        `Expression nested too deeply at position ${column(pos)} (at most ${MAX_EXPRESSION_DEPTH} levels)`,
      );
    }
    return depth + 1;
  };

  /** The binary operator a token stands for, if any. */
  const infixOp = (t: Token): BinaryOp | null => {
    if (t.kind === 'op') return t.text as BinaryOp;
    if (t.kind === 'ident') {
      const word = t.text.toLowerCase();
      if (word === 'and' || word === 'or') return word;
    }
    return null;
  };

  const parseBinary = (minPrecedence: number, depth: number): Expr => {
    let left = parsePrefix(depth);
    let leftIsBareComparison = false;
    for (;;) {
      const t = peek();
      const op = infixOp(t);
      if (!op) break;
      const precedence = binaryPrecedence(op);
      if (precedence <= minPrecedence) break;
      if (isComparisonOp(op) && leftIsBareComparison) {
        fail(
          t.pos,
          `Không thể so sánh nối tiếp ở vị trí ${column(t.pos)}; hãy dùng 'and' (ví dụ a >= 1 and a <= 5)`,
          `Comparisons cannot be chained at position ${column(t.pos)}; use 'and' (e.g. a >= 1 and a <= 5)`,
        );
      }
      next();
      const right = parseBinary(precedence, depth);
      left = { type: 'binary', op, left, right, pos: left.pos, opPos: t.pos };
      leftIsBareComparison = isComparisonOp(op);
    }
    return left;
  };

  const parsePrefix = (depth: number): Expr => {
    const t = next();
    switch (t.kind) {
      case 'number':
        return { type: 'number', value: t.text, pos: t.pos };
      case 'ref':
        return { type: 'ref', code: t.text, pos: t.pos };
      case '(': {
        const inner = parseBinary(0, enter(depth, t.pos));
        const close = peek();
        if (close.kind !== ')') {
          if (close.kind === 'eof') {
            fail(
              close.pos,
              `Thiếu dấu ')' ở vị trí ${column(close.pos)} (mở ngoặc ở vị trí ${column(t.pos)})`,
              `Missing ')' at position ${column(close.pos)} (opened at position ${column(t.pos)})`,
            );
          }
          unexpectedAfterOperand(close);
        }
        next();
        return inner;
      }
      case 'op':
        if (t.text === '-') {
          const operand = parseBinary(NEGATE_OPERAND_PRECEDENCE, enter(depth, t.pos));
          return { type: 'unary', op: '-', operand, pos: t.pos };
        }
        if (t.text === '+') {
          return fail(t.pos, `Dấu '+' đứng đầu không được hỗ trợ ở vị trí ${column(t.pos)}`, `A leading '+' is not supported at position ${column(t.pos)}`);
        }
        return fail(t.pos, `Thiếu toán hạng trước '${t.text}' ở vị trí ${column(t.pos)}`, `Missing operand before '${t.text}' at position ${column(t.pos)}`);
      case 'ident':
        return parseIdentifier(t, depth);
      case ')':
        return fail(t.pos, `Thiếu biểu thức trước dấu ')' ở vị trí ${column(t.pos)}`, `Missing expression before ')' at position ${column(t.pos)}`);
      case ',':
        return fail(
          t.pos,
          `Dấu ',' không đúng chỗ ở vị trí ${column(t.pos)}; số thập phân dùng dấu chấm (ví dụ 0.5)`,
          `Unexpected ',' at position ${column(t.pos)}; decimals use a point (e.g. 0.5)`,
        );
      case 'eof':
        return fail(t.pos, `Biểu thức chưa kết thúc: thiếu toán hạng ở vị trí ${column(t.pos)}`, `Incomplete expression: operand missing at position ${column(t.pos)}`);
    }
  };

  const parseIdentifier = (t: Token, depth: number): Expr => {
    const word = t.text.toLowerCase();
    if (word === 'not') {
      const operand = parseBinary(NOT_OPERAND_PRECEDENCE, enter(depth, t.pos));
      return { type: 'unary', op: 'not', operand, pos: t.pos };
    }
    if (word === 'and' || word === 'or') {
      return fail(t.pos, `Thiếu toán hạng trước '${t.text}' ở vị trí ${column(t.pos)}`, `Missing operand before '${t.text}' at position ${column(t.pos)}`);
    }
    const open = peek();
    if (open.kind !== '(') {
      if (isFunctionName(word)) {
        return fail(open.pos, `Thiếu dấu '(' sau tên hàm '${t.text}' ở vị trí ${column(open.pos)}`, `Missing '(' after function '${t.text}' at position ${column(open.pos)}`);
      }
      return fail(
        t.pos,
        `Tên '${t.text}' không hợp lệ ở vị trí ${column(t.pos)}; tham chiếu chỉ tiêu dữ liệu viết dạng #{ma_chi_tieu}`,
        `Unknown name '${t.text}' at position ${column(t.pos)}; data elements are referenced as #{element_code}`,
      );
    }
    if (!isFunctionName(word)) {
      return fail(
        t.pos,
        `Hàm '${t.text}' không được hỗ trợ (ở vị trí ${column(t.pos)}); các hàm được dùng: ${functionNames.join(', ')}`,
        `Function '${t.text}' is not supported (at position ${column(t.pos)}); available functions: ${functionNames.join(', ')}`,
      );
    }
    next(); // '('
    const innerDepth = enter(depth, open.pos);
    const args: Expr[] = [];
    if (peek().kind === ')') {
      next();
    } else {
      for (;;) {
        args.push(parseBinary(0, innerDepth));
        const sep = peek();
        if (sep.kind === ',') {
          next();
          continue;
        }
        if (sep.kind === ')') {
          next();
          break;
        }
        if (sep.kind === 'eof') {
          fail(
            sep.pos,
            `Thiếu dấu ')' ở vị trí ${column(sep.pos)} (đóng hàm '${t.text}' mở ở vị trí ${column(open.pos)})`,
            `Missing ')' at position ${column(sep.pos)} (closing function '${t.text}' opened at position ${column(open.pos)})`,
          );
        }
        fail(
          sep.pos,
          `Cần dấu ',' hoặc ')' ở vị trí ${column(sep.pos)}, gặp ${describeToken(sep).vi}`,
          `Expected ',' or ')' at position ${column(sep.pos)}, found ${describeToken(sep).en}`,
        );
      }
    }
    const [minArgs, maxArgs] = functionArity[word];
    if (args.length < minArgs || args.length > maxArgs) {
      const expectedVi = minArgs === maxArgs ? `đúng ${minArgs}` : maxArgs > 10 ? `ít nhất ${minArgs}` : `${minArgs} đến ${maxArgs}`;
      const expectedEn = minArgs === maxArgs ? `exactly ${minArgs}` : maxArgs > 10 ? `at least ${minArgs}` : `${minArgs} to ${maxArgs}`;
      fail(
        t.pos,
        `Hàm '${word}' cần ${expectedVi} đối số, nhận được ${args.length} (vị trí ${column(t.pos)})`,
        `Function '${word}' takes ${expectedEn} argument(s), got ${args.length} (position ${column(t.pos)})`,
      );
    }
    return { type: 'call', fn: word, args, pos: t.pos };
  };

  const unexpectedAfterOperand = (t: Token): never => {
    if (t.kind === ')') {
      return fail(t.pos, `Thừa dấu ')' ở vị trí ${column(t.pos)}`, `Unmatched ')' at position ${column(t.pos)}`);
    }
    if (t.kind === ',') {
      return fail(
        t.pos,
        `Dấu ',' không đúng chỗ ở vị trí ${column(t.pos)}; số thập phân dùng dấu chấm (ví dụ 0.5)`,
        `Unexpected ',' at position ${column(t.pos)}; decimals use a point (e.g. 0.5)`,
      );
    }
    const d = describeToken(t);
    return fail(t.pos, `Thiếu phép toán trước ${d.vi} ở vị trí ${column(t.pos)}`, `Missing operator before ${d.en} at position ${column(t.pos)}`);
  };

  try {
    const ast = parseBinary(0, 0);
    const last = peek();
    if (last.kind !== 'eof') unexpectedAfterOperand(last);
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, errors: [e.error] };
    throw e;
  }
}
