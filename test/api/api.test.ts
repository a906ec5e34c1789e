import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.js';
import type { SupervisorView } from '../../src/api/supervisor-view.js';
import { loadConfig } from '../../src/config/config.js';
import { approvals, meshEvent, statusDocument, type AgentStatus, type MeshEvent } from '../../src/contracts/status.js';
import { atlasBrain, pnlHistory } from '../../src/contracts/index.js';
import { openFileStore } from '../../src/store/file-store.js';

const home = mkdtempSync(join(tmpdir(), 'neolight-api-'));
const listeners = new Set<(e: MeshEvent) => void>();
const agent: AgentStatus = {
  name: 'smart_trader',
  pid: 4242,
  state: 'running',
  restarts: 2,
  consecutive_failures: 0,
  started_at: new Date().toISOString(),
  last_tick_at: null,
  last_exit: null,
  next_restart_at: null,
  log: 'smart_trader.log',
};
const fake: SupervisorView = {
  pid: process.pid,
  startedAt: new Date(Date.now() - 5000).toISOString(),
  mode: 'sim',
  simulated: true,
  agents: () => [agent],
  subscribe: (l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
let app: FastifyInstance;
const extra: FastifyInstance[] = [];

beforeAll(async () => {
  const store = openFileStore(home);
  store.write(atlasBrain, { risk_scaler: 0.8, confidence: 0.5, updated_at: new Date().toISOString() });
  store.ledger(pnlHistory).append(
    [1, 2, 3].map((i) => ({
      key: `o${i}`,
      row: { ts: new Date().toISOString(), agent: 'smart_trader', mode: 'sim' as const, symbol: 'SPY', side: 'buy' as const, qty: i, price: 500, fee: 0, notional: 500 * i, realized_pnl: 0, order_id: `o${i}`, reason: 'rebalance' },
    })),
  );
  store.write(approvals, {
    updated_at: new Date().toISOString(),
    items: [{ id: 'a1', agent: 'ticket_arbitrage', kind: 'primary_purchase', summary: 'Buy 2 tickets', amount: 180, created_at: new Date().toISOString(), status: 'pending', decided_at: null }],
  });
  writeFileSync(join(home, 'logs', 'smart_trader.log'), ['one', 'two', 'three'].map((m) => JSON.stringify({ msg: m })).join('\n') + '\n');
  mkdirSync(join(home, 'state', 'repairs'), { recursive: true });
  writeFileSync(join(home, 'state', 'repairs', 'x.json'), JSON.stringify({ agent: 'x', at: '2025-01-01T00:00:00.000Z', error: 'boom', consecutive_failures: 3 }));
  app = await createApiServer({ config: loadConfig({ home }, {}), supervisor: fake, webDist: join(home, 'no-web') });
});
afterEach(async () => {
  for (const a of extra.splice(0)) await a.close();
});
afterAll(async () => {
  await app.close();
  rmSync(home, { recursive: true, force: true });
});

describe('status API', () => {
  it('GET /status matches the specification shape', async () => {
    const r = await app.inject('/status');
    expect(r.statusCode).toBe(200);
    const doc = statusDocument.parse(r.json());
    expect(doc.guardian.agents[0]!.restarts).toBe(2);
    expect(Object.keys(doc.guardian.logs)).toContain('smart_trader.log');
    expect(doc.system.cpu.cores).toBeGreaterThan(0);
  });

  it('serves documents, ledger tails, log tails and repair bundles', async () => {
    expect((await app.inject('/api/documents/atlas_brain')).json()).toMatchObject({ risk_scaler: 0.8 });
    expect((await app.inject('/api/documents/wealth_trajectory')).statusCode).toBe(404);
    expect((await app.inject('/api/documents/nope')).json().error.code).toBe('NL_ERR_NOT_FOUND');
    const rows = (await app.inject('/api/ledgers/pnl_history?limit=2')).json().rows as { seq: number }[];
    expect(rows.map((r) => r.seq)).toEqual([2, 3]);
    const bad = await app.inject('/api/ledgers/pnl_history?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('limit=0');
    expect((await app.inject('/api/agents/smart_trader/log?lines=2')).json().lines).toHaveLength(2);
    expect((await app.inject('/api/agents/..%2Fetc/log')).statusCode).toBe(400);
    expect((await app.inject('/api/repairs')).json().bundles[0]).toMatchObject({ agent: 'x', summary: expect.stringContaining('boom') });
  });

  it('approves once, then refuses a second decision', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/approvals/a1/approve', payload: { reason: 'fine' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', reason: 'fine', decided_by: 'api' });
    expect((await app.inject({ method: 'POST', url: '/api/approvals/a1/reject', payload: {} })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/api/approvals/zz/reject', payload: {} })).statusCode).toBe(404);
  });

  it('answers unknown routes with JSON and exposes Prometheus metrics', async () => {
    const r = await app.inject('/nope');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NL_ERR_NOT_FOUND');
    const m = await app.inject('/metrics');
    expect(m.body).toContain('neolight_agent_restarts_total{agent="smart_trader"} 2');
    expect(m.body).toContain('neolight_process_cpu_seconds_total');
    expect((await app.inject('/')).body).toContain('npm run build');
  });

  it('refuses a non-loopback bind without a token, and enforces the token when set', async () => {
    await expect(createApiServer({ config: loadConfig({ home, apiHost: '0.0.0.0' }, {}), supervisor: fake })).rejects.toThrow(/NEOLIGHT_API_TOKEN/);
    const token = 'a-very-long-test-token';
    const secured = await createApiServer({ config: loadConfig({ home, apiHost: '0.0.0.0' }, { NEOLIGHT_API_TOKEN: token }), supervisor: fake });
    extra.push(secured);
    expect((await secured.inject('/status')).statusCode).toBe(401);
    expect((await secured.inject({ url: '/status', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await secured.inject('/healthz')).statusCode).toBe(200);
  });

  it('streams status snapshots and mesh events over SSE', async () => {
    const live = await createApiServer({ config: loadConfig({ home }, {}), supervisor: fake, statusEveryMs: 200 });
    extra.push(live);
    await live.listen({ host: '127.0.0.1', port: 0 });
    const addr = live.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const ctrl = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/events`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const events: MeshEvent[] = [];
    let buf = '';
    setTimeout(() => {
      for (const l of listeners) l({ type: 'agent', at: new Date().toISOString(), agent: 'smart_trader', from: 'running', to: 'backoff', trigger: 'crash' });
      openFileStore(home).write(atlasBrain, { risk_scaler: 0.9, confidence: 0.5, updated_at: new Date().toISOString() });
    }, 300);
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(events.some((e) => e.type === 'agent') && events.some((e) => e.type === 'document' && e.path === 'runtime/atlas_brain.json'))) {
      const { value } = await reader.read();
      buf += new TextDecoder().decode(value);
      const parts = buf.split('\n\n');
      buf = parts.pop() ?? '';
      for (const p of parts) {
        const data = p.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(meshEvent.parse(JSON.parse(data.slice(6))));
      }
    }
    ctrl.abort();
    expect(events[0]!.type).toBe('status');
    expect(events.find((e) => e.type === 'agent')).toMatchObject({ to: 'backoff' });
    expect(events.filter((e) => e.type === 'document').map((e) => (e.type === 'document' ? e.path : ''))).toContain('runtime/atlas_brain.json');
  });
});
