/**
 * The daily layer of the simulator: one regime Markov chain shared by all assets, and for each
 * asset and UTC day a log return drawn from a correlated multivariate Student-t scaled by the
 * regime's volatility and a GARCH-like variance factor. Computed once per (seed, scenario) over
 * 1970-2100 and cached in memory; a fresh process recomputes exactly the same numbers.
 */
import { openMinutesOfUtcDay } from './calendar.js';
import {
  CALIBRATION, END_DAY, EQUITY_GAP_WEIGHT, FIRST_DAY, GARCH, REGIME_TRANSITIONS, T_DOF, type Regime,
} from './calibration.js';
import { instrument, SYMBOLS, type UniverseSymbol } from './instruments.js';
import { DAY } from './ny-time.js';
import { normal, seedKey, streamKey, studentScale, uniform } from './rng.js';

export interface ScenarioOptions {
  /** 'crash' forces a fall in equities and crypto from `crashStartMs`, then a recovery. */
  readonly scenario?: 'none' | 'crash';
  /** Start of the crash (default 2025-02-03 00:00 UTC). */
  readonly crashStartMs?: number;
}

export const DEFAULT_CRASH_START_MS = Date.UTC(2025, 1, 3);
/** Crash shape: calendar days of fall, of recovery, and the total fall (log-exact) per class. */
export const CRASH = { fallDays: 21, recoveryDays: 120, fall: { equity: 0.4, crypto: 0.55 }, recoveredShare: 0.7 } as const;

export interface AssetDays {
  /** Sum of intraday variance weights of each UTC day (0 = closed all day; whole minutes); shared by every seed. */
  readonly weight: Uint16Array;
  /** Cumulative log return from FIRST_DAY to the start of each day (length days + 1). */
  readonly cum: Float64Array;
  /** GARCH-like variance factor of each day (mean 1): scales volatility, spreads and volume. */
  readonly garch: Float64Array;
}

// A day's return and volatility are derived from the stored columns rather than kept as columns of
// their own: three arrays of 1970-2100 per asset instead of six keeps every process that reads
// market data about 10 MB lighter, and the derivation is the same arithmetic the build used.

/** Log return of UTC day `d`. */
export function dayReturn(a: AssetDays, d: number): number {
  return (a.cum[d + 1] as number) - (a.cum[d] as number);
}

/** Daily volatility (standard deviation of the day's log return) of `symbol` on UTC day `d`. */
export function daySigma(model: DailyModel, symbol: UniverseSymbol, d: number): number {
  const a = model.assets[symbol];
  return sigmaOf(CALIBRATION[symbol].vol[model.regime[d] as Regime], instrument(symbol).periodsPerYear, a.garch[d] as number, (a.weight[d] as number) / FULL_WEIGHT(symbol));
}

const sigmaOf = (annual: number, ppy: number, g: number, frac: number): number => (annual / Math.sqrt(ppy)) * Math.sqrt(g * frac);

export interface DailyModel {
  readonly days: number;
  readonly regime: Uint8Array;
  readonly assets: Readonly<Record<UniverseSymbol, AssetDays>>;
}

/** Intraday variance weights of one UTC day: 1 per open minute, the equity open carries the gap. */
export function dayWeight(symbol: UniverseSymbol, dayIndex: number): number {
  const inst = instrument(symbol);
  let w = 0;
  for (const [a, b] of openMinutesOfUtcDay(inst.calendar, dayIndex)) w += b - a;
  if (inst.calendar === 'us_equity' && w > 0) w += EQUITY_GAP_WEIGHT - 1;
  return w;
}

const weightCache = new Map<UniverseSymbol, Uint16Array>();

/**
 * dayWeight for every simulated day (memoised: the calendars do not depend on the seed). A day's
 * weight is a whole number of minutes below 65536, so 16 bits hold it exactly.
 */
function weightsOf(symbol: UniverseSymbol, days: number): Uint16Array {
  let w = weightCache.get(symbol);
  if (!w) {
    w = new Uint16Array(days);
    for (let d = 0; d < days; d++) {
      const x = dayWeight(symbol, d);
      if (!Number.isInteger(x) || x < 0 || x > 0xffff) throw new Error(`day weight ${x} of ${symbol} on day ${d} is not a whole number of minutes in 0..65535`);
      w[d] = x;
    }
    weightCache.set(symbol, w);
  }
  return w;
}

const FULL_WEIGHT = (symbol: UniverseSymbol): number =>
  instrument(symbol).calendar === 'us_equity' ? 390 + EQUITY_GAP_WEIGHT - 1 : 1440;

const STREAM = { regime: 1, studentT: 2, asset: 100 } as const;

function regimeChain(key: number, days: number): Uint8Array {
  const sk = streamKey(key, STREAM.regime);
  const out = new Uint8Array(days);
  let state: Regime = 1;
  for (let d = 0; d < days; d++) {
    const u = uniform(sk, d);
    const row: readonly [number, number, number] = REGIME_TRANSITIONS[state] ?? [0, 1, 0];
    state = u < row[0] ? 0 : u < row[0] + row[1] ? 1 : 2;
    out[d] = state;
  }
  return out;
}

