/**
 * Live mode end to end: the real CLI runs the SmartTrader (`neolight agent smart_trader`) in
 * NEOLIGHT_MODE=live against fake Alpaca, Yahoo and Kraken servers on 127.0.0.1, with the risk,
 * allocation documents it reads written beforehand (so no other agent's timing matters on a
 * loaded machine). The allocations hold an ETF (SPY → Alpaca) and BTC-USD (→ ccxt/Kraken):
 *   (a) the run's first order waits in state/approvals.json and no order reaches either venue;
 *   (b) `neolight approvals approve ID` releases it, and the next order passes the opened gate;
 *   (c) both venues hold their order unfilled; the trader is killed with SIGKILL; the fakes fill
 *       the orders; a restarted trader reconciles by client order id: each fill is recorded once
 *       in state/pnl_history.csv, each venue saw one order per client id, nothing was resent.
 * Market time is pinned to a Wednesday in the US session through the clock anchor the guardian
 * hands its children (NEOLIGHT_MARKET_EPOCH_MS / NEOLIGHT_REAL_EPOCH_MS), so the ETF's calendar
 * is open whatever day the test runs; time then runs at real speed (NEOLIGHT_TIME_SCALE=1).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allocationsOverride, approvals, orderIntents, performanceMetrics, pnlHistory } from '../../src/contracts/index.js';
import { openFileStore } from '../../src/store/file-store.js';
import { json, startFakeServer, type FakeServer } from '../market/fake-server.js';
import { freshRiskDocs, STILL_FRESH_CONFIG } from '../helpers/risk-docs.js';
import { ALPACA_KEY, ALPACA_SECRET, startFakeAlpaca, type FakeAlpaca } from '../trading/venues/fake-alpaca.js';
import { KRAKEN_KEY, KRAKEN_SECRET, startFakeKraken, type FakeKraken } from '../trading/venues/fake-kraken.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
/** Wednesday 18 Nov 2026, 16:00 UTC (11:00 in New York): the ETF session is open. */
const T0 = Date.UTC(2026, 10, 18, 16, 0, 0);
const SPY_BID = 499.99;
const SPY_ASK = 500.01;
const DAY = 86_400;

let home: string;
let kraken: FakeKraken;
let alpaca: FakeAlpaca;
let yahoo: FakeServer;
let realEpoch: number;
const children: ChildProcess[] = [];

