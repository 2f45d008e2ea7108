import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../decimal';
import { comparisonOps, functionArity, type BinaryOp, type Expr, type FunctionName } from './ast';
import { checkExpression } from './check';
import { evaluateExpression, type ExpressionValues } from './evaluate';
import { parseExpression } from './parser';
import { Rational } from './rational';
import { formatExpression, renderExpressionWithValues } from './render';

const codes = ['a', 'b', 'c', 'records_total'] as const;
const binaryOps: BinaryOp[] = ['+', '-', '*', '/', ...comparisonOps, 'and', 'or'];

const numberLiteral = fc
  .tuple(fc.nat({ max: 100000 }), fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }))
  .map(([i, frac]) => (frac === undefined ? String(i) : `${i}.${frac}`));

/** Random well-formed ASTs (positions are not meaningful and are ignored in comparisons). */
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberLiteral.map((value): Expr => ({ type: 'number', value, pos: 0 })),
    fc.constantFrom(...codes).map((code): Expr => ({ type: 'ref', code, pos: 0 })),
    fc.tuple(fc.constantFrom('-' as const, 'not' as const), tie('expr')).map(([op, operand]): Expr => ({ type: 'unary', op, operand, pos: 0 })),
    fc.tuple(fc.constantFrom(...binaryOps), tie('expr'), tie('expr')).map(([op, left, right]): Expr => ({ type: 'binary', op, left, right, pos: 0, opPos: 0 })),
    fc.tuple(fc.constantFrom<FunctionName>('min', 'max', 'if', 'abs'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([fn, args]): Expr => {
      const [min, max] = functionArity[fn];
      const fixed = args.slice(0, max);
      while (fixed.length < min) fixed.push({ type: 'number', value: '1', pos: 0 });
      return { type: 'call', fn, args: fixed, pos: 0 };
    }),
    fc.tuple(tie('expr'), fc.nat({ max: 10 })).map(([x, d]): Expr => ({
      type: 'call',
      fn: 'round',
      args: [x, { type: 'number', value: String(d), pos: 0 }],
      pos: 0,
    })),
  ),
})).expr;

const valueArb: fc.Arbitrary<string | boolean | null | undefined> = fc.oneof(
  numberLiteral,
  numberLiteral.map((s) => `-${s}`),
  fc.constantFrom('0', '0.0', true, false, null, undefined, '', 'abc', '1e5'),
);

const valuesArb: fc.Arbitrary<ExpressionValues> = fc.record(Object.fromEntries(codes.map((c) => [c, valueArb])) as Record<(typeof codes)[number], typeof valueArb>, {
  requiredKeys: [],
});

function stripPositions(e: Expr): unknown {
  switch (e.type) {
    case 'number':
      return { type: e.type, value: e.value };
    case 'ref':
      return { type: e.type, code: e.code };
    case 'unary':
      return { type: e.type, op: e.op, operand: stripPositions(e.operand) };
    case 'binary':
      return { type: e.type, op: e.op, left: stripPositions(e.left), right: stripPositions(e.right) };
    case 'call':
      return { type: e.type, fn: e.fn, args: e.args.map(stripPositions) };
  }
}

describe('expression properties', () => {
  it('evaluation never throws and never yields Infinity or NaN', () => {
    fc.assert(
      fc.property(exprArb, valuesArb, (ast, values) => {
        const o = evaluateExpression(ast, values);
        if (o.kind === 'value') {
          expect(o.value.isFinite()).toBe(true);
          expect(o.exact.toDecimal().equals(o.value)).toBe(true);
        } else if (o.kind === 'missing') {
          expect(o.codes.length).toBeGreaterThan(0);
          expect(new Set(o.codes).size).toBe(o.codes.length);
        } else {
          expect(o.reason).toBe('division_by_zero');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parse(formatExpression(ast)) gives the same tree', () => {
    fc.assert(
      fc.property(exprArb, (ast) => {
        const source = formatExpression(ast);
        fc.pre(source.length <= 2000);
        const parsed = parseExpression(source);
        if (!parsed.ok) throw new Error(`${source}: ${parsed.errors[0]!.messageEn}`);
        expect(stripPositions(parsed.ast)).toEqual(stripPositions(ast));
        // Formatting is idempotent.
        expect(formatExpression(parsed.ast)).toBe(source);
      }),
      { numRuns: 500 },
    );
  });

  it('evaluation is unchanged by a format/parse round trip', () => {
    fc.assert(
      fc.property(exprArb, valuesArb, (ast, values) => {
        const source = formatExpression(ast);
        fc.pre(source.length <= 2000);
        const parsed = parseExpression(source);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const a = evaluateExpression(ast, values);
        const b = evaluateExpression(parsed.ast, values);
        expect(b.kind).toBe(a.kind);
        if (a.kind === 'value' && b.kind === 'value') expect(b.exact.compare(a.exact)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('rendering with values never throws', () => {
    fc.assert(
      fc.property(exprArb, valuesArb, fc.constantFrom('vi' as const, 'en' as const), (ast, values, locale) => {
        expect(typeof renderExpressionWithValues(ast, values, locale)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('parsing and checking arbitrary text never throws; errors point inside the text', () => {
    const dataElements = codes.map((code) => ({ code, valueType: 'decimal' as const }));
    const alphabet = fc.constantFrom(...'0123456789.+-*/()<>=!,# {}abcmin_xyz$&|'.split(''), '#{a}', 'min(', 'and', 'not ', '≥');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')),
        (source) => {
          const r = checkExpression(source, { dataElements, expect: 'number' });
          if (!r.ok) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) {
              expect(e.position).toBeGreaterThanOrEqual(0);
              expect(e.position).toBeLessThanOrEqual(source.length);
              expect(e.message).toMatch(/\S/);
              expect(e.messageEn).toMatch(/\S/);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('comparison operators agree with Decimal comparison', () => {
    const dec = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.nat({ max: 4 })).map(([n, s]) => new Dec(n).dividedBy(10 ** s).toFixed());
    fc.assert(
      fc.property(dec, dec, fc.constantFrom(...comparisonOps), (a, b, op) => {
        const parsed = parseExpression(`#{a} ${op} #{b}`);
        if (!parsed.ok) throw new Error('parse');
        const o = evaluateExpression(parsed.ast, { a, b });
        const cmp = new Dec(a).comparedTo(b);
        const expected = { '>=': cmp >= 0, '>': cmp > 0, '<=': cmp <= 0, '<': cmp < 0, '==': cmp === 0, '!=': cmp !== 0 }[op];
        expect(o.kind === 'value' && o.value.toFixed()).toBe(expected ? '1' : '0');
      }),
    );
  });

  it('arithmetic agrees with decimal.js where decimal.js is exact', () => {
    const dec = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.nat({ max: 4 })).map(([n, s]) => new Dec(n).dividedBy(10 ** s));
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const ra = Rational.fromDecimal(a);
        const rb = Rational.fromDecimal(b);
        expect(ra.plus(rb).toDecimal().equals(a.plus(b))).toBe(true);
        expect(ra.minus(rb).toDecimal().equals(a.minus(b))).toBe(true);
        expect(ra.times(rb).toDecimal().equals(a.times(b))).toBe(true);
        if (!b.isZero()) expect(ra.dividedBy(rb).times(rb).compare(ra)).toBe(0);
        expect(ra.roundHalfUp(2).toDecimal().equals(a.toDecimalPlaces(2, Dec.ROUND_HALF_UP))).toBe(true);
      }),
    );
  });
});
