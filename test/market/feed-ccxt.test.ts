/** The ccxt feed (Kraken) against a fake server answering like Kraken's documented public REST API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccxtMarketData, ccxtSymbol } from '../../src/market/feeds/ccxt.js';
import { json, startFakeServer, type FakeServer } from './fake-server.js';

let server: FakeServer;
const T0 = Date.UTC(2025, 0, 2, 0, 0) / 1000;
const fees = [[0, 0.26], [50000, 0.24]];
const feesMaker = [[0, 0.16], [50000, 0.14]];
const pair = (altname: string, wsname: string, base: string) => ({
  altname, wsname, aclass_base: 'currency', base, aclass_quote: 'currency', quote: 'ZUSD', lot: 'unit', cost_decimals: 5,
  pair_decimals: 1, lot_decimals: 8, lot_multiplier: 1, leverage_buy: [], leverage_sell: [], fees, fees_maker: feesMaker,
  fee_volume_currency: 'ZUSD', margin_call: 80, margin_stop: 40, ordermin: '0.00005', costmin: '0.5', tick_size: '0.1', status: 'online',
});

beforeAll(async () => {
  server = await startFakeServer({
    '/0/public/Assets': (_u, _q, res) => json(res, {
      error: [],
      result: {
        XXBT: { aclass: 'currency', altname: 'XBT', decimals: 10, display_decimals: 5, collateral_value: 1, status: 'enabled' },
        XETH: { aclass: 'currency', altname: 'ETH', decimals: 10, display_decimals: 5, collateral_value: 1, status: 'enabled' },
        ZUSD: { aclass: 'currency', altname: 'USD', decimals: 4, display_decimals: 2, status: 'enabled' },
      },
    }),
    '/0/public/AssetPairs': (_u, _q, res) => json(res, {
      error: [],
      result: { XXBTZUSD: pair('XBTUSD', 'XBT/USD', 'XXBT'), XETHZUSD: pair('ETHUSD', 'ETH/USD', 'XETH') },
    }),
    '/0/public/Ticker': (u, _q, res) => {
      expect(u.searchParams.get('pair')).toBe('XXBTZUSD');
      json(res, {
        error: [],
        result: {
          XXBTZUSD: {
            a: ['96500.10000', '1', '1.000'], b: ['96499.90000', '2', '2.000'], c: ['96500.00000', '0.01000000'],
            v: ['1500.1', '2500.25'], p: ['96000.0', '95500.0'], t: [10000, 20000], l: ['94000.0', '93000.0'], h: ['97000.0', '97500.0'], o: '95000.0',
          },
        },
      });
    },
    '/0/public/OHLC': (u, _q, res) => {
      expect(u.searchParams.get('interval')).toBe('60');
      json(res, {
        error: [],
        result: {
          XXBTZUSD: [
            [T0 - 3600, '93000.0', '93100.0', '92900.0', '93050.0', '93000.0', '12.5', 100],
            [T0, '93050.0', '93500.0', '93000.0', '93400.0', '93300.0', '20.25', 150],
            [T0 + 3600, '93400.0', '93450.0', '93100.0', '93200.0', '93300.0', '8.0', 90],
          ],
          last: T0 + 3600,
        },
      });
    },
  });
});
afterAll(() => server.close());

describe('ccxt feed (kraken)', () => {
  it('maps our symbols to ccxt unified ones at the edge', () => {
    expect(ccxtSymbol('BTC-USD')).toBe('BTC/USD');
    expect(() => ccxtSymbol('BTCUSD')).toThrow(/not BASE-QUOTE/);
  });

  it('reads a ticker as a quote with bid, ask and 24 h volume', async () => {
    const md = ccxtMarketData({ baseUrl: server.baseUrl });
    expect(md.simulated).toBe(false);
    const q = await md.quote('BTC-USD', T0 * 1000);
    expect(q).toMatchObject({ symbol: 'BTC-USD', bid: 96499.9, ask: 96500.1, last: 96500, volume: 2500.25, open: true });
    expect(server.requests.some((r) => r.pathname === '/0/public/AssetPairs')).toBe(true);
  });

  it('reads hourly OHLC bars in [from, to)', async () => {
    const md = ccxtMarketData({ baseUrl: server.baseUrl });
    const bars = await md.bars('BTC-USD', T0 * 1000, (T0 + 7200) * 1000, 3_600_000);
    expect(bars).toEqual([
      { ts: T0 * 1000, open: 93050, high: 93500, low: 93000, close: 93400, volume: 20.25 },
      { ts: (T0 + 3600) * 1000, open: 93400, high: 93450, low: 93100, close: 93200, volume: 8 },
    ]);
    const req = server.requests.find((r) => r.pathname === '/0/public/OHLC');
    expect(req?.searchParams.get('since')).toBe(String(T0 - 3600));
  });

  it('reports an unknown market as NL_ERR_UPSTREAM and a bad interval as NL_ERR_BAD_INPUT', async () => {
    const md = ccxtMarketData({ baseUrl: server.baseUrl });
    await expect(md.quote('DOGE-USD', 0)).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM' });
    await expect(md.bars('BTC-USD', 0, 1, 7 * 60_000)).rejects.toMatchObject({ code: 'NL_ERR_BAD_INPUT' });
  });
});
