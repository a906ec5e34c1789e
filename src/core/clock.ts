/**
 * Clocks. Every agent reads time through a Clock so the same code runs on the simulated clock of a
 * backtest and on real time scaled by NEOLIGHT_TIME_SCALE in the mesh. Market time is in
 * milliseconds since the epoch, like Date.now().
 */

export interface Clock {
  /** Market time now, in epoch milliseconds. */
  now(): number;
  /** How many market milliseconds pass per real millisecond (1 = real time; Infinity in a backtest). */
  readonly scale: number;
}

/**
 * Real time scaled around an anchor: market time starts at `marketEpochMs` when the process
 * starts at `realEpochMs`, and runs `scale` times faster than the wall clock.
 */
export function scaledClock(scale: number, marketEpochMs = Date.now(), realEpochMs = Date.now(), realNow: () => number = Date.now): Clock {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`time scale must be a finite number > 0, got ${scale}`);
  return {
    scale,
    now: () => marketEpochMs + (realNow() - realEpochMs) * scale,
  };
}

/** A clock a backtest drives by hand: time only moves when `set` or `advance` is called. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(startMs: number): ManualClock {
  let t = startMs;
  return {
    scale: Number.POSITIVE_INFINITY,
    now: () => t,
    set: (ms: number) => {
      t = ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Real milliseconds to wait for `marketMs` of market time to pass on this clock. */
export function realDelayMs(clock: Clock, marketMs: number): number {
  return Number.isFinite(clock.scale) ? marketMs / clock.scale : 0;
}

export const MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** UTC calendar day of a market time, as YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
