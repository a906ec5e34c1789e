/**
 * Agent `allocator`: turns the weights bridge's allocation (`runtime/allocations_override.json`,
 * the signals) and the risk constraints (the brain's risk_scaler, the drawdown multiplier, the
 * governor's exposure cap and the trader's gross cap) into target weights — the same
 * portfolioTargets the SmartTrader sizes with — compares them with the holdings implied by
 * `state/pnl_history.csv` at current prices, and writes `state/allocator_drift.json`, which the
 * SmartTrader rebalances on.
 */
import { atlasBrain } from '../contracts/brain.js';
import { allocatorDrift, drawdownGuard, riskGovernor } from '../contracts/risk.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { allocationsOverride } from '../contracts/weights.js';
import { MS } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { AgentDefinition } from '../core/agent.js';
import { traderConfig } from '../config/trader.js';
import { DEFAULT_REBALANCE_THRESHOLD, driftReport } from '../contracts/drift.js';
import { riskTargets } from './allocator.js';
import { riskSection } from './config.js';
import { readEquityCurve, readHoldings, riskStateReader } from './sources.js';

export const allocatorAgent: AgentDefinition = {
  name: 'allocator',
  description: 'Target weights from allocations and risk constraints; portfolio drift per asset and total.',
  intervalMs: (config) => (riskSection(config).allocator_interval ?? 300) * MS.second,
  consumes: [allocationsOverride, atlasBrain, riskGovernor, drawdownGuard, pnlHistory, performanceMetrics],
  produces: [allocatorDrift],
  needs: ['market'],
  create(ctx) {
    const threshold = riskSection(ctx.config).rebalance_threshold ?? DEFAULT_REBALANCE_THRESHOLD;
    const trader = traderConfig(ctx.config);
    const market = ctx.ports.market;
    let lastReason: string | undefined;
    const readRisk = riskStateReader(ctx.store, ctx.config, ctx.log);
    return {
      async tick(now) {
        const alloc = ctx.store.get(allocationsOverride);
        if (!alloc) {
          if (lastReason !== 'none') ctx.log.info('no runtime/allocations_override.json yet; nothing to allocate');
          lastReason = 'none';
          return;
        }
        lastReason = undefined;
        const risk = readRisk(now);
        // The SmartTrader's own fallback when the brain is missing, so both build the same targets.
        const riskScaler = ctx.store.get(atlasBrain)?.risk_scaler ?? trader.missing_brain_scaler;
        const targets = riskTargets(alloc.allocations, riskScaler, risk, trader.max_gross);
        const { qty, lastPrice, corrupt: holdingsUnknown } = readHoldings(ctx.store, ctx.log);
        // Unknown holdings are not an empty book: a report from them would say "buy everything".
        if (holdingsUnknown) return;
        const prices: Record<string, number> = { ...lastPrice };
        if (market) {
          for (const s of new Set([...Object.keys(targets), ...Object.keys(qty)])) {
            try {
              prices[s] = (await market.quote(s, now)).last;
            } catch (err) {
              ctx.log.debug({ symbol: s, err: describeError(err) }, 'no quote; using the last fill price');
            }
          }
        }
        const curve = readEquityCurve(ctx.store, ctx.log);
        // Unknown equity is not the starting equity: no report, and the trader sizes on its own book.
        if (curve.corrupt) return;
        const equity = curve.points[curve.points.length - 1]?.equity ?? ctx.config.startingEquity;
        const report = driftReport(targets, qty, prices, equity, threshold);
        ctx.store.write(allocatorDrift, { updated_at: new Date(now).toISOString(), source: alloc.source ?? 'allocations_override', equity, targets, ...report });
      },
    };
  },
};
