/**
 * `GET /status` carries the risk state in force with its reason codes (issue 11, defect 5): the
 * same fail-closed combination the capital agents obey, at the mesh's market time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.js';
import type { SupervisorView } from '../../src/api/supervisor-view.js';
import { loadConfig } from '../../src/config/config.js';
import { drawdownGuard, riskGovernor } from '../../src/contracts/risk.js';
import { statusDocument } from '../../src/contracts/status.js';
import { initialDrawdownState } from '../../src/risk/drawdown.js';
import { evaluateGovernor } from '../../src/risk/governor.js';
import { openFileStore } from '../../src/store/file-store.js';
import { writeHeartbeat } from '../../src/mesh/heartbeat.js';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
const fake: SupervisorView = { pid: process.pid, startedAt: new Date().toISOString(), mode: 'sim', simulated: true, agents: () => [], subscribe: () => () => undefined };

async function statusRisk(prepare: (home: string) => void) {
  const home = mkdtempSync(join(tmpdir(), 'neolight-status-risk-'));
  homes.push(home);
  prepare(home);
  const app = await createApiServer({ config: loadConfig({ home }, {}), supervisor: fake, webDist: join(home, 'no-web') });
  try {
    const res = await app.inject({ method: 'GET', url: '/status' });
    expect(res.statusCode).toBe(200);
    return statusDocument.parse(res.json()).risk;
  } finally {
    await app.close();
  }
}

describe('GET /status risk', () => {
  it('no risk documents: REDUCING with RISK_STATE_MISSING', async () => {
    expect(await statusRisk(() => undefined)).toMatchObject({ trading_state: 'REDUCING', reasons: ['RISK_STATE_MISSING'] });
  });

  it('fresh clear documents: ACTIVE, no reasons; a stale one on the mesh clock: RISK_STATE_STALE', async () => {
    const write = (at: number) => (home: string) => {
      const store = openFileStore(home);
      store.write(riskGovernor, evaluateGovernor({ nowMs: at, dailyReturns: [], periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: null }));
      store.write(drawdownGuard, { ...initialDrawdownState(at), reasons: [] });
    };
    expect(await statusRisk(write(Date.now()))).toMatchObject({ trading_state: 'ACTIVE', reasons: [], details: [] });
    // The mesh clock runs 1000× from an hour ago: market time is ~41 days ahead, the documents stale.
    const stale = await statusRisk((home) => {
      write(Date.now())(home);
      const real = Date.now() - 3_600_000;
      writeFileSync(join(home, 'runtime', 'clock.json'), JSON.stringify({ scale: 1000, market_epoch_ms: real, real_epoch_ms: real, updated_real_ms: real }));
    });
    expect(stale).toMatchObject({ trading_state: 'REDUCING', reasons: ['RISK_STATE_STALE'] });
  });

  it('an unreadable equity ledger reported by the guard: EQUITY_HISTORY_CORRUPT', async () => {
    const risk = await statusRisk((home) => {
      const store = openFileStore(home);
      store.write(riskGovernor, evaluateGovernor({ nowMs: Date.now(), dailyReturns: [], periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: null }));
      store.write(drawdownGuard, { ...initialDrawdownState(Date.now()), reasons: ['EQUITY_HISTORY_CORRUPT'] });
    });
    expect(risk).toMatchObject({ trading_state: 'REDUCING', reasons: ['EQUITY_HISTORY_CORRUPT'] });
  });
});

describe('GET /status halted per agent', () => {
  const agent = (name: string) => ({ name, pid: null, state: 'running' as const, restarts: 0, consecutive_failures: 0, started_at: null, last_tick_at: null, last_exit: null, next_restart_at: null, log: `${name}.log` });
  async function agentsWith(trading: 'ACTIVE' | 'HALTED') {
    const home = mkdtempSync(join(tmpdir(), 'neolight-status-halted-'));
    homes.push(home);
    const store = openFileStore(home);
    const at = Date.now();
    store.write(riskGovernor, evaluateGovernor({ nowMs: at, dailyReturns: [], periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: null }));
    store.write(drawdownGuard, { ...initialDrawdownState(at), reasons: [], trading_state: trading });
    const sup: SupervisorView = { ...fake, agents: () => ['smart_trader', 'luxury_agent', 'sports_betting', 'telemetry'].map(agent) };
    const app = await createApiServer({ config: loadConfig({ home }, {}), supervisor: sup, webDist: join(home, 'no-web') });
    try {
      const doc = statusDocument.parse((await app.inject({ method: 'GET', url: '/status' })).json());
      return Object.fromEntries(doc.guardian.agents.map((a) => [a.name, a.halted]));
    } finally {
      await app.close();
    }
  }

  it('every capital agent reports the halt; an agent that spends no capital reports null', async () => {
    expect(await agentsWith('HALTED')).toEqual({ smart_trader: true, luxury_agent: true, sports_betting: true, telemetry: null });
    expect(await agentsWith('ACTIVE')).toEqual({ smart_trader: false, luxury_agent: false, sports_betting: false, telemetry: null });
  });
});

describe('GET /status agent notes', () => {
  it("carries the running process's own heartbeat note, and none from a dead process's heartbeat", async () => {
    const home = mkdtempSync(join(tmpdir(), 'neolight-status-note-'));
    homes.push(home);
    const store = openFileStore(home);
    const at = new Date().toISOString();
    const hb = (agent: string, pid: number, note: string | null) => ({ pid, agent, started_at: at, ticks: 3, errors: 0, last_tick_at: at, last_tick_market_at: at, last_tick_ms: 1, tick_ms_sum: 3, last_error: null, note });
    writeHeartbeat(store, hb('luxury_agent', 4242, 'nothing bought in the last cycle with a candidate: BELOW_MARGIN; available $500.00'));
    writeHeartbeat(store, hb('collectibles_agent', 999, 'an old process’s note'));
    const row = (name: string, pid: number | null) => ({ name, pid, state: 'running' as const, restarts: 0, consecutive_failures: 0, started_at: null, last_tick_at: null, last_exit: null, next_restart_at: null, log: `${name}.log` });
    const sup: SupervisorView = { ...fake, agents: () => [row('luxury_agent', 4242), row('collectibles_agent', 1001), row('telemetry', null)] };
    const app = await createApiServer({ config: loadConfig({ home }, {}), supervisor: sup, webDist: join(home, 'no-web') });
    try {
      const doc = statusDocument.parse((await app.inject({ method: 'GET', url: '/status' })).json());
      expect(Object.fromEntries(doc.guardian.agents.map((a) => [a.name, a.note]))).toEqual({
        luxury_agent: 'nothing bought in the last cycle with a candidate: BELOW_MARGIN; available $500.00',
        collectibles_agent: null,
        telemetry: null,
      });
    } finally {
      await app.close();
    }
  });
});
