import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../src/backtest/engine.js';
import { priceAt } from '../../src/backtest/prices.js';
import { engineOptions, runBacktest, type ExecutionSpec, type Market } from '../../src/backtest/run.js';
import { engineScoring, scoreWindow } from '../../src/backtest/window-score.js';
import { tunedParameters } from '../../src/contracts/tuning.js';
import { makeStrategy, type StrategyParams } from '../../src/intelligence/strategy-lab/strategies.js';
import { tune } from '../../src/intelligence/tuner/tune.js';
import { parameterGrid, perturbations, walkForwardWindows } from '../../src/intelligence/tuner/walk-forward.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'neolight-tuner-'));

/** Daily bars from 2010-01-04 (every calendar day), open = previous close nudged. */
/** A market whose prices are plain doubles, as this file builds them. */
type F64Market = Market & { data: Market['data'] & { open: Float64Array[]; close: Float64Array[] } };

function market(n: number, path: (i: number) => number): F64Market {
  const ts = Float64Array.from({ length: n }, (_, i) => Date.UTC(2010, 0, 4) + i * DAY);
  const close = Float64Array.from({ length: n }, (_, i) => Math.round(path(i) * 1e4) / 1e4);
  const open = Float64Array.from({ length: n }, (_, i) => (i === 0 ? close[0]! : Math.round(close[i - 1]! * (1 + 0.002 * Math.sin(i)) * 1e4) / 1e4));
  return { data: { symbols: ['ASSET'], ts, open: [open], close: [close] }, simulated: false };
}

/** The same bars as a CSV file, so `neolight backtest`'s own loader reads them. */
function csvOf(m: Market, name: string): string {
  const d = m.data;
  const rows = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < d.ts.length; i++) {
    const o = priceAt(d.open[0]!, i);
    const c = priceAt(d.close[0]!, i);
    rows.push(`${d.ts[i]},${o},${Math.max(o, c)},${Math.min(o, c)},${c},1`);
  }
  const f = join(dir, name);
  writeFileSync(f, `${rows.join('\n')}\n`);
  return f;
}

/** Annualised Sharpe of an equity curve sampled once a day, written out here (ddof 1, risk-free 0). */
function sharpeOf(equity: ArrayLike<number>, periods: number): number {
  const r: number[] = [];
  for (let i = 1; i < equity.length; i++) r.push(equity[i]! / equity[i - 1]! - 1);
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1));
  return (m / sd) * Math.sqrt(periods);
}

const wavy = market(700, (i) => 100 * Math.exp(0.0004 * i + 0.05 * Math.sin(i / 17) + 0.02 * Math.sin(i / 5.3)));
const exec = (feesBps: number): ExecutionSpec => ({ fill: 'next-open', size: 'target', cash: 10_000, feesBps, seed: 1, scenario: 'none' });
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

describe('walk-forward', () => {
  it('builds rolling and anchored windows that never overlap their test bars', () => {
    const rolling = walkForwardWindows({ n: 600, train: 200, test: 100, step: 100, anchored: false });
    expect(rolling.map((w) => [w.trainStart, w.trainEnd, w.testEnd])).toEqual([
      [0, 200, 300],
      [100, 300, 400],
      [200, 400, 500],
      [300, 500, 600],
    ]);
    expect(walkForwardWindows({ n: 600, train: 200, test: 100, step: 100, anchored: true }).every((w) => w.trainStart === 0)).toBe(true);
    for (const w of rolling) expect(w.testStart).toBe(w.trainEnd);
  });

  it('has no look-ahead: rewriting future bars (reversed and scaled) changes no earlier score', async () => {
    const t = 450;
    const d = wavy.data;
    const rewrite = (a: Float64Array): Float64Array => {
      const b = Float64Array.from(a);
      const future = Array.from(a.subarray(t + 1));
      for (let i = 0; i < future.length; i++) b[t + 1 + i] = future[future.length - 1 - i]! * 1.3;
      return b;
    };
    const shuffled: Market = { ...wavy, data: { ...d, open: [rewrite(d.open[0]!)], close: [rewrite(d.close[0]!)] } };
    for (const [strategy, params] of [
      ['sma-cross', { fast: 10, slow: 30 }],
      ['momentum', { lookback: 40 }],
    ] as const) {
      const setup = (m: Market) => ({ strategy, execution: exec(10), market: m, periodsPerYear: 252 });
      expect(await scoreWindow(setup(shuffled), { params, start: 200, end: t + 1 })).toBe(await scoreWindow(setup(wavy), { params, start: 200, end: t + 1 }));
      // ...while a score that reaches into the changed bars does change.
      expect(await scoreWindow(setup(shuffled), { params, start: 200, end: 700 })).not.toBe(await scoreWindow(setup(wavy), { params, start: 200, end: 700 }));
    }
  });

  it('perturbs each parameter by ±10 % and ±20 % and keeps fast < slow', () => {
    const p = perturbations({ fast: 10, slow: 30 });
    expect(p.map((x) => x.label)).toContain('slow +20%');
    expect(p.every((x) => x.params.fast! < x.params.slow!)).toBe(true);
    expect(parameterGrid('sma-cross').every((g) => g.fast! < g.slow!)).toBe(true);
  });
});

