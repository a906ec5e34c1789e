/**
 * Live crypto quotes and bars through ccxt (Kraken's public REST API by default). Our symbols
 * become ccxt's unified ones at this edge (BTC-USD → BTC/USD); `baseUrl` replaces the exchange's
 * `urls.api` so tests talk to a fake server on 127.0.0.1. ccxt's results are parsed with zod.
 * ccxt (about 60 MB of modules) is imported on the first request, not when this file loads, so
 * processes that never fetch crypto data never pay for it.
 */
import type { Exchange } from 'ccxt';
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import { isOpen } from '../calendar.js';
import { instrument, isUniverseSymbol } from '../instruments.js';
import type { Bar, MarketData, Quote } from '../../core/market.js';
import { intervalName, upstreamError } from './http.js';

export interface CcxtFeedOptions {
  /** Send public API requests here instead of the exchange (e.g. http://127.0.0.1:PORT). */
  readonly baseUrl?: string;
}

const M = 60_000;
const TIMEFRAMES = { '1m': M, '5m': 5 * M, '15m': 15 * M, '30m': 30 * M, '1h': 60 * M, '4h': 240 * M, '1d': 1440 * M, '1w': 7 * 1440 * M } as const;

/** ccxt's unified symbol for ours: BTC-USD → BTC/USD. */
export function ccxtSymbol(symbol: string): string {
  const m = /^([A-Z0-9]+)-([A-Z0-9]+)$/.exec(symbol);
  if (!m) throw new NeoLightError('NL_ERR_BAD_INPUT', `crypto symbol "${symbol}" is not BASE-QUOTE (e.g. BTC-USD)`, { field: 'symbol', value: symbol });
  return `${m[1]}/${m[2]}`;
}

const n = z.number().nullable().optional();
const tickerSchema = z.object({ timestamp: n, bid: n, ask: n, last: n, close: n, baseVolume: n });
const ohlcvSchema = z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number().nullable()]).rest(z.unknown()));

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new NeoLightError('NL_ERR_UPSTREAM', `ccxt: unexpected ${what}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function ccxtMarketData(opts: CcxtFeedOptions = {}): MarketData {
  const id = 'kraken';
  let exchangeP: Promise<Exchange> | undefined;
  const exchange = (): Promise<Exchange> =>
    (exchangeP ??= import('ccxt').then(
      ({ default: ccxt }) =>
        new ccxt.kraken({
          enableRateLimit: !opts.baseUrl,
          ...(opts.baseUrl ? { urls: { api: { public: opts.baseUrl, private: opts.baseUrl } } } : {}),
        }),
    ));
  return {
    simulated: false,
    async quote(symbol: string, ts: number): Promise<Quote> {
      let raw: unknown;
      try {
        raw = await (await exchange()).fetchTicker(ccxtSymbol(symbol));
      } catch (err) {
        throw upstreamError(`ccxt ${id}`, `ticker ${symbol}`, err);
      }
      const t = parsed(tickerSchema, raw, 'ticker');
      const last = t.last ?? t.close;
      if (typeof last !== 'number') throw new NeoLightError('NL_ERR_UPSTREAM', `ccxt ${id}: ticker for ${symbol} has no last price`);
      return {
        symbol,
        ts: t.timestamp ?? ts,
        bid: t.bid ?? last,
        ask: t.ask ?? last,
        last,
        volume: t.baseVolume ?? 0,
        open: isUniverseSymbol(symbol) ? isOpen(instrument(symbol).calendar, ts) : true,
      };
    },
    async bars(symbol: string, fromMs: number, toMs: number, intervalMs: number): Promise<Bar[]> {
      const tf = intervalName(`ccxt ${id}`, TIMEFRAMES, intervalMs);
      let raw: unknown;
      try {
        raw = await (await exchange()).fetchOHLCV(ccxtSymbol(symbol), tf, fromMs);
      } catch (err) {
        throw upstreamError(`ccxt ${id}`, `OHLCV ${symbol}`, err);
      }
      return parsed(ohlcvSchema, raw, 'OHLCV')
        .filter((r) => r[0] >= fromMs && r[0] < toMs)
        .map((r) => ({ ts: r[0], open: r[1], high: r[2], low: r[3], close: r[4], volume: r[5] ?? 0 }));
    },
  };
}
