import type { Permission, Role } from '../../core/permissions.js';
import type { Locale } from '../../core/i18n/messages.js';
import type { Db } from '../db/client.js';

/** The cookie that carries a session's token: set at sign-in, read when finding the actor, named in the OpenAPI document. */
export const SESSION_COOKIE = 'tds_session';

/** A role grant in force (dates as YYYY-MM-DD; absent on the probe actors built to test a grant). */
export type Grant = { id: string; role: Role; unitId: string | null; includeSubtree: boolean; validFrom?: string; validTo?: string | null };

/** The signed-in person (by session cookie or API token) on whose behalf a request runs. */
export type Actor = {
  userId: string;
  tenantId: string;
  username: string;
  fullName: string;
  unitId: string | null;
  grants: Grant[];
  /** For API tokens: the token's permissions (a subset of the user's); null for sessions. */
  tokenPermissions: Permission[] | null;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  /** Per-request cache of computed scopes. */
  scopeCache: Map<Permission, Promise<Scope>>;
};

/** Units an actor may act on for one permission. */
export type Scope = { kind: 'all' } | { kind: 'units'; unitIds: ReadonlySet<string> };

/** What a service needs about the request: database, actor, request id, locale. */
export type RequestContext = {
  db: Db;
  actor: Actor | null;
  requestId: string;
  locale: Locale;
};

export type AuthedContext = RequestContext & { actor: Actor };

/**
 * Who writes: the signed-in actor (whose user, tenant and name the audit record and the rows written take), or the
 * system (scheduler, seed, CLI) naming itself with `actorName` when `actor` is null. Every writer takes this one
 * context rather than the actor beside it.
 */
export type WriteContext = Pick<RequestContext, 'actor' | 'requestId'> & { actorName?: string };