describe('a walk-forward score is the backtest engine’s result on the window', () => {
  it('equals `neolight backtest` on the same bars with fees > 0 (Sharpe recomputed here from its equity)', async () => {
    const csv = csvOf(wavy, 'wavy.csv');
    const params: StrategyParams = { fast: 10, slow: 30 };
    const end = 600;
    const score = await scoreWindow({ strategy: 'sma-cross', execution: exec(25), market: wavy, periodsPerYear: 252 }, { params, start: 0, end });
    const bt = await runBacktest({ ...exec(25), strategy: 'sma-cross', params, data: csv, symbols: ['ASSET'], to: wavy.data.ts[end - 1]! });
    expect(bt.data.ts.length).toBe(end);
    expect(bt.summary.fees).toBeGreaterThan(0);
    expect(bt.summary.trades).toBeGreaterThan(5);
    expect(score).toBe(bt.summary.sharpe);
    expect(score).toBeCloseTo(sharpeOf(bt.result.equity, 252), 10);
  });

  it('a later window: the strategy is warmed on the bars before it, the VaR check sees them as history', async () => {
    const csv = csvOf(wavy, 'wavy2.csv');
    const [start, end] = [250, 520];
    const setup = { strategy: 'buy-hold', execution: exec(40), market: wavy, periodsPerYear: 252 };
    const score = await scoreWindow(setup, { params: {}, start, end });
    // buy-hold needs no warm-up, so `backtest --from --to` over the window is the same run.
    const bt = await runBacktest({ ...exec(40), strategy: 'buy-hold', params: {}, data: csv, symbols: ['ASSET'], from: wavy.data.ts[start]!, to: wavy.data.ts[end - 1]! });
    expect(iso(bt.data.ts[0]!)).toBe(iso(wavy.data.ts[start]!));
    expect(bt.summary.fees).toBeGreaterThan(0);
    expect(score).toBe(bt.summary.sharpe);
    expect(score).toBeCloseTo(sharpeOf(bt.result.equity, 252), 10);
  });

  it('tunes different parameters when fees make a fast rule’s churn too expensive', async () => {
    // A ~50-bar cycle on a slow wave: a fast crossover rides the cycle, a slow one only the wave.
    const m = market(900, (i) => 100 * Math.exp(0.0004 * i + 0.02 * Math.sin(i / 8) + 0.15 * Math.sin(i / 90)));
    const run = (fees: number) => tune(engineScoring({ strategy: 'sma-cross', execution: exec(fees), market: m, periodsPerYear: 252 }), { strategy: 'sma-cross', bars: 900, train: 400, test: 200, step: 200, anchored: false, workers: 1 });
    const [free, costly] = [await run(0), await run(300)];
    const chosen = (r: typeof free) => r.windows[0]!.params;
    expect(chosen(free)).not.toEqual(chosen(costly));
    // The cheap-fee choice trades more over the training bars than the costly-fee choice.
    const fills = (p: StrategyParams): number => {
      const w: Market = { ...m, data: { ...m.data, ts: m.data.ts.slice(0, 400), open: [m.data.open[0]!.slice(0, 400)], close: [m.data.close[0]!.slice(0, 400)] } };
      return runEngine(w.data, engineOptions(exec(0), w, makeStrategy('sma-cross', 1, p))).fills.length;
    };
    expect(fills(chosen(free))).toBeGreaterThan(2 * fills(chosen(costly)));
    // Fees lower every in-sample score of the same window.
    expect(costly.windows[0]!.inSample).toBeLessThan(free.windows[0]!.inSample);
  });
});

