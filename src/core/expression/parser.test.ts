import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_DEPTH, type Expr } from './ast';
import { tokenize } from './lexer';
import { parseExpression } from './parser';
import { formatExpression } from './render';

function parseOk(source: string): Expr {
  const r = parseExpression(source);
  if (!r.ok) throw new Error(`expected ${source} to parse: ${r.errors[0]?.messageEn}`);
  return r.ast;
}

function firstError(source: string) {
  const r = parseExpression(source);
  if (r.ok) throw new Error(`expected ${source} to fail`);
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!;
}

/** Fully parenthesised form, to check structure. */
function shape(e: Expr): string {
  switch (e.type) {
    case 'number':
      return e.value;
    case 'ref':
      return e.code;
    case 'unary':
      return `(${e.op} ${shape(e.operand)})`;
    case 'binary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'call':
      return `${e.fn}(${e.args.map(shape).join(', ')})`;
  }
}

describe('tokenize', () => {
  it('produces numbers, references, identifiers, operators and positions', () => {
    const r = tokenize('#{records_online} / (#{records_total}-0.5) >= 90');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.tokens.map((t) => [t.kind, t.text, t.pos])).toEqual([
      ['ref', 'records_online', 0],
      ['op', '/', 18],
      ['(', '(', 20],
      ['ref', 'records_total', 21],
      ['op', '-', 37],
      ['number', '0.5', 38],
      [')', ')', 41],
      ['op', '>=', 43],
      ['number', '90', 46],
      ['eof', '', 48],
    ]);
  });
  it('normalises Unicode operators and single =', () => {
    const r = tokenize('1 − 2 × 3 ÷ 4 ≥ 5 ≤ 6 ≠ 7 = 8');
    expect(r.ok && r.tokens.filter((t) => t.kind === 'op').map((t) => t.text)).toEqual(['-', '*', '/', '>=', '<=', '!=', '==']);
  });
  it('allows spaces inside a reference', () => {
    const r = tokenize('#{ records_online }');
    expect(r.ok && r.tokens[0]).toEqual({ kind: 'ref', text: 'records_online', pos: 0 });
  });
  it.each([
    ['90 + $', 5, "Ký tự không hợp lệ '$' ở vị trí 6", "Invalid character '$' at position 6"],
    ['1 + 2.', 5, 'Số không hợp lệ ở vị trí 5: thiếu chữ số sau dấu chấm', undefined],
    ['1.2.3', 0, "Số không hợp lệ '1.2.3' ở vị trí 1", undefined],
    ['12abc', 0, "Số không hợp lệ '12abc' ở vị trí 1", undefined],
    ['.5', 0, 'Số không hợp lệ ở vị trí 1: cần chữ số trước dấu chấm (ví dụ 0.5)', undefined],
    ['# {a}', 0, "Sau '#' phải là '{' ở vị trí 2 (tham chiếu viết dạng #{ma_chi_tieu})", undefined],
    ['#{records_online', 16, "Thiếu dấu '}' ở vị trí 17 để đóng tham chiếu mở ở vị trí 1", undefined],
    ['1 + #{Records}', 4, "Mã chỉ tiêu dữ liệu 'Records' không hợp lệ ở vị trí 5: chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ", undefined],
    ['#{a} && #{b}', 5, "Dùng 'and' thay cho '&&' ở vị trí 6", undefined],
    ['#{a} || #{b}', 5, "Dùng 'or' thay cho '||' ở vị trí 6", undefined],
    ['!#{a}', 0, "Dùng 'not' thay cho '!' ở vị trí 1", undefined],
    ['1 + 2 😀', 6, "Ký tự không hợp lệ '😀' ở vị trí 7", undefined],
    ['1'.repeat(31), 0, 'Số quá dài ở vị trí 1 (tối đa 30 chữ số)', undefined],
  ])('%j → error at %i', (source, position, message, messageEn) => {
    const r = tokenize(source);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.position).toBe(position);
    expect(r.errors[0]!.message).toBe(message);
    if (messageEn) expect(r.errors[0]!.messageEn).toBe(messageEn);
    expect(r.errors[0]!.messageEn.length).toBeGreaterThan(0);
  });
});

