/**
 * The --json number and string texts made without JSON.stringify (json-out.ts numberText,
 * jsonStrings, jsonIsoTime) are byte for byte what JSON.stringify prints: on the short decimals the
 * fast path takes (prices, quantities, cents), on its edges, and on arbitrary doubles it hands on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/core/clock.js';
import { jsonIsoTime, jsonScalar, jsonStrings, numberText } from '../../src/backtest/json-out.js';

const same = (x: number): void => {
  expect(numberText(x), `numberText(${String(x)})`).toBe(String(x));
};

describe('numberText', () => {
  it('is String(x) on decimals of up to nine places, in and past the fast path', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 9 }), (units, d) => {
        same(units / 10 ** d);
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('is String(x) on money in cents, prices of four places and crypto quantities', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        same(c / 100);
        same(c / 1e4);
        same(Math.floor(c / 3) * 1e-5);
        same(Number((Math.abs(c) * 1e-5).toFixed(10)));
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('is String(x) on any double, zeros and the edges of the fast path included', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => { same(x); }), { numRuns: 50_000, seed: 3 });
    for (const x of [
      0, -0, 1, -1, 0.1, 0.2 + 0.1, 1e-6, -1e-6, 1e-7, 9.99e-7, 0.000001, 0.0000015, 999_999_999.999999, 999_999_999.9999999,
      1e9 - 0.5, 1e9, 1e9 + 0.5, 2 ** 30 + 0.25, 2 ** 31 + 0.5, 123_456.789_012, 5e-324, Number.MAX_VALUE, Number.MIN_VALUE,
      Number.MAX_SAFE_INTEGER, 0.1 * 3, 1 / 3, 2 / 3, 100.6593, 9763.95, 0.01, 0.05, 0.005, 1.005, 12.3400001,
    ]) {
      same(x);
      same(-x);
    }
  });

  it('leaves jsonScalar as JSON.stringify prints a scalar', () => {
    for (const v of [1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, 'a"b\n', true, null, 97, 102.6615]) expect(jsonScalar(v)).toBe(JSON.stringify(v));
  });
});

describe('jsonStrings and jsonIsoTime', () => {
  it('print what JSON.stringify prints, a repeated string from its first text', () => {
    const text = jsonStrings();
    for (const s of ['BTC/USDT', 'buy', 'sell', 'a"b\\c', 'é\u0001', 'BTC/USDT', 'buy', '']) expect(text(s)).toBe(JSON.stringify(s));
    for (const ms of [0, -2_208_988_800_000, 1_700_000_000_123, 253_402_300_799_999, 8.64e15, -8.64e15]) {
      const iso = isoTime(ms);
      expect(jsonIsoTime(iso)).toBe(JSON.stringify(iso));
    }
  });
});
