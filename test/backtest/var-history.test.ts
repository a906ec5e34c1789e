/** The VaR history a backtest gives the risk checks: the trader's window, without look-ahead. */
import { describe, expect, it } from 'vitest';
import { varHistory } from '../../src/backtest/var-history.js';
import { MS } from '../../src/core/clock.js';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const days = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => T0 + i * MS.day);
const closes = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));

describe('varHistory', () => {
  it('ends with the last close known at the fill: the previous bar for next-open, the bar for close', () => {
    const c = closes(10, (i) => 100 + i);
    const open = varHistory({ symbols: ['A'], ts: days(10), close: [c], fill: 'next-open' })(5).A!;
    const close = varHistory({ symbols: ['A'], ts: days(10), close: [c], fill: 'close' })(5).A!;
    expect(open.at(-1)).toBeCloseTo(104 / 103 - 1, 15);
    expect(close.at(-1)).toBeCloseTo(105 / 104 - 1, 15);
    expect(open).toHaveLength(4);
  });

  it('never looks ahead: changing bar i and later leaves the history of bar i unchanged (next-open)', () => {
    const a = closes(40, (i) => 100 * Math.exp(0.01 * Math.sin(i)));
    const b = Float64Array.from(a, (x, i) => (i >= 20 ? x * 3 : x));
    const ha = varHistory({ symbols: ['A'], ts: days(40), close: [a], fill: 'next-open' });
    const hb = varHistory({ symbols: ['A'], ts: days(40), close: [b], fill: 'next-open' });
    for (let i = 0; i <= 20; i++) expect(hb(i)).toEqual(ha(i));
    expect(hb(21)).not.toEqual(ha(21));
  });

  it('starts from the warm-up days and keeps a rolling window of aligned returns', () => {
    const warm = closes(90, (i) => 50 + i);
    const h = varHistory({ symbols: ['A', 'B'], ts: days(5), close: [closes(5, (i) => 140 + i), closes(5, () => 7)], warmup: [warm, closes(90, () => 7)], fill: 'next-open', window: 60 });
    const first = h(0);
    expect(first.A).toHaveLength(60);
    expect(first.A!.at(-1)).toBeCloseTo(139 / 138 - 1, 15);
    expect(first.B!.every((r) => r === 0)).toBe(true);
  });

  it('uses the last bar of each UTC day for intraday data', () => {
    const ts = Float64Array.from({ length: 48 }, (_, i) => T0 + i * MS.hour);
    const c = closes(48, (i) => (i === 23 ? 110 : i === 47 ? 121 : 100));
    expect(varHistory({ symbols: ['A'], ts, close: [c], fill: 'close' })(47).A).toEqual([121 / 110 - 1]);
  });
});
