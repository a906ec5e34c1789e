/**
 * The daily chain of the simulator, one day at a time: the regime Markov chain shared by all
 * assets and, per asset, a log return drawn from a correlated multivariate Student-t scaled by the
 * regime's volatility and a GARCH-like variance factor. Each day depends on the one before (the
 * chain's state, the variance factor, the cumulative return), so regimes.ts walks it once from
 * FIRST_DAY keeping only the state at the start of each block of days, and fills a block on demand
 * from its start with this same arithmetic.
 */
import { openMinutesOfUtcDay } from './calendar.js';
import { CALIBRATION, EQUITY_GAP_WEIGHT, GARCH, REGIME_TRANSITIONS, T_DOF, type AssetCalibration, type Regime } from './calibration.js';
import { instrument, SYMBOLS, type UniverseSymbol } from './instruments.js';
import { normal, seedKey, streamKey, studentScale, uniform } from './rng.js';

/** Intraday variance weights of one UTC day: 1 per open minute, the equity open carries the gap. */
function dayWeight(symbol: UniverseSymbol, dayIndex: number): number {
  const inst = instrument(symbol);
  let w = 0;
  for (const [a, b] of openMinutesOfUtcDay(inst.calendar, dayIndex)) w += b - a;
  if (inst.calendar === 'us_equity' && w > 0) w += EQUITY_GAP_WEIGHT - 1;
  return w;
}

export const FULL_WEIGHT = (symbol: UniverseSymbol): number =>
  instrument(symbol).calendar === 'us_equity' ? 390 + EQUITY_GAP_WEIGHT - 1 : 1440;

export const sigmaOf = (annual: number, ppy: number, g: number, frac: number): number => (annual / Math.sqrt(ppy)) * Math.sqrt(g * frac);

/**
 * Days [from, to) whose returns of the listed assets are shifted, in proportion to their weight, so
 * that they sum exactly to `total`: `sum` and `w` are the unshifted returns' and the weights' sums
 * over the span, added day by day (a first walk fills them while `known` is false).
 */
export interface Forcing {
  readonly from: number;
  readonly to: number;
  /** Per asset; NaN for an asset the span leaves alone. */
  readonly total: Float64Array;
  readonly sum: Float64Array;
  readonly w: Float64Array;
  known: boolean;
}

export interface ChainParams {
  readonly regimeKey: number;
  readonly tKey: number;
  readonly assetKeys: readonly number[];
  readonly parents: readonly number[];
  /** Assets in an order where a parent comes before its children. */
  readonly order: readonly number[];
  readonly cal: readonly AssetCalibration[];
  readonly ppy: readonly number[];
  readonly full: readonly number[];
  /** Days [from, to) forced into the stressed regime (the chain itself runs on underneath). */
  readonly stressed: readonly [number, number] | null;
  readonly forcings: readonly Forcing[];
}

export function chainParams(seed: number, stressed: readonly [number, number] | null, forcings: readonly Forcing[]): ChainParams {
  const key = seedKey(seed);
  const parents = SYMBOLS.map((s) => {
    const p = CALIBRATION[s].parent;
    return p === null ? -1 : SYMBOLS.indexOf(p);
  });
  return {
    regimeKey: streamKey(key, STREAM.regime),
    tKey: streamKey(key, STREAM.studentT),
    assetKeys: SYMBOLS.map((_, i) => streamKey(key, STREAM.asset + i)),
    parents,
    order: treeOrder(parents),
    cal: SYMBOLS.map((s) => CALIBRATION[s]),
    ppy: SYMBOLS.map((s) => instrument(s).periodsPerYear),
    full: SYMBOLS.map(FULL_WEIGHT),
    stressed,
    forcings,
  };
}

const STREAM = { regime: 1, studentT: 2, asset: 100 } as const;

/** The chain at the start of `day`: its (unforced) regime state, each asset's variance factor and cumulative return. */
export interface Cursor {
  day: number;
  state: Regime;
  readonly g: Float64Array;
  readonly cum: Float64Array;
}

