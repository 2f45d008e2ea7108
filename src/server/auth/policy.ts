import type { MessageKey } from '../../core/i18n/messages.js';
import { AppError } from '../errors.js';
import { requireActor } from './access.js';
import type { Actor, AuthedContext, RequestContext } from './actor.js';

/**
 * A policy answers "may this actor do this action to this object" (Outline's `allow`). Each area has one
 * `<area>.policy.ts` exporting a `Policy`; the service calls `authorize` before acting and the presenter calls
 * `abilitiesOf` with the same policy, so the buttons the web app shows and the checks the server makes cannot disagree.
 * A rule may be async (it may read the actor's scopes, which are cached per request).
 */
export type Policy<Subject, Action extends string> = {
  readonly [A in Action]: (ctx: AuthedContext, subject: Subject) => boolean | Promise<boolean>;
};

/**
 * The subject of a rule about a tenant-level object (a movement, a criteria set, a group, a boundary set): the rule
 * depends on the actor's rights over the whole tenant, not on the object, so it can be checked before the object is read.
 */
export type TenantLevel = null;
export const tenantLevel: TenantLevel = null;

/** How a refusal reads: out of the actor's scope reads as not found (404); in scope but not allowed is 403. */
export type Denial = 'not_found' | 'forbidden' | AppError;
/**
 * A denial, or a rule deciding it, run only on refusal: "403 if the actor may see the object, else 404" asks another
 * rule of the policy, which need not be evaluated when the action is allowed.
 */
export type DenialRule = Denial | (() => Promise<Denial>);

/**
 * The one way to build a 403 refusal: the generic one by default, or a policy's own message key, code, field (the
 * detail's path) and message parameters when the refusal says more (e.g. "you cannot grant this role").
 */
export function forbidden(messageKey: MessageKey = 'error.forbidden_action', options: { code?: string; path?: string; params?: Record<string, string | number> } = {}): AppError {
  const details = options.path === undefined ? [] : [{ path: options.path, message: '' }];
  return new AppError(options.code ?? 'forbidden', 403, messageKey, details, options.params);
}

/** Whether the policy allows the action. */
export async function can<S, A extends string>(policy: Policy<S, A>, ctx: AuthedContext, action: A, subject: S): Promise<boolean> {
  return policy[action](ctx, subject);
}

/**
 * Throws unless somebody is signed in (401) and the policy allows the action: 404 or 403 as the denial says (403 by
 * default), or the given error. Returns the actor, as `requireAccess` does.
 */
export async function authorize<S, A extends string>(policy: Policy<S, A>, ctx: RequestContext, action: A, subject: S, rule: DenialRule = 'forbidden'): Promise<Actor> {
  requireActor(ctx);
  if (await policy[action](ctx, subject)) return ctx.actor;
  const denial = typeof rule === 'function' ? await rule() : rule;
  if (denial instanceof AppError) throw denial;
  throw denial === 'not_found' ? AppError.notFound() : forbidden();
}

/** Every action of the policy (or the listed ones) answered for one object: the abilities a presenter sends. */
export async function abilitiesOf<S, A extends string>(
  policy: Policy<S, A>,
  ctx: AuthedContext,
  subject: S,
  actions: readonly A[] = Object.keys(policy) as A[],
): Promise<Record<A, boolean>> {
  const answers = await Promise.all(actions.map((action) => policy[action](ctx, subject)));
  return Object.fromEntries(actions.map((action, i) => [action, answers[i]])) as Record<A, boolean>;
}
