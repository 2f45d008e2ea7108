import type { DbOrTx } from '../../db/client.js';
import { findSuccessorInForce } from '../units/org-on-date.js';
import { findAgencyAssignedUnitId } from './movements.repository.js';

/**
 * The unit holding the movement's role (standing_agency, council…) on the date, for the inboxes of the obligation
 * areas. When the unit named by the assignment has since merged away (Sở TT&TT into Sở KH&CN, then the July 2025
 * merger), its successor in force on the date is returned by following `merged_into` events. Null when the role has
 * no linked unit.
 */
export async function findAgencyUnitId(db: DbOrTx, tenantId: string, movementId: string, role: string, date: string): Promise<string | null> {
  const assigned = await findAgencyAssignedUnitId(db, tenantId, movementId, role, date);
  return assigned === null ? null : findSuccessorInForce(db, tenantId, assigned, date);
}
