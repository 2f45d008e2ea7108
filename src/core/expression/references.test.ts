import { describe, expect, it } from 'vitest';
import { parseExpression } from './parser';
import { codesReferencedBy, referencedCodes } from './references';

describe('references', () => {
  it('lists each referenced code once, in order of first appearance', () => {
    const parsed = parseExpression('if(#{b} > 0, #{a} / #{b}, -#{c}) + max(#{a}, #{d})');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(codesReferencedBy(parsed.ast)).toEqual(['b', 'a', 'c', 'd']);
    expect(referencedCodes('not (#{x} >= 1 and #{y} = 2) or #{x} < 0')).toEqual(['x', 'y']);
  });
  it('finds nothing in an expression without references', () => {
    expect(referencedCodes('round(2 / 3, 2)')).toEqual([]);
  });
  it('still names the references written in a formula that does not parse yet', () => {
    expect(referencedCodes('#{a} + #{b} *')).toEqual(['a', 'b']);
    expect(referencedCodes('')).toEqual([]);
  });
});
