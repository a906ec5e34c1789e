/**
 * New York civil time without a time-zone database: the US daylight-saving rules since 1976
 * (Energy Policy Act 2005 rule from 2007), which is all the calendars and the simulator need.
 * Tested against Intl.DateTimeFormat('America/New_York'). Before 1976 the 1976 rule is used.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Epoch day (days since 1970-01-01 UTC) of a UTC calendar date; month is 1-12. */
export function epochDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY);
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 = Sunday ... 6 = Saturday. */
  readonly weekday: number;
}

export function civilOfDay(dayIndex: number): CivilDate {
  const d = new Date(dayIndex * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Day of month of the n-th (1-based) given weekday of a month; n = -1 for the last one. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastWd = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - ((lastWd - weekday + 7) % 7);
}

const dstCache = new Map<number, readonly [number, number]>();

/** UTC instants [start, end) of daylight-saving time in New York for a year (2:00 local switch). */
export function dstBounds(year: number): readonly [number, number] {
  const hit = dstCache.get(year);
  if (hit) return hit;
  let start: number;
  let end: number;
  if (year >= 2007) {
    start = Date.UTC(year, 2, nthWeekday(year, 3, 0, 2), 7);
    end = Date.UTC(year, 10, nthWeekday(year, 11, 0, 1), 6);
  } else if (year >= 1987) {
    start = Date.UTC(year, 3, nthWeekday(year, 4, 0, 1), 7);
    end = Date.UTC(year, 9, nthWeekday(year, 10, 0, -1), 6);
  } else {
    start = Date.UTC(year, 3, nthWeekday(year, 4, 0, -1), 7);
    end = Date.UTC(year, 9, nthWeekday(year, 10, 0, -1), 6);
  }
  const bounds = [start, end] as const;
  dstCache.set(year, bounds);
  return bounds;
}

/** New York's offset from UTC at an instant, in ms (-4 h in summer, -5 h in winter). */
export function nyOffsetMs(ms: number): number {
  const [start, end] = dstBounds(new Date(ms).getUTCFullYear());
  return ms >= start && ms < end ? -4 * HOUR : -5 * HOUR;
}

/** The UTC instant of a New York wall-clock time on a civil date (not for the 2 a.m. switch hour). */
export function nyToUtc(year: number, month: number, day: number, hour: number, minute = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute) + 5 * HOUR;
  return guess - (nyOffsetMs(guess) + 5 * HOUR);
}

/** New York wall-clock view of an instant: civil date, weekday and minutes since local midnight. */
export function nyLocal(ms: number): CivilDate & { readonly minuteOfDay: number; readonly dayIndex: number } {
  const local = ms + nyOffsetMs(ms);
  const dayIndex = Math.floor(local / DAY);
  return { ...civilOfDay(dayIndex), dayIndex, minuteOfDay: Math.floor((local - dayIndex * DAY) / MINUTE) };
}
