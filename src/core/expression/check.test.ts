import { describe, expect, it } from 'vitest';
import type { DataElement } from '../criteria/criteria.schemas';
import { checkExpression } from './check';

const dataElements: Pick<DataElement, 'code' | 'valueType'>[] = [
  { code: 'records_online', valueType: 'integer' },
  { code: 'records_total', valueType: 'integer' },
  { code: 'records_secret', valueType: 'integer' },
  { code: 'rate', valueType: 'percentage' },
  { code: 'budget', valueType: 'decimal' },
  { code: 'lgsp_connected', valueType: 'boolean' },
  { code: 'note', valueType: 'text' },
  { code: 'launched_on', valueType: 'date' },
];

const check = (source: string, expect: 'number' | 'boolean' = 'number') => checkExpression(source, { dataElements, expect });

describe('checkExpression', () => {
  it('resolves references and lists them once, in order', () => {
    const r = check('#{records_online} / (#{records_total} - #{records_secret}) + #{records_online} * 0');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.type).toBe('number');
    expect(r.references).toEqual(['records_online', 'records_total', 'records_secret']);
  });

  it('reports every unknown reference with its position', () => {
    const r = check('#{abc} + #{records_total} * #{xyz}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { position: 0, message: "Chỉ tiêu dữ liệu 'abc' không tồn tại (vị trí 1)", messageEn: "Data element 'abc' does not exist (position 1)" },
      { position: 28, message: "Chỉ tiêu dữ liệu 'xyz' không tồn tại (vị trí 29)", messageEn: "Data element 'xyz' does not exist (position 29)" },
    ]);
  });

  it('returns the syntax error when parsing fails', () => {
    const r = check('1 + $');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ position: 4, message: "Ký tự không hợp lệ '$' ở vị trí 5" });
  });

  it('rejects text and date elements anywhere', () => {
    const r = check('#{note} + 1 + #{launched_on}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.position, e.message])).toEqual([
      [0, "Chỉ tiêu dữ liệu 'note' có kiểu văn bản, không dùng được trong phép tính (vị trí 1)"],
      [14, "Chỉ tiêu dữ liệu 'launched_on' có kiểu ngày, không dùng được trong phép tính (vị trí 15)"],
    ]);
    expect(check('#{note} == 1', 'boolean').ok).toBe(false);
  });

  it('treats boolean elements as conditions and as 1/0 in arithmetic', () => {
    expect(check('#{lgsp_connected}', 'boolean')).toMatchObject({ ok: true, type: 'boolean' });
    expect(check('#{lgsp_connected} + 1')).toMatchObject({ ok: true, type: 'number' });
    expect(check('#{lgsp_connected}')).toMatchObject({ ok: true, type: 'boolean' });
    expect(check('not #{lgsp_connected} or #{rate} >= 50', 'boolean')).toMatchObject({ ok: true, type: 'boolean' });
    expect(check('(#{rate} > 1) + (#{budget} > 1)')).toMatchObject({ ok: true, type: 'number' });
  });

  it('requires yes/no operands for and, or, not and the condition of if', () => {
    const r = check('#{rate} and #{lgsp_connected} or not #{budget}', 'boolean');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.position)).toEqual([0, 37]);
    expect(r.errors[0]!.message).toBe("Toán hạng của 'and' phải là điều kiện đúng/sai, ví dụ #{ma} > 0 (vị trí 1)");
    expect(r.errors[1]!.message).toContain("Toán hạng của 'not'");
    const cond = check('if(#{rate}, 1, 0)');
    expect(cond.ok).toBe(false);
    if (!cond.ok) expect(cond.errors[0]).toMatchObject({ position: 3, messageEn: "The first argument of 'if' must be a yes/no condition, e.g. #{code} > 0 (position 4)" });
  });

  it('checks the expected result type', () => {
    const r = check('#{records_online}', 'boolean');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toBe('Biểu thức phải cho kết quả đúng/sai, ví dụ #{ma} >= 1 hoặc một chỉ tiêu kiểu có/không');
    expect(check('#{records_online} >= 1', 'boolean').ok).toBe(true);
    expect(check('if(#{rate} > 1, #{lgsp_connected}, #{rate} > 5)', 'boolean')).toMatchObject({ ok: true, type: 'boolean' });
    expect(check('if(#{rate} > 1, #{lgsp_connected}, 0)', 'boolean').ok).toBe(false);
    expect(check('min(#{lgsp_connected}, 1)', 'number')).toMatchObject({ ok: true, type: 'number' });
  });

  it('requires round digits to be a whole literal from 0 to 10', () => {
    expect(check('round(#{rate}, 2)').ok).toBe(true);
    expect(check('round(#{rate})').ok).toBe(true);
    for (const bad of ['round(#{rate}, 1.5)', 'round(#{rate}, 11)', 'round(#{rate}, #{budget})', 'round(#{rate}, -1)']) {
      const r = check(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.errors[0]!.message).toContain("Số chữ số của 'round'");
    }
  });

  it('collects type and reference errors together, sorted by position', () => {
    const r = check('#{nope} > 1 and #{rate} or #{note} > 1', 'boolean');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.position)).toEqual([0, 16, 27]);
  });
});
