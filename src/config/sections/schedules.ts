/**
 * The `schedules` section of the config file: cron jobs in market time. The default is the
 * specification's schedule_all (orchestrator and knowledge integrator every 4 hours).
 */
import { z } from 'zod';

export const schedulesSchema = z
  .array(z.strictObject({ agent: z.string().regex(/^[a-z0-9_]+$/, 'must be an agent name'), cron: z.string().min(1) }))
  .default([
    { agent: 'intelligence_orchestrator', cron: '0 */4 * * *' },
    { agent: 'knowledge_integrator', cron: '0 */4 * * *' },
  ]);
export type Schedules = z.infer<typeof schedulesSchema>;
