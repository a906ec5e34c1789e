/**
 * Risk fails closed: a capital agent without fresh risk documents is reduce-only. Tests of trading
 * behaviour that mean "risk all clear" say so with this helper before each tick: it writes a clear
 * risk governor and drawdown guard document stamped `nowMs`, or re-stamps the ones a test wrote
 * (a scripted halt stays a halt). The clear governor document caps gross exposure at 1 (normal
 * regime 0.8 × risk_scaler 1.25, the governor's max_gross), so it restricts nothing.
 *
 * For a child process on a scaled clock, write the documents once and give the risk agents a long
 * interval in the config (`STILL_FRESH_CONFIG`): staleness is 3 intervals of market time.
 */
import { drawdownGuard, riskGovernor } from '../../src/contracts/risk.js';
import { initialDrawdownState } from '../../src/risk/drawdown.js';
import { evaluateGovernor } from '../../src/risk/governor.js';
import type { StateStore } from '../../src/store/file-store.js';

export function freshRiskDocs(store: StateStore, nowMs: number): void {
  const at = new Date(nowMs).toISOString();
  const gov = store.get(riskGovernor) ?? evaluateGovernor({ nowMs, dailyReturns: [], periodsPerYear: 252, riskScaler: 1.25, previousSpikeUntil: null });
  store.write(riskGovernor, { ...gov, updated_at: at });
  store.write(drawdownGuard, { ...(store.get(drawdownGuard) ?? initialDrawdownState(nowMs)), updated_at: at });
}

/** Config `risk` section under which documents written at start stay fresh for a whole test run. */
export const STILL_FRESH_CONFIG = { governor_interval: 1e9, drawdown_interval: 1e9 } as const;

/** An agent whose every tick first writes fresh, clear risk documents (tests of trading behaviour). */
export function withClearRisk<A extends { tick(now: number): unknown }>(store: StateStore, agent: A): A {
  return { ...agent, tick: (now: number) => (freshRiskDocs(store, now), agent.tick(now)) };
}
