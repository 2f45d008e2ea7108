import { nextDifficultyStatus, type DifficultyStatus } from '../../../core/registrations/registration-rules.js';
import { holdsTenantWide, inScope } from '../../auth/access.js';
import { can, type Policy } from '../../auth/policy.js';
import type { AuthedContext } from '../../auth/actor.js';
import { inboxPermissions, unionScope } from '../inbox/inbox.service.js';

/** Filing: people who act for the unit. */
export const filePermissions = ['registration.submit', 'report.submit'] as const;

/** A difficulty (or request for adjustment) as the rules see it: the unit that files it. */
export type DifficultySubject = { unitId: string };

/** Who may do what with a difficulty or request for adjustment. */
export const difficultyPolicy: Policy<DifficultySubject, 'read' | 'file' | 'answer' | 'close'> = {
  /** The filing unit's people and the provincial bodies: the actor's inbox scope. */
  read: async (ctx, difficulty) => inScope(await unionScope(ctx.db, ctx.actor, inboxPermissions), difficulty.unitId),
  /** Filing for a unit: registration.submit or report.submit on it. */
  file: async (ctx, difficulty) => inScope(await unionScope(ctx.db, ctx.actor, filePermissions), difficulty.unitId),
  /** Answering is for the provincial bodies: registration.review over the whole tenant (board, standing agency, council). */
  answer: (ctx) => holdsTenantWide(ctx, 'registration.review'),
  /** Closing: the filing unit (withdraws an open one, settles an answered one) or an answering body. */
  close: async (ctx, difficulty) => (await difficultyPolicy.file(ctx, difficulty)) || (await difficultyPolicy.answer(ctx, difficulty)),
};

/** The abilities sent with a difficulty: the policy, and the action possible from its status (else 422). */
export async function difficultyAbilities(ctx: AuthedContext, difficulty: DifficultySubject, status: DifficultyStatus): Promise<{ canAnswer: boolean; canClose: boolean }> {
  return {
    canAnswer: nextDifficultyStatus(status, 'answer') !== null && (await can(difficultyPolicy, ctx, 'answer', difficulty)),
    canClose: nextDifficultyStatus(status, 'close') !== null && (await can(difficultyPolicy, ctx, 'close', difficulty)),
  };
}
