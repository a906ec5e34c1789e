/**
 * A whole backtest as `neolight backtest` runs it: load bars (a CSV file, or the simulator for a
 * seed and scenario), run the engine, sample equity per UTC day, compute the tearsheet. The tuner's
 * window scores (walk-forward-score.ts) build their engine options with the same `engineOptions`,
 * so parameters are tuned under the execution model they trade under. Pure apart from reading the CSV.
 */
import { MS, isoTime, utcDay as day } from '../core/clock.js';
import { NeoLightError } from '../core/errors.js';
import { makeStrategy, type BarStrategy, type StrategyParams } from '../intelligence/strategy-lab/strategies.js';
import { loadHistoryFile } from '../market/data/history-file.js';
import { instrument, isUniverseSymbol } from '../market/instruments.js';
import { simulateBars, simulatedQuote } from '../market/simulator.js';
import type { Instrument, Quote } from '../core/market.js';
import type { Tearsheet } from '../research/metrics.js';
import { periodsPerYear as periodsPerYearOf } from '../research/stats.js';
import { traderSchema } from '../config/trader.js';
import { dailySeries, returnsOf, type DailySeries } from './daily.js';
import { tearsheetOf } from './daily-tearsheet.js';
import { runEngine, type BacktestFill, type BarData, type EngineOptions, type EngineResult } from './engine.js';
import type { FillLog } from './fill-log.js';
import { jsonIsoTime, jsonRow, jsonScalar, jsonStrings, type RowStream } from './json-out.js';
import { loadFileColumns, type Columns } from './multi-file.js';
import { varHistory } from './var-history.js';
import { priceAt, pricesView, type PriceColumn } from './prices.js';

/** How orders are filled and charged: shared by `neolight backtest` and the tuner's window scores. */
export interface ExecutionSpec {
  fill: 'next-open' | 'close';
  size: 'all-in' | 'target';
  cash: number;
  /** Fee in bps of notional; undefined: each instrument's venue fee (0 for CSV assets outside the universe). */
  feesBps?: number;
  seed: number;
  scenario: 'none' | 'crash';
}

