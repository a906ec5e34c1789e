/**
 * Collectibles agent (sneakers, trading cards, NFTs): values each open ask from the reference's
 * recent comparable sales (median after MAD outlier rejection, with a confidence band; too few
 * comps, no valuation), buys only when the all-in cost is under the conservative resale value less
 * the platform's fees (StockX, GOAT, TCGplayer, OpenSea schedules), shipping, capital cost and a
 * margin of safety, within its budget and the risk-scaled per-item cap; lists only what passed
 * authentication; never automates a retail-drop checkout (a person approves it).
 * Documents: state/collectibles_inventory.json; ledger: state/collectibles_pnl.csv.
 */
import { collectiblesInventory, collectiblesPnl } from '../../contracts/ventures.js';
import { requirePort } from '../../core/agent.js';
import { ventureAgent, type VentureSpec } from '../shared/agent.js';
import { resaleCycle, type ResaleCycleConfig } from '../resale/cycle.js';
import { safetyMargin } from '../resale/settings.js';
import { DEFAULT_VALUATION, valueFromComps } from '../resale/valuation.js';
import { resaleParamsFor } from '../resale/value.js';
import { COLLECTIBLES_VENUE, collectiblesMarket } from './catalogue.js';

export const COLLECTIBLES_AGENT = 'collectibles_agent';

export function collectiblesCycleConfig(safety: number): ResaleCycleConfig {
  const policy = { safetyMargin: safety, holdingDays: 14, insurancePerYear: 0, capitalPerYear: 0.08 };
  return {
    inventory: collectiblesInventory,
    ledger: collectiblesPnl,
    valuate: (comps, now) => valueFromComps(comps, now, DEFAULT_VALUATION),
    resaleFor: (category) => resaleParamsFor(policy, collectiblesMarket(0), COLLECTIBLES_VENUE, category),
    markdownAfterDays: 14,
    markdownPerWeek: 0.04,
    keepClosed: 200,
  };
}

export const collectiblesSpec: VentureSpec = {
  name: COLLECTIBLES_AGENT,
  description: 'Buys sneakers, trading cards and NFTs below their comps-based value net of all fees, authenticates, lists and marks down.',
  defaults: { budgetUsd: 3_000, approvalAboveUsd: 400, approvalTtlHours: 24, itemCapUsd: 600, minMargin: 0.15, intervalSeconds: 3_600 },
  consumes: [],
  produces: [collectiblesInventory, collectiblesPnl],
  needs: ['marketplace'],
  approvalKind: 'collectible_purchase',
  create: (ctx) => resaleCycle(ctx, requirePort(ctx, 'marketplace'), collectiblesCycleConfig(safetyMargin(ctx.config, COLLECTIBLES_AGENT, 0.1))),
};

export const collectiblesAgent = ventureAgent(collectiblesSpec);
