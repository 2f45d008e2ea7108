import { nextRegistrationStatus, type RegistrationStatus } from '../../../core/registrations/registration-rules.js';
import type { AuthedContext } from '../../auth/actor.js';
import { inScope, scopeFor } from '../../auth/access.js';
import { can, type Denial, type Policy } from '../../auth/policy.js';
import { unionScope } from '../inbox/inbox.service.js';
import { obligationReadPermissions } from '../launches/launches.policy.js';

/** A registration as the rules see it: the registering unit (the lead of a group) and a group's other members. */
export type RegistrationSubject = { unitId: string; memberUnitIds: readonly string[] };

/** Who may do what with a registration of emulation targets. */
export const registrationPolicy: Policy<RegistrationSubject, 'read' | 'write' | 'review'> = {
  /** Anyone who may read the movement for, act for or review the unit or one of a group's members. */
  read: async (ctx, registration) => {
    const scope = await unionScope(ctx.db, ctx.actor, obligationReadPermissions);
    return inScope(scope, registration.unitId) || registration.memberUnitIds.some((id) => inScope(scope, id));
  },
  /** Edit and submit: the unit holds the pen (registration.submit on it). */
  write: async (ctx, registration) => inScope(await scopeFor(ctx.db, ctx.actor, 'registration.submit'), registration.unitId),
  /** Confirm and return: registration.review on the unit (the standing agency). */
  review: async (ctx, registration) => inScope(await scopeFor(ctx.db, ctx.actor, 'registration.review'), registration.unitId),
};

/** Refusing a review reads 403 when the actor may see the registration and 404 otherwise. */
export function reviewDenial(ctx: AuthedContext, registration: RegistrationSubject): () => Promise<Denial> {
  return async () => ((await can(registrationPolicy, ctx, 'read', registration)) ? 'forbidden' : 'not_found');
}

/**
 * The abilities sent with a registration: the policy, the transition possible from its status (else 422), and for the
 * unit's own actions a movement that is running.
 */
export async function registrationAbilities(
  ctx: AuthedContext,
  registration: RegistrationSubject,
  status: RegistrationStatus,
  movementActive: boolean,
): Promise<{ canEdit: boolean; canSubmit: boolean; canConfirm: boolean; canReturn: boolean }> {
  const write = movementActive && (await can(registrationPolicy, ctx, 'write', registration));
  const review = await can(registrationPolicy, ctx, 'review', registration);
  return {
    canEdit: write && nextRegistrationStatus(status, 'edit') !== null,
    canSubmit: write && nextRegistrationStatus(status, 'submit') !== null,
    canConfirm: review && nextRegistrationStatus(status, 'confirm') !== null,
    canReturn: review && nextRegistrationStatus(status, 'return') !== null,
  };
}
