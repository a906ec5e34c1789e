/**
 * Live quotes and bars from Yahoo Finance through yahoo-finance2 (v3: `new YahooFinance()`), for
 * equities/ETFs and FX. Our symbols become Yahoo's at this edge (EURUSD → EURUSD=X). `baseUrl`
 * sends every request (chart, quote, cookie and crumb) to another server: tests use a fake one.
 * Responses are read with validation off and parsed with zod here, so a schema change upstream
 * surfaces as one clear NL_ERR_UPSTREAM. yahoo-finance2 is imported on the first request, so
 * processes that never fetch quotes never load it.
 */
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import { isOpen } from '../calendar.js';
import { instrument, isUniverseSymbol } from '../instruments.js';
import type { Bar, MarketData, Quote } from '../../core/market.js';
import { intervalName, rebasedFetch, upstreamError } from './http.js';

export interface YahooFeedOptions {
  /** Send all requests here instead of *.yahoo.com (e.g. http://127.0.0.1:PORT). */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

const M = 60_000;
const INTERVALS = {
  '1m': M, '2m': 2 * M, '5m': 5 * M, '15m': 15 * M, '30m': 30 * M, '60m': 60 * M, '90m': 90 * M, '1d': 1440 * M, '5d': 5 * 1440 * M, '1wk': 7 * 1440 * M,
} as const;

/** Yahoo's ticker for one of our symbols: FX pairs get "=X", the rest pass through. */
export function yahooSymbol(symbol: string): string {
  if (isUniverseSymbol(symbol) && instrument(symbol).assetClass === 'forex') return `${symbol}=X`;
  return symbol;
}

const timeField = z.union([z.number(), z.date(), z.string()]).transform((v) => (typeof v === 'number' ? v * 1000 : new Date(v).getTime()));
const quoteSchema = z.array(z.object({
  symbol: z.string(),
  regularMarketPrice: z.number(),
  bid: z.number().optional(),
  ask: z.number().optional(),
  regularMarketVolume: z.number().optional(),
  regularMarketTime: timeField.optional(),
  marketState: z.string().optional(),
}));
const num = z.number().nullable();
const chartSchema = z.object({
  timestamp: z.array(z.number()).optional(),
  indicators: z.object({ quote: z.array(z.object({ open: z.array(num), high: z.array(num), low: z.array(num), close: z.array(num), volume: z.array(num) })) }),
});

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new NeoLightError('NL_ERR_UPSTREAM', `yahoo: unexpected ${what} response: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}

export function yahooMarketData(opts: YahooFeedOptions = {}): MarketData {
  const fetchImpl = opts.baseUrl ? rebasedFetch(opts.baseUrl, opts.fetch) : opts.fetch;
  const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, dir: () => {} };
  type Client = InstanceType<(typeof import('yahoo-finance2'))['default']>;
  let clientP: Promise<Client> | undefined;
  const client = (): Promise<Client> =>
    (clientP ??= import('yahoo-finance2').then(
      ({ default: YahooFinance }) =>
        new YahooFinance({
          versionCheck: false,
          suppressNotices: ['yahooSurvey'],
          logger: quiet,
          ...(fetchImpl ? { fetch: fetchImpl } : {}),
        }),
    ));
  return {
    simulated: false,
    async quote(symbol: string, ts: number): Promise<Quote> {
      let raw: unknown;
      try {
        raw = await (await client()).quote([yahooSymbol(symbol)], {}, { validateResult: false });
      } catch (err) {
        throw upstreamError('yahoo', `quote ${symbol}`, err);
      }
      const q = parsed(quoteSchema, raw, 'quote')[0];
      if (!q) throw new NeoLightError('NL_ERR_NOT_FOUND', `yahoo has no quote for ${symbol} (${yahooSymbol(symbol)})`);
      const last = q.regularMarketPrice;
      const bid = q.bid && q.bid > 0 ? q.bid : last;
      const ask = q.ask && q.ask > 0 ? q.ask : last;
      const at = q.regularMarketTime ?? ts;
      const open = isUniverseSymbol(symbol) ? isOpen(instrument(symbol).calendar, ts) : q.marketState === 'REGULAR';
      return { symbol, ts: at, bid, ask, last, volume: q.regularMarketVolume ?? 0, open };
    },
    async bars(symbol: string, fromMs: number, toMs: number, intervalMs: number): Promise<Bar[]> {
      const interval = intervalName('yahoo', INTERVALS, intervalMs);
      let raw: unknown;
      try {
        raw = await (await client()).chart(yahooSymbol(symbol), { period1: new Date(fromMs), period2: new Date(toMs), interval, return: 'object' }, { validateResult: false });
      } catch (err) {
        throw upstreamError('yahoo', `chart ${symbol}`, err);
      }
      const chart = parsed(chartSchema, raw, 'chart');
      const q = chart.indicators.quote[0];
      const out: Bar[] = [];
      (chart.timestamp ?? []).forEach((t, i) => {
        const [o, h, l, c] = [q?.open[i], q?.high[i], q?.low[i], q?.close[i]];
        // Yahoo sends null rows for minutes without trades; they are not bars.
        if (typeof o !== 'number' || typeof h !== 'number' || typeof l !== 'number' || typeof c !== 'number') return;
        const ts = t * 1000;
        if (ts >= fromMs && ts < toMs) out.push({ ts, open: o, high: h, low: l, close: c, volume: q?.volume[i] ?? 0 });
      });
      return out;
    },
  };
}
