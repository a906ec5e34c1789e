/**
 * Risk fails closed: a capital agent without fresh risk documents is reduce-only. Tests of trading
 * behaviour that mean "risk all clear" say so with this helper before each tick: it writes a clear
 * risk governor and drawdown guard document stamped `nowMs`, or re-stamps the ones a test wrote
 * (a scripted halt stays a halt). The clear governor document caps gross exposure at 1 (normal
 * regime 0.8 × risk_scaler 1.25, the governor's max_gross), so it restricts nothing.
 *
 * It also gives the SmartTrader a capital budget that caps nothing ($1e12, its rebalance ten years
 * away) unless the test wrote one: the trader is reduce-only without a budget it can trust
 * (src/trading/budget-cap.ts).
 *
 * For a child process on a scaled clock, write the documents once and give the risk agents a long
 * interval in the config (`STILL_FRESH_CONFIG`): staleness is 3 intervals of market time.
 */
import { capitalBudgets } from '../../src/contracts/capital.js';
import { drawdownGuard, riskGovernor } from '../../src/contracts/risk.js';
import { initialDrawdownState } from '../../src/risk/drawdown.js';
import { evaluateGovernor } from '../../src/risk/governor.js';
import type { StateStore } from '../../src/store/file-store.js';

export function freshRiskDocs(store: StateStore, nowMs: number, opts: { budget?: boolean } = {}): void {
  const at = new Date(nowMs).toISOString();
  const gov = store.get(riskGovernor) ?? evaluateGovernor({ nowMs, dailyReturns: [], periodsPerYear: 252, riskScaler: 1.25, previousSpikeUntil: null });
  store.write(riskGovernor, { ...gov, updated_at: at });
  store.write(drawdownGuard, { ...(store.get(drawdownGuard) ?? initialDrawdownState(nowMs)), updated_at: at });
  if (opts.budget !== false && !store.get(capitalBudgets)) store.write(capitalBudgets, uncappedBudgets(nowMs));
}

/** A budget document under which the trader's budget caps nothing and never goes stale. */
export function uncappedBudgets(nowMs: number) {
  const agent = { budget: 1e12, share: 1, floor: 0.5, cap: 1, returns: [], cum_profit: 0, score: 0, frozen: false, reason: 'test: uncapped' };
  return { updated_at: new Date(nowMs).toISOString(), next_rebalance_at: new Date(nowMs + 3650 * 86_400_000).toISOString(), period_days: 7, total_wealth: 0, simulated: true, halted: false, agents: { smart_trader: agent } };
}

/** Config `risk` section under which documents written at start stay fresh for a whole test run. */
export const STILL_FRESH_CONFIG = { governor_interval: 1e9, drawdown_interval: 1e9 } as const;

/** An agent whose every tick first writes fresh, clear risk documents (tests of trading behaviour). */
export function withClearRisk<A extends { tick(now: number): unknown }>(store: StateStore, agent: A): A {
  return { ...agent, tick: (now: number) => (freshRiskDocs(store, now), agent.tick(now)) };
}
