/**
 * A whole backtest as `neolight backtest` runs it: load bars (a CSV file, or the simulator for a
 * seed and scenario), run the engine, sample equity per UTC day, compute the tearsheet, and
 * optionally render the HTML report. Pure apart from reading the CSV.
 */
import { MS } from '../core/clock.js';
import { NeoLightError } from '../core/errors.js';
import { makeStrategy, type StrategyParams } from '../intelligence/strategy-lab/strategies.js';
import { loadCsvHistory } from '../market/csv-history.js';
import { instrument, isUniverseSymbol } from '../market/instruments.js';
import { simulateBars, simulatedQuote } from '../market/simulator.js';
import type { Instrument, Quote } from '../market/types.js';
import { tearsheet, type Tearsheet } from '../research/metrics.js';
import { traderSchema } from '../config/trader.js';
import { runEngine, type BarData, type EngineResult } from './engine.js';
import { varHistory } from './var-history.js';

export interface BacktestSpec {
  strategy: string;
  params: StrategyParams;
  data?: string;
  symbols: string[];
  from: number;
  to: number;
  seed: number;
  scenario: 'none' | 'crash';
  fill: 'next-open' | 'close';
  feesBps?: number;
  cash: number;
  size: 'all-in' | 'target';
  onProgress?: (done: number, total: number) => void;
}

export interface BacktestOutcome {
  summary: Tearsheet & { final_equity: number; trades: number; fees: number; turnover: number; skipped_orders: Record<string, number>; fills: BacktestFillJson[] };
  result: EngineResult;
  data: BarData;
  simulated: boolean;
  periodsPerYear: number;
}

/** One fill as `backtest --json` prints it: money as settled, in dollars from whole cents. */
export interface BacktestFillJson {
  ts: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  notional: number;
  fee: number;
}

/** Instruments for CSV symbols outside the universe: whole units, no fee unless --fees says so. */
function csvInstrument(symbol: string): Instrument {
  return isUniverseSymbol(symbol) ? instrument(symbol) : { symbol, assetClass: 'equity', quoteCurrency: 'USD', tickSize: 0.01, lotSize: 1, feeBps: 0, calendar: 'us_equity', periodsPerYear: 252 };
}

/** Days of history before the run that the VaR check sees from the first bar (simulated runs). */
const WARMUP_DAYS = 90;

export async function loadBars(spec: BacktestSpec): Promise<{ data: BarData; simulated: boolean; warmup?: Float64Array[] }> {
  if (spec.data) {
    const symbol = spec.symbols[0] ?? 'ASSET';
    const h = await loadCsvHistory(spec.data, { symbol });
    let lo = 0;
    let hi = h.ts.length;
    while (lo < hi && h.ts[lo]! < spec.from) lo++;
    while (hi > lo && h.ts[hi - 1]! > spec.to) hi--;
    if (hi - lo < 2) throw new NeoLightError('NL_ERR_DATA', `${spec.data}: fewer than 2 bars between --from and --to`);
    return { data: { symbols: [symbol], ts: h.ts.slice(lo, hi), open: [h.open.slice(lo, hi)], close: [h.close.slice(lo, hi)] }, simulated: false };
  }
  const from = Math.floor(spec.from / MS.day) * MS.day;
  const count = Math.max(2, Math.floor((spec.to - from) / MS.day));
  const crashStartMs = from + Math.floor(count / 4) * MS.day;
  const opts = spec.scenario === 'crash' ? ({ scenario: 'crash', crashStartMs } as const) : {};
  const bars = simulateBars(spec.seed, spec.symbols, from, MS.day, count, opts);
  const before = simulateBars(spec.seed, spec.symbols, from - WARMUP_DAYS * MS.day, MS.day, WARMUP_DAYS, opts);
  // Days on which nothing trades (weekends and holidays of an ETF-only universe) are not periods.
  const trading = (b: typeof bars): number[] => {
    const keep: number[] = [];
    for (let i = 0; i < b.ts.length; i++) if (spec.symbols.some((s) => b.symbols[s]!.tradable[i] === 1)) keep.push(i);
    return keep;
  };
  const keep = trading(bars);
  const pick = <A extends Float64Array | Uint8Array>(a: A, rows = keep): A => {
    const out = new (a.constructor as new (n: number) => A)(rows.length);
    rows.forEach((k, i) => (out[i] = a[k]!));
    return out;
  };
  const warmRows = trading(before);
  return {
    warmup: spec.symbols.map((s) => pick(before.symbols[s]!.close, warmRows)),
    data: {
      symbols: spec.symbols,
      ts: pick(bars.ts),
      open: spec.symbols.map((s) => pick(bars.symbols[s]!.open)),
      close: spec.symbols.map((s) => pick(bars.symbols[s]!.close)),
      tradable: spec.symbols.map((s) => pick(bars.symbols[s]!.tradable)),
    },
    simulated: true,
  };
}

