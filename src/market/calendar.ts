/**
 * Trading calendars: when a market is open. Crypto trades 24/7; FX from Sunday 17:00 to Friday
 * 17:00 New York time; US equities 9:30-16:00 New York on NYSE trading days, 13:00 on early-close
 * days (rule table in nyse.ts). Times are epoch milliseconds; sessions are half-open [start, end).
 */
import { NeoLightError } from '../core/errors.js';
import { civilOfDay, DAY, MINUTE, nyLocal, nyToUtc } from './ny-time.js';
import { nyseDay } from './nyse.js';
import type { CalendarId } from '../core/market.js';

export const CALENDARS: readonly CalendarId[] = ['crypto_24_7', 'us_equity', 'forex_24_5'];

export interface Session {
  readonly start: number;
  readonly end: number;
  /** True for a US equity session that ends at 13:00 New York. */
  readonly earlyClose: boolean;
}

function checkCalendar(calendarId: string): CalendarId {
  const found = CALENDARS.find((c) => c === calendarId);
  if (!found) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `unknown calendar "${calendarId}"; accepted: ${CALENDARS.join(', ')}`, {
      field: 'calendar',
      value: calendarId,
      accepted: [...CALENDARS],
    });
  }
  return found;
}

/** The NYSE session of a New York civil date, or null when the exchange is closed that day. */
export function equitySessionOn(year: number, month: number, day: number): Session | null {
  const wd = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (wd === 0 || wd === 6) return null;
  const special = nyseDay(year, month, day);
  if (special?.kind === 'holiday') return null;
  const earlyClose = special?.kind === 'early_close';
  return { start: nyToUtc(year, month, day, 9, 30), end: nyToUtc(year, month, day, earlyClose ? 13 : 16), earlyClose };
}

/** The FX week containing `ms` (Sunday 17:00 to Friday 17:00 New York), or null on the weekend. */
function forexSession(ms: number): Session | null {
  const local = nyLocal(ms);
  const afterFive = local.minuteOfDay >= 17 * 60;
  const closed = local.weekday === 6 || (local.weekday === 5 && afterFive) || (local.weekday === 0 && !afterFive);
  if (closed) return null;
  const back = local.weekday === 0 ? 0 : local.weekday;
  const sunday = civilOfDay(local.dayIndex - back);
  const friday = civilOfDay(local.dayIndex - back + 5);
  return {
    start: nyToUtc(sunday.year, sunday.month, sunday.day, 17),
    end: nyToUtc(friday.year, friday.month, friday.day, 17),
    earlyClose: false,
  };
}

/** The session containing `ms`, or null when the market is closed at that instant. */
export function sessionOf(calendarId: CalendarId, ms: number): Session | null {
  switch (checkCalendar(calendarId)) {
    case 'crypto_24_7': {
      const start = Math.floor(ms / DAY) * DAY;
      return { start, end: start + DAY, earlyClose: false };
    }
    case 'forex_24_5':
      return forexSession(ms);
    case 'us_equity': {
      const local = nyLocal(ms);
      const s = equitySessionOn(local.year, local.month, local.day);
      return s && ms >= s.start && ms < s.end ? s : null;
    }
  }
}

export function isOpen(calendarId: CalendarId, ms: number): boolean {
  return sessionOf(calendarId, ms) !== null;
}

/** The first instant at or after `ms` when the market is open. */
export function nextOpen(calendarId: CalendarId, ms: number): number {
  if (isOpen(calendarId, ms)) return ms;
  const local = nyLocal(ms);
  if (calendarId === 'forex_24_5') {
    const ahead = (7 - local.weekday) % 7;
    const sunday = civilOfDay(local.dayIndex + ahead);
    return nyToUtc(sunday.year, sunday.month, sunday.day, 17);
  }
  // us_equity: the longest run of closed weekdays is a few days (holidays next to weekends, 9/11).
  for (let k = 0; k < 30; k++) {
    const c = civilOfDay(local.dayIndex + k);
    const s = equitySessionOn(c.year, c.month, c.day);
    if (s && s.start >= ms) return s.start;
  }
  throw new NeoLightError('NL_ERR_INTERNAL', `no US equity session within 30 days after ${new Date(ms).toISOString()}`);
}

/** The first instant at or after `ms` when the market is closed (Infinity for 24/7 crypto). */
export function nextClose(calendarId: CalendarId, ms: number): number {
  if (calendarId === 'crypto_24_7') return Number.POSITIVE_INFINITY;
  const s = sessionOf(calendarId, ms);
  return s ? s.end : ms;
}

/**
 * The open intervals of a UTC day, in minutes since UTC midnight, [startMinute, endMinute).
 * The simulator moves prices only inside them. An NYSE session always lies inside one UTC day.
 */
export function openMinutesOfUtcDay(calendarId: CalendarId, dayIndex: number): readonly (readonly [number, number])[] {
  const dayStart = dayIndex * DAY;
  const toMin = (ms: number): number => Math.round((ms - dayStart) / MINUTE);
  if (calendarId === 'crypto_24_7') return [[0, 1440]];
  const c = civilOfDay(dayIndex);
  if (calendarId === 'us_equity') {
    const s = equitySessionOn(c.year, c.month, c.day);
    return s ? [[toMin(s.start), toMin(s.end)]] : [];
  }
  // FX: the weekly close (Friday 17:00 New York) and open (Sunday 17:00) fall at 21:00 or 22:00 UTC.
  if (c.weekday === 6) return [];
  if (c.weekday === 5) return [[0, toMin(nyToUtc(c.year, c.month, c.day, 17))]];
  if (c.weekday === 0) return [[toMin(nyToUtc(c.year, c.month, c.day, 17)), 1440]];
  return [[0, 1440]];
}
