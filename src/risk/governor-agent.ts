/**
 * Agent `risk_governor`: evaluates the regime cap, the VaR gates and the volatility-spike stop on
 * the portfolio's daily returns (from `state/performance_metrics.csv`, annualised by the book's
 * calendars) and the orchestrator's risk_scaler (`runtime/atlas_brain.json`, or the one documented
 * default `trader.missing_brain_scaler` = 0.5 when the brain is missing), and writes
 * `state/risk_governor.json`. An unreadable equity ledger makes the document REDUCING with
 * EQUITY_HISTORY_CORRUPT.
 */
import { atlasBrain } from '../contracts/brain.js';
import { riskGovernor } from '../contracts/risk.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { allocationsOverride } from '../contracts/weights.js';
import { MS } from '../core/clock.js';
import type { AgentDefinition } from '../core/agent.js';
import { traderConfig } from '../config/trader.js';
import { governorParams, riskSection } from './config.js';
import { evaluateGovernor } from './governor.js';
import { bookPeriodsPerYear, readEquityCurve } from './sources.js';

export const riskGovernorAgent: AgentDefinition = {
  name: 'risk_governor',
  description: 'Exposure caps by volatility regime scaled by risk_scaler, daily/weekly VaR gates, volatility-spike hard stop.',
  intervalMs: (config) => (riskSection(config).governor_interval ?? 60) * MS.second,
  consumes: [performanceMetrics, pnlHistory, allocationsOverride, atlasBrain],
  produces: [riskGovernor],
  needs: [],
  create(ctx) {
    const params = governorParams(ctx.config);
    const missingBrainScaler = traderConfig(ctx.config).missing_brain_scaler;
    let lastState: string | undefined;
    return {
      tick(now) {
        const periods = bookPeriodsPerYear(ctx.store, ctx.log);
        const curve = readEquityCurve(ctx.store, ctx.log, periods);
        const brain = ctx.store.get(atlasBrain);
        const prev = ctx.store.get(riskGovernor);
        const doc = evaluateGovernor(
          {
            nowMs: now,
            dailyReturns: curve.dailyReturns,
            periodsPerYear: periods,
            riskScaler: brain?.risk_scaler ?? missingBrainScaler,
            previousSpikeUntil: prev?.spike_until ?? null,
            inputFailures: curve.corrupt ? ['EQUITY_HISTORY_CORRUPT'] : [],
          },
          params,
        );
        const key = `${doc.trading_state} ${doc.reasons.join(',')}`;
        if (key !== lastState) {
          const fields = { trading_state: doc.trading_state, reasons: doc.reasons, gates: doc.gates.filter((g) => g.active) };
          if (doc.reasons.length) ctx.log.warn(fields, `risk governor: ${doc.trading_state} (${doc.reasons.join(', ')})`);
          else ctx.log.info(fields, `risk governor: ${doc.trading_state}`);
          lastState = key;
        }
        ctx.store.write(riskGovernor, doc);
      },
    };
  },
};
