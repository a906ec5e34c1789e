/** The clock's date formatters print what Date prints, without a Date object per call. */
import { describe, expect, it } from 'vitest';
import { isoTime, utcDay } from '../../src/core/clock.js';

describe('isoTime and utcDay', () => {
  it('equal toISOString across years 0-9999 and beyond, every time of day, negative times included', () => {
    let s = 3;
    const u = (): number => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const edges = [0, -1, 1, 999, 1000, 86_399_999, 86_400_000, -86_400_000, Date.UTC(0, 0, 1) - 1, Date.UTC(0, 0, 1), Date.UTC(1900, 0, 1), Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), -62_198_755_200_000, 8.64e15, -8.64e15, 1.5, -0.5];
    const times = [...edges];
    for (let i = 0; i < 50_000; i++) times.push(Math.round((u() - 0.3) * 5e14));
    for (let i = 0; i < 10_000; i++) times.push(Math.round(u() * 3e12) * 1000);
    for (const ms of times) {
      expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
      // Date truncates a fraction of a millisecond toward 0; utcDay takes the day it falls in.
      if (Number.isInteger(ms)) expect(utcDay(ms), String(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
    }
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