export const startCursor = (): Cursor => ({ day: 0, state: 1, g: new Float64Array(SYMBOLS.length).fill(1), cum: new Float64Array(SYMBOLS.length) });
export const copyCursor = (c: Cursor): Cursor => ({ day: c.day, state: c.state, g: c.g.slice(), cum: c.cum.slice() });

/** Columns of the days [base, base + span): index i·span + (d − base) for asset i; cum has span + 1 per asset. */
export interface Block {
  readonly base: number;
  readonly span: number;
  readonly regime: Uint8Array;
  readonly weight: Uint16Array;
  readonly garch: Float64Array;
  readonly cum: Float64Array;
}

export function newBlock(base: number, span: number): Block {
  const n = SYMBOLS.length;
  return { base, span, regime: new Uint8Array(span), weight: new Uint16Array(n * span), garch: new Float64Array(n * span), cum: new Float64Array(n * (span + 1)) };
}

const z = new Float64Array(SYMBOLS.length);

/** Walk the chain from `c.day` to `to`, writing each day into `out` when given. */
export function advance(p: ChainParams, c: Cursor, to: number, out?: Block): void {
  const n = SYMBOLS.length;
  for (let d = c.day; d < to; d++) {
    const u = uniform(p.regimeKey, d);
    const row: readonly [number, number, number] = REGIME_TRANSITIONS[c.state] ?? [0, 1, 0];
    c.state = u < row[0] ? 0 : u < row[0] + row[1] ? 1 : 2;
    const r: Regime = p.stressed && d >= p.stressed[0] && d < p.stressed[1] ? 2 : c.state;
    const stressed = r === 2 ? 1 : 0;
    const t = studentScale(p.tKey, d, T_DOF);
    for (const i of p.order) {
      const e = normal(p.assetKeys[i] as number, d);
      const k = p.parents[i] as number;
      const rho = p.cal[i]?.rho[stressed] ?? 0;
      z[i] = k < 0 ? e : rho * (z[k] as number) + Math.sqrt(1 - rho * rho) * e;
    }
    let forcing: Forcing | undefined;
    for (const f of p.forcings) if (d >= f.from && d < f.to) forcing = f;
    const o = out ? d - out.base : 0;
    if (out) out.regime[o] = r;
    for (let i = 0; i < n; i++) {
      const cal = p.cal[i] as AssetCalibration;
      const w = dayWeight(SYMBOLS[i] as UniverseSymbol, d);
      const g = c.g[i] as number;
      if (out) {
        if (!Number.isInteger(w) || w < 0 || w > 0xffff) throw new Error(`day weight ${w} of ${SYMBOLS[i]} on day ${d} is not a whole number of minutes in 0..65535`);
        out.weight[i * out.span + o] = w;
        out.garch[i * out.span + o] = g;
        out.cum[i * (out.span + 1) + o] = c.cum[i] as number;
      }
      let ret = 0;
      if (w !== 0) {
        const ppy = p.ppy[i] as number;
        const frac = w / (p.full[i] as number);
        const sd = sigmaOf(cal.vol[r], ppy, g, frac);
        const shock = (z[i] as number) * t;
        ret = (cal.drift / ppy) * frac - (sd * sd) / 2 + sd * shock;
        c.g[i] = Math.min(GARCH.cap, 1 - GARCH.alpha - GARCH.beta + GARCH.alpha * shock * shock + GARCH.beta * g);
      }
      if (forcing && !Number.isNaN(forcing.total[i])) {
        if (!forcing.known) {
          forcing.sum[i] = (forcing.sum[i] as number) + ret;
          forcing.w[i] = (forcing.w[i] as number) + w;
        } else if (forcing.w[i] !== 0) {
          ret = ret + (((forcing.total[i] as number) - (forcing.sum[i] as number)) * w) / (forcing.w[i] as number);
        }
      }
      c.cum[i] = (c.cum[i] as number) + ret;
    }
  }
  c.day = Math.max(c.day, to);
  if (out && to === out.base + out.span) {
    for (let i = 0; i < n; i++) out.cum[i * (out.span + 1) + out.span] = c.cum[i] as number;
  }
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
