import { AppError } from '../errors.js';
import type { AuthedContext } from './actor.js';

/**
 * A policy answers "may this actor do this action to this object" (Outline's `allow`). Each area has one
 * `<area>.policy.ts` exporting a `Policy`; the service calls `authorize` before acting and the presenter calls
 * `abilitiesOf` with the same policy, so the buttons the web app shows and the checks the server makes cannot disagree.
 * A rule may be async (it may read the actor's scopes, which are cached per request).
 */
export type Policy<Subject, Action extends string> = {
  readonly [A in Action]: (ctx: AuthedContext, subject: Subject) => boolean | Promise<boolean>;
};

/** How a refusal reads: out of the actor's scope reads as not found (404); in scope but not allowed is 403. */
export type Denial = 'not_found' | 'forbidden' | AppError;

/** Whether the policy allows the action. */
export async function can<S, A extends string>(policy: Policy<S, A>, ctx: AuthedContext, action: A, subject: S): Promise<boolean> {
  return policy[action](ctx, subject);
}

/** Throws unless the policy allows the action: 404 or 403 as `denial` says (403 by default), or the given error. */
export async function authorize<S, A extends string>(policy: Policy<S, A>, ctx: AuthedContext, action: A, subject: S, denial: Denial = 'forbidden'): Promise<void> {
  if (await policy[action](ctx, subject)) return;
  if (denial instanceof AppError) throw denial;
  throw denial === 'not_found' ? AppError.notFound() : new AppError('forbidden', 403, 'error.forbidden_action');
}

/** Every action of the policy (or the listed ones) answered for one object: the abilities a presenter sends. */
export async function abilitiesOf<S, A extends string>(policy: Policy<S, A>, ctx: AuthedContext, subject: S, actions: readonly A[] = Object.keys(policy) as A[]): Promise<Record<A, boolean>> {
  const answers = await Promise.all(actions.map((action) => policy[action](ctx, subject)));
  return Object.fromEntries(actions.map((action, i) => [action, answers[i]])) as Record<A, boolean>;
}
