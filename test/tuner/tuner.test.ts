import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tunedParameters } from '../../src/contracts/tuning.js';
import { parameterGrid, perturbations, positions, score, walkForwardWindows } from '../../src/intelligence/tuner/walk-forward.js';

const closes = Float64Array.from({ length: 600 }, (_, i) => 100 * Math.exp(0.0004 * i + 0.05 * Math.sin(i / 17) + 0.02 * Math.sin(i / 5.3)));

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

  it('has no look-ahead: rewriting future bars (reversed and scaled) changes no past decision and no earlier score', () => {
    const t = 350;
    const shuffled = Float64Array.from(closes);
    const future = Array.from(shuffled.subarray(t + 1));
    for (let i = 0; i < future.length; i++) shuffled[t + 1 + i] = future[future.length - 1 - i]! * 1.3;
    for (const [strategy, params] of [
      ['sma-cross', { fast: 10, slow: 30 }],
      ['momentum', { lookback: 40 }],
    ] as const) {
      const a = positions(strategy, params, closes, t + 1);
      const b = positions(strategy, params, shuffled, t + 1);
      expect(Array.from(b)).toEqual(Array.from(a));
      expect(score(strategy, params, shuffled, 100, t + 1, 1, 252)).toBe(score(strategy, params, closes, 100, t + 1, 1, 252));
      // ...while a score that reaches into the changed bars does change.
      expect(score(strategy, params, shuffled, 100, 600, 1, 252)).not.toBe(score(strategy, params, closes, 100, 600, 1, 252));
    }
  });

  it('perturbs each parameter by ±10 % and ±20 % and keeps fast < slow', () => {
    const p = perturbations({ fast: 10, slow: 30 });
    expect(p.map((x) => x.label)).toContain('slow +20%');
    expect(p.every((x) => x.params.fast! < x.params.slow!)).toBe(true);
    expect(parameterGrid('sma-cross').every((g) => g.fast! < g.slow!)).toBe(true);
  });
});

describe('neolight tune', () => {
  const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'tune', ...args], { encoding: 'utf8', timeout: 120_000 });

  it('gives the same result on one worker thread and on two, and writes the tuned parameters', () => {
    const home = mkdtempSync(join(tmpdir(), 'neolight-tune-'));
    const common = ['--bars', '1500', '--train', '400', '--test', '150', '--home', home, '--json'];
    const one = run(...common, '--workers', '1');
    const two = run(...common, '--workers', '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const a = JSON.parse(one.stdout) as { windows: unknown[]; sensitivity: unknown[]; degradation: number };
    const b = JSON.parse(two.stdout) as typeof a;
    expect(b.windows).toEqual(a.windows);
    expect(b.sensitivity).toEqual(a.sensitivity);
    expect(a.windows.length).toBeGreaterThan(2);
    const doc = tunedParameters.schema.parse(JSON.parse(readFileSync(join(home, 'state/tuned_parameters.json'), 'utf8')));
    expect(doc.strategy).toBe('sma-cross');
    expect(doc.degradation).toBeCloseTo(a.degradation, 12);
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
