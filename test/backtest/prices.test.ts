/** Price columns kept as scaled units read back the very doubles they were made from, or stay doubles. */
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
