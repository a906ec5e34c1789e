/**
 * The deterministic market simulator: quotes and bars as a pure function of (seed, symbol, time)
 * for the universe in instruments.ts. Daily returns come from regimes.ts (regime chain,
 * correlation tree, Student-t shocks, GARCH clustering), minutes from intraday.ts. Every figure it
 * produces is simulated, and the MarketData it returns says so (simulated: true).
 */
import { NeoLightError } from '../core/errors.js';
import { isOpen } from './calendar.js';
import { CALIBRATION, CALM_SPREAD_MULT, CLOSED_SPREAD_MULT, END_DAY, REGIME_NAMES, type RegimeName } from './calibration.js';
import { instrument, isUniverseSymbol, SYMBOLS, type UniverseSymbol } from './instruments.js';
import { fillDayPath, MINUTES_PER_DAY, newDayPath, type DayPath } from './intraday.js';
import { DAY, MINUTE } from './ny-time.js';
import { dailyModel, type DailyModel, type ScenarioOptions } from './regimes.js';
import type { Bar, MarketData, Quote } from '../core/market.js';

export type SimulatorOptions = ScenarioOptions;
export const SIM_STEP_MS = MINUTE;
const END_MS = END_DAY * DAY;

/** Columnar bars of one symbol; index k is the bar starting at ts[k]. */
export interface SymbolBars {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** 1 when the market was open during at least one minute of the bar. */
  readonly tradable: Uint8Array;
}

export interface ColumnarBars {
  readonly simulated: boolean;
  readonly ts: Float64Array;
  readonly symbols: Readonly<Record<string, SymbolBars>>;
}

function universeSymbol(symbol: string): UniverseSymbol {
  instrument(symbol); // throws NL_ERR_BAD_INPUT naming the accepted symbols
  if (!isUniverseSymbol(symbol)) throw new NeoLightError('NL_ERR_INTERNAL', `symbol ${symbol} has no calibration`);
  return symbol;
}

function checkTime(field: string, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0 || ms >= END_MS) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `${field} ${ms} is outside the simulated span 1970-01-01..2100-01-01 (epoch ms)`, {
      field, value: ms, accepted: `0 <= ms < ${END_MS}`,
    });
  }
}

type DayValue<V> = (seed: number, model: DailyModel, symbol: UniverseSymbol, day: number) => V;

/**
 * `make` behind a small LRU per daily model and (symbol, day), holding at most `size` per model:
 * the day paths and daily bars below, each a whole day's minutes to compute (`make` is given once,
 * so a quote allocates no closure).
 */
function perModelLru<V>(size: number, make: DayValue<V>): DayValue<V> {
  const caches = new WeakMap<DailyModel, Map<string, V>>();
  return (seed, model, symbol, day) => {
    let byKey = caches.get(model);
    if (!byKey) {
      byKey = new Map();
      caches.set(model, byKey);
    }
    const key = `${symbol}|${day}`;
    const hit = byKey.get(key);
    if (hit !== undefined) {
      byKey.delete(key);
      byKey.set(key, hit);
      return hit;
    }
    const value = make(seed, model, symbol, day);
    byKey.set(key, value);
    if (byKey.size > size) {
      const oldest = byKey.keys().next().value;
      if (oldest !== undefined) byKey.delete(oldest);
    }
    return value;
  };
}

// A day path is ~47 KB: 36 hold four days of the nine-symbol universe, enough for quotes at the
// current minute, without letting a long-running agent keep megabytes of past days.
/** The cached minute path of a symbol on a UTC day (small LRU per model). */
const dayPath = perModelLru<DayPath>(36, (seed, model, symbol, day) => fillDayPath(seed, model, symbol, day, newDayPath()));

/** The shared market regime on the UTC day of `ms`. */
export function regimeAt(seed: number, ms: number, opts: SimulatorOptions = {}): RegimeName {
  checkTime('ts', ms);
  const r = dailyModel(seed, opts).regime(Math.floor(ms / DAY));
  return REGIME_NAMES[r] ?? 'normal';
}

/** Full bid-ask spread in basis points: widens with the regime, daily variance and closed markets. */
export function simulatedSpreadBps(seed: number, symbol: string, ms: number, opts: SimulatorOptions = {}): number {
  const s = universeSymbol(symbol);
  checkTime('ts', ms);
  const model = dailyModel(seed, opts);
  const day = Math.floor(ms / DAY);
  const cal = CALIBRATION[s];
  const regime = model.regime(day);
  const regimeMult = regime === 0 ? CALM_SPREAD_MULT : regime === 2 ? cal.stressSpreadMult : 1;
  const garch = Math.min(3, Math.max(0.7, Math.sqrt(model.garch(s, day))));
  const closedMult = isOpen(instrument(s).calendar, ms) ? 1 : CLOSED_SPREAD_MULT;
  return cal.spreadBps * regimeMult * garch * closedMult;
}

