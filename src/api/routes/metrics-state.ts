/**
 * The mesh's state as Prometheus gauges, read from the store at scrape time: equity, drawdown and
 * tier from the drawdown guard, the combined trading state and its reason codes (what alerting
 * needs: a halt, stale or missing risk inputs), revenue, cost and profit by agent, and each
 * agent's seconds since its last tick. Figures from simulated venues carry `simulated="true"`.
 */
import { Gauge, type Registry } from 'prom-client';
import type { Config } from '../../config/config.js';
import { revenueByAgent } from '../../contracts/revenue.js';
import { drawdownGuard, riskReasonCode, tradingState } from '../../contracts/risk.js';
import { readHeartbeat } from '../../mesh/heartbeat.js';
import { meshNow } from '../../mesh/mesh-clock.js';
import { readRiskState } from '../../risk/sources.js';
import type { StateStore } from '../../store/state-store.js';
import type { SupervisorView } from '../supervisor-view.js';

export interface StateGaugeDeps {
  home: string;
  config: Config;
  store: StateStore;
  supervisor: SupervisorView;
}

export function stateGauges(registry: Registry): (deps: StateGaugeDeps) => void {
  const g = (name: string, help: string, labelNames: string[] = []): Gauge => new Gauge({ name, help, labelNames, registers: [registry] });
  const equity = g('neolight_equity_usd', 'Equity the drawdown guard last saw, in USD', ['simulated']);
  const peak = g('neolight_equity_peak_usd', 'All-time high-water mark of equity, in USD', ['simulated']);
  const drawdown = g('neolight_drawdown_ratio', 'Drawdown from the reference high, as a fraction (0.1 = 10 %)');
  const tier = g('neolight_drawdown_tier', 'Highest drawdown tier of the episode: 0 none, 1-3 slow-downs (-5/-10/-15 %), 4 halt (-20 %)');
  const multiplier = g('neolight_exposure_multiplier', 'Multiplier every capital agent applies to new exposure (0 when halted)');
  const state = g('neolight_trading_state', '1 for the combined trading state the capital agents obey now, 0 for the others', ['state']);
  const reason = g('neolight_risk_reason', '1 for each reason code restricting trading now (docs/risk.md)', ['code']);
  const guardAge = g('neolight_drawdown_guard_age_seconds', 'Mesh-time seconds since the drawdown guard last wrote its document');
  const revenue = g('neolight_revenue_usd', 'Revenue by agent, in USD', ['agent', 'simulated']);
  const cost = g('neolight_cost_usd', 'Cost by agent, in USD', ['agent', 'simulated']);
  const profit = g('neolight_profit_usd', 'Profit by agent, in USD', ['agent', 'simulated']);
  const tickAge = g('neolight_agent_last_tick_age_seconds', 'Seconds since the agent last finished a tick', ['agent']);

  return (deps) => {
    const now = meshNow(deps.home);
    const sim = String(deps.supervisor.simulated);
    const dd = deps.store.read(drawdownGuard).value;
    for (const m of [equity, peak, drawdown, tier, multiplier, guardAge]) m.reset();
    if (dd) {
      if (dd.equity !== null) equity.set({ simulated: sim }, dd.equity);
      if (dd.peak !== null) peak.set({ simulated: sim }, dd.peak);
      drawdown.set(dd.drawdown);
      tier.set(dd.tier);
      multiplier.set(dd.multiplier);
      guardAge.set(Math.max(0, (now - Date.parse(dd.updated_at)) / 1000));
    }
    const risk = readRiskState(deps.store, deps.config, now);
    for (const s of tradingState.options) state.set({ state: s }, s === risk.tradingState ? 1 : 0);
    for (const c of riskReasonCode.options) reason.set({ code: c }, risk.reasons.includes(c) ? 1 : 0);
    for (const m of [revenue, cost, profit]) m.reset();
    for (const [agent, r] of Object.entries(deps.store.read(revenueByAgent).value?.agents ?? {})) {
      const l = { agent, simulated: String(r.simulated) };
      revenue.set(l, r.revenue);
      cost.set(l, r.cost);
      profit.set(l, r.profit);
    }
    tickAge.reset();
    for (const a of deps.supervisor.agents()) {
      const at = readHeartbeat(deps.store, a.name)?.last_tick_at;
      if (at) tickAge.set({ agent: a.name }, Math.max(0, (Date.now() - Date.parse(at)) / 1000));
    }
  };
}
