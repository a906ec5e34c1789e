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

/**
 * UTC calendar day of a market time, as YYYY-MM-DD. Reports call it once per bar, so years 0-9999
 * are computed from the day number (the civil-from-days algorithm) without a Date object; other
 * years take toISOString's expanded form, as before.
 */
export function utcDay(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  // 0000-03-01 .. 9999-12-31 in days since 1970-01-01.
  if (!(days >= -719_468 && days <= 2_932_896)) return new Date(ms).toISOString().slice(0, 10);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * new Date(ms).toISOString() (YYYY-MM-DDTHH:mm:ss.sssZ) of a whole number of milliseconds in
 * years 0-9999, made from utcDay and the time of day without a Date object: `--json` prints two
 * per fill (the fill and its trade row). Other times take toISOString itself.
 */
export function isoTime(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  if (!Number.isInteger(ms) || !(days >= -719_468 && days <= 2_932_896)) return new Date(ms).toISOString();
  const t = ms - days * 86_400_000;
  const milli = t % 1000;
  const seconds = (t - milli) / 1000;
  return `${utcDay(ms)}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
