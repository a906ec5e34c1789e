/** `state/wealth_trajectory.json`: actual wealth by day against the $1M-in-24-months target path. */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const wealthTrajectory = defineDocument({
  name: 'wealth_trajectory',
  path: 'state/wealth_trajectory.json',
  description: 'Daily wealth, the target path, the required growth rate and the measured probability of reaching it.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    start_date: day,
    start_equity: z.number().positive(),
    target_equity: z.number().positive(),
    horizon_days: z.number().int().positive(),
    required_daily_growth: z.number(),
    required_annual_growth: z.number(),
    /** Monte-Carlo probability of reaching the target from the realised return distribution; null until enough data. */
    probability_of_target: z.number().min(0).max(1).nullable(),
    simulations: z.number().int().min(0),
    days: z.array(z.object({ date: day, wealth: z.number(), target: z.number().positive() })),
  }),
});