describe('parseExpression: operators and precedence', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['1 - (2 - 3)', '(1 - (2 - 3))'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['-2 * 3', '((- 2) * 3)'],
    ['- -2', '(- (- 2))'],
    ['2 * -3', '(2 * (- 3))'],
    ['1 + 2 >= 3', '((1 + 2) >= 3)'],
    ['1 > 2', '(1 > 2)'],
    ['1 <= 2', '(1 <= 2)'],
    ['1 < 2', '(1 < 2)'],
    ['1 == 2', '(1 == 2)'],
    ['1 = 2', '(1 == 2)'],
    ['1 != 2', '(1 != 2)'],
    ['1 < 2 and 3 > 4 or 5 == 6', '(((1 < 2) and (3 > 4)) or (5 == 6))'],
    ['1 < 2 or 3 > 4 and 5 == 6', '((1 < 2) or ((3 > 4) and (5 == 6)))'],
    ['not 1 > 2', '(not (1 > 2))'],
    ['not 1 > 2 and 3 < 4', '((not (1 > 2)) and (3 < 4))'],
    ['not not #{a}', '(not (not a))'],
    ['NOT #{a} AND #{b} Or #{c}', '(((not a) and b) or c)'],
    ['min(1, 2, 3)', 'min(1, 2, 3)'],
    ['max(#{a}, #{b} * 2)', 'max(a, (b * 2))'],
    ['if(#{a} > 0, 1, 0)', 'if((a > 0), 1, 0)'],
    ['round(#{a} / 3, 2)', 'round((a / 3), 2)'],
    ['round(#{a})', 'round(a)'],
    ['abs(-1)', 'abs((- 1))'],
    ['MIN(1,2)', 'min(1, 2)'],
    ['#{records_online} / (#{records_total} - #{records_secret})', '(records_online / (records_total - records_secret))'],
    ['(1 < 2) < 3', '((1 < 2) < 3)'],
  ])('%s → %s', (source, expected) => {
    expect(shape(parseOk(source))).toBe(expected);
  });

  it('records node and operator positions', () => {
    const ast = parseOk('  #{a} + 12');
    expect(ast).toMatchObject({ type: 'binary', op: '+', pos: 2, opPos: 7, left: { type: 'ref', pos: 2 }, right: { type: 'number', pos: 9 } });
  });
});

