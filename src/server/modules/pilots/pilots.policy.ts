import type { Role } from '../../../core/permissions.js';
import type { Actor } from '../../auth/actor.js';
import { inScope, scopeFor } from '../../auth/access.js';
import { forbidden, type Policy } from '../../auth/policy.js';
import type { AppError } from '../../errors.js';

/** Who selects the provincial pilot units: the council, or the standing agency on its behalf, tenant-wide. */
const councilRoles: Role[] = ['council_member', 'standing_agency'];

/** A list of pilot units as the rules see it: the province's selection, or a district's list. */
export type PilotListSubject = { level: string; registeringUnitId: string | null };

/** The province's selection (plan III.4.a), whose rule does not depend on the row. */
export const provincialList: PilotListSubject = { level: 'province', registeringUnitId: null };

function isCouncil(actor: Actor): boolean {
  if (actor.tokenPermissions && !actor.tokenPermissions.includes('registration.review')) return false;
  return actor.grants.some((g) => g.unitId === null && councilRoles.includes(g.role));
}

/** Who may do what with a list of pilot units. */
export const pilotListPolicy: Policy<PilotListSubject, 'edit'> = {
  /** The provincial selection: the council (tenant-wide grant); a district's list: registration.submit on the district. */
  edit: async (ctx, list) =>
    list.level === 'province' ? isCouncil(ctx.actor) : list.registeringUnitId !== null && inScope(await scopeFor(ctx.db, ctx.actor, 'registration.submit'), list.registeringUnitId),
};

/** The refusal of the provincial selection to anybody but the council. */
export function councilOnly(): AppError {
  return forbidden('pilot.council_only');
}
