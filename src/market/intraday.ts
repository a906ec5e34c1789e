/**
 * The minute layer of the simulator: within a UTC day, open minutes get Gaussian increments that
 * are bridged to sum exactly to the day's log return from regimes.ts, so any minute can be
 * computed from the day alone. Each minute also gets an exact sample of its high and low (the
 * maximum and minimum of a Brownian bridge) and a volume that grows with the minute's range.
 */
import { openMinutesOfUtcDay } from './calendar.js';
import { ANCHOR_MS, CALIBRATION, EQUITY_GAP_WEIGHT } from './calibration.js';
import { instrument, SYMBOLS, type UniverseSymbol } from './instruments.js';
import { DAY } from './ny-time.js';
import { normal, seedKey, streamKey, uniform } from './rng.js';
import { dayReturn, daySigma, type DailyModel } from './regimes.js';

export const MINUTES_PER_DAY = 1440;
const ANCHOR_DAY = Math.floor(ANCHOR_MS / DAY);
const STREAM = { increments: 1000, range: 2000 } as const;

/** One UTC day of one asset, minute by minute, in log prices. */
export interface DayPath {
  /** Log price at each minute boundary 0..1440 (index i = the start of minute i). */
  readonly logPx: Float64Array;
  /** Log high and log low within each minute. */
  readonly logHigh: Float64Array;
  readonly logLow: Float64Array;
  /** Volume traded in each minute (0 while the market is closed). */
  readonly volume: Float64Array;
  /** 1 when the market is open during the minute. */
  readonly open: Uint8Array;
}

export function newDayPath(): DayPath {
  return {
    logPx: new Float64Array(MINUTES_PER_DAY + 1),
    logHigh: new Float64Array(MINUTES_PER_DAY),
    logLow: new Float64Array(MINUTES_PER_DAY),
    volume: new Float64Array(MINUTES_PER_DAY),
    open: new Uint8Array(MINUTES_PER_DAY),
  };
}

const keysCache = new Map<number, { inc: number[]; range: number[] }>();
function keys(seed: number): { inc: number[]; range: number[] } {
  let k = keysCache.get(seed);
  if (!k) {
    const key = seedKey(seed);
    k = {
      inc: SYMBOLS.map((_, i) => streamKey(key, STREAM.increments + i)),
      range: SYMBOLS.map((_, i) => streamKey(key, STREAM.range + i)),
    };
    keysCache.set(seed, k);
  }
  return k;
}

/** Fill `out` with the path of `symbol` on UTC day `day` (days since 1970-01-01). */
export function fillDayPath(seed: number, model: DailyModel, symbol: UniverseSymbol, day: number, out: DayPath): DayPath {
  const idx = SYMBOLS.indexOf(symbol);
  const cal = CALIBRATION[symbol];
  const inst = instrument(symbol);
  const k = keys(seed);
  const incKey = k.inc[idx] as number;
  const rangeKey = k.range[idx] as number;
  const { logPx, logHigh, logLow, volume, open } = out;
  const base = Math.log(cal.anchorPrice) + model.cum(symbol, day) - model.cum(symbol, ANCHOR_DAY);
  const W = model.weight(symbol, day);
  open.fill(0);
  volume.fill(0);
  logPx.fill(base);
  logHigh.fill(base);
  logLow.fill(base);
  if (W === 0) return out;
  const sd = daySigma(model, symbol, day);
  const unitVar = (sd * sd) / W;
  const unitSd = Math.sqrt(unitVar);
  const ret = dayReturn(model, symbol, day);
  const gapFirst = inst.calendar === 'us_equity';
  const counter0 = day * MINUTES_PER_DAY;
  // Pass 1: raw increments (kept in logHigh as scratch) and their sum.
  let sum = 0;
  for (const [from, to] of openMinutesOfUtcDay(inst.calendar, day)) {
    for (let i = from; i < to; i++) {
      const w = gapFirst && i === from ? EQUITY_GAP_WEIGHT : 1;
      const x = unitSd * Math.sqrt(w) * normal(incKey, counter0 + i);
      logHigh[i] = x;
      sum += x;
      open[i] = w;
    }
  }
  // Pass 2: bridge to the day's return, then prices, ranges and volumes.
  const fix = (ret - sum) / W;
  const volScale = cal.volumePerMinute * Math.sqrt(model.garch(symbol, day)) * (model.regime(day) === 2 ? 2 : 1);
  const round = inst.lotSize >= 1;
  let px = base;
  for (let i = 0; i < MINUTES_PER_DAY; i++) {
    const w = open[i] as number;
    if (w === 0) {
      logPx[i + 1] = px;
      logHigh[i] = px;
      logLow[i] = px;
      continue;
    }
    const b = (logHigh[i] as number) + fix * w;
    const c = 2 * counter0 + 2 * i;
    const up = Math.sqrt(b * b - 2 * unitVar * Math.log(uniform(rangeKey, c)));
    const down = Math.sqrt(b * b - 2 * unitVar * Math.log(uniform(rangeKey, c + 1)));
    logHigh[i] = px + (b + up) / 2;
    logLow[i] = px + (b - down) / 2;
    const activity = (up + down) / (2 * unitSd * 1.6);
    const v = volScale * (0.3 + 0.7 * activity);
    volume[i] = round ? Math.round(v) : v;
    px += b;
    logPx[i + 1] = px;
    open[i] = 1;
  }
  pinDayEnd(out, Math.log(cal.anchorPrice) + model.cum(symbol, day + 1) - model.cum(symbol, ANCHOR_DAY));
  return out;
}

/**
 * Make the day end exactly at the next day's start price (float sums drift by ~1e-13), so a bar
 * spanning midnight and the quotes on both sides agree bit for bit.
 */
function pinDayEnd(out: DayPath, end: number): void {
  const { logPx, logHigh, logLow, open } = out;
  let j = MINUTES_PER_DAY - 1;
  while (j > 0 && open[j] === 0) {
    logPx[j + 1] = end;
    logHigh[j] = end;
    logLow[j] = end;
    j--;
  }
  logPx[j + 1] = end;
  logHigh[j] = Math.max(logHigh[j] as number, end);
  logLow[j] = Math.min(logLow[j] as number, end);
}
