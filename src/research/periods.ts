/**
 * Calendar views of an equity curve: the value at each UTC day's close, returns by month and by
 * year, the underwater curve and the worst drawdown periods. A period's return compounds from the
 * previous period's last close (the first period from the first close), as quantstats and pyfolio
 * count them. Pure: the backtest report, `backtest --json` and the status API share these.
 */
import { utcDay } from '../core/clock.js';

/** One UTC day's closing value. */
export interface DayValue {
  date: string;
  value: number;
}

export interface MonthlyReturn {
  /** YYYY-MM */
  month: string;
  return: number;
}

export interface YearlyReturn {
  year: number;
  return: number;
}

export interface DrawdownPeriod {
  /** The day of the peak the fall started from. */
  start: string;
  /** The day of the lowest value. */
  valley: string;
  /** The first day back at or above the peak; null while still under water. */
  recovery: string | null;
  /** Peak-to-valley fall as a positive fraction. */
  depth: number;
  /** Calendar days from start to recovery (to the last day while still under water). */
  days: number;
}

/** The last value of each UTC day, oldest first (ts ascending, in ms). */
export function dailyCloses(ts: ArrayLike<number>, values: ArrayLike<number>): DayValue[] {
  const out: DayValue[] = [];
  for (let i = 0; i < ts.length; i++) {
    const date = utcDay(ts[i]!);
    if (out.length && out[out.length - 1]!.date === date) out[out.length - 1]!.value = values[i]!;
    else out.push({ date, value: values[i]! });
  }
  return out;
}

/** Simple returns between consecutive days. */
export function dayReturns(days: readonly DayValue[]): number[] {
  return days.slice(1).map((d, i) => d.value / days[i]!.value - 1);
}

function periodReturns(days: readonly DayValue[], key: (date: string) => string): { key: string; return: number }[] {
  const out: { key: string; return: number }[] = [];
  let base = days[0]?.value ?? 0;
  for (let i = 0; i < days.length; i++) {
    const k = key(days[i]!.date);
    const last = i === days.length - 1 || key(days[i + 1]!.date) !== k;
    if (!last) continue;
    out.push({ key: k, return: days[i]!.value / base - 1 });
    base = days[i]!.value;
  }
  return out;
}

export function monthlyReturns(days: readonly DayValue[]): MonthlyReturn[] {
  return periodReturns(days, (d) => d.slice(0, 7)).map((p) => ({ month: p.key, return: p.return }));
}

export function yearlyReturns(days: readonly DayValue[]): YearlyReturn[] {
  return periodReturns(days, (d) => d.slice(0, 4)).map((p) => ({ year: Number(p.key), return: p.return }));
}

/** Each day's fall from the highest value so far, as a fraction ≤ 0 (0 at a new high). */
export function underwater(days: readonly DayValue[]): DayValue[] {
  let peak = Number.NEGATIVE_INFINITY;
  return days.map((d) => {
    peak = Math.max(peak, d.value);
    return { date: d.date, value: peak > 0 ? d.value / peak - 1 : 0 };
  });
}

const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Every drawdown period (peak, valley, recovery), deepest first, at most `count`. */
export function worstDrawdowns(days: readonly DayValue[], count = 5): DrawdownPeriod[] {
  const periods: DrawdownPeriod[] = [];
  let peak = 0;
  let open: { peak: number; valley: number } | null = null;
  const close = (o: { peak: number; valley: number }, end: number, recovered: boolean): void => {
    const p = days[o.peak]!;
    periods.push({
      start: p.date,
      valley: days[o.valley]!.date,
      recovery: recovered ? days[end]!.date : null,
      depth: 1 - days[o.valley]!.value / p.value,
      days: Math.round((dayMs(days[end]!.date) - dayMs(p.date)) / 86_400_000),
    });
  };
  for (let i = 0; i < days.length; i++) {
    const v = days[i]!.value;
    if (v >= days[peak]!.value) {
      if (open) close(open, i, true);
      open = null;
      peak = i;
    } else if (!open) open = { peak, valley: i };
    else if (v < days[open.valley]!.value) open.valley = i;
  }
  if (open) close(open, days.length - 1, false);
  return periods.sort((a, b) => b.depth - a.depth).slice(0, count);
}
