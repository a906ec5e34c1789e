/** Trading calendars against NYSE's published 2025-2027 holidays and early closes, and DST via Intl. */
import { describe, expect, it } from 'vitest';
import { equitySessionOn, isOpen, nextClose, nextOpen, openMinutesOfUtcDay, sessionOf } from '../../src/market/calendar.js';
import { epochDay, nyOffsetMs } from '../../src/market/ny-time.js';
import { nyseSpecialDays } from '../../src/market/nyse.js';

// NYSE Group press release "2025, 2026 and 2027 Holiday and Early Closings Calendar" (Nov 2024).
const PUBLISHED_HOLIDAYS: Record<number, string[]> = {
  2025: ['01-01', '01-09', '01-20', '02-17', '04-18', '05-26', '06-19', '07-04', '09-01', '11-27', '12-25'],
  2026: ['01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25'],
  2027: ['01-01', '01-18', '02-15', '03-26', '05-31', '06-18', '07-05', '09-06', '11-25', '12-24'],
};
const PUBLISHED_EARLY: Record<number, string[]> = {
  2025: ['07-03', '11-28', '12-24'],
  2026: ['11-27', '12-24'],
  2027: ['11-26'],
};

const ny = (y: number, m: number, d: number, h: number, min = 0): number => {
  const guess = Date.UTC(y, m - 1, d, h, min) + 5 * 3_600_000;
  return guess - (nyOffsetMs(guess) + 5 * 3_600_000);
};

describe('NYSE rule table', () => {
  for (const year of [2025, 2026, 2027]) {
    it(`matches the published ${year} holidays and early closes`, () => {
      const days = [...nyseSpecialDays(year).values()];
      const holidays = days.filter((d) => d.kind === 'holiday').map((d) => d.date.slice(5)).sort();
      const early = days.filter((d) => d.kind === 'early_close').map((d) => d.date.slice(5)).sort();
      expect(holidays).toEqual(PUBLISHED_HOLIDAYS[year]);
      expect(early).toEqual(PUBLISHED_EARLY[year]);
    });
  }

  it('does not observe a Saturday New Year (2022) and observes Sunday holidays on Monday', () => {
    expect([...nyseSpecialDays(2022).keys()]).not.toContain('2021-12-31');
    expect(nyseSpecialDays(2022).get('2022-01-01')).toBeUndefined();
    expect(nyseSpecialDays(2022).get('2022-12-26')?.kind).toBe('holiday');
    expect(nyseSpecialDays(2023).get('2023-01-02')?.kind).toBe('holiday');
  });

  it('has no Juneteenth before 2022', () => {
    expect([...nyseSpecialDays(2021).values()].some((d) => d.name.startsWith('Juneteenth'))).toBe(false);
  });
});

describe('US equity sessions', () => {
  it('opens 9:30-16:00 New York in winter (14:30-21:00 UTC) and summer (13:30-20:00 UTC)', () => {
    expect(equitySessionOn(2025, 1, 2)).toEqual({ start: Date.UTC(2025, 0, 2, 14, 30), end: Date.UTC(2025, 0, 2, 21), earlyClose: false });
    expect(equitySessionOn(2025, 7, 1)).toEqual({ start: Date.UTC(2025, 6, 1, 13, 30), end: Date.UTC(2025, 6, 1, 20), earlyClose: false });
  });

  it('closes at 13:00 on early-close days', () => {
    expect(equitySessionOn(2025, 11, 28)).toEqual({ start: ny(2025, 11, 28, 9, 30), end: ny(2025, 11, 28, 13), earlyClose: true });
    expect(isOpen('us_equity', ny(2025, 12, 24, 12, 59))).toBe(true);
    expect(isOpen('us_equity', ny(2025, 12, 24, 13, 0))).toBe(false);
  });

  it('is closed on holidays and weekends, open at the bell, closed at 16:00', () => {
    expect(isOpen('us_equity', ny(2026, 4, 3, 11))).toBe(false); // Good Friday 2026
    expect(isOpen('us_equity', ny(2025, 3, 8, 11))).toBe(false); // Saturday
    expect(isOpen('us_equity', ny(2025, 3, 10, 9, 29))).toBe(false);
    expect(isOpen('us_equity', ny(2025, 3, 10, 9, 30))).toBe(true);
    expect(isOpen('us_equity', ny(2025, 3, 10, 16))).toBe(false);
    expect(isOpen('us_equity', ny(2025, 10, 13, 11))).toBe(true); // Columbus Day: open
  });

  it('finds the next open across a holiday weekend', () => {
    // Friday 2026-07-03 is the observed Independence Day: next open is Monday 07-06 9:30.
    expect(nextOpen('us_equity', ny(2026, 7, 2, 16, 30))).toBe(ny(2026, 7, 6, 9, 30));
    const t = ny(2025, 6, 2, 10);
    expect(nextOpen('us_equity', t)).toBe(t);
    expect(nextClose('us_equity', t)).toBe(ny(2025, 6, 2, 16));
    expect(sessionOf('us_equity', ny(2025, 6, 2, 17))).toBeNull();
  });
});

