/**
 * NYSE rule table: full-day holidays, 13:00 early closes and one-off closures, by year.
 * Rules from NYSE Rule 7.2 as applied in NYSE's published calendars (see docs/market.md):
 * Saturday holidays are observed on Friday, Sunday holidays on Monday, except New Year's Day on a
 * Saturday, which is not observed. Early closes: July 3 when it is Monday-Thursday, the day after
 * Thanksgiving, December 24 when it is Monday-Thursday.
 */
import { civilOfDay, epochDay, nthWeekday } from './ny-time.js';

export type NyseDayKind = 'holiday' | 'early_close';
export interface NyseSpecialDay {
  readonly date: string;
  readonly kind: NyseDayKind;
  readonly name: string;
}

/** One-off closures (national days of mourning, storms, 9/11) — NYSE announces these ad hoc. */
const ONE_OFF_CLOSURES: readonly (readonly [string, string])[] = [
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National day of mourning (Reagan)'],
  ['2007-01-02', 'National day of mourning (Ford)'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National day of mourning (G. H. W. Bush)'],
  ['2025-01-09', 'National day of mourning (Carter)'],
];

const iso = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday (Gregorian, anonymous algorithm): [month, day]. */
export function easter(year: number): readonly [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** A fixed-date holiday moved off the weekend (Sat → Fri, Sun → Mon), as an ISO date. */
function observed(year: number, month: number, day: number): string {
  const wd = civilOfDay(epochDay(year, month, day)).weekday;
  const shift = wd === 6 ? -1 : wd === 0 ? 1 : 0;
  const c = civilOfDay(epochDay(year, month, day) + shift);
  return iso(c.year, c.month, c.day);
}

const cache = new Map<number, ReadonlyMap<string, NyseSpecialDay>>();

/** Every special NYSE day of a year, keyed by ISO date. */
export function nyseSpecialDays(year: number): ReadonlyMap<string, NyseSpecialDay> {
  const hit = cache.get(year);
  if (hit) return hit;
  const days = new Map<string, NyseSpecialDay>();
  const holiday = (date: string, name: string): void => {
    days.set(date, { date, kind: 'holiday', name });
  };
  const early = (date: string, name: string): void => {
    if (!days.has(date)) days.set(date, { date, kind: 'early_close', name });
  };
  const jan1 = civilOfDay(epochDay(year, 1, 1)).weekday;
  if (jan1 !== 6) holiday(observed(year, 1, 1), "New Year's Day");
  if (year >= 1998) holiday(iso(year, 1, nthWeekday(year, 1, 1, 3)), 'Martin Luther King, Jr. Day');
  holiday(iso(year, 2, nthWeekday(year, 2, 1, 3)), "Washington's Birthday");
  const [em, ed] = easter(year);
  const gf = civilOfDay(epochDay(year, em, ed) - 2);
  holiday(iso(gf.year, gf.month, gf.day), 'Good Friday');
  holiday(iso(year, 5, nthWeekday(year, 5, 1, -1)), 'Memorial Day');
  if (year >= 2022) holiday(observed(year, 6, 19), 'Juneteenth National Independence Day');
  holiday(observed(year, 7, 4), 'Independence Day');
  holiday(iso(year, 9, nthWeekday(year, 9, 1, 1)), 'Labor Day');
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  holiday(iso(year, 11, thanksgiving), 'Thanksgiving Day');
  holiday(observed(year, 12, 25), 'Christmas Day');
  for (const [date, name] of ONE_OFF_CLOSURES) if (date.startsWith(`${year}-`)) holiday(date, name);

  const jul3 = civilOfDay(epochDay(year, 7, 3)).weekday;
  if (jul3 >= 1 && jul3 <= 4) early(iso(year, 7, 3), 'Day before Independence Day');
  early(iso(year, 11, thanksgiving + 1), 'Day after Thanksgiving');
  const dec24 = civilOfDay(epochDay(year, 12, 24)).weekday;
  if (dec24 >= 1 && dec24 <= 4) early(iso(year, 12, 24), 'Christmas Eve');
  cache.set(year, days);
  return days;
}

/** The special NYSE status of a New York civil date, or undefined for an ordinary day. */
export function nyseDay(year: number, month: number, day: number): NyseSpecialDay | undefined {
  return nyseSpecialDays(year).get(iso(year, month, day));
}
