import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Error texts reach people in their language only when they go through the message catalogue
 * (src/core/i18n/messages.ts): an error detail carries a `messageKey`, a zod check a key as its message. This test reads
 * the server's and the core's sources and fails on a Vietnamese literal written straight into an error: a thrown
 * value, the `message` of an error detail or problem object, or the message argument of a zod check. Texts the core
 * words in both languages side by side (`{ message, messageEn }`) are allowed; OpenAPI descriptions and log lines are
 * not errors and are not looked at.
 */

const srcDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Outside the rule: start-up and command-line messages for the operator (no request, so no request language; they are
 * written in both languages side by side), and the checks of the bundled seed data, which only developers see.
 */
const exempt = [/^server\/seed\//, /^server\/cli\.ts$/, /^server\/config\.ts$/];

/** Letters that only Vietnamese uses among the languages of this code base (tone marks, ă, â, ê, ô, ơ, ư, đ). */
const vietnamese = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** zod checks whose second argument is a message: `.min(1, '…')`, `.regex(/…/, '…')`, `.refine(fn, '…')`. */
const zodChecksWithValue = new Set(['min', 'max', 'length', 'regex', 'refine', 'startsWith', 'endsWith', 'includes', 'gt', 'gte', 'lt', 'lte', 'multipleOf']);
/** zod checks whose only argument is a message: `z.email('…')`. */
const zodChecksAlone = new Set(['email', 'url', 'uuid', 'nonempty', 'int', 'positive', 'nonnegative', 'date', 'datetime']);

/** Whether `argument` is the message argument of a zod check call. */
function isZodMessageArgument(call: ts.CallExpression, argument: ts.Node): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const name = call.expression.name.text;
  const index = call.arguments.indexOf(argument as ts.Expression);
  return (zodChecksWithValue.has(name) && index === 1) || (zodChecksAlone.has(name) && index === 0);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('');
  return null;
}

function propertyName(node: ts.PropertyAssignment): string | null {
  return ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : null;
}

/** Why a literal counts as an error text, or null when it does not. */
function errorContext(literal: ts.Node): string | null {
  let child: ts.Node = literal;
  for (let node = literal.parent; node && !ts.isSourceFile(node); child = node, node = node.parent) {
    if (ts.isFunctionLike(node) || ts.isBlock(node)) return null;
    if (ts.isThrowStatement(node)) return 'thrown';
    // A schema's `description` (OpenAPI) is documentation, even inside the error body's `message` property.
    if (ts.isPropertyAssignment(node) && child === node.initializer && propertyName(node) === 'description') return null;
    if (ts.isPropertyAssignment(node) && child === node.initializer && propertyName(node) === 'message') {
      const siblings = node.parent.properties.map((p) => (ts.isPropertyAssignment(p) ? propertyName(p) : null));
      return siblings.includes('messageEn') ? null : 'error message';
    }
    if (ts.isCallExpression(node) && isZodMessageArgument(node, child)) return `zod .${(node.expression as ts.PropertyAccessExpression).name.text}() message`;
  }
  return null;
}

/** Every Vietnamese literal in an error context: "file:line: context: text". */
function findVietnameseErrorTexts(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(path.join(srcDir, 'server')).concat(sourceFiles(path.join(srcDir, 'core')))) {
    const relative = path.relative(srcDir, file).split(path.sep).join('/');
    if (relative.startsWith('core/i18n/') || exempt.some((pattern) => pattern.test(relative))) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const text = literalText(node);
      if (text !== null && vietnamese.test(text)) {
        const context = errorContext(node);
        if (context) found.push(`${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${context}: ${text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('error texts', () => {
  it('go through the message catalogue: no Vietnamese literal in a thrown error, an error detail or a zod message', () => {
    expect(findVietnameseErrorTexts()).toEqual([]);
  });

  it('are recognised by the scan (a check of the check)', () => {
    const source = ts.createSourceFile(
      'probe.ts',
      [
        "throw new Error('Không hợp lệ');",
        'details.push({ path, message: `Không được nhỏ hơn ${min}` });',
        "z.string().regex(/x/, { message: 'Sai định dạng' });",
        "z.string().min(1, 'Bắt buộc');",
        "if (!issue.message.includes('vị trí')) ok();",
        "const pair = { message: 'Phải là số', messageEn: 'Must be a number' };",
        "schema.describe('Mô tả cho OpenAPI');",
        "log.info('Đã gửi nhắc việc');",
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
    );
    const contexts: (string | null)[] = [];
    const visit = (node: ts.Node): void => {
      const text = literalText(node);
      if (text !== null && vietnamese.test(text)) contexts.push(errorContext(node));
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(contexts).toEqual(['thrown', 'error message', 'error message', 'zod .min() message', null, null, null, null]);
  });
});
