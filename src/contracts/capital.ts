/**
 * The capital governor's documents: `state/capital_budgets.json` (each capital agent's budget in
 * force, the one document every capital agent reads its budget from) and
 * `state/capital_budget_changes.csv` (every change, with the figures and the reason).
 */
import { z } from 'zod';
import { csvNumber, csvString, defineDocument, defineLedger, isoTime } from './contract.js';

const usd = z.number().refine(Number.isFinite, 'must be a finite number');

export const capitalBudgets = defineDocument({
  name: 'capital_budgets',
  path: 'state/capital_budgets.json',
  description: 'Per-agent capital budgets set by the capital governor each rebalance period, with the track record behind each.',
  schema: z.object({
    updated_at: isoTime,
    /** Market time of the next rebalance. */
    next_rebalance_at: isoTime,
    period_days: z.number().positive(),
    /** Trading equity plus every venture's profit, USD. */
    total_wealth: usd,
    /** True when any figure behind the budgets came from a simulated venue. */
    simulated: z.boolean(),
    /** True when the drawdown guard's halt froze every budget. */
    halted: z.boolean(),
    agents: z.record(
      z.string().min(1),
      z.object({
        budget: z.number().min(0),
        share: z.number().min(0).max(1),
        floor: z.number().min(0).max(1),
        cap: z.number().min(0).max(1),
        /** Per-period returns on budget, oldest first (the track record the rule scores). */
        returns: z.array(usd),
        /** The agent's cumulative profit at this rebalance, USD (the next period's return starts here). */
        cum_profit: usd,
        score: z.number().min(-1).max(1),
        frozen: z.boolean(),
        reason: z.string(),
      }),
    ),
  }),
});

export const capitalBudgetChanges = defineLedger({
  name: 'capital_budget_changes',
  path: 'state/capital_budget_changes.csv',
  description: 'Every budget the capital governor set: agent, from, to, score, periods and the reason.',
  row: z.object({
    ts: isoTime,
    agent: csvString.min(1),
    from_budget: csvNumber,
    to_budget: csvNumber,
    score: csvNumber,
    periods: csvNumber,
    reason: csvString,
  }),
});

const factor = z.enum(['SPY', 'BTC-USD']);

export const hedgeProposals = defineDocument({
  name: 'hedge_proposals',
  path: 'state/hedge_proposals.json',
  description: 'The mesh’s factor exposures (beta of total wealth to SPY and BTC) against their limits, and the hedges proposed when one is over.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    regime: z.enum(['calm', 'normal', 'stressed']).nullable(),
    total_wealth: usd,
    exposures: z.array(z.object({ factor, beta: usd, limit: z.number().min(0), contributions: z.record(z.string(), usd) })),
    proposals: z.array(
      z.object({
        id: z.string().min(1),
        factor,
        instrument: factor,
        side: z.literal('sell'),
        notional: z.number().positive(),
        beta_before: usd,
        beta_after: usd,
        estimated_cost: z.number().min(0),
        reason: z.string().min(1),
        /** Where it went: the approval queue (a person executes it on a venue that can short). */
        status: z.enum(['queued', 'approved', 'rejected', 'expired']),
      }),
    ),
  }),
});
