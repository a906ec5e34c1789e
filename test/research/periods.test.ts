import { describe, expect, it } from 'vitest';
import { dailyCloses, monthlyReturns, underwater, worstDrawdowns, yearlyReturns, type DayValue } from '../../src/research/periods.js';

const at = (d: string, h = 21): number => Date.parse(`${d}T${String(h).padStart(2, '0')}:00:00Z`);

// A small curve, computed by hand below: a 10 % fall that recovers, then a 20 % fall that does not.
const days: DayValue[] = [
  { date: '2020-01-30', value: 100 },
  { date: '2020-01-31', value: 110 },
  { date: '2020-02-03', value: 99 },
  { date: '2020-02-28', value: 104.5 },
  { date: '2020-03-02', value: 115.5 },
  { date: '2020-03-31', value: 92.4 },
  { date: '2021-01-04', value: 100 },
];

describe('calendar periods of an equity curve', () => {
  it('keeps the last value of each UTC day', () => {
    expect(dailyCloses([at('2020-01-30', 14), at('2020-01-30', 21), at('2020-01-31', 0)], [1, 2, 3])).toEqual([
      { date: '2020-01-30', value: 2 },
      { date: '2020-01-31', value: 3 },
    ]);
  });

  it('monthly returns compound from the previous month’s last close, the first from the first close', () => {
    const m = monthlyReturns(days);
    expect(m.map((x) => x.month)).toEqual(['2020-01', '2020-02', '2020-03', '2021-01']);
    // 110/100, 104.5/110, 92.4/104.5, 100/92.4
    const want = [0.1, -0.05, -0.11578947368421, 0.08225108225108];
    m.forEach((x, i) => expect(x.return).toBeCloseTo(want[i]!, 12));
  });

  it('yearly returns', () => {
    const y = yearlyReturns(days);
    expect(y.map((x) => x.year)).toEqual([2020, 2021]);
    expect(y[0]!.return).toBeCloseTo(-0.076, 12);
    expect(y[1]!.return).toBeCloseTo(100 / 92.4 - 1, 12);
  });

  it('the underwater curve', () => {
    const u = underwater(days).map((d) => d.value);
    const want = [0, 0, -0.1, -0.05, 0, -0.2, 100 / 115.5 - 1];
    u.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 12));
  });

  it('worst drawdown periods: start at the peak, valley, recovery, depth and calendar days, deepest first', () => {
    expect(worstDrawdowns(days).map((p) => ({ ...p, depth: Number(p.depth.toFixed(12)) }))).toEqual([
      // 2020-03-02 → 2021-01-04: 365 − 57 days, still under water.
      { start: '2020-03-02', valley: '2020-03-31', recovery: null, depth: 0.2, days: 308 },
      // 2020-01-31 → 2020-03-02 across a 29-day February.
      { start: '2020-01-31', valley: '2020-02-03', recovery: '2020-03-02', depth: 0.1, days: 31 },
    ]);
    expect(worstDrawdowns(days, 1)).toHaveLength(1);
    expect(worstDrawdowns([{ date: '2020-01-01', value: 1 }, { date: '2020-01-02', value: 2 }])).toEqual([]);
  });
});
