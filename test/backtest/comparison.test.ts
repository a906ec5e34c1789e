/**
 * `backtest`'s risk-layer-free comparison (src/backtest/comparison.ts) gives the same figures and
 * daily equity on a worker thread as inline, with fees; the market reaches the worker in shared
 * memory, copied only where it is not shared already; and a run that fails on its thread rejects
 * with the reason. The worker runs compiled code, so these tests load the build (npm test builds
 * first), the worker's module and everything it calls alike.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as ComparisonModule from '../../src/backtest/comparison.js';
import type * as FiguresModule from '../../src/backtest/figures.js';
import type * as RunModule from '../../src/backtest/run.js';
import type { BacktestSpec, Market } from '../../src/backtest/run.js';

const built = async <T>(path: string): Promise<T> => (await import(pathToFileURL(resolve(import.meta.dirname, '../../dist/backtest', path)).href)) as T;
const { startComparison, shareMarket, comparisonSpec } = await built<typeof ComparisonModule>('comparison.js');
/** The tests' worker threshold: a market of 2 × 100,000 bars goes to a worker, one of 2 × 20,000 stays inline. */
const FROM = 100_000;
const { comparisonOf } = await built<typeof FiguresModule>('figures.js');
const { runBacktest } = await built<typeof RunModule>('run.js');

/** Two seeded minute-bar walks of four-decimal prices, as a data dir's files give them. */
function market(bars: number): Market {
  const from = Date.UTC(2024, 0, 1);
  const ts = Float64Array.from({ length: bars }, (_, i) => from + i * 60_000);
  const walk = (seed: number): { open: Float64Array; close: Float64Array } => {
    const open = new Float64Array(bars);
    const close = new Float64Array(bars);
    let p = 100;
    let x = seed;
    for (let i = 0; i < bars; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
      open[i] = Number(p.toFixed(4));
      p = Math.max(1, p * (1 + (x / 2_147_483_648 - 0.5) * 0.002));
      close[i] = Number(p.toFixed(4));
    }
    return { open, close };
  };
  const a = walk(42);
  const b = walk(4242);
  return { data: { symbols: ['AAA/USDT', 'BBB/USDT'], ts, open: [a.open, b.open], close: [a.close, b.close] }, simulated: false };
}

const spec: BacktestSpec = { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, symbols: ['AAA/USDT', 'BBB/USDT'], data: 'test', seed: 1, scenario: 'none', fill: 'next-open', feesBps: 10, cash: 10_000, size: 'target' };

describe('risk-layer-free comparison', () => {
  it('gives on its worker thread what the same run gives inline, fees and all', async () => {
    const m = market(100_000);
    const inline = comparisonOf(await runBacktest(comparisonSpec(spec), m));
    const run = startComparison(spec, m, () => undefined, FROM);
    // A worker: the shared market, not the one given, and progress read from its thread.
    expect(run.market).not.toBe(m);
    const onThread = await run.result;
    expect(run.done()).toBe(m.data.ts.length);
    expect(onThread).toEqual(inline);
    expect(inline.figures.fees).toBeGreaterThan(0);
    expect(inline.figures.trades).toBeGreaterThan(100);
    expect(inline.days.value.length).toBe(70);
  }, 120_000);

  it('runs a small market inline, before it returns, with the progress of every bar', async () => {
    const m = market(20_000);
    const calls: number[] = [];
    const run = startComparison(spec, m, (done) => calls.push(done), FROM);
    expect(run.market).toBe(m);
    expect(run.done()).toBe(m.data.ts.length);
    expect(await run.result).toEqual(comparisonOf(await runBacktest(comparisonSpec(spec), m)));
    // The engine reports every 65,536 bars from bar 0: one call for 20,000 bars.
    expect(calls).toEqual([0]);
  });

  it('shares the columns: shared ones are kept as they are, others copied with the same values', () => {
    const m = market(1_000);
    const s = shareMarket(m);
    for (const a of [s.data.ts, ...(s.data.open as Float64Array[]), ...(s.data.close as Float64Array[])]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(s.data.close[1] as Float64Array)).toEqual(Array.from(m.data.close[1] as Float64Array));
    expect(s.data.ts).not.toBe(m.data.ts);
    const again = shareMarket(s);
    expect(again.data.ts).toBe(s.data.ts);
    expect(again.data.open[0]).toBe(s.data.open[0]);
    const scaled = { units: Uint32Array.from([1_000_000, 1_000_100]), divisor: 10_000, length: 2 };
    const t = shareMarket({ data: { symbols: ['X'], ts: Float64Array.from([1, 2]), open: [scaled], close: [scaled] }, simulated: false });
    const units = (t.data.close[0] as typeof scaled).units;
    expect(units.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...units, (t.data.close[0] as typeof scaled).divisor]).toEqual([1_000_000, 1_000_100, 10_000]);
  });

  it('keeps an inline failure for the caller, who awaits it after its own run', async () => {
    const run = startComparison({ ...spec, strategy: 'no-such-strategy' }, market(1_000), undefined, FROM);
    // A turn of the event loop with the rejection not yet awaited: no unhandled rejection.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(run.result).rejects.toThrow(/--strategy "no-such-strategy" is not accepted/);
  });

  it('rejects with the reason when the run fails on its thread', async () => {
    const run = startComparison({ ...spec, strategy: 'no-such-strategy' }, market(100_000), undefined, FROM);
    await expect(run.result).rejects.toThrow(/risk-layer-free comparison run failed: .*--strategy "no-such-strategy" is not accepted/);
  }, 60_000);
});
