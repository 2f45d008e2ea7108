import { sql } from 'drizzle-orm';
import type { SQL, AnyColumn } from 'drizzle-orm';
import { rolePermissions, type Permission } from '../../core/permissions.js';
import { queryRows, type DbOrTx } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Actor, AuthedContext, RequestContext, Scope } from './actor.js';

/** Throws 401 unless somebody is signed in. */
export function requireActor(ctx: RequestContext): asserts ctx is AuthedContext {
  if (!ctx.actor) throw new AppError('unauthenticated', 401, 'error.unauthenticated');
}

/** Whether the actor holds the permission anywhere (through any grant, limited by an API token). */
export function holdsPermission(actor: Actor, permission: Permission): boolean {
  if (actor.tokenPermissions && !actor.tokenPermissions.includes(permission)) return false;
  return actor.grants.some((g) => rolePermissions[g.role].includes(permission));
}

/** All permissions the actor holds somewhere, for the UI's abilities. */
export function actorPermissions(actor: Actor): Permission[] {
  const set = new Set<Permission>();
  for (const g of actor.grants) for (const p of rolePermissions[g.role]) set.add(p);
  return [...set].filter((p) => !actor.tokenPermissions || actor.tokenPermissions.includes(p)).sort();
}

/**
 * The one scope builder: units reachable from the actor's grants carrying the permission.
 * A subtree follows every parent link the unit ever had (unit_versions) and every merger
 * (a unit merged into X belongs to X's subtree), so history stays visible after a reorganisation.
 */
export function scopeFor(db: DbOrTx, actor: Actor, permission: Permission): Promise<Scope> {
  const cached = actor.scopeCache.get(permission);
  if (cached) return cached;
  const promise = computeScope(db, actor, permission);
  actor.scopeCache.set(permission, promise);
  return promise;
}

async function computeScope(db: DbOrTx, actor: Actor, permission: Permission): Promise<Scope> {
  if (actor.tokenPermissions && !actor.tokenPermissions.includes(permission)) return { kind: 'units', unitIds: new Set() };
  const grants = actor.grants.filter((g) => rolePermissions[g.role].includes(permission));
  if (grants.some((g) => g.unitId === null)) return { kind: 'all' };
  const single = grants.filter((g) => !g.includeSubtree).map((g) => g.unitId as string);
  const roots = grants.filter((g) => g.includeSubtree).map((g) => g.unitId as string);
  const ids = new Set(single);
  if (roots.length > 0) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`with recursive edges as (
            select parent_id as parent, unit_id as child from unit_versions
             where tenant_id = ${actor.tenantId} and parent_id is not null
            union
            select r.related as parent, le.unit_id as child
              from lineage_events le cross join lateral unnest(le.related_unit_ids) as r(related)
             where le.tenant_id = ${actor.tenantId} and le.type = 'merged_into'
          ), scope as (
            select id from units where tenant_id = ${actor.tenantId} and id in (${sql.join(
              roots.map((r) => sql`${r}::uuid`),
              sql`, `,
            )})
            union
            select e.child from edges e join scope s on e.parent = s.id
          )
          select id from scope`,
    );
    for (const row of rows) ids.add(row.id);
  }
  return { kind: 'units', unitIds: ids };
}

/**
 * The one authorisation check. With a unit: the unit must be in the actor's scope for the
 * permission, otherwise 404 (out of scope reads as not found). Without: the actor must hold
 * the permission somewhere, otherwise 403.
 */
export async function requireAccess(ctx: RequestContext, permission: Permission, unitId?: string | null): Promise<Actor> {
  requireActor(ctx);
  const actor = ctx.actor;
  if (unitId === undefined) {
    if (!holdsPermission(actor, permission)) throw new AppError('forbidden', 403, 'error.forbidden_action');
    return actor;
  }
  if (unitId === null) {
    // Tenant-level objects: any grant with the permission suffices.
    if (!holdsPermission(actor, permission)) throw AppError.notFound();
    return actor;
  }
  const scope = await scopeFor(ctx.db, actor, permission);
  if (!inScope(scope, unitId)) throw AppError.notFound();
  return actor;
}

export function inScope(scope: Scope, unitId: string | null): boolean {
  if (scope.kind === 'all') return true;
  return unitId !== null && scope.unitIds.has(unitId);
}

/** WHERE fragment restricting a unit-id column to a scope (used by every list query). */
export function scopeWhere(column: AnyColumn | SQL, scope: Scope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.unitIds.size === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    [...scope.unitIds].map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/**
 * For tenant-level objects (movements, criteria sets, groups): the permission must be held over the whole tenant.
 * A grant scoped to one district does not let its holder edit the province's movement. 403 otherwise.
 */
export async function requireTenantWide(ctx: RequestContext, permission: Permission): Promise<Actor> {
  requireActor(ctx);
  if (!(await holdsTenantWide(ctx, permission))) throw new AppError('forbidden', 403, 'error.forbidden_action');
  return ctx.actor;
}

/** Whether the actor holds the permission over the whole tenant (for abilities sent to the UI). */
export async function holdsTenantWide(ctx: RequestContext, permission: Permission): Promise<boolean> {
  if (!ctx.actor || !holdsPermission(ctx.actor, permission)) return false;
  return (await scopeFor(ctx.db, ctx.actor, permission)).kind === 'all';
}
