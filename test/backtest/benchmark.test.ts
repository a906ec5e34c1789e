/** The benchmark series of a backtest and the risk-layer-free comparison run. */
import { describe, expect, it } from 'vitest';
import { benchmarkPlan, benchmarkSeries, parseBenchmark } from '../../src/backtest/benchmark.js';
import { dailySeries, returnsOf } from '../../src/backtest/daily.js';
import { runDays } from '../../src/backtest/figures.js';
import { runBacktest, type BacktestOutcome, type BacktestSpec } from '../../src/backtest/run.js';
import { tearsheet } from '../../src/research/metrics.js';
import { emptyBook } from '../../src/trading/paper-broker.js';
import { FillLog } from '../../src/backtest/fill-log.js';

const day = (d: string): number => Date.parse(`${d}T20:00:00Z`);
const spec: BacktestSpec = { strategy: 'buy-hold', params: {}, symbols: ['A', 'B'], data: '/x/ab.csv', seed: 1, scenario: 'none', fill: 'close', size: 'target', cash: 1000 };

/** An outcome over three days of two assets, equity flat at 1000 (only the bars matter here). */
function outcome(): BacktestOutcome {
  const ts = Float64Array.from(['2024-01-02', '2024-01-03', '2024-01-04'].map(day));
  const equity = Float64Array.from([1000, 1000, 1000]);
  const days = dailySeries(ts, equity);
  return {
    summary: { ...tearsheet([]), final_equity: 1000, trades: 0, fees: 0, turnover: 0, skipped_orders: {}, fills: [] },
    days,
    returns: returnsOf(days.value),
    result: { equity, fills: new FillLog(['A', 'B']), fees: 0, feesCents: 0, turnover: 0, events: [], skipped: {}, final: emptyBook(1000) },
    data: { symbols: ['A', 'B'], ts, open: [Float64Array.from([10, 11, 12]), Float64Array.from([50, 40, 60])], close: [Float64Array.from([10, 12, 11]), Float64Array.from([50, 40, 60])] },
    simulated: false,
    periodsPerYear: 252,
    strategyLabel: 'buy-hold',
  };
}

describe('benchmark', () => {
  it('buy-hold holds the run’s assets in equal parts from the first close, scaled to the starting equity', async () => {
    const out = outcome();
    const b = await benchmarkSeries({ kind: 'buy-hold' }, spec, out, runDays(out));
    // Day 2: (12/10 + 40/50)/2 = 1.0; day 3: (11/10 + 60/50)/2 = 1.15.
    expect(b.days.map((d) => Number(d.value.toFixed(9)))).toEqual([1000, 1000, 1150]);
    expect(b).toMatchObject({ name: 'buy-hold', source: '/x/ab.csv', simulated: false });
  });

  it('a symbol of the run is its closes; a foreign one needs a file for a CSV run, or the simulator’s list', async () => {
    const out = outcome();
    const b = await benchmarkSeries({ kind: 'symbol', symbol: 'B' }, spec, out, runDays(out));
    expect(b.days.map((d) => d.value)).toEqual([1000, 800, 1200]);
    expect(() => benchmarkPlan({ kind: 'symbol', symbol: 'SPY' }, spec)).toThrow(/--benchmark "SPY" is not in \/x\/ab.csv .*--benchmark-data FILE.csv/);
    expect(benchmarkPlan({ kind: 'symbol', symbol: 'SPY', data: '/x/spy.csv' }, spec)).toEqual({ kind: 'load', symbol: 'SPY', data: '/x/spy.csv' });
    expect(benchmarkPlan({ kind: 'symbol', symbol: 'QQQ' }, { symbols: ['SPY'] })).toEqual({ kind: 'load', symbol: 'QQQ' });
    expect(() => benchmarkPlan({ kind: 'symbol', symbol: 'DOGE' }, { symbols: ['SPY'] })).toThrow(/the simulator knows/);
    expect(() => parseBenchmark(undefined, '/x/spy.csv')).toThrow(/needs --benchmark SYMBOL/);
    expect(() => parseBenchmark('buy-hold', '/x/spy.csv')).toThrow(/not accepted with --benchmark buy-hold/);
    expect(() => parseBenchmark('a b', undefined)).toThrow(/expected buy-hold or a symbol/);
  });

  it('the simulator’s SPY, aligned to a crypto run’s every-day grid by carrying weekend closes forward', async () => {
    const run = { ...spec, data: undefined, symbols: ['BTC-USD'], from: Date.parse('2021-01-01T00:00:00Z'), to: Date.parse('2021-03-31T23:59:59Z') };
    const out = await runBacktest(run);
    const grid = runDays(out);
    const b = await benchmarkSeries({ kind: 'symbol', symbol: 'SPY' }, run, out, grid);
    expect(b.days.map((d) => d.date)).toEqual(grid.map((d) => d.date));
    expect(b.simulated).toBe(true);
    const sat = b.days.findIndex((d) => new Date(`${d.date}T00:00:00Z`).getUTCDay() === 6);
    expect(b.days[sat]!.value).toBe(b.days[sat - 1]!.value);
    expect(b.days[sat + 1]!.value).toBe(b.days[sat - 1]!.value);
  });
});

describe('the run without the risk layer', () => {
  it('has no drawdown guard event and no VaR refusal in the crash scenario, where the guarded run has both', async () => {
    const crash: BacktestSpec = { ...spec, data: undefined, symbols: ['SPY', 'QQQ'], scenario: 'crash', fill: 'next-open', cash: 10_000, seed: 42 };
    const guarded = await runBacktest(crash);
    const free = await runBacktest({ ...crash, riskLayer: false });
    expect(guarded.result.events.some((e) => e.label.startsWith('halt'))).toBe(true);
    expect(guarded.summary.skipped_orders.VAR_BUDGET_EXCEEDED).toBeGreaterThan(0);
    expect(free.result.events).toEqual([]);
    expect(free.summary.skipped_orders.VAR_BUDGET_EXCEEDED).toBeUndefined();
    expect(free.summary.max_drawdown!).toBeGreaterThan(guarded.summary.max_drawdown!);
  }, 120_000);
});
