/** `state/tuned_parameters.json`: the neural tuner's walk-forward result, which the Strategy Lab can pick up. */
import { z } from 'zod';
import { csvNumber, csvString, defineDocument, defineLedger, isoTime } from './contract.js';

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

/** Every scheduled tuning run: what was in force, what the walk-forward found, and whether it was adopted. */
export const tuningDecisions = defineLedger({
  name: 'tuning_decisions',
  path: 'state/tuning_decisions.csv',
  description: 'Each scheduled tuner run: parameters in force and found, their out-of-sample scores, and the adoption decision with its reason.',
  row: z.object({
    ts: isoTime,
    strategy: z.enum(['sma-cross', 'momentum']),
    symbol: csvString.min(1),
    current_params: csvString,
    candidate_params: csvString.min(1),
    current_oos: z.union([z.literal(''), csvNumber]),
    candidate_oos: csvNumber,
    margin: csvNumber,
    decision: z.enum(['adopted', 'rejected', 'kept']),
    reason: csvString.min(1),
  }),
});
