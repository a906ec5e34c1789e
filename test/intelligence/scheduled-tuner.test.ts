/** The scheduled tuner: adopts only on an out-of-sample gain over the parameters in force, logs every run, runs once a period. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { tunedParameters, tuningDecisions } from '../../src/contracts/tuning.js';
import { manualClock } from '../../src/core/clock.js';
import type { WalkForward, WalkForwardRequest } from '../../src/core/tuning.js';
import type { MarketData } from '../../src/core/market.js';
import { silentLogger } from '../../src/log/logger.js';
import { adoptionDecision } from '../../src/intelligence/tuner/adopt.js';
import { neuralTunerAgent } from '../../src/intelligence/tuner/agent.js';
import { engineWalkForward } from '../../src/mesh/tuning-port.js';
import { openFileStore } from '../../src/store/file-store.js';

const T0 = Date.parse('2026-06-01T15:00:00Z');
const DAY = 86_400_000;
let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('adoptionDecision', () => {
  it('adopts only a gain of at least the margin on the same windows', () => {
    expect(adoptionDecision({ fast: 10, slow: 50 }, 0.5, { fast: 20, slow: 100 }, 0.61, 0.1).decision).toBe('adopted');
    expect(adoptionDecision({ fast: 10, slow: 50 }, 0.5, { fast: 20, slow: 100 }, 0.59, 0.1).decision).toBe('rejected');
    expect(adoptionDecision({ fast: 10, slow: 50 }, 0.5, { slow: 50, fast: 10 }, 2, 0.1).decision).toBe('kept');
    expect(adoptionDecision(undefined, null, { fast: 5, slow: 20 }, -0.1, 0.1).decision).toBe('rejected');
    expect(adoptionDecision(undefined, null, { fast: 5, slow: 20 }, 0.2, 0.1).decision).toBe('adopted');
  });
});

describe('neural_tuner agent', () => {
  it('runs once a period, adopts a better set, rejects a marginal one, and logs both', async () => {
    home = mkdtempSync(join(tmpdir(), 'nl-tuner-'));
    const store = openFileStore(home);
    const config = loadConfig({ home }, {});
    const seen: WalkForwardRequest[] = [];
    const answers = [
      { params: { fast: 10, slow: 50 }, oos: 0.4, current: null },
      { params: { fast: 20, slow: 100 }, oos: 0.45, current: 0.4 },
    ];
    const fake: WalkForward = async (req) => {
      seen.push(req);
      const a = answers[seen.length - 1]!;
      return { candidate: { params: a.params, inSample: 0.9, outOfSample: a.oos, degradation: 0.9 - a.oos, windows: 4 }, currentOutOfSample: a.current, simulated: true };
    };
    const agent = await neuralTunerAgent.create({ name: 'neural_tuner', clock: manualClock(T0), store, log: silentLogger(), config, ports: { walkForward: fake } });
    await agent.tick(T0);
    expect(seen).toHaveLength(0);
    await agent.tick(T0 + DAY);
    await agent.tick(T0 + 2 * DAY);
    expect(seen).toHaveLength(1);
    expect(store.get(tunedParameters)?.params).toEqual({ fast: 10, slow: 50 });
    await agent.tick(T0 + 8 * DAY);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.current).toEqual({ fast: 10, slow: 50 });
    expect(seen[1]?.toMs).toBe(T0 + 8 * DAY);
    // Gain 0.05 < margin 0.1: the set in force stays.
    expect(store.get(tunedParameters)?.params).toEqual({ fast: 10, slow: 50 });
    const rows = store.ledger(tuningDecisions).readAll();
    expect(rows.map((r) => [r.decision, r.candidate_params, r.current_params])).toEqual([
      ['adopted', 'fast=10 slow=50', ''],
      ['rejected', 'fast=20 slow=100', 'fast=10 slow=50'],
    ]);
    // Each row says what its scores were measured on.
    expect(rows.every((r) => r.reason.startsWith('SIMULATED history: '))).toBe(true);
  });

  it('in paper and live mode walks forward on the market port’s history, labelled not simulated', async () => {
    const config = loadConfig({ home: tmpdir() }, {});
    // A real-history port: a deterministic random walk with a trend, and a record of what was asked.
    const asked: [number, number, number][] = [];
    let x = 7;
    const rnd = (): number => ((x = (x * 48271) % 2147483647) / 2147483647) - 0.5;
    const first = T0 - 1200 * DAY;
    const closes: number[] = [];
    for (let i = 0, p = 300; i < 1200; i++) closes.push((p *= 1 + 0.0004 + 0.02 * rnd()));
    const market: MarketData = {
      simulated: false,
      quote: async () => Promise.reject(new Error('not used')),
      bars: async (_s, from, to, interval) => {
        asked.push([from, to, interval]);
        return closes.map((c, i) => ({ ts: first + i * DAY, open: c, high: c, low: c, close: c, volume: 1 })).filter((b) => b.ts >= from && b.ts <= to);
      },
    };
    const req = { strategy: 'sma-cross' as const, symbol: 'SPY', toMs: T0, bars: 600, train: 300, test: 100 };
    const real = await engineWalkForward(config, market)(req);
    expect(real.simulated).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]![1]).toBe(T0);
    expect(asked[0]![2]).toBe(DAY);
    // The simulator's answer for the same request differs: the port's bars were the ones tuned on.
    const sim = await engineWalkForward(config)(req);
    expect(sim.simulated).toBe(true);
    expect(real.candidate).not.toEqual(sim.candidate);
    // A simulated port (sim mode) keeps the simulator.
    expect((await engineWalkForward(config, { ...market, simulated: true })(req)).candidate).toEqual(sim.candidate);
  }, 60_000);

  it('walks forward on the engine deterministically, on the bars up to the run time only', async () => {
    const config = loadConfig({ home: tmpdir() }, {});
    const wf = engineWalkForward(config);
    const req = { strategy: 'sma-cross' as const, symbol: 'SPY', toMs: T0, bars: 600, train: 300, test: 100, current: { fast: 10, slow: 50 } };
    const a = await wf(req);
    expect(a.candidate.windows).toBe(3);
    expect(a.simulated).toBe(true);
    expect(Number.isFinite(a.currentOutOfSample)).toBe(true);
    // The same request again is the same answer (deterministic simulator); a later run time sees other bars.
    expect(await wf(req)).toEqual(a);
    expect((await wf({ ...req, toMs: T0 + 60 * DAY })).candidate).not.toEqual(a.candidate);
  }, 60_000);

  it('a stop mid-run is seen between scoring jobs: the run rejects within a second and the agent records nothing', async () => {
    home = mkdtempSync(join(tmpdir(), 'nl-tuner-'));
    const store = openFileStore(home);
    const config = loadConfig({ home }, {});
    const stop = new AbortController();
    const agent = await neuralTunerAgent.create({ name: 'neural_tuner', clock: manualClock(T0), store, log: silentLogger(), config, ports: { walkForward: engineWalkForward(config) }, signal: stop.signal });
    await agent.tick(T0);
    // The abort comes from a timer: it can only fire if the run yields to the event loop between jobs.
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      stop.abort(new Error('stop requested (SIGTERM)'));
    }, 300);
    await agent.tick(T0 + 2 * DAY);
    expect(abortedAt).toBeGreaterThan(0);
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(store.ledger(tuningDecisions).readAll()).toEqual([]);
    expect(store.get(tunedParameters)).toBeUndefined();
  }, 60_000);
});
