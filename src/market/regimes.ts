/**
 * The daily layer of the simulator: one regime Markov chain shared by all assets, and for each
 * asset and UTC day a log return drawn from a correlated multivariate Student-t scaled by the
 * regime's volatility and a GARCH-like variance factor (daily-chain.ts), with the crash scenario
 * forced on top. Built lazily per (seed, scenario) in blocks of days and cached in memory; a fresh
 * process recomputes exactly the same numbers.
 */
import { CALIBRATION, END_DAY, FIRST_DAY, type Regime } from './calibration.js';
import {
  advance, chainParams, copyCursor, FULL_WEIGHT, newBlock, sigmaOf, startCursor, type Block, type Cursor, type Forcing,
} from './daily-chain.js';
import { instrument, SYMBOLS, type UniverseSymbol } from './instruments.js';
import { DAY } from './ny-time.js';

export interface ScenarioOptions {
  /** 'crash' forces a fall in equities and crypto from `crashStartMs`, then a recovery. */
  readonly scenario?: 'none' | 'crash';
  /** Start of the crash (default 2025-02-03 00:00 UTC). */
  readonly crashStartMs?: number;
}

export const DEFAULT_CRASH_START_MS = Date.UTC(2025, 1, 3);
/** Crash shape: calendar days of fall, of recovery, and the total fall (log-exact) per class. */
export const CRASH = { fallDays: 21, recoveryDays: 120, fall: { equity: 0.4, crypto: 0.55 }, recoveredShare: 0.7 } as const;

/** Days per block of the daily model: ~2.8 years, 164 KB for the nine symbols. */
const BLOCK_DAYS = 1024;

/**
 * The daily model of a seed and scenario over FIRST_DAY..END_DAY. Its days are built a block at a
 * time, when a day of the block is first read, and kept: an agent of the mesh reads prices around
 * its clock and holds two or three blocks instead of 1970-2100 (7.7 MB for the nine symbols), a
 * backtest over decades builds what it reads. Out-of-range days throw a RangeError.
 */
export interface DailyModel {
  readonly days: number;
  /** The shared market regime of UTC day `d`. */
  regime(d: number): Regime;
  /** Sum of intraday variance weights of `symbol` on day `d` (0 = closed all day; whole minutes; the same for every seed). */
  weight(symbol: UniverseSymbol, d: number): number;
  /** GARCH-like variance factor of `symbol` on day `d` (mean 1): scales volatility, spreads and volume. */
  garch(symbol: UniverseSymbol, d: number): number;
  /** Cumulative log return of `symbol` from FIRST_DAY to the start of day `d` (0 <= d <= days). */
  cum(symbol: UniverseSymbol, d: number): number;
}

/** Log return of `symbol` on UTC day `d`: read back from the cumulative sums so day paths end exactly where the next begins. */
export function dayReturn(model: DailyModel, symbol: UniverseSymbol, d: number): number {
  return model.cum(symbol, d + 1) - model.cum(symbol, d);
}

/** Daily volatility (standard deviation of the day's log return) of `symbol` on UTC day `d`. */
export function daySigma(model: DailyModel, symbol: UniverseSymbol, d: number): number {
  return sigmaOf(CALIBRATION[symbol].vol[model.regime(d)], instrument(symbol).periodsPerYear, model.garch(symbol, d), model.weight(symbol, d) / FULL_WEIGHT(symbol));
}

const cache = new Map<string, DailyModel>();

/** The daily model of a seed and scenario (memoised; walking the chain over 1970-2100 takes about 0.2 s on a 2-core machine). */
export function dailyModel(seed: number, opts: ScenarioOptions = {}): DailyModel {
  const scenario = opts.scenario ?? 'none';
  const crashDay = Math.floor((opts.crashStartMs ?? DEFAULT_CRASH_START_MS) / DAY);
  const id = `${seed}|${scenario}|${scenario === 'crash' ? crashDay : ''}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const model = blockModel(seed, scenario === 'crash' ? crashDay : null);
  cache.set(id, model);
  return model;
}

function blockModel(seed: number, crashDay: number | null): DailyModel {
  const days = END_DAY - FIRST_DAY;
  const crashEnd = crashDay === null ? 0 : crashDay + CRASH.fallDays + CRASH.recoveryDays;
  const crashed = crashDay !== null && crashDay > 0 && crashEnd < days;
  const forcings = crashed ? crashForcings(crashDay) : [];
  const params = chainParams(seed, crashed ? [crashDay, crashEnd] : null, forcings);
  if (crashed) {
    // The forced spans need their unforced sums before the chain passes them.
    advance(params, startCursor(), crashEnd);
    for (const f of forcings) f.known = true;
  }
  const nBlocks = Math.ceil(days / BLOCK_DAYS);
  const starts: Cursor[] = [];
  const walk = startCursor();
  const blocks: (Block | undefined)[] = new Array<Block | undefined>(nBlocks);
  const block = (b: number): Block => {
    const hit = blocks[b];
    if (hit) return hit;
    while (starts.length <= b) {
      advance(params, walk, starts.length * BLOCK_DAYS);
      starts.push(copyCursor(walk));
    }
    const base = b * BLOCK_DAYS;
    const out = newBlock(base, Math.min(BLOCK_DAYS, days - base));
    advance(params, copyCursor(starts[b] as Cursor), base + out.span, out);
    blocks[b] = out;
    return out;
  };
  const at = (d: number, last: number): Block => {
    if (!(d >= 0 && d < last)) throw new RangeError(`day ${d} is outside the daily model's 0..${last - 1}`);
    return block(Math.min(Math.floor(d / BLOCK_DAYS), nBlocks - 1));
  };
  const index = (symbol: UniverseSymbol): number => SYMBOL_INDEX[symbol];
  return {
    days,
    regime: (d) => {
      const b = at(d, days);
      return b.regime[d - b.base] as Regime;
    },
    weight: (symbol, d) => {
      const b = at(d, days);
      return b.weight[index(symbol) * b.span + d - b.base] as number;
    },
    garch: (symbol, d) => {
      const b = at(d, days);
      return b.garch[index(symbol) * b.span + d - b.base] as number;
    },
    cum: (symbol, d) => {
      const b = at(d, days + 1);
      return b.cum[index(symbol) * (b.span + 1) + d - b.base] as number;
    },
  };
}

const SYMBOL_INDEX = Object.fromEntries(SYMBOLS.map((s, i) => [s, i])) as Record<UniverseSymbol, number>;

/** The crash's fall and its partial recovery, each summing exactly to its log move in equities and crypto. */
function crashForcings(crashDay: number): Forcing[] {
  const n = SYMBOLS.length;
  const falls = SYMBOLS.map((s) => {
    const cls = instrument(s).assetClass;
    return cls === 'equity' || cls === 'crypto' ? Math.log(1 - CRASH.fall[cls]) : Number.NaN;
  });
  const end = crashDay + CRASH.fallDays;
  const span = (from: number, to: number, total: (fall: number) => number): Forcing => ({
    from, to, total: Float64Array.from(falls, total), sum: new Float64Array(n), w: new Float64Array(n), known: false,
  });
  return [span(crashDay, end, (f) => f), span(end, end + CRASH.recoveryDays, (f) => -f * CRASH.recoveredShare)];
}
