/**
 * `GET /metrics`: Prometheus text from prom-client — process metrics plus, per agent, restarts,
 * consecutive failures, up, ticks, tick errors and tick durations (from the heartbeats in the store),
 * and the mesh's state (metrics-state.ts). One registry per server, so tests can run several.
 * deploy/grafana and deploy/prometheus query these names; test/deploy checks they exist.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { readHeartbeat } from '../../mesh/heartbeat.js';
import { stateGauges, type StateGaugeDeps } from './metrics-state.js';

export function metricsRoutes(deps: StateGaugeDeps) {
  const { store, supervisor } = deps;
  return async (app: FastifyInstance): Promise<void> => {
    const registry = new Registry();
    const updateState = stateGauges(registry);
    collectDefaultMetrics({ register: registry, prefix: 'neolight_' });
    const labelNames = ['agent'] as const;
    // Gauges filled at scrape time from the supervisor's and the heartbeats' running totals.
    const restarts = new Gauge({ name: 'neolight_agent_restarts_total', help: 'Restarts of the agent since the guardian started', labelNames, registers: [registry] });
    const failures = new Gauge({ name: 'neolight_agent_consecutive_failures', help: 'Current streak of failed runs', labelNames, registers: [registry] });
    const up = new Gauge({ name: 'neolight_agent_up', help: '1 when the agent process is running', labelNames, registers: [registry] });
    const ticks = new Gauge({ name: 'neolight_agent_ticks_total', help: 'Ticks completed by the current agent process', labelNames, registers: [registry] });
    const errors = new Gauge({ name: 'neolight_agent_tick_errors_total', help: 'Ticks that threw in the current agent process', labelNames, registers: [registry] });
    const last = new Gauge({ name: 'neolight_agent_last_tick_duration_seconds', help: 'Duration of the last tick', labelNames, registers: [registry] });
    const mean = new Gauge({ name: 'neolight_agent_mean_tick_duration_seconds', help: 'Mean tick duration of the current agent process', labelNames, registers: [registry] });

    app.get('/metrics', async (_req, reply) => {
      for (const a of supervisor.agents()) {
        const l = { agent: a.name };
        restarts.set(l, a.restarts);
        failures.set(l, a.consecutive_failures);
        up.set(l, a.state === 'running' ? 1 : 0);
        const hb = readHeartbeat(store, a.name);
        if (hb) {
          ticks.set(l, hb.ticks);
          errors.set(l, hb.errors);
          if (hb.last_tick_ms !== null) last.set(l, hb.last_tick_ms / 1000);
          if (hb.ticks > 0) mean.set(l, hb.tick_ms_sum / hb.ticks / 1000);
        }
      }
      updateState(deps);
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
  };
}