describe('neolight tune', () => {
  const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'tune', ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, CI: '' } });

  it('gives the same result on one worker thread and on two, in snake_case, and writes the tuned parameters', () => {
    const home = mkdtempSync(join(tmpdir(), 'neolight-tune-'));
    const common = ['--bars', '1500', '--train', '400', '--test', '150', '--home', home, '--json'];
    const one = run(...common, '--workers', '1');
    const two = run(...common, '--workers', '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const a = JSON.parse(one.stdout) as { windows: Record<string, unknown>[]; sensitivity: unknown[]; degradation: number; in_sample: number; out_of_sample: number; data: unknown; execution: unknown };
    const b = JSON.parse(two.stdout) as typeof a;
    expect(b.windows).toEqual(a.windows);
    expect(b.sensitivity).toEqual(a.sensitivity);
    expect(a.windows.length).toBeGreaterThan(2);
    expect(Object.keys(a.windows[0]!)).toEqual(['train_start', 'train_end', 'test_start', 'test_end', 'params', 'in_sample', 'out_of_sample']);
    const keys = (o: unknown): string[] => (o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => (Array.isArray(o) ? keys(v) : [k, ...keys(v)])) : []);
    for (const k of keys(a)) expect(k).toMatch(/^[a-z0-9_]+$/);
    expect(a.data).toEqual({ source: 'simulator', simulated: true, seed: 42 });
    expect(a.execution).toEqual({ fill: 'next-open', size: 'target', cash: 10_000, fees_bps: null, periods_per_year: 252 });
    const doc = tunedParameters.schema.parse(JSON.parse(readFileSync(join(home, 'state/tuned_parameters.json'), 'utf8')));
    expect(doc.strategy).toBe('sma-cross');
    expect(doc.degradation).toBeCloseTo(a.degradation, 12);
    expect(doc.in_sample_score).toBeCloseTo(a.in_sample, 12);
  });

  it('tunes a CSV file with fees, scored as `neolight backtest` runs it', () => {
    const csv = csvOf(wavy, 'tune.csv');
    const home = mkdtempSync(join(tmpdir(), 'neolight-tune-'));
    const r = run('--data', csv, '--symbol', 'ACME', '--train', '200', '--test', '100', '--fees', '20', '--home', home, '--json', '--workers', '1');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { window: unknown; execution: { fees_bps: number }; data: { simulated: boolean }; windows: { in_sample: number; params: StrategyParams; train_start: number; train_end: number }[] };
    expect(doc.window).toEqual({ from: '2010-01-04', to: iso(wavy.data.ts[699]!), bars: 700 });
    expect(doc.execution.fees_bps).toBe(20);
    expect(doc.data.simulated).toBe(false);
    expect(r.stdout).not.toContain('inSample');
  });

  it('shows a progress bar only on a terminal, never with --json or CI set', () => {
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    expect(script.status, 'util-linux script(1) gives the CLI a pseudo-terminal').toBe(0);
    const home = mkdtempSync(join(tmpdir(), 'neolight-tune-'));
    const cmd = (extra: string) => `${process.execPath} ${cli} tune --bars 700 --train 300 --test 100 --workers 1 --home ${home} ${extra}`;
    const onTty = (c: string, env: Record<string, string>) => spawnSync('script', ['-qec', c, '/dev/null'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '', ...env } });
    const shown = onTty(cmd(''), {});
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/tune \[.*\] \d+% \d+\/\d+ backtests/);
    for (const [extra, env] of [['--json', {}], ['', { CI: 'true' }]] as const) {
      const quiet = onTty(cmd(extra), env);
      expect(quiet.status).toBe(0);
      expect(quiet.stdout).not.toMatch(/tune \[/);
    }
    // Not a terminal: nothing on stderr.
    expect(run('--bars', '700', '--train', '300', '--test', '100', '--home', home).stderr).toBe('');
  });

  it('exits 2 on bad flags and on too few bars', () => {
    expect(run('--strategy', 'nope').stderr).toMatch(/--strategy "nope"/);
    const r = run('--bars', '200', '--train', '400');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not enough bars/);
  });
});

describe('Strategy Lab picks up tuned parameters', () => {
  it('uses the tuned trend rule when state/tuned_parameters.json exists', async () => {
    const { openFileStore } = await import('../../src/store/file-store.js');
    const { strategyLabAgent } = await import('../../src/intelligence/strategy-lab/agent.js');
    const { loadConfig } = await import('../../src/config/config.js');
    const { manualClock } = await import('../../src/core/clock.js');
    const { silentLogger } = await import('../../src/log/logger.js');
    const { simulatedMarket } = await import('../../src/market/simulator.js');
    const { strategyWeights } = await import('../../src/contracts/weights.js');
    const home = mkdtempSync(join(tmpdir(), 'neolight-lab-'));
    const store = openFileStore(home);
    const now = Date.parse('2025-06-02T00:00:00Z');
    const ctx = { name: 'strategy_lab', clock: manualClock(now), store, log: silentLogger(), config: loadConfig({ home }, {}), ports: { market: simulatedMarket(42) } };
    await (await strategyLabAgent.create(ctx)).tick(now);
    expect(store.get(strategyWeights)!.strategy).toContain('momentum(60)');
    store.write(tunedParameters, { updated_at: new Date(now).toISOString(), strategy: 'sma-cross', params: { fast: 20, slow: 100 }, symbol: 'SPY', simulated: true, in_sample_score: 1, out_of_sample_score: 0.5, degradation: 0.5, windows: 3 });
    await (await strategyLabAgent.create(ctx)).tick(now);
    const doc = store.get(strategyWeights)!;
    expect(doc.strategy).toContain('tuned sma-cross(20,100)');
    expect(Object.keys(doc.weights).length).toBeGreaterThan(0);
  });
});
