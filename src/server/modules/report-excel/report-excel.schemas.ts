import { z } from 'zod';

// The Excel import's contracts, shared with the web app (web/src/api/reports.ts).

/** One refused cell of an imported workbook. */
export const importErrorView = z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), message: z.string() });
/** An import job: progress while it runs, then its result with every error. */
export const importJobView = z.object({
  id: z.string().uuid(),
  periodId: z.string().uuid(),
  fileName: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(importErrorView).describe('Every error (up to 1000 listed) with sheet, row, column and a Vietnamese message'),
});
