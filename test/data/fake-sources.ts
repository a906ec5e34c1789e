/**
 * Fake history servers on 127.0.0.1 for the download tests: Kraken's public REST API (Assets,
 * AssetPairs, and OHLC paginated by `since` with at most `pageSize` bars a page, like Kraken's
 * documented "since" cursor) and Yahoo's chart endpoint (period1/period2 in seconds). Faults can
 * be injected per OHLC request: a 429 with Retry-After, or a 500.
 */
import type { ServerResponse } from 'node:http';
import { json, startFakeServer, type FakeServer } from '../market/fake-server.js';

export interface FakeBar { ts: number; open: number; high: number; low: number; close: number; volume: number }

const fees = [[0, 0.26]];
const pair = (altname: string, wsname: string, base: string) => ({
  altname, wsname, aclass_base: 'currency', base, aclass_quote: 'currency', quote: 'ZUSD', lot: 'unit', cost_decimals: 5,
  pair_decimals: 1, lot_decimals: 8, lot_multiplier: 1, leverage_buy: [], leverage_sell: [], fees, fees_maker: fees,
  fee_volume_currency: 'ZUSD', margin_call: 80, margin_stop: 40, ordermin: '0.00005', costmin: '0.5', tick_size: '0.1', status: 'online',
});

export type Fault = { kind: '429'; retryAfter: string } | { kind: '500' } | null;

export interface FakeKraken extends FakeServer {
  /** `since` (seconds) of each OHLC request, in order. */
  readonly ohlcSince: number[];
}

/** `bars(interval)` gives the full series the exchange holds for XBTUSD at that interval (minutes); `fault(n)` for the n-th OHLC request (1-based). */
export async function startFakeKraken(opts: { bars: (intervalMin: number) => FakeBar[]; pageSize: number; fault?: (n: number) => Fault }): Promise<FakeKraken> {
  const ohlcSince: number[] = [];
  const server = await startFakeServer({
    '/0/public/Assets': (_u, _q, res) => json(res, {
      error: [],
      result: {
        XXBT: { aclass: 'currency', altname: 'XBT', decimals: 10, display_decimals: 5, collateral_value: 1, status: 'enabled' },
        ZUSD: { aclass: 'currency', altname: 'USD', decimals: 4, display_decimals: 2, status: 'enabled' },
      },
    }),
    '/0/public/AssetPairs': (_u, _q, res) => json(res, { error: [], result: { XXBTZUSD: pair('XBTUSD', 'XBT/USD', 'XXBT') } }),
    '/0/public/OHLC': (u, _q, res: ServerResponse) => {
      const since = Number(u.searchParams.get('since') ?? '0');
      ohlcSince.push(since);
      const f = opts.fault?.(ohlcSince.length) ?? null;
      if (f?.kind === '429') {
        res.writeHead(429, { 'retry-after': f.retryAfter, 'content-type': 'text/plain' }).end('Too Many Requests');
        return;
      }
      if (f?.kind === '500') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      }
      const interval = Number(u.searchParams.get('interval'));
      const rows = opts.bars(interval).filter((b) => b.ts / 1000 > since).slice(0, opts.pageSize);
      json(res, {
        error: [],
        result: {
          XXBTZUSD: rows.map((b) => [b.ts / 1000, String(b.open), String(b.high), String(b.low), String(b.close), String(b.close), String(b.volume), 10]),
          last: rows.length ? (rows[rows.length - 1] as FakeBar).ts / 1000 : since,
        },
      });
    },
  });
  return Object.assign(server, { ohlcSince });
}

/** A fake Yahoo answering the chart endpoint from `series[ticker]` between period1 and period2, plus the cookie/crumb flow. */
export async function startFakeYahoo(series: Record<string, FakeBar[]>): Promise<FakeServer> {
  const routes: Parameters<typeof startFakeServer>[0] = {
    '/v1/test/getcrumb': (_u, _q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('fakecrumb');
    },
  };
  for (const [ticker, bars] of Object.entries(series)) {
    routes[`/quote/${ticker}`] = (_u, _q, res) => {
      res.writeHead(200, { 'set-cookie': 'A3=d=fake; Max-Age=31557600; Domain=.yahoo.com; Path=/; Secure', 'content-type': 'text/html' }).end('<html></html>');
    };
    routes[`/v8/finance/chart/${encodeURIComponent(ticker)}`] = (u, _q, res) => {
      const p1 = Number(u.searchParams.get('period1')) * 1000;
      const p2 = Number(u.searchParams.get('period2')) * 1000;
      const rows = bars.filter((b) => b.ts >= p1 && b.ts < p2);
      json(res, {
        chart: {
          error: null,
          result: [{
            meta: { currency: 'USD', symbol: ticker, exchangeName: 'PCX', instrumentType: 'ETF', regularMarketPrice: 500, gmtoffset: -14400, timezone: 'EDT', exchangeTimezoneName: 'America/New_York', priceHint: 2, dataGranularity: u.searchParams.get('interval'), range: '', validRanges: ['1d'] },
            timestamp: rows.map((b) => b.ts / 1000),
            indicators: {
              quote: [{ open: rows.map((b) => b.open), high: rows.map((b) => b.high), low: rows.map((b) => b.low), close: rows.map((b) => b.close), volume: rows.map((b) => b.volume) }],
              adjclose: [{ adjclose: rows.map((b) => b.close) }],
            },
          }],
        },
      });
    };
  }
  return startFakeServer(routes);
}
