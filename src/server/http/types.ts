import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../core/permissions.js';
import type { AppConfig } from '../config.js';
import type { Db, DatabaseHandle } from '../db/client.js';
import type { Actor, RequestContext } from '../auth/actor.js';

// A leaf module: the types every area's routes need from the HTTP layer. http/app.ts imports the areas (to register
// them), so the areas take these from here rather than from app.ts, which would close an import circle.

/**
 * How a route is protected; every route declares it, and the outsider suite reads it. Public routes say why. Otherwise
 * the caller must be signed in (`access: {}` asks no more), and a route naming a permission is refused by the request
 * hook to an actor who holds that permission nowhere (no grant carries it, or the API token leaves it out), before its
 * body is read. The service still decides, within the actor's scope, whether this object is theirs.
 */
export type RouteAccess =
  | { public: true; reason: string }
  | {
      public?: false;
      permission?: Permission;
      /**
       * The hook's answer to an actor holding `permission` nowhere: the one the service would give. 'forbidden' (403,
       * the default) where the service requires the permission as such; 'not_found' (404) where it looks the object or
       * unit up within the actor's scope for this permission, which is empty; 'service' where the answer depends on the
       * object (404 when the actor cannot see it, 403 when they can but may not act), so the hook lets the service answer.
       */
      heldNowhere?: 'forbidden' | 'not_found' | 'service';
    };

/** Finds who is calling (session cookie or bearer token), null when nobody is; the auth area provides it. */
export type ActorResolver = (db: Db, request: FastifyRequest) => Promise<Actor | null>;

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Decorated by the auth area (registerAuthRoutes); called by the request hook of http/app.ts. */
    resolveActor: ActorResolver;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
export type RegisteredRoute = { method: string; url: string; access: RouteAccess | undefined };

/** What an area's route registration may need besides the app. */
export type ModuleDeps = { config: AppConfig; database: DatabaseHandle };
