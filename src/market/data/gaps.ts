/**
 * Gaps in a bar series: bars the timeframe and the market's calendar say should exist between the
 * first and the last bar but are missing. Daily US equity bars count only NYSE trading days
 * (weekends, holidays and one-off closures are no gaps); intraday US equity bars count the slots
 * of each regular session from its open; FX counts slots while the FX week is open; crypto counts
 * every slot. Pure: times in, counts out.
 */
import { equitySessionOn, isOpen } from '../calendar.js';
import { civilOfDay, DAY, nyLocal } from '../ny-time.js';
import type { CalendarId } from '../../core/market.js';

export interface GapReport {
  /** Bars the calendar expects from the first bar to the last, both included. */
  readonly expected: number;
  readonly gaps: number;
}

/** The trading date of a daily bar: a bar stamped at UTC midnight is labelled by its UTC date (CSV dates), else by New York's. */
function barDay(ms: number): number {
  if (ms % DAY === 0) return ms / DAY;
  return nyLocal(ms).dayIndex;
}

function equityDaily(ts: Float64Array): GapReport {
  const have = new Set<number>();
  for (const t of ts) have.add(barDay(t));
  const first = barDay(ts[0] as number);
  const last = barDay(ts[ts.length - 1] as number);
  let expected = 0;
  let gaps = 0;
  for (let d = first; d <= last; d++) {
    const c = civilOfDay(d);
    if (!equitySessionOn(c.year, c.month, c.day)) continue;
    expected++;
    if (!have.has(d)) gaps++;
  }
  return { expected, gaps };
}

function equityIntraday(ts: Float64Array, stepMs: number): GapReport {
  const have = new Set<number>(ts);
  const first = ts[0] as number;
  const last = ts[ts.length - 1] as number;
  let expected = 0;
  let gaps = 0;
  for (let d = nyLocal(first).dayIndex; d <= nyLocal(last).dayIndex; d++) {
    const c = civilOfDay(d);
    const s = equitySessionOn(c.year, c.month, c.day);
    if (!s) continue;
    for (let slot = s.start; slot < s.end; slot += stepMs) {
      if (slot < first || slot > last) continue;
      expected++;
      if (!have.has(slot)) gaps++;
    }
  }
  return { expected, gaps };
}

/** Walk the grid from the first bar; a slot is filled by a bar within half a step (tolerates DST-shifted stamps). */
function grid(ts: Float64Array, stepMs: number, open: (ms: number) => boolean): GapReport {
  const first = ts[0] as number;
  const last = ts[ts.length - 1] as number;
  let expected = 0;
  let gaps = 0;
  let j = 0;
  for (let slot = first; slot <= last + stepMs / 2; slot += stepMs) {
    while (j < ts.length && (ts[j] as number) < slot - stepMs / 2) j++;
    const hit = j < ts.length && (ts[j] as number) < slot + stepMs / 2;
    if (!hit && !open(slot)) continue;
    expected++;
    if (!hit) gaps++;
  }
  return { expected, gaps };
}

export function countGaps(ts: Float64Array, stepMs: number, calendar: CalendarId): GapReport {
  if (ts.length === 0) return { expected: 0, gaps: 0 };
  if (calendar === 'us_equity') return stepMs >= DAY ? equityDaily(ts) : equityIntraday(ts, stepMs);
  if (calendar === 'forex_24_5') {
    // A daily FX bar is stamped near the day's start; the day counts when the market is open at noon UTC.
    return grid(ts, stepMs, (ms) => (stepMs >= DAY ? isOpen('forex_24_5', Math.floor(ms / DAY) * DAY + DAY / 2) : isOpen('forex_24_5', ms)));
  }
  return grid(ts, stepMs, () => true);
}
