import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isMessageKey, renderMessage, type Locale, type MessageParams } from '../../core/i18n/messages.js';
import { AppError, renderDetail, type ErrorDetail } from '../errors.js';

export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'vi';
}

const viLocale = z.locales.vi();
const enLocale = z.locales.en();

type ZodLikeIssue = { code: string; path: PropertyKey[]; message: string } & Record<string, unknown>;

/**
 * Wording of a zod issue: a contract's own message (a catalogue key) in the request's language; otherwise Vietnamese
 * wording for the common issues and zod's own locale for the rest.
 */
export function describeIssue(issue: ZodLikeIssue, locale: Locale, customMessage: boolean): string {
  if (customMessage && isMessageKey(issue.message)) return renderMessage(issue.message, locale, issueParams(issue));
  if (customMessage && locale === 'vi') return issue.message;
  if (locale === 'en') {
    return customMessage ? issue.message : (enLocale.localeError as (i: unknown) => string)(issue);
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.message.includes('undefined') ? 'Bắt buộc phải có' : `Sai kiểu dữ liệu: cần ${typeName(String(issue.expected))}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `Quá ngắn: cần ít nhất ${String(issue.minimum)} ký tự`
        : issue.origin === 'array'
          ? `Cần ít nhất ${String(issue.minimum)} phần tử`
          : `Quá nhỏ: giá trị tối thiểu ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `Quá dài: tối đa ${String(issue.maximum)} ký tự`
        : issue.origin === 'array'
          ? `Tối đa ${String(issue.maximum)} phần tử`
          : `Quá lớn: giá trị tối đa ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `Trường không được phép: ${(issue.keys as string[]).join(', ')}`;
    case 'invalid_value':
      return `Giá trị không hợp lệ; cho phép: ${((issue.values as unknown[]) ?? []).map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'uuid' ? 'Mã định danh (UUID) không hợp lệ' : issue.format === 'email' ? 'Địa chỉ e-mail không hợp lệ' : 'Sai định dạng';
    default:
      return (viLocale.localeError as (i: unknown) => string)(issue) || issue.message;
  }
}

/** Placeholder values a custom check passed along (`ctx.addIssue({ …, params })`, `.refine(…, { params })`). */
function issueParams(issue: ZodLikeIssue): MessageParams {
  const params = issue.params;
  return typeof params === 'object' && params !== null ? (params as MessageParams) : {};
}

function typeName(t: string): string {
  const names: Record<string, string> = { string: 'chuỗi ký tự', number: 'số', boolean: 'đúng/sai', object: 'đối tượng', array: 'danh sách', int: 'số nguyên' };
  return names[t] ?? t;
}

/** Path like "body.targets[0].threshold". */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Turns a zod error into field details. */
export function zodDetails(error: z.ZodError, locale: Locale, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => {
    const raw = issue as unknown as ZodLikeIssue;
    const custom = issue.code === 'custom' || (issue.code === 'invalid_format' && !issue.message.startsWith('Invalid'));
    return { path: formatPath(prefix, issue.path), message: describeIssue(raw, locale, custom) };
  });
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details: ErrorDetail[] = []) {
  return reply.status(status).send({ error: { code, message, details } });
}

/** Fastify error handler: every failure leaves as {"error": {code, message, details}}; never a bare 500 text. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(request);
  if (error instanceof AppError) {
    const details = error.details.map((d) => ({ path: d.path, message: renderDetail(d, locale, () => renderMessage(error.messageKey, locale, error.params)) }));
    return sendError(reply, error.httpStatus, error.code, renderMessage(error.messageKey, locale, error.params), details);
  }
  if (error instanceof z.ZodError) {
    return sendError(reply, 400, 'validation_failed', renderMessage('error.validation', locale), zodDetails(error, locale));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as unknown as { validationContext?: string }).validationContext ?? 'body';
    const details = error.validation.map((v) => {
      const path = v.instancePath
        .split('/')
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const issue = { code: v.keyword, path, message: v.message ?? '', ...(v.params as Record<string, unknown>) } as ZodLikeIssue;
      const custom = v.keyword === 'custom' || (v.keyword === 'invalid_format' && !(v.message ?? '').startsWith('Invalid'));
      return { path: formatPath(context, path), message: describeIssue(issue, locale, custom) };
    });
    return sendError(reply, 400, 'validation_failed', renderMessage('error.validation', locale), details);
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, 400, 'malformed_json', renderMessage('error.malformed_json', locale), [{ path: 'body', message: renderMessage('error.malformed_json', locale) }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(reply, 413, 'body_too_large', renderMessage('error.body_too_large', locale));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendError(reply, 415, 'unsupported_media_type', renderMessage('error.unsupported_media_type', locale));
    default:
      break;
  }
  if (fastifyError.statusCode === 429) {
    return sendError(reply, 429, 'rate_limited', renderMessage('error.rate_limited', locale));
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return sendError(reply, fastifyError.statusCode, 'bad_request', renderMessage('error.validation', locale), [{ path: 'request', message: fastifyError.message }]);
  }
  // PostgreSQL: invalid text representation, datetime out of range, numeric out of range → the client's fault.
  const pgCode = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (pgCode === '22P02' || pgCode === '22008' || pgCode === '22003' || pgCode === '22007' || pgCode === '22021' || pgCode === '22001') {
    return sendError(reply, 400, 'validation_failed', renderMessage('error.validation', locale));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 500, 'internal', renderMessage('error.internal', locale));
}
