#!/usr/bin/env node
/**
 * Development mock of the status API for looking at the dashboard without a running mesh:
 * serves web/dist and fake, contract-shaped answers for /status, /events (SSE), /api/* on
 * 127.0.0.1. Every figure here is made up (and marked simulated). Not used by the product.
 *
 *   npx vite build --config web/vite.config.ts && node web/dev/mock-api.mjs [--port 8199] [--empty] [--token T]
 *
 * --empty answers 404 for every document and ledger (to see the empty states);
 * --token T requires `Authorization: Bearer T` (or `?token=T` on /events) like a non-loopback API.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const port = Number(opt('--port', '8199'));
const empty = flag('--empty');
const token = opt('--token', null);
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const started = Date.now();

const iso = (ms) => new Date(ms).toISOString();
const AGENTS = ['intelligence_orchestrator', 'weights_bridge', 'smart_trader', 'risk_governor', 'drawdown_guard', 'telemetry'];

function status() {
  const now = Date.now();
  return {
    system: {
      cpu: { cores: 2, load_1m: 0.42, percent: 21 },
      memory: { total_mb: 4096, used_mb: 1500, percent: 36.6 },
      disk: { path: '/tmp/mock', total_mb: 100000, free_mb: 60000, percent: 40 },
      uptime: { system_seconds: 86400, guardian_seconds: (now - started) / 1000 + 3600 },
    },
    guardian: {
      pid: process.pid,
      started_at: iso(started - 3600_000),
      mode: 'sim',
      simulated: true,
      home: '/tmp/mock',
      logs: Object.fromEntries(AGENTS.map((a, i) => [`${a}.log`, iso(now - i * 7000)])),
      agents: AGENTS.map((name, i) => ({
        name,
        pid: name === 'risk_governor' ? null : 4000 + i,
        state: name === 'risk_governor' ? 'backoff' : 'running',
        restarts: name === 'risk_governor' ? 3 : i % 2,
        consecutive_failures: name === 'risk_governor' ? 3 : 0,
        started_at: name === 'risk_governor' ? null : iso(started - i * 60_000),
        last_tick_at: iso(now - (i + 1) * 1500),
        last_exit: name === 'risk_governor' ? { code: 1, signal: null, at: iso(now - 4000) } : null,
        next_restart_at: name === 'risk_governor' ? iso(now + 8000) : null,
        log: `logs/${name}.log`,
      })),
    },
    revenue_by_agent: empty
      ? null
      : {
          updated_at: iso(now),
          currency: 'USD',
          agents: {
            smart_trader: { revenue: 1520.4, cost: 310.2, profit: 1210.2, simulated: true, updated_at: iso(now) },
            dropship_agent: { revenue: 830, cost: 610.5, profit: 219.5, simulated: true, updated_at: iso(now) },
            sports_betting: { revenue: 120, cost: 260, profit: -140, simulated: true, updated_at: iso(now) },
          },
          total_profit: 1289.7,
        },
  };
}

function metrics(limit) {
  const rows = [];
  let eq = 10000;
  let peak = eq;
  const n = 300;
  for (let i = 0; i < n; i++) {
    eq *= 1 + Math.sin(i / 9) * 0.004 + 0.0012;
    peak = Math.max(peak, eq);
    rows.push({
      seq: i + 1, key: `m${i}`, ts: iso(started - (n - i) * 3600_000), mode: 'sim', equity: eq, cash: eq * 0.3, exposure: eq * 0.7,
      drawdown: (peak - eq) / peak, sharpe: i > 30 ? 1.4 : '', daily_pnl: eq * 0.004,
    });
  }
  return rows.slice(-limit);
}

const SYMS = [['BTC-USD', 64000], ['ETH-USD', 3100], ['SPY', 540], ['GLD', 215]];
function fills(limit) {
  const rows = [];
  for (let i = 0; i < 24; i++) {
    const [symbol, px] = SYMS[i % SYMS.length];
    const side = i % 5 === 4 ? 'sell' : 'buy';
    const price = px * (1 + i * 0.002);
    const qty = Number((1500 / price).toFixed(6));
    rows.push({
      seq: i + 1, key: `f${i}`, ts: iso(started - (24 - i) * 600_000), agent: 'smart_trader', mode: 'sim', symbol, side, qty, price,
      fee: 1.2, notional: qty * price, realized_pnl: side === 'sell' ? 12.5 : 0, order_id: `o-${i}`, reason: 'rebalance drift',
    });
  }
  return rows.slice(-limit);
}

function trajectory() {
  const days = [];
  const start = Date.UTC(2025, 0, 1);
  let w = 10000;
  for (let d = 0; d < 60; d++) {
    w *= 1 + 0.006 + Math.sin(d / 4) * 0.01;
    days.push({ date: iso(start + d * 86400_000).slice(0, 10), wealth: w, target: 10000 * Math.pow(1.00633, d) });
  }
  return {
    updated_at: iso(Date.now()), simulated: true, start_date: '2025-01-01', start_equity: 10000, target_equity: 1_000_000, horizon_days: 730,
    required_daily_growth: 0.00633, required_annual_growth: 9, probability_of_target: 0.031, simulations: 5000, days,
  };
}

const approvals = [
  { id: 'a1', agent: 'ticket_arbitrage', kind: 'purchase', summary: 'Buy 2 tickets, Row F, for $340 (primary limit needs a person)', amount: 340, created_at: iso(started), status: 'pending', decided_at: null },
  { id: 'a2', agent: 'luxury_agent', kind: 'purchase', summary: 'Buy a pre-owned watch listed at $4,200 (above per-item cap)', amount: 4200, created_at: iso(started), status: 'pending', decided_at: null },
];

const DOCS = {
  atlas_brain: () => ({ risk_scaler: 0.85, confidence: 0.62, updated_at: iso(Date.now()), regime: 'normal', reasons: ['realised vol 14% vs target 12%'] }),
  wealth_trajectory: trajectory,
  allocations_override: () => ({ allocations: { 'BTC-USD': 0.3, 'ETH-USD': 0.2, SPY: 0.3, GLD: 0.2 }, updated_at: iso(Date.now()) }),
  risk_governor: () => ({ updated_at: iso(Date.now()), regime: 'normal', exposure_cap: 0.8, gates: [{ name: 'daily_var_95', active: false, reason: 'forecast VaR 1.1% < budget 2%' }, { name: 'vol_spike', active: true, reason: 'BTC-USD moved 4.2σ' }] }),
  drawdown_guard: () => ({ updated_at: iso(Date.now()), tier: 1, multiplier: 0.75, drawdown: 0.062, halted: false, high_water_mark: 10850 }),
};

const send = (res, code, body, headers = {}) => {
  res.writeHead(code, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const notFound = (res, what) => send(res, 404, { error: { code: 'NL_ERR_NOT_FOUND', message: `${what} does not exist yet` } });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const p = url.pathname;
  const isApi = p === '/status' || p === '/events' || p.startsWith('/api/');
  if (isApi && token) {
    const ok = req.headers.authorization === `Bearer ${token}` || (p === '/events' && url.searchParams.get('token') === token);
    if (!ok) return send(res, 401, { error: { code: 'NL_ERR_UNAUTHORIZED', message: 'missing or wrong bearer token' } });
  }
  if (p === '/status') return send(res, 200, status());
  if (p === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const push = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, at: iso(Date.now()), ...data })}\n\n`);
    push('status', { status: status() });
    const t = setInterval(() => {
      push('status', { status: status() });
      push('ledger', { path: 'state/performance_metrics.csv', rows: 1 });
    }, 2000);
    req.on('close', () => clearInterval(t));
    return;
  }
  let m;
  if ((m = p.match(/^\/api\/documents\/([a-z_]+)$/))) {
    const make = DOCS[m[1]];
    return !empty && make ? send(res, 200, make()) : notFound(res, `document ${m[1]}`);
  }
  if ((m = p.match(/^\/api\/ledgers\/([a-z_]+)$/))) {
    const limit = Number(url.searchParams.get('limit') ?? '100');
    if (empty) return notFound(res, `ledger ${m[1]}`);
    if (m[1] === 'performance_metrics') return send(res, 200, { rows: metrics(limit) });
    if (m[1] === 'pnl_history') return send(res, 200, { rows: fills(limit) });
    return notFound(res, `ledger ${m[1]}`);
  }
  if ((m = p.match(/^\/api\/agents\/([a-z_]+)\/log$/))) {
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ level: 30, time: Date.now() - (30 - i) * 1000, name: m[1], msg: `tick ${i} done (mock)` }));
    return send(res, 200, { lines });
  }
  if (p === '/api/repairs') {
    return send(res, 200, { bundles: empty ? [] : [{ agent: 'risk_governor', at: iso(Date.now() - 5000), path: 'state/repairs/risk_governor-1.json', summary: '3 consecutive failures: TypeError in tick (mock)' }] });
  }
  if (p === '/api/approvals') return send(res, 200, { updated_at: iso(Date.now()), items: empty ? [] : approvals });
  if ((m = p.match(/^\/api\/approvals\/([^/]+)\/(approve|reject)$/)) && req.method === 'POST') {
    const item = approvals.find((a) => a.id === m[1]);
    if (!item) return notFound(res, `approval ${m[1]}`);
    item.status = m[2] === 'approve' ? 'approved' : 'rejected';
    item.decided_at = iso(Date.now());
    return send(res, 200, item);
  }
  if (isApi) return notFound(res, p);
  const file = normalize(join(dist, p === '/' ? 'index.html' : p));
  if (!file.startsWith(dist)) return notFound(res, p);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    notFound(res, p);
  }
}).listen(port, '127.0.0.1', () => console.error(`mock status API + dashboard on http://127.0.0.1:${port}/${empty ? ' (empty)' : ''}`));
