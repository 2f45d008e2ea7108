import { renderMessage, type Locale, type MessageKey, type MessageParams } from '../core/i18n/messages.js';

/**
 * A problem with one field. A detail with a `messageKey` is worded by the message catalogue in the request's language
 * (see `detail`); an empty `message` repeats the error's own message.
 */
export type ErrorDetail = { path: string; message: string; messageKey?: MessageKey; params?: MessageParams };

/** A field detail worded by the message catalogue, rendered in the request's language. */
export function detail(path: string, messageKey: MessageKey, params: MessageParams = {}): ErrorDetail {
  return { path, message: '', messageKey, params };
}

/** A detail's text in a language: its catalogue message, its own text, or else the error's message. */
export function renderDetail(d: ErrorDetail, locale: Locale, fallback: () => string): string {
  return d.messageKey ? renderMessage(d.messageKey, locale, d.params) : d.message || fallback();
}

/**
 * The one error type: code, HTTP status, message key (vi/en), details naming fields. It lives outside `http/` so that
 * services, repositories and the authorisation helpers can throw it without depending on the HTTP layer, which turns it
 * into the error body (http/errors.ts).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    readonly messageKey: MessageKey,
    readonly details: ErrorDetail[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
  }

  static notFound(): AppError {
    return new AppError('not_found', 404, 'error.not_found');
  }
  static validation(details: ErrorDetail[], key: MessageKey = 'error.validation'): AppError {
    return new AppError('validation_failed', 400, key, details);
  }
  static conflict(details: ErrorDetail[] = []): AppError {
    return new AppError('conflict', 409, 'error.conflict', details);
  }
  static unprocessable(code: string, key: MessageKey, params: Record<string, string | number> = {}, path?: string): AppError {
    const details = path ? [{ path, message: '' }] : [];
    return new AppError(code, 422, key, details, params);
  }
}
