import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../decimal';
import type { DataElement } from '../criteria/criteria.schemas';
import { checkExpression } from './check';
import { evaluateExpression, readValue, type EvaluationOutcome, type ExpressionValues } from './evaluate';
import { parseExpression } from './parser';
import { renderExpressionWithValues } from './render';

function evaluate(source: string, values: ExpressionValues = {}): EvaluationOutcome {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.messageEn);
  return evaluateExpression(parsed.ast, values);
}

function valueOf(source: string, values: ExpressionValues = {}): string {
  const o = evaluate(source, values);
  if (o.kind !== 'value') throw new Error(`${source}: ${JSON.stringify(o)}`);
  return toDecimalString(o.value);
}

describe('evaluateExpression: arithmetic', () => {
  it.each([
    ['1 + 2', '3'],
    ['5 - 7', '-2'],
    ['6 * 7', '42'],
    ['7 / 2', '3.5'],
    ['-3 + 1', '-2'],
    ['- -3', '3'],
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['10 - 4 - 3', '3'],
    ['2 * 3 / 4', '1.5'],
    ['0.1 + 0.2', '0.3'],
    ['0.1 + 0.2 == 0.3', '1'],
    ['1 / 3 * 3', '1'],
    ['2 / 3 * 3 == 2', '1'],
    ['1 / 7 * 700', '100'],
    ['2 / 3', '0.6666666666666666666666666666666666666667'],
    ['min(3, 1, 2)', '1'],
    ['max(3, 1, 2)', '3'],
    ['min(5)', '5'],
    ['abs(-2.5)', '2.5'],
    ['round(2.345, 2)', '2.35'],
    ['round(66.665, 2)', '66.67'],
    ['round(2.5)', '3'],
    ['round(-2.5)', '-3'],
    ['if(1 > 0, 10, 20)', '10'],
    ['if(1 < 0, 10, 20)', '20'],
    ['123456789012345 * 1000000000000000', '123456789012345000000000000000'],
  ])('%s = %s', (source, expected) => {
    expect(valueOf(source)).toBe(expected);
  });
});

describe('evaluateExpression: comparisons and logic yield 1/0', () => {
  it.each([
    ['2 >= 2', '1'],
    ['2 >= 3', '0'],
    ['3 > 2', '1'],
    ['2 > 2', '0'],
    ['2 <= 2', '1'],
    ['3 <= 2', '0'],
    ['1 < 2', '1'],
    ['2 < 2', '0'],
    ['2 == 2.00', '1'],
    ['2 == 3', '0'],
    ['2 != 3', '1'],
    ['2 != 2', '0'],
    ['1 > 0 and 2 > 0', '1'],
    ['1 > 0 and 2 < 0', '0'],
    ['1 < 0 or 2 > 0', '1'],
    ['1 < 0 or 2 < 0', '0'],
    ['not 1 > 0', '0'],
    ['not 1 < 0', '1'],
    ['(1 > 0) + (2 > 0) + (3 < 0)', '2'],
    ['59.99 >= 60', '0'],
    ['60.00 >= 60', '1'],
  ])('%s = %s', (source, expected) => {
    expect(valueOf(source)).toBe(expected);
  });
});

