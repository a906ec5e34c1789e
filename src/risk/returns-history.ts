/**
 * The per-symbol daily returns the order-level VaR check needs, fetched from the market port and
 * aligned by date (research/stats.ts `alignDailyReturns`: inner join on the UTC day), never by
 * count: in paper mode Yahoo's daily bars skip weekends and ccxt's do not, so the last n returns of
 * each would belong to different days and the VaR scenario would add unrelated moves.
 */
import { MS } from '../core/clock.js';
import type { MarketData } from '../core/market.js';
import { alignDailyReturns, type DatedClose } from '../research/stats.js';

/** Daily simple returns of each symbol over the last ~70 days on their common UTC days, oldest first. */
export async function dailyReturns(market: MarketData, symbols: readonly string[], now: number): Promise<Record<string, number[]> | undefined> {
  if (symbols.length === 0) return undefined;
  const series: Record<string, DatedClose[]> = {};
  for (const s of symbols) series[s] = await market.bars(s, now - 70 * MS.day, now, MS.day);
  return alignDailyReturns(series).returns;
}