/** The simulated quote of `symbol` at `ts`: mid at the start of ts's minute, bid/ask on the tick grid. */
export function simulatedQuote(seed: number, symbol: string, ts: number, opts: SimulatorOptions = {}): Quote {
  const s = universeSymbol(symbol);
  checkTime('ts', ts);
  const model = dailyModel(seed, opts);
  const minute = Math.floor(ts / MINUTE);
  const day = Math.floor(minute / MINUTES_PER_DAY);
  const i = minute - day * MINUTES_PER_DAY;
  const path = dayPath(seed, model, s, day);
  const mid = Math.exp(path.logPx[i] as number);
  const inst = instrument(s);
  const half = simulatedSpreadBps(seed, s, ts, opts) / 20_000;
  const dec = Math.max(0, Math.ceil(-Math.log10(inst.tickSize) - 1e-9));
  const bid = Number((Math.floor((mid * (1 - half)) / inst.tickSize) * inst.tickSize).toFixed(dec));
  let ask = Number((Math.ceil((mid * (1 + half)) / inst.tickSize) * inst.tickSize).toFixed(dec));
  if (ask <= bid) ask = Number((bid + inst.tickSize).toFixed(dec));
  let volume = 0;
  for (let k = 0; k < i; k++) volume += path.volume[k] as number;
  return { symbol: s, ts, bid, ask, last: mid, volume, open: isOpen(inst.calendar, ts) };
}

function checkBarsArgs(fromMs: number, stepMs: number, count: number): void {
  if (!Number.isInteger(stepMs) || stepMs <= 0 || stepMs % MINUTE !== 0) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `bar interval ${stepMs} ms is not a positive whole number of minutes (60000 ms)`, {
      field: 'stepMs', value: stepMs, accepted: 'a positive multiple of 60000',
    });
  }
  if (!Number.isInteger(fromMs) || fromMs % MINUTE !== 0) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `bar start ${fromMs} is not on a minute boundary`, {
      field: 'fromMs', value: fromMs, accepted: 'a multiple of 60000',
    });
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `bar count ${count} is not a whole number >= 0`, { field: 'count', value: count });
  }
  checkTime('fromMs', fromMs);
  if (count > 0) checkTime('end of the last bar', fromMs + stepMs * count - 1);
}

/** One bar's figures in log prices, before Math.exp. */
interface LogBar { first: number; last: number; hi: number; lo: number; vol: number; tradable: number }

// Reused by every call: the calls are synchronous, and a buffer per call was ~47 KB of garbage
// outside the JS heap each time (the SmartTrader asks for 70 daily bars of each symbol on every
// tick that trades).
const scratch = newDayPath();

/**
 * Minutes [minute, minute + per) of `s` accumulated as one bar into `bar`, filling `scratch` day by
 * day; `loaded` is the day `scratch` already holds for `s` (-1 for none). Returns the day it holds after.
 */
function logBar(seed: number, model: DailyModel, s: UniverseSymbol, minute: number, per: number, loaded: number, bar: LogBar): number {
  bar.first = 0;
  bar.last = 0;
  bar.hi = Number.NEGATIVE_INFINITY;
  bar.lo = Number.POSITIVE_INFINITY;
  bar.vol = 0;
  bar.tradable = 0;
  let day = loaded;
  let dayStart = day * MINUTES_PER_DAY;
  for (let j = 0; j < per; j++, minute++) {
    if (minute >= dayStart + MINUTES_PER_DAY || minute < dayStart || day < 0) {
      day = Math.floor(minute / MINUTES_PER_DAY);
      dayStart = day * MINUTES_PER_DAY;
      fillDayPath(seed, model, s, day, scratch);
    }
    const i = minute - dayStart;
    if (j === 0) bar.first = scratch.logPx[i] as number;
    bar.last = scratch.logPx[i + 1] as number;
    const h = scratch.logHigh[i] as number;
    const l = scratch.logLow[i] as number;
    if (h > bar.hi) bar.hi = h;
    if (l < bar.lo) bar.lo = l;
    bar.vol += scratch.volume[i] as number;
    bar.tradable |= scratch.open[i] as number;
  }
  return day;
}

/**
 * The bar of `s` over UTC day `day`, cached for the last ~200 days of the nine symbols: what the
 * agents' look-backs (VaR returns, the orchestrator's regime view) ask for again every tick.
 */
