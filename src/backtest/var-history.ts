/**
 * The daily returns the order-level VaR check sees at each bar of a backtest, as the SmartTrader
 * fetches them from its market port in the mesh: the last `window` daily simple returns of each
 * symbol, aligned on the same days, ending with the last day whose close is known when the order
 * fills (before bar i for a next-open fill, bar i itself for a close fill). No look-ahead: a bar's
 * returns never include its own future. Warm-up closes (days before the run) give the check its
 * history from the first bar, as a live feed would.
 *
 * Alignment is by date (docs/risk.md): every symbol's daily close is taken on the same UTC days —
 * the days of the shared bar grid `ts`, and the same warm-up days for every symbol — so the
 * returns of different assets at one index belong to the same day, as the trader's
 * `alignDailyReturns` (inner join on the UTC day) gives them in the mesh.
 */
import { MS } from '../core/clock.js';
import { NeoLightError } from '../core/errors.js';
import { simpleReturns } from '../research/stats.js';
import { priceAt, type PriceColumn } from './prices.js';

export interface VarHistoryInput {
  symbols: readonly string[];
  ts: Float64Array;
  close: readonly PriceColumn[];
  /** Daily closes per symbol for the days before ts[0], oldest first. */
  warmup?: readonly Float64Array[];
  fill: 'next-open' | 'close';
  window?: number;
}

/** Short histories come back short: the check then refuses new risk, as it would on a new feed. */
export function varHistory(inp: VarHistoryInput): (i: number) => Record<string, number[]> {
  const window = inp.window ?? 60;
  const warmDays = new Set(inp.symbols.map((_, j) => inp.warmup?.[j]?.length ?? 0));
  if (warmDays.size > 1) throw new NeoLightError('NL_ERR_DATA', `warm-up closes cover different numbers of days per symbol (${[...warmDays].join(', ')}): returns would be aligned by count, not by date`);
  const n = inp.ts.length;
  // Daily closes: warm-up days, then the last bar of each UTC day of the run.
  const daily = inp.symbols.map((_, j) => Array.from(inp.warmup?.[j] ?? []));
  const warm = daily[0]?.length ?? 0;
  /** Number of daily closes known once bar i has closed. */
  const knownAfter = new Int32Array(n);
  let days = warm;
  for (let i = 0; i < n; i++) {
    const lastOfDay = i === n - 1 || Math.floor(inp.ts[i + 1]! / MS.day) !== Math.floor(inp.ts[i]! / MS.day);
    if (lastOfDay) {
      for (let j = 0; j < inp.symbols.length; j++) daily[j]!.push(priceAt(inp.close[j]!, i));
      days++;
    }
    knownAfter[i] = days;
  }
  // Every bar of a day sees the same days: the returns are made once per day known, not per
  // rebalance (a minute-bar run rebalances thousands of times a day). Callers only read them.
  let cachedKnown = -1;
  let cached: Record<string, number[]> = {};
  return (i) => {
    const known = inp.fill === 'close' ? knownAfter[i]! : i > 0 ? knownAfter[i - 1]! : warm;
    if (known === cachedKnown) return cached;
    const from = Math.max(0, known - window - 1);
    const out: Record<string, number[]> = {};
    for (let j = 0; j < inp.symbols.length; j++) out[inp.symbols[j]!] = simpleReturns(daily[j]!.slice(from, known));
    cachedKnown = known;
    cached = out;
    return out;
  };
}
