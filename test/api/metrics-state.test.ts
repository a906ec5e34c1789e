/**
 * /metrics carries the mesh's state read from the store at scrape time: equity and drawdown from
 * the drawdown guard, the combined trading state with its reason codes (fail closed: a missing
 * risk governor document means REDUCING with RISK_STATE_MISSING), revenue, cost and profit by
 * agent with the `simulated` label, and each agent's seconds since its last tick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsServer, TOKEN, type MetricsServer } from '../deploy/exported-metrics.js';

/** The value of one sample line `name{labels} value`, or undefined. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics state gauges', () => {
  let server: MetricsServer;
  let body: string;
  beforeAll(async () => {
    server = await metricsServer();
    const r = await server.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.statusCode).toBe(200);
    body = r.body;
  });
  afterAll(async () => server.close());

  it('reports equity, peak, drawdown, tier and multiplier from the drawdown guard, labelled simulated', () => {
    expect(sample(body, 'neolight_equity_usd{simulated="true"}')).toBe(9000);
    expect(sample(body, 'neolight_equity_peak_usd{simulated="true"}')).toBe(10_000);
    expect(sample(body, 'neolight_drawdown_ratio')).toBe(0.1);
    expect(sample(body, 'neolight_drawdown_tier')).toBe(2);
    expect(sample(body, 'neolight_exposure_multiplier')).toBe(0.5);
    expect(sample(body, 'neolight_drawdown_guard_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('reports the combined trading state and its reason codes, failing closed without the governor', () => {
    expect(sample(body, 'neolight_trading_state{state="REDUCING"}')).toBe(1);
    expect(sample(body, 'neolight_trading_state{state="ACTIVE"}')).toBe(0);
    expect(sample(body, 'neolight_trading_state{state="HALTED"}')).toBe(0);
    expect(sample(body, 'neolight_risk_reason{code="RISK_STATE_MISSING"}')).toBe(1);
    expect(sample(body, 'neolight_risk_reason{code="RISK_STATE_STALE"}')).toBe(0);
  });

  it('reports revenue, cost and profit by agent and the seconds since each agent last ticked', () => {
    expect(sample(body, 'neolight_revenue_usd{agent="smart_trader",simulated="true"}')).toBe(120);
    expect(sample(body, 'neolight_cost_usd{agent="smart_trader",simulated="true"}')).toBe(20);
    expect(sample(body, 'neolight_profit_usd{agent="smart_trader",simulated="true"}')).toBe(100);
    const age = sample(body, 'neolight_agent_last_tick_age_seconds{agent="smart_trader"}');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
    expect(sample(body, 'neolight_agent_ticks_total{agent="smart_trader"}')).toBe(4);
    expect(sample(body, 'neolight_agent_last_tick_duration_seconds{agent="smart_trader"}')).toBe(0.25);
    expect(sample(body, 'neolight_agent_mean_tick_duration_seconds{agent="smart_trader"}')).toBe(0.2);
  });
});