const cache = new Map<string, DailyModel>();

/** The daily model of a seed and scenario (memoised; about 0.2 s to build on a 2-core machine). */
export function dailyModel(seed: number, opts: ScenarioOptions = {}): DailyModel {
  const scenario = opts.scenario ?? 'none';
  const crashDay = Math.floor((opts.crashStartMs ?? DEFAULT_CRASH_START_MS) / DAY);
  const id = `${seed}|${scenario}|${scenario === 'crash' ? crashDay : ''}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const key = seedKey(seed);
  const days = END_DAY - FIRST_DAY;
  const regime = regimeChain(key, days);
  const crashed = scenario === 'crash' && crashDay > 0 && crashDay + CRASH.fallDays + CRASH.recoveryDays < days;
  if (crashed) regime.fill(2, crashDay, crashDay + CRASH.fallDays + CRASH.recoveryDays);
  const tKey = streamKey(key, STREAM.studentT);
  const n = SYMBOLS.length;
  const assetKeys = SYMBOLS.map((_, i) => streamKey(key, STREAM.asset + i));
  const parents = SYMBOLS.map((s) => {
    const p = CALIBRATION[s].parent;
    return p === null ? -1 : SYMBOLS.indexOf(p);
  });
  const arrays = SYMBOLS.map((s) => {
    const cum = new Float64Array(days + 1);
    // Each day's return is written where its cumulative sum goes (cum[d + 1]) and summed in place
    // below: no second array of 1970-2100 per asset in every process that builds the model.
    return { weight: weightsOf(s, days), ret: cum.subarray(1), cum, garch: new Float64Array(days), full: FULL_WEIGHT(s), g: 1, ppy: instrument(s).periodsPerYear, cal: CALIBRATION[s] };
  });
  const order = treeOrder(parents);
  const z = new Float64Array(n);
  for (let d = 0; d < days; d++) {
    const r = regime[d] as Regime;
    const stressed = r === 2 ? 1 : 0;
    const t = studentScale(tKey, d, T_DOF);
    for (const i of order) {
      const e = normal(assetKeys[i] as number, d);
      const p = parents[i] as number;
      const rho = (arrays[i]?.cal.rho[stressed] ?? 0);
      z[i] = p < 0 ? e : rho * (z[p] as number) + Math.sqrt(1 - rho * rho) * e;
    }
    for (let i = 0; i < n; i++) {
      const a = arrays[i];
      if (!a) continue;
      const w = a.weight[d] as number;
      const frac = w / a.full;
      const annual = a.cal.vol[r];
      const sd = sigmaOf(annual, a.ppy, a.g, frac);
      a.garch[d] = a.g;
      if (w === 0) continue;
      const shock = (z[i] as number) * t;
      a.ret[d] = (a.cal.drift / a.ppy) * frac - (sd * sd) / 2 + sd * shock;
      a.g = Math.min(GARCH.cap, 1 - GARCH.alpha - GARCH.beta + GARCH.alpha * shock * shock + GARCH.beta * a.g);
    }
  }
  if (crashed) {
    arrays.forEach((a, i) => {
      const cls = instrument(SYMBOLS[i] as UniverseSymbol).assetClass;
      if (cls !== 'equity' && cls !== 'crypto') return;
      const fall = Math.log(1 - CRASH.fall[cls]);
      forceTotal(a.ret, a.weight, crashDay, crashDay + CRASH.fallDays, fall);
      const end = crashDay + CRASH.fallDays;
      forceTotal(a.ret, a.weight, end, end + CRASH.recoveryDays, -fall * CRASH.recoveredShare);
    });
  }
  // A day's return is read back as cum[d+1] − cum[d] (dayReturn) so day paths end exactly where the next begins.
  for (const a of arrays) {
    for (let d = 0; d < days; d++) a.cum[d + 1] = (a.cum[d] as number) + (a.ret[d] as number);
  }
  const assets = Object.fromEntries(SYMBOLS.map((s, i) => {
    const a = arrays[i];
    if (!a) throw new Error('unreachable');
    return [s, { weight: a.weight, cum: a.cum, garch: a.garch }];
  })) as Record<UniverseSymbol, AssetDays>;
  const model: DailyModel = { days, regime, assets };
  cache.set(id, model);
  return model;
}

/** Shift the returns of days [from, to) so they sum exactly to `total`, in proportion to weight. */
function forceTotal(ret: Float64Array, weight: Uint16Array, from: number, to: number, total: number): void {
  let sum = 0;
  let w = 0;
  for (let d = from; d < to; d++) {
    sum += ret[d] as number;
    w += weight[d] as number;
  }
  if (w === 0) return;
  for (let d = from; d < to; d++) ret[d] = (ret[d] as number) + ((total - sum) * (weight[d] as number)) / w;
}

function treeOrder(parents: readonly number[]): number[] {
  const done = new Set<number>();
  const out: number[] = [];
  while (out.length < parents.length) {
    parents.forEach((p, i) => {
      if (!done.has(i) && (p < 0 || done.has(p))) {
        done.add(i);
        out.push(i);
      }
    });
  }
  return out;
}
