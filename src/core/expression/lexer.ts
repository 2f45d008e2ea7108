import { column, expressionError, type ExpressionError } from './ast';

export type TokenKind = 'number' | 'ref' | 'ident' | 'op' | '(' | ')' | ',' | 'eof';

/**
 * A token. `text` is the number as written, the referenced code, the identifier, or the operator in its
 * canonical ASCII form (Unicode aliases such as "≥", "−", "×" are normalised).
 */
export type Token = { kind: TokenKind; text: string; pos: number };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; errors: ExpressionError[] };

const CODE_RE = /^[a-z][a-z0-9_]{0,62}$/;
const MAX_NUMBER_LENGTH = 30;

/** Unicode operators people paste from word processors, mapped to the canonical ones. */
const OPERATOR_ALIASES: Record<string, string> = {
  '\u2212': '-', // − minus sign
  '\u00d7': '*', // ×
  '\u00f7': '/', // ÷
  '\u2265': '>=', // ≥
  '\u2264': '<=', // ≤
  '\u2260': '!=', // ≠
};

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isIdentStart(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}_]/u.test(ch);
}

function isIdentPart(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0';
}

/** Splits an expression into tokens; stops at the first invalid character. */
export function tokenize(source: string): LexResult {
  const tokens: Token[] = [];
  const fail = (position: number, message: string, messageEn: string): LexResult => ({
    ok: false,
    errors: [expressionError(position, message, messageEn)],
  });
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(ch)) {
      while (isDigit(source[i])) i++;
      if (source[i] === '.') {
        if (!isDigit(source[i + 1])) {
          return fail(
            i,
            `Số không hợp lệ ở vị trí ${column(start)}: thiếu chữ số sau dấu chấm`,
            `Invalid number at position ${column(start)}: a digit must follow the decimal point`,
          );
        }
        i++;
        while (isDigit(source[i])) i++;
      }
      const next = source[i];
      if (next === '.' || isIdentPart(next)) {
        let end = i;
        while (end < source.length && (source[end] === '.' || isIdentPart(source[end]))) end++;
        const text = source.slice(start, end);
        return fail(start, `Số không hợp lệ '${text}' ở vị trí ${column(start)}`, `Invalid number '${text}' at position ${column(start)}`);
      }
      const text = source.slice(start, i);
      if (text.length > MAX_NUMBER_LENGTH) {
        return fail(
          start,
          `Số quá dài ở vị trí ${column(start)} (tối đa ${MAX_NUMBER_LENGTH} chữ số)`,
          `Number too long at position ${column(start)} (at most ${MAX_NUMBER_LENGTH} digits)`,
        );
      }
      tokens.push({ kind: 'number', text, pos: start });
      continue;
    }
    if (ch === '.' && isDigit(source[i + 1])) {
      return fail(
        i,
        `Số không hợp lệ ở vị trí ${column(i)}: cần chữ số trước dấu chấm (ví dụ 0.5)`,
        `Invalid number at position ${column(i)}: a digit must precede the decimal point (e.g. 0.5)`,
      );
    }
    if (ch === '#') {
      if (source[i + 1] !== '{') {
        return fail(
          i,
          `Sau '#' phải là '{' ở vị trí ${column(i + 1)} (tham chiếu viết dạng #{ma_chi_tieu})`,
          `'#' must be followed by '{' at position ${column(i + 1)} (references are written #{element_code})`,
        );
      }
      const close = source.indexOf('}', i + 2);
      if (close < 0) {
        return fail(
          source.length,
          `Thiếu dấu '}' ở vị trí ${column(source.length)} để đóng tham chiếu mở ở vị trí ${column(i)}`,
          `Missing '}' at position ${column(source.length)} to close the reference opened at position ${column(i)}`,
        );
      }
      const code = source.slice(i + 2, close).trim();
      if (!CODE_RE.test(code)) {
        return fail(
          i,
          `Mã chỉ tiêu dữ liệu '${code}' không hợp lệ ở vị trí ${column(i)}: chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ`,
          `Invalid data element code '${code}' at position ${column(i)}: lower-case letters, digits and underscores, starting with a letter`,
        );
      }
      tokens.push({ kind: 'ref', text: code, pos: start });
      i = close + 1;
      continue;
    }
    if (isIdentStart(ch)) {
      while (isIdentPart(source[i])) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), pos: start });
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, pos: start });
      i++;
      continue;
    }
    const alias = OPERATOR_ALIASES[ch];
    if (alias) {
      tokens.push({ kind: 'op', text: alias, pos: start });
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '>=' || two === '<=' || two === '==' || two === '!=') {
      tokens.push({ kind: 'op', text: two, pos: start });
      i += 2;
      continue;
    }
    if (two === '&&' || two === '||') {
      const word = two === '&&' ? 'and' : 'or';
      return fail(i, `Dùng '${word}' thay cho '${two}' ở vị trí ${column(i)}`, `Use '${word}' instead of '${two}' at position ${column(i)}`);
    }
    if (ch === '+' || ch === '-' || ch === '*' || ch === '/' || ch === '>' || ch === '<') {
      tokens.push({ kind: 'op', text: ch, pos: start });
      i++;
      continue;
    }
    if (ch === '=') {
      // A single '=' is what most people write for equality; it means the same as '=='.
      tokens.push({ kind: 'op', text: '==', pos: start });
      i++;
      continue;
    }
    if (ch === '!') {
      return fail(i, `Dùng 'not' thay cho '!' ở vị trí ${column(i)}`, `Use 'not' instead of '!' at position ${column(i)}`);
    }
    const cp = source.codePointAt(i)!;
    const shown = String.fromCodePoint(cp);
    return fail(i, `Ký tự không hợp lệ '${shown}' ở vị trí ${column(i)}`, `Invalid character '${shown}' at position ${column(i)}`);
  }
  tokens.push({ kind: 'eof', text: '', pos: source.length });
  return { ok: true, tokens };
}
