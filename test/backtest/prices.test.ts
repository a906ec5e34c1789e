/** Price columns kept as scaled units read back the very doubles they were made from, or stay doubles. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactPrices, isScaled, priceAt, pricesFloat64, pricesSlice, pricesView } from '../../src/backtest/prices.js';

describe('compactPrices', () => {
  it('keeps four-decimal prices as units of 1e-4 that read back bit-identical', () => {
    let x = 7;
    const text = Array.from({ length: 5_000 }, () => {
      x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
      return (1 + (x / 2_147_483_648) * 99_999).toFixed(4);
    });
    const a = Float64Array.from(text, Number);
    const c = compactPrices(a);
    expect(isScaled(c)).toBe(true);
    if (!isScaled(c)) return;
    expect(c.divisor).toBe(10_000);
    text.forEach((t, i) => expect(priceAt(c, i)).toBe(Number(t)));
    expect(pricesFloat64(c)).toEqual(a);
  });

  it('uses the fewest decimals the column needs', () => {
    const c = compactPrices(Float64Array.from([100, 101.5, 99.25]));
    expect(isScaled(c) && c.divisor).toBe(100);
  });

  it('takes the units the fewest decimals give, as finding them first and converting after did', () => {
    // The two-pass rule it replaced: the fewest decimals for every value, then each value's units.
    const reference = (a: Float64Array): { units: number[]; divisor: number } | null => {
      let d = 0;
      for (const v of a) while (Math.round(v * 10 ** d) / 10 ** d !== v) if (++d > 9) return null;
      const units = Array.from(a, (v) => Math.round(v * 10 ** d));
      return units.every((u, i) => u >= 0 && u <= 0xffff_ffff && u / 10 ** d === a[i]) ? { units, divisor: 10 ** d } : null;
    };
    const value = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 5e9 }), fc.integer({ min: 0, max: 11 })).map(([u, d]) => u / 10 ** d),
      fc.double({ min: -1, max: 1e6, noNaN: true }),
      fc.constant(Number.NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        const a = Float64Array.from(values);
        const c = compactPrices(a);
        const r = reference(a);
        if (r === null) expect(c).toBe(a);
        else {
          expect(isScaled(c) && { units: Array.from(c.units), divisor: c.divisor }).toEqual(r);
        }
      }),
      { numRuns: 5_000, seed: 5 },
    );
  });

  it('leaves a column as doubles when a value has more than 9 decimals or too many units for 32 bits', () => {
    const long = Float64Array.from([1.5, 1 / 3]);
    expect(compactPrices(long)).toBe(long);
    const big = Float64Array.from([5e9, 1.5]);
    expect(compactPrices(big)).toBe(big);
  });

  it('views share the units, slices copy them; both read the same values', () => {
    const a = Float64Array.from([10.01, 10.02, 10.03, 10.04]);
    const c = compactPrices(a);
    const v = pricesView(c, 1, 3);
    const s = pricesSlice(c, 1, 3);
    expect([priceAt(v, 0), priceAt(v, 1)]).toEqual([10.02, 10.03]);
    expect([priceAt(s, 0), priceAt(s, 1)]).toEqual([10.02, 10.03]);
    if (isScaled(c) && isScaled(v) && isScaled(s)) {
      expect(v.units.buffer).toBe(c.units.buffer);
      expect(s.units.buffer).not.toBe(c.units.buffer);
    } else expect.unreachable('a two-decimal column is scaled');
  });
});