/** Equity at each UTC day's last bar, and the simple returns between them. */
export function dailyReturns(ts: Float64Array, equity: Float64Array): number[] {
  const closes: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const last = i === ts.length - 1 || Math.floor(ts[i + 1]! / MS.day) !== Math.floor(ts[i]! / MS.day);
    if (last) closes.push(equity[i]!);
  }
  return closes.slice(1).map((e, i) => e / closes[i]! - 1);
}

export async function runBacktest(spec: BacktestSpec): Promise<BacktestOutcome> {
  if (spec.size === 'all-in' && (spec.symbols.length !== 1 || spec.fill === undefined)) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--size all-in is the single-asset convention: give one symbol, got ${spec.symbols.join(',')}`);
  }
  const { data, simulated, warmup } = await loadBars(spec);
  const strategy = makeStrategy(spec.strategy, data.symbols.length, spec.params);
  const inst = simulated ? instrument : csvInstrument;
  const zeroSpread = !simulated;
  const quote = (j: number, i: number, price: number): Quote => {
    const s = data.symbols[j]!;
    if (zeroSpread) return { symbol: s, ts: data.ts[i]!, bid: price, ask: price, last: price, volume: 0, open: true };
    const q = simulatedQuote(spec.seed, s, data.ts[i]!, spec.scenario === 'crash' ? { scenario: 'crash' } : {});
    const half = (q.ask - q.bid) / 2;
    return { ...q, bid: price - half, ask: price + half, last: price, open: data.tradable ? data.tradable[j]![i] === 1 : q.open };
  };
  const cfg = traderSchema.parse({});
  const result = runEngine(data, {
    strategy,
    fill: spec.fill,
    size: spec.size,
    cash: spec.cash,
    costs: { ...(spec.feesBps !== undefined ? { feeBps: spec.feesBps } : {}), slippageBps: simulated ? cfg.slippage_bps : 0, slippageBpsPer100k: simulated ? cfg.slippage_bps_per_100k : 0 },
    cfg: { ...cfg, max_spread_bps: simulated ? cfg.max_spread_bps : Number.POSITIVE_INFINITY },
    instrument: inst,
    quote,
    drawdownGuard: spec.size === 'target',
    // The order-level VaR check, on the daily returns the SmartTrader would fetch at that bar.
    ...(spec.size === 'target' ? { returnsAt: varHistory({ symbols: data.symbols, ts: data.ts, close: data.close, ...(warmup ? { warmup } : {}), fill: spec.fill }) } : {}),
    onProgress: spec.onProgress ? (i) => spec.onProgress!(i, data.ts.length) : undefined,
  });
  const periodsPerYear = Math.max(...data.symbols.map((s) => inst(s).periodsPerYear));
  const t = tearsheet(dailyReturns(data.ts, result.equity), periodsPerYear);
  const finalEquity = result.equity[result.equity.length - 1] ?? spec.cash;
  return {
    summary: { ...t, final_equity: Math.round(finalEquity * 100) / 100, trades: result.fills.length, fees: result.feesCents / 100,
      turnover: result.turnover,
      skipped_orders: result.skipped,
      fills: result.fills.map((f) => ({ ts: new Date(f.ts).toISOString(), symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, notional: f.notionalCents / 100, fee: f.feeCents / 100 })),
    },
    result,
    data,
    simulated,
    periodsPerYear,
  };
}