const dayBar = perModelLru<LogBar>(2048, (seed, model, s, day) => {
  const bar: LogBar = { first: 0, last: 0, hi: 0, lo: 0, vol: 0, tradable: 0 };
  logBar(seed, model, s, day * MINUTES_PER_DAY, MINUTES_PER_DAY, -1, bar);
  return bar;
});

/**
 * The fast path for backtests: `count` bars of `stepMs` from `fromMs` for each symbol, as columns.
 * Bar k covers [ts[k], ts[k] + stepMs); its open is the quote mid at ts[k], its close the mid at
 * the next bar's start. Identical to what simulatedQuote and MarketData.bars give.
 */
export function simulateBars(seed: number, symbols: readonly string[], fromMs: number, stepMs: number, count: number, opts: SimulatorOptions = {}): ColumnarBars {
  checkBarsArgs(fromMs, stepMs, count);
  const model = dailyModel(seed, opts);
  const ts = new Float64Array(count);
  for (let k = 0; k < count; k++) ts[k] = fromMs + k * stepMs;
  const per = stepMs / MINUTE;
  const daily = stepMs === DAY && fromMs % DAY === 0;
  const acc: LogBar = { first: 0, last: 0, hi: 0, lo: 0, vol: 0, tradable: 0 };
  const out: Record<string, SymbolBars> = {};
  for (const symbol of symbols) {
    const s = universeSymbol(symbol);
    const cols = {
      open: new Float64Array(count), high: new Float64Array(count), low: new Float64Array(count),
      close: new Float64Array(count), volume: new Float64Array(count), tradable: new Uint8Array(count),
    };
    // The day `scratch` holds: a bar that starts on it continues from it without refilling it.
    let loaded = -1;
    for (let k = 0; k < count; k++) {
      let bar = acc;
      if (daily) bar = dayBar(seed, model, s, fromMs / DAY + k);
      else loaded = logBar(seed, model, s, fromMs / MINUTE + k * per, per, loaded, acc);
      cols.open[k] = Math.exp(bar.first);
      cols.close[k] = Math.exp(bar.last);
      cols.high[k] = Math.exp(bar.hi);
      cols.low[k] = Math.exp(bar.lo);
      cols.volume[k] = bar.vol;
      cols.tradable[k] = bar.tradable;
    }
    out[s] = cols;
  }
  return { simulated: true, ts, symbols: out };
}

export interface SimulatedMarket extends MarketData {
  readonly simulated: true;
  readonly seed: number;
  readonly options: SimulatorOptions;
  regime(ts: number): RegimeName;
  quoteSync(symbol: string, ts: number): Quote;
  columnar(symbols: readonly string[], fromMs: number, stepMs: number, count: number): ColumnarBars;
}

/** The simulator behind the MarketData port, for one seed and scenario. */
export function simulatedMarket(seed: number, opts: SimulatorOptions = {}): SimulatedMarket {
  const options = { ...opts };
  return {
    simulated: true,
    seed,
    options,
    regime: (ts) => regimeAt(seed, ts, options),
    quoteSync: (symbol, ts) => simulatedQuote(seed, symbol, ts, options),
    columnar: (symbols, fromMs, stepMs, count) => simulateBars(seed, symbols, fromMs, stepMs, count, options),
    quote: async (symbol, ts) => simulatedQuote(seed, symbol, ts, options),
    // Like a feed: completed bars aligned to the interval (UTC), covering [fromMs, toMs).
    bars: async (symbol, fromMs, toMs, intervalMs) => {
      const start = Math.ceil(fromMs / intervalMs) * intervalMs;
      const count = Math.max(0, Math.floor((toMs - start) / intervalMs));
      const cols = simulateBars(seed, [symbol], start, intervalMs, count, options);
      return toBars(cols, symbol);
    },
  };
}

/** Row view of one symbol's columns. */
export function toBars(cols: ColumnarBars, symbol: string): Bar[] {
  const c = cols.symbols[symbol];
  if (!c) throw new NeoLightError('NL_ERR_BAD_INPUT', `no bars for symbol "${symbol}"; present: ${Object.keys(cols.symbols).join(', ')}`);
  const bars: Bar[] = [];
  for (let k = 0; k < cols.ts.length; k++) {
    bars.push({ ts: cols.ts[k] as number, open: c.open[k] as number, high: c.high[k] as number, low: c.low[k] as number, close: c.close[k] as number, volume: c.volume[k] as number });
  }
  return bars;
}

export { SYMBOLS as SIMULATED_SYMBOLS };
