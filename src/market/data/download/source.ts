/**
 * Where downloaded history comes from: a source fetches [from, to) for one symbol and timeframe in
 * pages, handing each page to `onPage` as soon as it arrives, so the caller can save progress and a
 * killed run loses at most the page in flight. The Yahoo source (ETFs, equities, FX) lives here;
 * the ccxt one (crypto) in ccxt-source.ts.
 */
import { yahooMarketData } from '../../feeds/yahoo.js';
import type { Bar } from '../../../core/market.js';
import { timeframeMs, type Timeframe } from '../timeframes.js';

export type OnPage = (bars: readonly Bar[]) => Promise<void> | void;

export interface HistorySource {
  /** The folder under the data dir: "yahoo" or the ccxt exchange id. */
  readonly exchange: string;
  fetchRange(symbol: string, timeframe: Timeframe, fromMs: number, toMs: number, onPage: OnPage): Promise<{ requests: number }>;
}

/**
 * Yahoo serves intraday history only for a limited window (5m: the last 60 days, 1h: 730 days)
 * and long ranges slowly, so ranges are asked for in windows that fit.
 */
const YAHOO_WINDOW_MS: Record<Timeframe, number> = {
  '1m': 7 * 86_400_000, '5m': 55 * 86_400_000, '15m': 55 * 86_400_000, '30m': 55 * 86_400_000, '1h': 700 * 86_400_000, '1d': 3650 * 86_400_000,
};

export function yahooSource(opts: { baseUrl?: string } = {}): HistorySource {
  const md = yahooMarketData(opts.baseUrl ? { baseUrl: opts.baseUrl } : {});
  return {
    exchange: 'yahoo',
    async fetchRange(symbol, timeframe, fromMs, toMs, onPage) {
      let requests = 0;
      for (let start = fromMs; start < toMs; start += YAHOO_WINDOW_MS[timeframe]) {
        const end = Math.min(toMs, start + YAHOO_WINDOW_MS[timeframe]);
        const bars = await md.bars(symbol, start, end, timeframeMs(timeframe));
        requests++;
        await onPage(bars);
      }
      return { requests };
    },
  };
}