describe('evaluateExpression: data values', () => {
  const secretExcluded = '#{records_online} / (#{records_total} - #{records_secret}) * 100';

  it("computes the plan's ratio with secret records excluded", () => {
    expect(valueOf(secretExcluded, { records_online: '950', records_total: '1000', records_secret: '50' })).toBe('100');
    expect(valueOf(secretExcluded, { records_online: '855', records_total: '1000', records_secret: '50' })).toBe('90');
    expect(valueOf(secretExcluded, { records_online: '1', records_total: '3', records_secret: '0' })).toBe('33.33333333333333333333333333333333333333');
  });

  it('division by zero is not applicable, never Infinity or NaN', () => {
    expect(evaluate(secretExcluded, { records_online: '0', records_total: '50', records_secret: '50' })).toEqual({
      kind: 'not_applicable',
      reason: 'division_by_zero',
    });
    expect(evaluate('1 / 0')).toEqual({ kind: 'not_applicable', reason: 'division_by_zero' });
    expect(evaluate('0 / 0')).toEqual({ kind: 'not_applicable', reason: 'division_by_zero' });
    expect(evaluate('min(1, 1 / (2 - 2))')).toEqual({ kind: 'not_applicable', reason: 'division_by_zero' });
  });

  it('missing values report every missing code once', () => {
    expect(evaluate(secretExcluded, { records_online: '10' })).toEqual({ kind: 'missing', codes: ['records_total', 'records_secret'] });
    expect(evaluate('#{a} + #{a} * #{b}', { b: null })).toEqual({ kind: 'missing', codes: ['a', 'b'] });
    expect(evaluate('#{a}', { a: '' })).toEqual({ kind: 'missing', codes: ['a'] });
    expect(evaluate('#{a}', { a: 'not a number' })).toEqual({ kind: 'missing', codes: ['a'] });
    expect(evaluate('#{constructor}', {})).toEqual({ kind: 'missing', codes: ['constructor'] });
  });

  it('missing data wins over division by zero (the data can still come)', () => {
    expect(evaluate('#{a} + 1 / 0', {})).toEqual({ kind: 'missing', codes: ['a'] });
  });

  it('reads yes/no values as 1/0', () => {
    expect(valueOf('#{x} + #{y}', { x: true, y: false })).toBe('1');
    expect(valueOf('#{x} + #{y}', { x: 'true', y: 'false' })).toBe('1');
    expect(valueOf('#{x} and #{y}', { x: true, y: '1' })).toBe('1');
    expect(readValue(' 12.5 ')?.toFixed()).toBe('12.5');
    expect(readValue(undefined)).toBeNull();
  });

  it('if evaluates only the chosen branch', () => {
    expect(valueOf('if(#{has} , #{count}, 0)', { has: false })).toBe('0');
    expect(evaluate('if(#{has}, #{count}, 0)', { has: true })).toEqual({ kind: 'missing', codes: ['count'] });
    expect(evaluate('if(#{has}, 1, 0)', {})).toEqual({ kind: 'missing', codes: ['has'] });
    expect(valueOf('if(#{d} > 0, #{n} / #{d}, 0)', { n: '5', d: '0' })).toBe('0');
  });

  it('and/or use three-valued logic', () => {
    expect(valueOf('#{a} and #{b}', { a: false })).toBe('0');
    expect(valueOf('#{a} and #{b}', { b: false })).toBe('0');
    expect(evaluate('#{a} and #{b}', { a: true })).toEqual({ kind: 'missing', codes: ['b'] });
    expect(valueOf('#{a} or #{b}', { b: true })).toBe('1');
    expect(evaluate('#{a} or #{b}', { a: false })).toEqual({ kind: 'missing', codes: ['b'] });
    expect(evaluate('#{a} or #{b}', {})).toEqual({ kind: 'missing', codes: ['a', 'b'] });
    expect(valueOf('1 / 0 > 1 or 1 > 0')).toBe('1');
    expect(evaluate('1 / 0 > 1 and 1 > 0')).toEqual({ kind: 'not_applicable', reason: 'division_by_zero' });
  });

  it('evaluates checked ASTs from checkExpression', () => {
    const dataElements: Pick<DataElement, 'code' | 'valueType'>[] = [{ code: 'n', valueType: 'integer' }];
    const r = checkExpression('#{n} * 2', { dataElements, expect: 'number' });
    expect(r.ok && evaluateExpression(r.ast, { n: '21' })).toMatchObject({ kind: 'value' });
  });
});

describe('renderExpressionWithValues', () => {
  const render = (source: string, values: ExpressionValues, locale: 'vi' | 'en' = 'vi', booleans: string[] = []) => {
    const parsed = parseExpression(source);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.messageEn);
    return renderExpressionWithValues(parsed.ast, values, locale, new Set(booleans));
  };
  const values = { records_online: '950', records_total: '1000', records_secret: '50' };

  it('substitutes values in the formula', () => {
    expect(render('#{records_online} / (#{records_total} - #{records_secret})', values)).toBe('950 / (1000 − 50)');
    expect(render('#{records_online} / (#{records_total} - #{records_secret})', values, 'en')).toBe('950 / (1000 − 50)');
  });
  it('uses the locale decimal separator and readable operators', () => {
    expect(render('#{a} * 0.5 >= 2.25', { a: '4.5' })).toBe('4,5 × 0,5 ≥ 2,25');
    expect(render('#{a} * 0.5 >= 2.25', { a: '4.5' }, 'en')).toBe('4.5 × 0.5 ≥ 2.25');
    expect(render('#{a} != 1 and not #{b} or #{c} == 2', { a: '1', b: true, c: '2' })).toBe('1 ≠ 1 và không phải Có hoặc 2 = 2');
    expect(render('#{a} != 1 and not #{b} or #{c} == 2', { a: '1', b: true, c: '2' }, 'en')).toBe('1 ≠ 1 and not yes or 2 = 2');
  });
  it('separates Vietnamese function arguments with semicolons', () => {
    expect(render('round(#{a}, 2) + if(#{b}, 1, 0)', { a: '2.5', b: false })).toBe('round(2,5; 2) + nếu(Không; 1; 0)');
    expect(render('round(#{a}, 2) + if(#{b}, 1, 0)', { a: '2.5', b: false }, 'en')).toBe('round(2.5, 2) + if(no, 1, 0)');
  });
  it('shows missing values as ?, negatives in parentheses, yes/no elements stored as 1/0', () => {
    expect(render('#{a} - #{b}', { a: '10' })).toBe('10 − ?');
    expect(render('#{a} - #{b}', { a: '10', b: '-5' })).toBe('10 − (−5)');
    expect(render('#{flag}', { flag: '1' }, 'vi', ['flag'])).toBe('Có');
  });
});
