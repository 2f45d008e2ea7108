/**
 * The one fetch client: JSON in and out, the session cookie, the CSRF header on writes,
 * Accept-Language, and a single error type carrying the server's `{ error: { code, message, details } }`.
 */

export type ApiErrorDetail = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

let csrfToken: string | null = null;
let locale: 'vi' | 'en' = 'vi';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getApiLocale(): 'vi' | 'en' {
  return locale;
}
export function setApiLocale(next: 'vi' | 'en'): void {
  locale = next;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method: string, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale === 'en' ? 'en' : 'vi' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (unsafe.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', locale === 'en' ? 'Cannot reach the server. Check the network and try again.' : 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
  }
}

async function toError(response: Response): Promise<ApiError> {
  try {
    const data = (await response.json()) as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } };
    if (data.error) return new ApiError(response.status, data.error.code ?? 'error', data.error.message ?? `HTTP ${response.status}`, data.error.details ?? []);
  } catch {
    // Not JSON (a proxy error page, for instance).
  }
  return new ApiError(response.status, 'http_error', `HTTP ${response.status}`);
}

/** Sends a request and returns the parsed JSON body; throws ApiError otherwise. */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  // A session renewed in another tab has a new CSRF token: fetch it once and retry.
  if (response.status === 403 && unsafe.has(method)) {
    const error = await toError(response.clone());
    if (error.code === 'csrf_failed') {
      const me = await send('GET', '/api/auth/me', undefined);
      if (me.ok) {
        setCsrfToken(((await me.json()) as { csrfToken: string | null }).csrfToken);
        response = await send(method, path, body);
      }
    }
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => apiRequest<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
