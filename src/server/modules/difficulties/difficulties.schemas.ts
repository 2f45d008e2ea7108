import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import { difficultyStatuses } from '../../../core/registrations/registration-rules.js';

export const difficultyKinds = ['difficulty', 'adjustment_request'] as const;

/** An attachment as a document reference for now (number, date, summary, optional link); files come later. */
export const attachmentBody = z
  .object({
    number: z.string().trim().min(1).max(100).optional(),
    date: isoDate.optional(),
    summary: z.string().trim().min(1).max(1000),
    url: z.string().trim().url().max(2000).optional(),
  })
  .strict();

export const createDifficultyBody = z
  .object({
    unitId: z.string().uuid(),
    movementId: z.string().uuid().optional(),
    kind: z.enum(difficultyKinds).describe('difficulty: khó khăn, vướng mắc; adjustment_request: đề xuất điều chỉnh'),
    title: z.string().trim().min(1).max(300),
    content: z.string().trim().min(1).max(10_000),
    attachments: z.array(attachmentBody).max(20).default([]),
  })
  .strict();
export type CreateDifficultyInput = z.infer<typeof createDifficultyBody>;

export const answerBody = z.object({ answer: z.string().trim().min(1).max(10_000), rowVersion: z.number().int().min(1).optional() }).strict();
export const closeBody = z.object({ rowVersion: z.number().int().min(1).optional() }).strict();
export const difficultyParams = z.object({ id: z.string().uuid() }).strict();
export const difficultyListQuery = z
  .object({
    status: z.enum(difficultyStatuses).optional(),
    unitId: z.string().uuid().optional(),
    movementId: z.string().uuid().optional(),
    kind: z.enum(difficultyKinds).optional(),
  })
  .strict();

export const difficultyView = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string().nullable(),
  movementId: z.string().uuid().nullable(),
  movementName: z.string().nullable(),
  kind: z.enum(difficultyKinds),
  title: z.string(),
  content: z.string(),
  attachments: z.array(attachmentBody),
  status: z.enum(difficultyStatuses),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  isDemo: z.boolean(),
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ canAnswer: z.boolean(), canClose: z.boolean() }),
});
export type DifficultyView = z.infer<typeof difficultyView>;