export interface BacktestSpec extends ExecutionSpec {
  strategy: string;
  params: StrategyParams;
  /** The history file, or with `files` a label of where they are (the data dir). */
  data?: string;
  /** One history file per symbol (several symbols from a data dir), put on one bar grid (multi-file.ts). */
  files?: string[];
  symbols: string[];
  /** First and last instant (ms). Default: the whole file with `data`, SIMULATED_WINDOW without. */
  from?: number;
  to?: number;
  /** false: the same run without the drawdown guard and the order-level VaR check (what the risk layer cost or saved). */
  riskLayer?: boolean;
  /** false: `summary.fills` is left empty, for a caller that writes the rows from `result.fills` itself (`fillRows`). */
  fillRows?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** The bars of a run and the daily closes before its first bar (the VaR check's history at the start). */
export interface Market {
  data: BarData;
  simulated: boolean;
  warmup?: Float64Array[];
}

export interface BacktestOutcome {
  summary: Tearsheet & { final_equity: number; trades: number; fees: number; turnover: number; skipped_orders: Record<string, number>; fills: BacktestFillJson[] };
  result: EngineResult;
  /** Each UTC day's closing equity, and the simple returns between those days: every figure's input. */
  days: DailySeries;
  returns: Float64Array;
  data: BarData;
  simulated: boolean;
  periodsPerYear: number;
  /** The strategy's own name with its effective parameters, e.g. `sma-cross(10,30)`. */
  strategyLabel: string;
}

/** The window of a simulated run when --from/--to are not given (documented in docs/backtest.md). */
export const SIMULATED_WINDOW = { from: Date.parse('2020-01-01T00:00:00Z'), to: Date.parse('2024-12-31T23:59:59.999Z') } as const;
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

/** A fill as `--json` prints it. */
export const fillJson = (f: BacktestFill): BacktestFillJson => ({ ts: isoTime(f.ts), symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, notional: f.notionalCents / 100, fee: f.feeCents / 100 });

const fillText = jsonRow(['ts', 'symbol', 'side', 'qty', 'price', 'notional', 'fee']);

/** The `fills` rows of a run as JSON text, made as they are written (json-out.ts), from the engine's fill columns. */
export const fillRows = (fills: FillLog): RowStream => ({
  length: fills.length,
  json: true,
  each: (emit) => {
    const text = jsonStrings();
    for (let k = 0; k < fills.length; k++) {
      const f = fillJson(fills.at(k));
      emit(fillText([jsonIsoTime(f.ts), text(f.symbol), text(f.side), jsonScalar(f.qty), jsonScalar(f.price), jsonScalar(f.notional), jsonScalar(f.fee)]));
    }
  },
});

/** Instruments for CSV symbols outside the universe: whole shares (a pair: lots of 0.00001), no fee unless --fees says so. */
function csvInstrument(symbol: string): Instrument {
  if (isUniverseSymbol(symbol)) return instrument(symbol);
  // A pair as freqtrade names it (BTC/USDT, BTC/USDT:USDT) trades every day.
  if (symbol.includes('/')) return { symbol, assetClass: 'crypto', quoteCurrency: symbol.split('/')[1]!.split(':')[0]!, tickSize: 0.01, lotSize: 1e-5, feeBps: 0, calendar: 'crypto_24_7', periodsPerYear: 365 };
  return { symbol, assetClass: 'equity', quoteCurrency: 'USD', tickSize: 0.01, lotSize: 1, feeBps: 0, calendar: 'us_equity', periodsPerYear: 252 };
}

/** Days of history before the run that the VaR check sees from the first bar. */
export const WARMUP_DAYS = 90;

/** The last `WARMUP_DAYS` daily closes (each UTC day's last bar) of bars [0, end), oldest first. */
export function dailyClosesBefore(ts: Float64Array, close: PriceColumn, end: number): Float64Array {
  const out: number[] = [];
  for (let i = end - 1; i >= 0 && out.length < WARMUP_DAYS; i--) {
    if (i === end - 1 || Math.floor(ts[i + 1]! / MS.day) !== Math.floor(ts[i]! / MS.day)) out.push(priceAt(close, i));
  }
  return Float64Array.from(out.reverse());
}

async function loadFileBars(spec: Pick<BacktestSpec, 'data' | 'files' | 'symbols' | 'from' | 'to'>): Promise<Market> {
  const file = spec.data ?? '';
  const symbols = spec.files ? spec.symbols : [spec.symbols[0] ?? 'ASSET'];
  let cols: Columns;
  if (spec.files) cols = await loadFileColumns(spec.files, symbols);
  else {
    // The engine trades on opens and closes: high, low and volume are checked, not kept.
    const h = await loadHistoryFile(file, { symbol: symbols[0]!, columns: 'open-close' });
    cols = { ts: h.ts, open: [h.open], close: [h.close] };
  }
  const { ts } = cols;
  const from = spec.from ?? Number.NEGATIVE_INFINITY;
  const to = spec.to ?? Number.POSITIVE_INFINITY;
  let lo = 0;
  let hi = ts.length;
  while (lo < hi && ts[lo]! < from) lo++;
  while (hi > lo && ts[hi - 1]! > to) hi--;
  if (hi - lo < 2) {
    const asked = `${spec.from !== undefined ? `--from ${day(spec.from)}` : 'the first bar'} and ${spec.to !== undefined ? `--to ${day(spec.to)}` : 'the last bar'}`;
    const covers = `the ${spec.files ? 'files cover' : 'file has'} ${ts.length} bar(s) from ${day(ts[0]!)} to ${day(ts[ts.length - 1]!)}`;
    throw new NeoLightError('NL_ERR_DATA', `${file}: ${hi - lo} bar(s) between ${asked}, need at least 2; ${covers}`, { path: file, first: day(ts[0]!), last: day(ts[ts.length - 1]!) });
  }
  const view = <A extends Float64Array | Uint8Array>(a: A): A => a.subarray(lo, hi) as A;
  return {
    // Views, not copies: the loaded columns are this run's own, and high, low and volume are freed.
    data: { symbols, ts: view(ts), open: cols.open.map((c) => pricesView(c, lo, hi)), close: cols.close.map((c) => pricesView(c, lo, hi)), ...(cols.tradable ? { tradable: cols.tradable.map(view) } : {}) },
    simulated: false,
    // Bars before --from are history the SmartTrader would have fetched, not bars to trade.
    ...(lo > 0 ? { warmup: cols.close.map((c) => dailyClosesBefore(ts, c, lo)) } : {}),
  };
}

function loadSimulatedBars(spec: Pick<BacktestSpec, 'symbols' | 'from' | 'to' | 'seed' | 'scenario'>): Market {
  const from = Math.floor((spec.from ?? SIMULATED_WINDOW.from) / MS.day) * MS.day;
  const to = spec.to ?? SIMULATED_WINDOW.to;
  if (to <= from) throw new NeoLightError('NL_ERR_BAD_FLAG', `--to ${day(to)} must be after --from ${day(from)} (the simulator's default window is ${day(SIMULATED_WINDOW.from)} to ${day(SIMULATED_WINDOW.to)})`);
  // Both days inclusive, as with --data.
  const count = Math.floor(to / MS.day) - from / MS.day + 1;
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

export async function loadBars(spec: Pick<BacktestSpec, 'data' | 'files' | 'symbols' | 'from' | 'to' | 'seed' | 'scenario'>): Promise<Market> {
  return spec.data !== undefined || spec.files ? loadFileBars(spec) : loadSimulatedBars(spec);
}

/** Equity at each UTC day's last bar, and the simple returns between them. */
export function dailyReturns(ts: Float64Array, equity: Float64Array): Float64Array {
  return returnsOf(dailySeries(ts, equity).value);
}

const instrumentOf = (m: Market): ((symbol: string) => Instrument) => (m.simulated ? instrument : csvInstrument);

/** Periods a year for annualising: 365 when the run holds an asset that trades every day, else 252. */
export function periodsPerYear(m: Market): number {
  return periodsPerYearOf(m.data.symbols.map((s) => instrumentOf(m)(s).calendar));
}

/**
 * The engine options of a run: costs (the venue fee or `feesBps`, and for simulated bars the
 * simulator's spread and the trader's slippage), the trader config's defaults, the drawdown guard
 * and the order-level VaR check in target mode.
 */
export function engineOptions(x: ExecutionSpec, m: Market, strategy: BarStrategy): EngineOptions {
  if (x.size === 'all-in' && m.data.symbols.length !== 1) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--size all-in is the single-asset convention: give one symbol, got ${m.data.symbols.join(',')}`);
  }
  const { data, simulated, warmup } = m;
  const quote = (j: number, i: number, price: number): Quote => {
    const s = data.symbols[j]!;
    // A file symbol without a bar at this grid time (multi-file.ts) is closed there: its order waits.
    if (!simulated) return { symbol: s, ts: data.ts[i]!, bid: price, ask: price, last: price, volume: 0, open: data.tradable ? data.tradable[j]![i] === 1 : true };
    const q = simulatedQuote(x.seed, s, data.ts[i]!, x.scenario === 'crash' ? { scenario: 'crash' } : {});
    const half = (q.ask - q.bid) / 2;
    return { ...q, bid: price - half, ask: price + half, last: price, open: data.tradable ? data.tradable[j]![i] === 1 : q.open };
  };
  const cfg = traderSchema.parse({});
  return {
    strategy,
    fill: x.fill,
    size: x.size,
    cash: x.cash,
    costs: { ...(x.feesBps !== undefined ? { feeBps: x.feesBps } : {}), slippageBps: simulated ? cfg.slippage_bps : 0, slippageBpsPer100k: simulated ? cfg.slippage_bps_per_100k : 0 },
    cfg: { ...cfg, max_spread_bps: simulated ? cfg.max_spread_bps : Number.POSITIVE_INFINITY },
    instrument: instrumentOf(m),
    quote,
    drawdownGuard: x.size === 'target',
    // The order-level VaR check, on the daily returns the SmartTrader would fetch at that bar.
    ...(x.size === 'target' ? { returnsAt: varHistory({ symbols: data.symbols, ts: data.ts, close: data.close, ...(warmup ? { warmup } : {}), fill: x.fill }) } : {}),
  };
}

/** `market`: the bars loadBars(spec) gives, when the caller has them already (the risk-layer-free comparison reuses the run's). */
export async function runBacktest(spec: BacktestSpec, loaded?: Market): Promise<BacktestOutcome> {
  if (spec.size === 'all-in' && spec.symbols.length !== 1) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--size all-in is the single-asset convention: give one symbol, got ${spec.symbols.join(',')}`);
  }
  const market = loaded ?? (await loadBars(spec));
  const { data, simulated } = market;
  const strategy = makeStrategy(spec.strategy, data.symbols.length, spec.params);
  const strategyLabel = strategy.name;
  const onProgress = spec.onProgress;
  const { returnsAt, ...base } = engineOptions(spec, market, strategy);
  const options = spec.riskLayer === false ? { ...base, drawdownGuard: false } : { ...base, ...(returnsAt ? { returnsAt } : {}) };
  // When the engine becomes async this is `await runEngine(...)`.
  const result = runEngine(data, { ...options, ...(onProgress ? { onProgress: (i: number) => onProgress(i, data.ts.length) } : {}) });
  const periods = periodsPerYear(market);
  const days = dailySeries(data.ts, result.equity);
  const returns = returnsOf(days.value);
  const t = tearsheetOf(returns, periods);
  const finalEquity = result.equity[result.equity.length - 1] ?? spec.cash;
  return {
    summary: { ...t, final_equity: Math.round(finalEquity * 100) / 100, trades: result.fills.length, fees: result.feesCents / 100,
      turnover: result.turnover,
      skipped_orders: result.skipped,
      // The risk-layer-free comparison reports figures, never its fill list (figures.ts drops it):
      // a fill row of each of its hundreds of thousands of fills would only be garbage.
      fills: spec.riskLayer === false || spec.fillRows === false ? [] : result.fills.map(fillJson),
    },
    result,
    days,
    returns,
    data,
    simulated,
    periodsPerYear: periods,
    strategyLabel,
  };
}
