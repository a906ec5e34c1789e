/**
 * `GET /api/performance/periods`: the live run's calendar view, computed by the API from
 * state/performance_metrics.csv (the equity ledger) so the dashboard only renders it. Returns
 * compound from the previous period's last daily close; drawdown depth is a positive fraction.
 */
import { z } from 'zod';
import { mode } from './contract.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const performancePeriods = z
  .object({
    /** The run's mode (sim, paper, live): sim figures come from simulated venues. */
    mode: mode.nullable(),
    simulated: z.boolean(),
    /** Days with an equity row, and the first and last of them (null without rows). */
    days: z.number().int().min(0),
    first_day: day.nullable(),
    last_day: day.nullable(),
    monthly_returns: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), return: z.number() }).strict()),
    yearly_returns: z.array(z.object({ year: z.number().int(), return: z.number() }).strict()),
    worst_drawdowns: z.array(
      z.object({ start: day, valley: day, recovery: day.nullable(), depth: z.number().min(0).max(1), days: z.number().int().min(0) }).strict(),
    ),
  })
  .strict();

export type PerformancePeriods = z.infer<typeof performancePeriods>;
