/**
 * Agent `risk_governor`: evaluates the regime cap, the VaR gates and the volatility-spike stop on
 * the portfolio's daily returns (from `state/performance_metrics.csv`) and the orchestrator's
 * risk_scaler (`runtime/atlas_brain.json`), and writes `state/risk_governor.json`.
 */
import { atlasBrain } from '../contracts/brain.js';
import { riskGovernor } from '../contracts/risk.js';
import { performanceMetrics } from '../contracts/trading.js';
import { MS } from '../core/clock.js';
import type { AgentDefinition } from '../core/agent.js';
import { governorParams, riskSection } from './config.js';
import { evaluateGovernor } from './governor.js';
import { readEquityCurve } from './sources.js';

export const riskGovernorAgent: AgentDefinition = {
  name: 'risk_governor',
  description: 'Exposure caps by volatility regime scaled by risk_scaler, daily/weekly VaR gates, volatility-spike hard stop.',
  intervalMs: (config) => (riskSection(config).governor_interval ?? 60) * MS.second,
  consumes: [performanceMetrics, atlasBrain],
  produces: [riskGovernor],
  needs: [],
  create(ctx) {
    const params = governorParams(ctx.config);
    let lastState: string | undefined;
    return {
      tick(now) {
        const curve = readEquityCurve(ctx.store, ctx.log);
        const brain = ctx.store.get(atlasBrain);
        const prev = ctx.store.get(riskGovernor);
        const doc = evaluateGovernor({ nowMs: now, dailyReturns: curve.dailyReturns, riskScaler: brain?.risk_scaler ?? 1, previousSpikeUntil: prev?.spike_until ?? null }, params);
        if (doc.trading_state !== lastState) {
          ctx.log.info({ trading_state: doc.trading_state, gates: doc.gates.filter((g) => g.active) }, `risk governor: ${doc.trading_state}`);
          lastState = doc.trading_state;
        }
        ctx.store.write(riskGovernor, doc);
      },
    };
  },
};
