import type { MessageKey } from '../core/i18n/messages.js';

/** One field's problem: the path of the field ("body.targets[0].threshold") and its message (empty: the error's own). */
export type ErrorDetail = { path: string; message: string };

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