/** Yahoo's crumb flow, quotes and the daily charts of SPY and QQQ. */
function startFakeYahoo(): Promise<FakeServer> {
  return startFakeServer({
    '/quote/AAPL': (_u, _q, res) => {
      res.writeHead(200, { 'set-cookie': 'A3=d=fake; Max-Age=31557600; Domain=.yahoo.com; Path=/; Secure', 'content-type': 'text/html' }).end('<html></html>');
    },
    '/v1/test/getcrumb': (_u, _q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('fakecrumb'),
    '/v7/finance/quote': (u, _q, res) =>
      json(res, {
        quoteResponse: {
          error: null,
          result: (u.searchParams.get('symbols') ?? '').split(',').map((s) => ({
            symbol: s, quoteType: 'ETF', marketState: 'REGULAR', regularMarketPrice: 500, bid: SPY_BID, ask: SPY_ASK, regularMarketVolume: 1_000_000, regularMarketTime: Math.floor(T0 / 1000),
          })),
        },
      }),
    '/v8/finance/chart/SPY': chart('SPY'),
    '/v8/finance/chart/QQQ': chart('QQQ'),
  });
}

/** Daily weekday bars of an ETF between period1 and period2, on a deterministic wave around 500. */
function chart(symbol: string) {
  return (u: URL, _q: unknown, res: Parameters<typeof json>[0]): void => {
      const from = Number(u.searchParams.get('period1'));
      const to = Number(u.searchParams.get('period2'));
      const timestamp: number[] = [];
      for (let d = Math.ceil(from / DAY) * DAY; d < to; d += DAY) if (![0, 6].includes(new Date(d * 1000).getUTCDay())) timestamp.push(d + 14.5 * 3600);
      const close = timestamp.map((t) => 500 * (1 + 0.01 * Math.sin(t / DAY)));
      json(res, {
        chart: {
          error: null,
          result: [{
            meta: { currency: 'USD', symbol, exchangeName: 'PCX', instrumentType: 'ETF', regularMarketPrice: 500, gmtoffset: -18000, timezone: 'EST', exchangeTimezoneName: 'America/New_York', priceHint: 2, dataGranularity: '1d', range: '', validRanges: ['1d'] },
            timestamp,
            indicators: { quote: [{ open: close, high: close.map((c) => c * 1.005), low: close.map((c) => c * 0.995), close, volume: close.map(() => 1_000_000) }], adjclose: [{ adjclose: close }] },
          }],
        },
      });
  };
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Only the settings this test means: a developer's NEOLIGHT_*, CCXT_* or ALPACA_* stays out.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NEOLIGHT_|CCXT_|ALPACA_)/.test(k)));
  return {
    ...base,
    NEOLIGHT_HOME: home,
    NEOLIGHT_MODE: 'live',
    NEOLIGHT_TIME_SCALE: '1',
    NEOLIGHT_STARTING_EQUITY: '10000',
    NEOLIGHT_MARKET_EPOCH_MS: String(T0),
    NEOLIGHT_REAL_EPOCH_MS: String(realEpoch),
    NEOLIGHT_LIVE_VENUES: 'ccxt,alpaca',
    CCXT_API_KEY: KRAKEN_KEY,
    CCXT_SECRET: KRAKEN_SECRET,
    ALPACA_API_KEY_ID: ALPACA_KEY,
    ALPACA_API_SECRET_KEY: ALPACA_SECRET,
    ALPACA_BASE_URL: alpaca.baseUrl,
    NEOLIGHT_YAHOO_BASE_URL: yahoo.baseUrl,
    NEOLIGHT_CCXT_BASE_URL: kraken.baseUrl,
    ...extra,
  };
}

function startTrader(): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, [cli, 'agent', 'smart_trader'], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  children.push(proc);
  return { proc, output: () => out };
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs: number, log: () => string = () => ''): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${log().slice(-6000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Wait for the trader's next `n` ticks (each writes an equity point), counted, not timed. */
async function moreTicks(n: number, log: () => string): Promise<void> {
  const ledger = openFileStore(home).ledger(performanceMetrics);
  const start = ledger.readAll().length;
  await until(`${n} more ticks`, () => ledger.readAll().length >= start + n, 60_000, log);
}

function killed(proc: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return ok();
    proc.once('exit', () => ok());
    proc.kill('SIGKILL');
  });
}

const alpacaBody = z.object({ client_order_id: z.string(), symbol: z.string(), qty: z.string() });

/** The client order ids of the orders each venue received (one entry per request). */
const krakenOrders = () => kraken.requests.filter((r) => r.url.pathname === '/0/private/AddOrder').map((r) => new URLSearchParams(r.body).get('cl_ord_id'));
const alpacaOrders = () => alpaca.requests.filter((r) => r.method === 'POST' && r.url.pathname === '/v2/orders').map((r) => alpacaBody.parse(JSON.parse(r.body)).client_order_id);

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'neolight-live-'));
  [kraken, alpaca, yahoo] = await Promise.all([startFakeKraken(), startFakeAlpaca(), startFakeYahoo()]);
  alpaca.account.cash = '100000.00';
  realEpoch = Date.now();
  writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ trader: { interval_seconds: 1 }, risk: STILL_FRESH_CONFIG }));
  const store = openFileStore(home);
  freshRiskDocs(store, T0);
  store.write(allocationsOverride, { updated_at: new Date(T0).toISOString(), allocations: { SPY: 0.35, QQQ: 0.3, 'BTC-USD': 0.35 } });
});

afterAll(async () => {
  await Promise.all(children.map(killed));
  await Promise.all([kraken?.close(), alpaca?.close(), yahoo?.close()]);
  rmSync(home, { recursive: true, force: true });
});

