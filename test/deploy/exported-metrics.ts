/**
 * The metric names the real `/metrics` route exports, read from a real API server over a data
 * directory with the documents the state gauges read, and the names a PromQL text refers to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApiServer } from '../../src/api/server.js';
import type { SupervisorView } from '../../src/api/supervisor-view.js';
import { loadConfig } from '../../src/config/config.js';
import { drawdownGuard } from '../../src/contracts/risk.js';
import { revenueByAgent } from '../../src/contracts/revenue.js';
import type { AgentStatus } from '../../src/contracts/status.js';
import { fakeSupervisor } from '../../src/drill/fixtures.js';
import { writeHeartbeat } from '../../src/mesh/heartbeat.js';
import { openFileStore } from '../../src/store/file-store.js';

export const TOKEN = 'metrics-test-token-0123456789';

export interface MetricsServer {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A status API with a token, over a home holding a drawdown guard, a revenue document and a heartbeat. */
export async function metricsServer(): Promise<MetricsServer> {
  const home = mkdtempSync(join(tmpdir(), 'neolight-metrics-'));
  const store = openFileStore(home);
  const now = new Date().toISOString();
  store.write(drawdownGuard, { updated_at: now, mode: 'slowdown', trading_state: 'REDUCING', multiplier: 0.5, tier: 2, equity: 9000, peak: 10_000, reference: 10_000, drawdown: 0.1, trough: 9000, halted_at: null, recovery_multiplier: null, recovery_step_at: null, recovery_step_equity: null, last_seq: 0, events: [], reasons: [] });
  store.write(revenueByAgent, { updated_at: now, currency: 'USD', agents: { smart_trader: { revenue: 120, cost: 20, profit: 100, simulated: true, updated_at: now } }, total_profit: 100 });
  writeHeartbeat(store, { pid: process.pid, agent: 'smart_trader', started_at: now, ticks: 4, errors: 1, last_tick_at: now, last_tick_market_at: now, last_tick_ms: 250, tick_ms_sum: 800, last_error: null });
  const agent: AgentStatus = { name: 'smart_trader', pid: process.pid, state: 'running', restarts: 1, consecutive_failures: 0, started_at: now, last_tick_at: now, last_exit: null, next_restart_at: null, log: 'logs/smart_trader.log' };
  const supervisor: SupervisorView = { ...fakeSupervisor, agents: () => [agent] };
  const app = await createApiServer({ config: loadConfig({ home, logLevel: 'silent' }, { NEOLIGHT_API_TOKEN: TOKEN }), supervisor });
  return {
    app,
    async close() {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Every series name in a Prometheus text exposition, with histogram and summary suffixes. */
export function exportedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const m of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = m;
    names.add(name!);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(`${name}${s}`);
    if (type === 'summary') for (const s of ['_sum', '_count']) names.add(`${name}${s}`);
  }
  return names;
}

/** NeoLight metric names a PromQL or LogQL text mentions. */
export function referencedNames(query: string): string[] {
  return [...new Set([...query.matchAll(/\bneolight_[a-z0-9_]+/g)].map((m) => m[0]))];
}
