import type { Policy } from '../../auth/policy.js';

/** The subject of a rule about the actor's own personal API tokens (nobody acts on another's tokens). */
export type OwnTokens = null;
export const ownTokens: OwnTokens = null;

/** Personal API tokens. */
export const apiTokenPolicy: Policy<OwnTokens, 'create'> = {
  /** Only from a signed-in session: a token may not mint further tokens (a leaked one could renew itself forever). */
  create: (ctx) => ctx.actor.via === 'session',
};
