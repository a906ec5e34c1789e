/**
 * Market vocabulary shared by simulators, history loaders, live feeds, brokers and agents.
 * Times are market epoch milliseconds; prices are in the instrument's quote currency.
 */

export type AssetClass = 'crypto' | 'equity' | 'commodity' | 'forex';
export type CalendarId = 'crypto_24_7' | 'us_equity' | 'forex_24_5';

export interface Instrument {
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly quoteCurrency: string;
  /** Smallest price increment. */
  readonly tickSize: number;
  /** Smallest quantity increment (1 for ETFs, 1e-5 for BTC, ...). */
  readonly lotSize: number;
  /** Taker fee in basis points of notional, as the typical venue charges. */
  readonly feeBps: number;
  readonly calendar: CalendarId;
  /** Periods per year for annualising daily statistics (365 crypto, 252 others). */
  readonly periodsPerYear: number;
}

export interface Quote {
  readonly symbol: string;
  readonly ts: number;
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
  readonly volume: number;
  /** False outside trading hours: quotes are indicative and orders are refused. */
  readonly open: boolean;
}

export interface Bar {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A source of quotes and bars: simulator, CSV history, or a live feed. */
export interface MarketData {
  /** True for the deterministic simulator: every figure derived from it must say so. */
  readonly simulated: boolean;
  quote(symbol: string, ts: number): Promise<Quote>;
  bars(symbol: string, fromMs: number, toMs: number, intervalMs: number): Promise<Bar[]>;
}

export function spreadBps(q: Pick<Quote, 'bid' | 'ask'>): number {
  const mid = (q.bid + q.ask) / 2;
  return mid > 0 ? ((q.ask - q.bid) / mid) * 10_000 : Number.POSITIVE_INFINITY;
}