describe('live mode end to end (fake Alpaca, Yahoo and Kraken)', () => {
  it('a listed venue without its keys stops the start with exit 2, naming the variables', () => {
    for (const args of [['agent', 'smart_trader'], ['up', '--agents', 'smart_trader', '--duration', '5']]) {
      const r = spawnSync(process.execPath, [cli, ...args], { env: childEnv({ CCXT_SECRET: '', ALPACA_API_KEY_ID: '' }), encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('live venues ccxt, alpaca need CCXT_SECRET, ALPACA_API_KEY_ID');
      expect(r.stderr).not.toContain(KRAKEN_SECRET);
    }
    expect(krakenOrders()).toEqual([]);
  });

  it('approval of the first order, a kill -9 between submit and fill, and a restart that reconciles without resending', async () => {
    const store = openFileStore(home);
    // (a) The first order waits for a person; no order reaches either venue.
    const first = startTrader();
    const item = await until('the first order in state/approvals.json', () => store.get(approvals)?.items.find((i) => i.status === 'pending'), 90_000, first.output);
    expect(item).toMatchObject({ agent: 'smart_trader', kind: 'live_order', order: { side: 'buy', type: 'market' } });
    await moreTicks(3, first.output); // still nothing sent, however long the person takes
    expect(krakenOrders()).toEqual([]);
    expect(alpacaOrders()).toEqual([]);

    // (b) Approve it on the command line.
    const approved = spawnSync(process.execPath, [cli, 'approvals', 'approve', item.id, '--json'], { env: childEnv(), encoding: 'utf8', timeout: 60_000 });
    expect(approved.status, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ id: item.id, status: 'approved', decided_by: 'cli' });

    // (c) Each venue receives its orders (one per symbol) and holds them unfilled; then the trader dies hard.
    await until('the orders at both venues', () => krakenOrders().length === 1 && alpacaOrders().length === 2, 90_000, () => `kraken ${JSON.stringify(krakenOrders())} alpaca ${JSON.stringify(alpacaOrders())}\n${first.output().split('\n').filter((l) => !l.includes('ORDER_PENDING')).join('\n')}`);
    await killed(first.proc);
    const krakenSent = kraken.requests.filter((r) => r.url.pathname === '/0/private/AddOrder').map((r) => new URLSearchParams(r.body));
    const alpacaSent = alpaca.requests.filter((r) => r.method === 'POST' && r.url.pathname === '/v2/orders').map((r) => alpacaBody.parse(JSON.parse(r.body)));
    const btcVol = Number(krakenSent[0]!.get('volume'));
    expect(btcVol).toBeGreaterThan(0);
    expect(alpacaSent.map((b) => b.symbol).sort()).toEqual(['QQQ', 'SPY']);

    // The venues fill while nobody watches: Kraken charges a fee, Alpaca none.
    const fillSec = Math.floor(T0 / 1000) + 30;
    kraken.fill(kraken.txidOf(krakenSent[0]!.get('cl_ord_id') ?? ''), btcVol, '96510.0', '2.51', fillSec);
    for (const b of alpacaSent) alpaca.fill(b.client_order_id, Number(b.qty), '500.02', new Date(fillSec * 1000).toISOString());

    // The restarted trader reconciles every order by client order id.
    const second = startTrader();
    await until('the three fills in state/pnl_history.csv', () => store.ledger(pnlHistory).readAll().length >= 3, 90_000, second.output);
    await until('the three intents filled', () => {
      const intents = store.get(orderIntents)?.intents ?? [];
      return ['BTC-USD', 'QQQ', 'SPY'].every((s) => intents.some((i) => i.symbol === s && i.state === 'filled'));
    }, 60_000, second.output);
    // A few more ticks of the restarted trader: any new order waits for this run's approval, nothing is resent.
    await moreTicks(3, second.output);
    await killed(second.proc);

    expect(kraken.ordersReceived()).toBe(1);
    expect(alpaca.booked()).toBe(2);
    expect(krakenOrders()).toHaveLength(1);
    expect(new Set(alpacaOrders()).size).toBe(2);
    expect(alpacaOrders()).toHaveLength(2);
    const rows = store.ledger(pnlHistory).readAll();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.order_id)).size).toBe(3);
    // Independent arithmetic: notional in cents, rounded half up; Kraken's fee as charged.
    const cents = (x: number) => Math.floor(x * 100 + 0.5) / 100;
    expect(rows.find((r) => r.symbol === 'BTC-USD')).toMatchObject({ mode: 'live', side: 'buy', qty: btcVol, price: 96510, fee: 2.51, notional: cents(btcVol * 96510) });
    for (const b of alpacaSent) {
      const qty = Number(b.qty);
      expect(rows.find((r) => r.symbol === b.symbol)).toMatchObject({ mode: 'live', side: 'buy', qty, price: 500.02, fee: 0, notional: cents(qty * 500.02) });
    }
    expect(store.get(approvals)?.items.find((i) => i.id === item.id)).toMatchObject({ status: 'approved', decided_by: 'cli' });
  }, 420_000);
});
