/**
 * Luxury goods agent (watches, jewellery, designer fashion): values each ask on the reference's
 * price index (WatchCharts-style: daily comp medians smoothed exponentially) with the comps'
 * confidence band, net of the platform's fees, shipping, third-party authentication and the cost of
 * holding (insurance on value and capital tied up, per year, over the expected days to sell);
 * buys below that less a margin of safety; queues every purchase above the approval threshold for
 * a person; never lists an item whose authentication has not passed, and books the loss when a
 * counterfeit is caught or slips through.
 * Where it trades: the resale simulator, with eBay listings for mapped references in paper/live mode
 * (marketplace-for.ts, chosen by mesh/venture-ports.ts).
 * Documents: state/luxury_inventory.json; ledger: state/luxury_pnl.csv.
 */
import { luxuryInventory, luxuryPnl } from '../../contracts/ventures.js';
import { requirePort } from '../../core/agent.js';
import { MS } from '../../core/clock.js';
import { ventureAgent, type VentureSpec } from '../shared/agent.js';
import { resaleCycle, type ResaleCycleConfig } from '../resale/cycle.js';
import { safetyMargin } from '../resale/settings.js';
import { DEFAULT_VALUATION, indexedValuation } from '../resale/valuation.js';
import { resaleParamsFor } from '../resale/value.js';
import { LUXURY_VENUE, luxuryMarket } from './catalogue.js';

export const LUXURY_AGENT = 'luxury_agent';

export const LUXURY_VALUATION = { ...DEFAULT_VALUATION, maxAgeMs: 60 * MS.day, minComps: 8 };
export const LUXURY_INDEX = { halfLifeDays: 7 };

export function luxuryCycleConfig(safety: number): ResaleCycleConfig {
  const policy = { safetyMargin: safety, holdingDays: 30, insurancePerYear: 0.015, capitalPerYear: 0.08 };
  return {
    inventory: luxuryInventory,
    ledger: luxuryPnl,
    valuate: (comps, now) => indexedValuation(comps, now, LUXURY_VALUATION, LUXURY_INDEX),
    resaleFor: (category) => resaleParamsFor(policy, luxuryMarket(0), LUXURY_VENUE, category),
    markdownAfterDays: 30,
    markdownPerWeek: 0.02,
    keepClosed: 200,
  };
}

export const luxurySpec: VentureSpec = {
  name: LUXURY_AGENT,
  description: 'Buys watches, jewellery and designer fashion below their price-index value net of fees and holding costs, authenticates before listing.',
  defaults: { budgetUsd: 20_000, approvalAboveUsd: 5_000, approvalTtlHours: 24, itemCapUsd: 8_000, minMargin: 0.2, intervalSeconds: 3_600 },
  consumes: [],
  produces: [luxuryInventory, luxuryPnl],
  needs: ['marketplace'],
  approvalKind: 'luxury_purchase',
  create: (ctx) => resaleCycle(ctx, requirePort(ctx, 'marketplace'), luxuryCycleConfig(safetyMargin(ctx.config, LUXURY_AGENT, 0.1))),
};

export const luxuryAgent = ventureAgent(luxurySpec);
