/** The saved out-of-sample comparison of the learned bet-sizing policy with fractional Kelly (`neolight sports sizing`). */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

const figures = z.object({
  seasons: z.number().int().nonnegative(),
  bets: z.number().int().nonnegative(),
  value_bets: z.number().int().nonnegative(),
  arbitrages: z.number().int().nonnegative(),
  staked: z.number(),
  profit: z.number(),
  commission: z.number(),
  yield: z.number().nullable(),
  log_growth: z.number(),
  max_drawdown: z.number(),
});

export const sportsSizing = defineDocument({
  name: 'sports_sizing',
  path: 'state/sports_models/sizing.json',
  description: 'SIMULATED: the learned bet-sizing policy and its out-of-sample figures against fractional Kelly (same caps); the betting agent adopts it only when it won by the stated margin.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.literal(true),
    data: z.enum(['nfl', 'football']),
    seed: z.number().int(),
    train_seasons: z.tuple([z.number().int(), z.number().int()]),
    test_seasons: z.tuple([z.number().int(), z.number().int()]),
    model: z.object({ name: z.string(), params: z.record(z.string(), z.number()), tuned_on: z.tuple([z.number().int(), z.number().int()]).nullable() }),
    limits: z.object({ bankroll: z.number(), per_bet_cap: z.number(), market_cap: z.number(), day_cap: z.number(), min_stake: z.number(), min_edge: z.number(), kelly_fraction: z.number(), risk_scaler: z.number() }),
    learner: z.object({ method: z.string(), iterations: z.number().int(), population: z.number().int(), elite: z.number().int(), evaluations: z.number().int() }),
    policy: z.object({ features: z.array(z.string()), params: z.array(z.number()) }),
    train: z.object({ kelly: figures, learned: figures }),
    test: z.object({ kelly: figures, learned: figures }),
    comparison: z.object({ log_growth_difference: z.number(), profit_difference: z.number(), margin: z.number(), learned_beats_kelly: z.boolean() }),
  }),
});
