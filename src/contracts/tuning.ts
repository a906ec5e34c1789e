/** `state/tuned_parameters.json`: the neural tuner's walk-forward result, which the Strategy Lab can pick up. */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

export const tunedParameters = defineDocument({
  name: 'tuned_parameters',
  path: 'state/tuned_parameters.json',
  description: 'Walk-forward tuned strategy parameters with in- and out-of-sample scores.',
  schema: z.object({
    updated_at: isoTime,
    strategy: z.enum(['sma-cross', 'momentum']),
    params: z.partialRecord(z.enum(['fast', 'slow', 'lookback']), z.number().int().positive()),
    symbol: z.string().min(1),
    simulated: z.boolean(),
    in_sample_score: z.number(),
    out_of_sample_score: z.number(),
    /** In-sample minus out-of-sample Sharpe, averaged over windows: what optimism costs. */
    degradation: z.number(),
    windows: z.number().int().min(1),
  }),
});
