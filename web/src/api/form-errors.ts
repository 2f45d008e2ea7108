import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ZodType } from 'zod';
import { isMessageKey, renderMessage } from '../../../src/core/i18n/messages';
import type { Translate } from '../i18n/i18n';
import { ApiError, getApiLocale } from './client';

/** "body.legalBasis.title" → ['legalBasis', 'title']; "body.permissions[0]" → ['permissions']. */
function toNamePath(path: string): string[] {
  return path
    .replace(/^(body|query|params)\.?/, '')
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter(Boolean);
}

/**
 * Puts the server's field errors (details with paths like `body.newPassword`) under the matching form fields.
 * Returns the messages that matched no field, for a general alert.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: string[]): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const unmatched: string[] = [];
  for (const detail of error.details) {
    const name = toNamePath(detail.path).join('.');
    if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), detail.message || error.message]);
    else unmatched.push(detail.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  return byField.size === 0 ? [error.message] : unmatched.filter(Boolean);
}

type Issue = {
  code: string;
  message: string;
  path: PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  input?: unknown;
  params?: unknown;
};

/**
 * Words a zod issue in the chosen language. The contracts' own messages are message-catalogue keys, worded in that
 * language (the same rule as the server's error handler); other custom texts are used as they are in Vietnamese and
 * replaced by a generic text in English.
 */
export function describeIssue(issue: Issue, t: Translate): string {
  const custom = issue.code === 'custom' || (issue.code === 'invalid_format' && !issue.message.startsWith('Invalid'));
  if (custom && isMessageKey(issue.message)) {
    const params = typeof issue.params === 'object' && issue.params !== null ? (issue.params as Record<string, string | number>) : {};
    return renderMessage(issue.message, getApiLocale(), params);
  }
  if (custom && getApiLocale() === 'vi') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return t('validation.required');
    case 'too_small':
      if (issue.origin === 'array') return t('validation.pickOne');
      return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

/** An antd rule that checks one field with a schema from the shared zod contracts. */
export function zodRule(schema: ZodType, t: Translate): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      if (!result.success) throw new Error(describeIssue(result.error.issues[0] as unknown as Issue, t));
    },
  };
}

/**
 * Checks a whole request body with its contract before sending it; puts problems under the form fields
 * (paths as in `fields`) and returns false when there are any.
 */
export function checkBody(form: FormInstance, schema: ZodType, body: unknown, fields: string[], t: Translate): boolean {
  const result = schema.safeParse(body);
  if (result.success) return true;
  const known = new Set(fields);
  const byField = new Map<string, string>();
  for (const raw of result.error.issues) {
    const issue = raw as unknown as Issue;
    const name = issue.path.filter((p) => typeof p === 'string').join('.');
    if (known.has(name) && !byField.has(name)) byField.set(name, describeIssue(issue, t));
  }
  if (byField.size === 0) return true; // Nothing the user can fix here: let the server answer.
  form.setFields([...byField].map(([name, message]) => ({ name: name.split('.'), errors: [message] })));
  return false;
}