describe('FX and crypto', () => {
  it('FX trades from Sunday 17:00 to Friday 17:00 New York', () => {
    expect(isOpen('forex_24_5', ny(2025, 1, 5, 16, 59))).toBe(false); // Sunday
    expect(isOpen('forex_24_5', ny(2025, 1, 5, 17))).toBe(true);
    expect(isOpen('forex_24_5', ny(2025, 1, 8, 3))).toBe(true);
    expect(isOpen('forex_24_5', ny(2025, 1, 10, 16, 59))).toBe(true); // Friday
    expect(isOpen('forex_24_5', ny(2025, 1, 10, 17))).toBe(false);
    expect(isOpen('forex_24_5', ny(2025, 1, 11, 12))).toBe(false); // Saturday
    expect(nextOpen('forex_24_5', ny(2025, 1, 10, 18))).toBe(ny(2025, 1, 12, 17));
    expect(sessionOf('forex_24_5', ny(2025, 7, 9, 12))).toEqual({ start: ny(2025, 7, 6, 17), end: ny(2025, 7, 11, 17), earlyClose: false });
  });

  it('FX open minutes of UTC days follow DST: Friday close at 22:00 UTC in winter, 21:00 in summer', () => {
    expect(openMinutesOfUtcDay('forex_24_5', epochDay(2025, 1, 10))).toEqual([[0, 22 * 60]]);
    expect(openMinutesOfUtcDay('forex_24_5', epochDay(2025, 7, 11))).toEqual([[0, 21 * 60]]);
    expect(openMinutesOfUtcDay('forex_24_5', epochDay(2025, 7, 12))).toEqual([]);
    expect(openMinutesOfUtcDay('forex_24_5', epochDay(2025, 7, 13))).toEqual([[21 * 60, 1440]]);
  });

  it('crypto is always open', () => {
    expect(isOpen('crypto_24_7', ny(2025, 12, 25, 3))).toBe(true);
    expect(nextClose('crypto_24_7', 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects an unknown calendar, naming the accepted ones', () => {
    // @ts-expect-error: deliberately wrong id from untyped input
    expect(() => isOpen('lse', 0)).toThrow(/unknown calendar "lse"; accepted: crypto_24_7, us_equity, forex_24_5/);
  });
});

describe('New York offset', () => {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' });
  const intlOffset = (ms: number): number => {
    const parts = fmt.formatToParts(ms);
    const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    return Number(name.replace('GMT', '')) * 3_600_000;
  };
  it('agrees with Intl America/New_York every 6 hours over 1990-2030 and around each switch', () => {
    const mismatches: number[] = [];
    for (let ms = Date.UTC(1990, 0, 1); ms < Date.UTC(2030, 0, 1); ms += 6 * 3_600_000) {
      if (nyOffsetMs(ms) !== intlOffset(ms)) mismatches.push(ms);
    }
    for (const [s, e] of [[Date.UTC(2025, 2, 9, 7), Date.UTC(2025, 10, 2, 6)]] as const) {
      for (const t of [s - 1, s, e - 1, e]) if (nyOffsetMs(t) !== intlOffset(t)) mismatches.push(t);
    }
    expect(mismatches.map((m) => new Date(m).toISOString())).toEqual([]);
  });
});
