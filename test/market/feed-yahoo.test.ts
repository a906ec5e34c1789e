/** The Yahoo feed against a fake server answering like Yahoo's chart, quote and crumb endpoints. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yahooMarketData, yahooSymbol } from '../../src/market/feeds/yahoo.js';
import { json, startFakeServer, type FakeServer } from './fake-server.js';

let server: FakeServer;
const T0 = Date.UTC(2025, 0, 2, 14, 30) / 1000;

beforeAll(async () => {
  server = await startFakeServer({
    // Cookie and crumb flow that yahoo-finance2 runs before /v7/finance/quote.
    '/quote/AAPL': (_u, _q, res) => {
      res.writeHead(200, { 'set-cookie': 'A3=d=fake; Max-Age=31557600; Domain=.yahoo.com; Path=/; Secure', 'content-type': 'text/html' }).end('<html></html>');
    },
    '/v1/test/getcrumb': (_u, _q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('fakecrumb');
    },
    '/v7/finance/quote': (u, _q, res) => {
      const symbols = (u.searchParams.get('symbols') ?? '').split(',');
      json(res, {
        quoteResponse: {
          error: null,
          result: symbols.map((s) => ({
            symbol: s, quoteType: s.endsWith('=X') ? 'CURRENCY' : 'ETF', marketState: 'REGULAR',
            regularMarketPrice: s === 'EURUSD=X' ? 1.0351 : 586.1, bid: s === 'EURUSD=X' ? 1.035 : 586.09,
            ask: s === 'EURUSD=X' ? 1.0352 : 586.12, regularMarketVolume: 1234567, regularMarketTime: T0,
          })),
        },
      });
    },
    '/v8/finance/chart/SPY': (u, _q, res) => {
      expect(u.searchParams.get('interval')).toBe('1d');
      json(res, {
        chart: {
          error: null,
          result: [{
            meta: { currency: 'USD', symbol: 'SPY', exchangeName: 'PCX', instrumentType: 'ETF', regularMarketPrice: 586.1, gmtoffset: -18000, timezone: 'EST', exchangeTimezoneName: 'America/New_York', priceHint: 2, dataGranularity: '1d', range: '', validRanges: ['1d'] },
            timestamp: [T0, T0 + 86_400, T0 + 2 * 86_400],
            indicators: {
              quote: [{ open: [584.1, 587.0, null], high: [590.0, 588.5, null], low: [583.5, 585.0, null], close: [586.1, 586.9, null], volume: [50_000_000, 40_000_000, null] }],
              adjclose: [{ adjclose: [586.1, 586.9, null] }],
            },
          }],
        },
      });
    },
  });
});
afterAll(() => server.close());

describe('yahoo feed', () => {
  it('maps our symbols to Yahoo tickers at the edge', () => {
    expect(yahooSymbol('EURUSD')).toBe('EURUSD=X');
    expect(yahooSymbol('USDJPY')).toBe('USDJPY=X');
    expect(yahooSymbol('SPY')).toBe('SPY');
  });

  it('reads daily bars from the chart endpoint, skipping null rows', async () => {
    const md = yahooMarketData({ baseUrl: server.baseUrl });
    expect(md.simulated).toBe(false);
    const bars = await md.bars('SPY', T0 * 1000, (T0 + 3 * 86_400) * 1000, 86_400_000);
    expect(bars).toEqual([
      { ts: T0 * 1000, open: 584.1, high: 590, low: 583.5, close: 586.1, volume: 50_000_000 },
      { ts: (T0 + 86_400) * 1000, open: 587, high: 588.5, low: 585, close: 586.9, volume: 40_000_000 },
    ]);
    const req = server.requests.find((r) => r.pathname === '/v8/finance/chart/SPY');
    expect(req?.searchParams.get('period1')).toBe(String(T0));
  });

  it('reads bid/ask from the quote endpoint after the crumb flow, with the =X ticker', async () => {
    const md = yahooMarketData({ baseUrl: server.baseUrl });
    const q = await md.quote('EURUSD', T0 * 1000);
    expect(q).toEqual({ symbol: 'EURUSD', ts: T0 * 1000, bid: 1.035, ask: 1.0352, last: 1.0351, volume: 1234567, open: true });
    const quoteReq = server.requests.find((r) => r.pathname === '/v7/finance/quote');
    expect(quoteReq?.searchParams.get('symbols')).toBe('EURUSD=X');
    expect(quoteReq?.searchParams.get('crumb')).toBe('fakecrumb');
  });

  it('rejects an interval Yahoo does not have, and reports upstream failures as NL_ERR_UPSTREAM', async () => {
    const md = yahooMarketData({ baseUrl: server.baseUrl });
    await expect(md.bars('SPY', 0, 1e9, 7 * 60_000)).rejects.toThrow(/yahoo has no 420000 ms bars; accepted: 1m=60000/);
    await expect(md.bars('QQQ', T0 * 1000, (T0 + 86_400) * 1000, 86_400_000)).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM' });
  });
});
