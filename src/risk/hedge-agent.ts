/**
 * Agent `hedge_engine`: every market hour it measures the mesh's beta to SPY and to BTC (hedge.ts)
 * from the trader's holdings at their last fill price and the collectibles and luxury inventories at
 * their valuation, against total wealth, and writes `state/hedge_proposals.json`. A factor over its
 * limit gets a proposed short of the factor, sized to bring it back inside, with its cost.
 *
 * Every proposal waits in the approval queue, in every mode: the paper venue is long-only (no
 * shorts, no margin), so a hedge can only be carried out by a person on a venue that can short. A
 * proposal's id is per factor and market day, so an exposure that stays over its limit asks once a
 * day, not once an hour.
 */
import { isSimulatedMode } from '../contracts/contract.js';
import { hedgeProposals } from '../contracts/capital.js';
import { riskGovernor } from '../contracts/risk.js';
import { revenueByAgent } from '../contracts/revenue.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { collectiblesInventory, luxuryInventory } from '../contracts/ventures.js';
import { MS } from '../core/clock.js';
import type { AgentDefinition } from '../core/agent.js';
import { CALIBRATION } from '../market/calibration.js';
import { approvalQueue, requestApproval } from '../store/approval-queue.js';
import { riskSection } from './config.js';
import { measureExposures, proposeHedges, type Factor, type HedgeCosts } from './hedge.js';
import { readHoldings, readTotalWealth } from './sources.js';

/** Hedge costs: the calibration's spread (stressed when the regime is), typical fees and borrow rates. */
function costsFor(stressed: boolean): Record<Factor, HedgeCosts> {
  const spread = (s: Factor) => CALIBRATION[s].spreadBps * (stressed ? CALIBRATION[s].stressSpreadMult : 1);
  return {
    SPY: { spreadBps: spread('SPY'), feeBps: 0, borrowPerYear: 0.003, holdDays: 7 },
    'BTC-USD': { spreadBps: spread('BTC-USD'), feeBps: 26, borrowPerYear: 0.1, holdDays: 7 },
  };
}

export const hedgeEngineAgent: AgentDefinition = {
  name: 'hedge_engine',
  description: 'Measures the mesh’s beta to SPY and BTC against limits and queues hedges for approval.',
  intervalMs: () => MS.hour,
  consumes: [pnlHistory, performanceMetrics, revenueByAgent, riskGovernor, collectiblesInventory, luxuryInventory],
  produces: [hedgeProposals],
  needs: [],
  create(ctx) {
    const r = riskSection(ctx.config);
    const limits: Record<Factor, number> = { SPY: r.hedge_spy_beta_limit ?? 1, 'BTC-USD': r.hedge_btc_beta_limit ?? 0.5 };
    return {
      tick(now) {
        const holdings = readHoldings(ctx.store, ctx.log);
        const positions: Record<string, number> = {};
        for (const [s, q] of Object.entries(holdings.qty)) positions[s] = q * (holdings.lastPrice[s] ?? 0);
        const inventories: Record<string, number> = {};
        for (const [agent, doc] of [['collectibles_agent', ctx.store.get(collectiblesInventory)], ['luxury_agent', ctx.store.get(luxuryInventory)]] as const) {
          const held = (doc?.items ?? []).filter((i) => i.status === 'held' || i.status === 'listed');
          if (held.length) inventories[agent] = held.reduce((a, i) => a + i.estimated_value, 0);
        }
        // Wealth now, not at the last weekly rebalance: a beta is only as current as its denominator.
        const wealth = readTotalWealth(ctx.store, ctx.log, ctx.config.startingEquity).wealth;
        const regime = ctx.store.get(riskGovernor)?.regime ?? null;
        const stressed = regime === 'stressed';
        const exposures = measureExposures({ positions, inventories, wealth, stressed, limits });
        const day = new Date(now).toISOString().slice(0, 10);
        const wallNow = Date.now();
        const queue = approvalQueue(ctx.store).items;
        const proposals = proposeHedges(exposures, wealth, costsFor(stressed)).map((p) => {
          const id = `hedge-${p.factor}-${day}`;
          const existing = queue.find((i) => i.id === id);
          const item =
            existing ??
            requestApproval(ctx.store, { id, agent: 'hedge_engine', kind: 'hedge', summary: `${p.reason} (est. cost $${p.estimatedCost.toFixed(2)}); the paper venue cannot short, so a person places it`, amount: p.notional, expiresAtMs: wallNow + MS.day, action: { factor: p.factor, instrument: p.instrument, side: p.side, notional: p.notional } }, wallNow);
          const status = item.status === 'pending' ? ('queued' as const) : item.status;
          return { id, factor: p.factor, instrument: p.instrument, side: p.side, notional: p.notional, beta_before: p.betaBefore, beta_after: p.betaAfter, estimated_cost: p.estimatedCost, reason: p.reason, status };
        });
        ctx.store.write(hedgeProposals, {
          updated_at: new Date(now).toISOString(),
          simulated: isSimulatedMode(ctx.config.mode),
          regime,
          total_wealth: Math.round(wealth * 100) / 100,
          exposures: exposures.map((e) => ({ factor: e.factor, beta: e.beta, limit: e.limit, contributions: { ...e.contributions } })),
          proposals,
        });
        if (proposals.length) ctx.log.warn({ proposals: proposals.map((p) => ({ factor: p.factor, notional: p.notional, status: p.status })) }, 'factor exposure over its limit: hedge proposed');
      },
    };
  },
};
