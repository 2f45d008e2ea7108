import type { GrantRow, UserRow } from './users.repository.js';
import type { UserGrantView, UserView } from './users.schemas.js';

type UnitNames = ReadonlyMap<string, string>;

export function presentGrant(grant: GrantRow, names: UnitNames): UserGrantView {
  return {
    id: grant.id,
    role: grant.role,
    unitId: grant.unitId,
    unitName: grant.unitId ? (names.get(grant.unitId) ?? null) : null,
    includeSubtree: grant.includeSubtree,
    validFrom: grant.validFrom,
    validTo: grant.validTo,
  };
}

/** The fields of a user every response shows; never the password hash or lock counters. */
export function presentUser(user: UserRow, grants: GrantRow[], names: UnitNames, abilities: { manage: boolean }): UserView {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    position: user.position,
    unitId: user.unitId,
    unitName: user.unitId ? (names.get(user.unitId) ?? null) : null,
    isActive: user.isActive,
    isDemo: user.isDemo,
    locale: user.locale,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    rowVersion: user.rowVersion,
    roles: grants.map((g) => presentGrant(g, names)),
    abilities,
  };
}

/** What the audit trail keeps about a user: identifying and profile fields only. */
export function auditUserFields(user: UserRow) {
  return {
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    position: user.position,
    unitId: user.unitId,
    isActive: user.isActive,
    locale: user.locale,
    mustChangePassword: user.mustChangePassword,
  };
}

export function auditGrantFields(grant: GrantRow, username: string) {
  return {
    userId: grant.userId,
    username,
    role: grant.role,
    unitId: grant.unitId,
    includeSubtree: grant.includeSubtree,
    validFrom: grant.validFrom,
    validTo: grant.validTo,
  };
}