describe('parseExpression: errors with positions', () => {
  it.each([
    ['', 0, 'Biểu thức trống'],
    ['   ', 0, 'Biểu thức trống'],
    ['(1 + 2', 6, "Thiếu dấu ')' ở vị trí 7 (mở ngoặc ở vị trí 1)"],
    ['((1 + 2) * 3', 12, "Thiếu dấu ')' ở vị trí 13 (mở ngoặc ở vị trí 1)"],
    ['1 + 2)', 5, "Thừa dấu ')' ở vị trí 6"],
    ['()', 1, "Thiếu biểu thức trước dấu ')' ở vị trí 2"],
    ['1 +', 3, 'Biểu thức chưa kết thúc: thiếu toán hạng ở vị trí 4'],
    ['* 2', 0, "Thiếu toán hạng trước '*' ở vị trí 1"],
    ['1 + * 2', 4, "Thiếu toán hạng trước '*' ở vị trí 5"],
    ['+1', 0, "Dấu '+' đứng đầu không được hỗ trợ ở vị trí 1"],
    ['and 1', 0, "Thiếu toán hạng trước 'and' ở vị trí 1"],
    ['1 2', 2, "Thiếu phép toán trước '2' ở vị trí 3"],
    ['#{a} #{b}', 5, "Thiếu phép toán trước '#{b}' ở vị trí 6"],
    ['0,5', 1, "Dấu ',' không đúng chỗ ở vị trí 2; số thập phân dùng dấu chấm (ví dụ 0.5)"],
    ['foo(1)', 0, "Hàm 'foo' không được hỗ trợ (ở vị trí 1); các hàm được dùng: min, max, if, round, abs"],
    ['sqrt(4)', 0, "Hàm 'sqrt' không được hỗ trợ (ở vị trí 1); các hàm được dùng: min, max, if, round, abs"],
    ['records_online + 1', 0, "Tên 'records_online' không hợp lệ ở vị trí 1; tham chiếu chỉ tiêu dữ liệu viết dạng #{ma_chi_tieu}"],
    ['min + 1', 4, "Thiếu dấu '(' sau tên hàm 'min' ở vị trí 5"],
    ['min(1 2)', 6, "Cần dấu ',' hoặc ')' ở vị trí 7, gặp '2'"],
    ['min(1, 2', 8, "Thiếu dấu ')' ở vị trí 9 (đóng hàm 'min' mở ở vị trí 4)"],
    ['if(#{a} > 0, 1)', 0, "Hàm 'if' cần đúng 3 đối số, nhận được 2 (vị trí 1)"],
    ['abs(1, 2)', 0, "Hàm 'abs' cần đúng 1 đối số, nhận được 2 (vị trí 1)"],
    ['round()', 0, "Hàm 'round' cần 1 đến 2 đối số, nhận được 0 (vị trí 1)"],
    ['1 + min()', 4, "Hàm 'min' cần ít nhất 1 đối số, nhận được 0 (vị trí 5)"],
    ['1 < 2 < 3', 6, "Không thể so sánh nối tiếp ở vị trí 7; hãy dùng 'and' (ví dụ a >= 1 and a <= 5)"],
    ['#{a} == #{b} != 1', 13, "Không thể so sánh nối tiếp ở vị trí 14; hãy dùng 'and' (ví dụ a >= 1 and a <= 5)"],
  ])('%j → position %i', (source, position, message) => {
    const e = firstError(source);
    expect(e.message).toBe(message);
    expect(e.position).toBe(position);
    expect(e.messageEn).toMatch(/\S/);
  });

  it('has English messages too', () => {
    expect(firstError('(1 + 2').messageEn).toBe("Missing ')' at position 7 (opened at position 1)");
    expect(firstError('foo(1)').messageEn).toContain("Function 'foo' is not supported");
    expect(firstError('if(1)').messageEn).toBe("Function 'if' takes exactly 3 argument(s), got 1 (position 1)");
  });

  it('limits length to 2000 characters', () => {
    const long = '1' + ' + 1'.repeat(500); // 2001 characters
    expect(long.length).toBe(2001);
    const e = firstError(long);
    expect(e.position).toBe(2000);
    expect(e.message).toBe('Biểu thức quá dài: 2001 ký tự (tối đa 2000)');
    expect(parseExpression(long.slice(0, 1997)).ok).toBe(true);
  });

  it(`limits nesting to ${MAX_EXPRESSION_DEPTH} levels`, () => {
    const nested = (n: number) => '('.repeat(n) + '1' + ')'.repeat(n);
    expect(parseExpression(nested(MAX_EXPRESSION_DEPTH)).ok).toBe(true);
    const e = firstError(nested(MAX_EXPRESSION_DEPTH + 1));
    expect(e.position).toBe(MAX_EXPRESSION_DEPTH);
    expect(e.message).toBe('Biểu thức lồng nhau quá sâu ở vị trí 51 (tối đa 50 cấp)');
    expect(firstError('-'.repeat(60) + '1').message).toContain('lồng nhau quá sâu');
    expect(firstError('abs('.repeat(60) + '1' + ')'.repeat(60)).message).toContain('lồng nhau quá sâu');
    expect(firstError('not '.repeat(60) + '#{a}').message).toContain('lồng nhau quá sâu');
  });

  it('a long flat sum is not a nesting problem', () => {
    const sum = Array.from({ length: 200 }, (_, i) => `#{e${i}}`).join(' + ');
    expect(parseExpression(sum).ok).toBe(true);
  });
});

describe('formatExpression', () => {
  it.each([
    ['#{records_online}/(#{records_total}-#{records_secret})', '#{records_online} / (#{records_total} - #{records_secret})'],
    ['1-(2-3)', '1 - (2 - 3)'],
    ['(1-2)-3', '1 - 2 - 3'],
    ['-(1+2)', '-(1 + 2)'],
    ['(not #{a}) == #{b}', '(not #{a}) == #{b}'],
    ['not (#{a} and #{b})', 'not (#{a} and #{b})'],
    ['(1 < 2) < 3', '(1 < 2) < 3'],
    ['1 < (2 < 3)', '1 < (2 < 3)'],
    ['if(#{a}>=1,min(1,2),0)', 'if(#{a} >= 1, min(1, 2), 0)'],
    ['1 + (not #{a})', '1 + (not #{a})'],
    ['3 ≥ 1 − 2 × 4', '3 >= 1 - 2 * 4'],
  ])('%s → %s', (source, canonical) => {
    expect(formatExpression(parseOk(source))).toBe(canonical);
  });
});
