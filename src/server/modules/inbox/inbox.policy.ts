import type { Permission } from '../../../core/permissions.js';
import type { Actor, Scope } from '../../auth/actor.js';
import { inScope, scopeFor } from '../../auth/access.js';
import type { Policy } from '../../auth/policy.js';
import type { DbOrTx } from '../../db/client.js';

/** Permissions whose scopes make up the inbox: a unit's items are seen by whoever may act for or review it. */
export const inboxPermissions = ['registration.submit', 'report.submit', 'registration.review', 'report.review'] as const satisfies readonly Permission[];

/** Union of the actor's scopes for several permissions (all units when any of them is tenant-wide). */
export async function unionScope(db: DbOrTx, actor: Actor, permissionList: readonly Permission[]): Promise<Scope> {
  const ids = new Set<string>();
  for (const permission of permissionList) {
    const scope = await scopeFor(db, actor, permission);
    if (scope.kind === 'all') return scope;
    for (const id of scope.unitIds) ids.add(id);
  }
  return { kind: 'units', unitIds: ids };
}

/**
 * Whose inbox an actor sees: a unit's due items are seen by whoever may act for it or review it, that is the units in
 * the union of the scopes of `inboxPermissions` (404 otherwise). Lists are filtered by the same union.
 */
export const inboxPolicy: Policy<{ unitId: string }, 'read'> = {
  read: async (ctx, subject) => inScope(await unionScope(ctx.db, ctx.actor, inboxPermissions), subject.unitId),
};
