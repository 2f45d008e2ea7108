import type { Expr } from './ast';
import { parseExpression } from './parser';

/**
 * The data element codes a parsed expression refers to, each once, in order of first appearance. The walk is
 * pre-order, left to right, so the order is the order in the source text.
 */
export function codesReferencedBy(ast: Expr): string[] {
  const codes: string[] = [];
  const walk = (node: Expr): void => {
    switch (node.type) {
      case 'number':
        return;
      case 'ref':
        if (!codes.includes(node.code)) codes.push(node.code);
        return;
      case 'unary':
        return walk(node.operand);
      case 'binary':
        walk(node.left);
        return walk(node.right);
      case 'call':
        return node.args.forEach(walk);
    }
  };
  walk(ast);
  return codes;
}

/**
 * The data element codes an expression's text refers to, each once, in order of first appearance. Text that does not
 * parse (a formula still being typed in the editor) names the `#{code}` references written in it so far, so the
 * editor's inputs do not disappear while the formula is incomplete.
 */
export function referencedCodes(source: string): string[] {
  const parsed = parseExpression(source);
  if (parsed.ok) return codesReferencedBy(parsed.ast);
  const codes: string[] = [];
  for (const match of source.matchAll(/#\{([a-z][a-z0-9_]*)\}/g)) if (match[1] && !codes.includes(match[1])) codes.push(match[1]);
  return codes;
}
