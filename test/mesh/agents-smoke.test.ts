/**
 * Every registered agent runs ticks on a fresh data directory with the sim ports, in dependency
 * order, without throwing, and writes the documents it declares it produces.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import { portsForNeeds } from '../../src/mesh/agent-ports.js';
import { agentRegistry } from '../../src/mesh/registry.js';
import { runAgent } from '../../src/mesh/runtime.js';

const home = mkdtempSync(join(tmpdir(), 'neolight-smoke-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('registered agents', () => {
  it('each runs on a fresh data dir and the chain produces its documents', async () => {
    const config = loadConfig({ home, logLevel: 'silent' }, {});
    const clock = manualClock(Date.parse('2025-03-03T15:00:00Z'));
    // Two rounds: consumers see what producers wrote in the first.
    for (let round = 0; round < 2; round++) {
      for (const def of await agentRegistry()) {
        // Each agent gets its own ports, as `neolight agent NAME` gives them.
        const code = await runAgent(def, { config, ports: await portsForNeeds(config, def.needs, clock, def.name), once: true, clock });
        expect(code, `${def.name} round ${round}`).toBe(0);
      }
      clock.advance(MS.hour);
    }
    for (const def of await agentRegistry()) {
      expect(existsSync(join(home, 'runtime', 'agents', `${def.name}.json`)), `${def.name} heartbeat`).toBe(true);
      expect(existsSync(join(home, 'logs', `${def.name}.log`)), `${def.name} log`).toBe(true);
    }
    for (const path of ['runtime/atlas_brain.json', 'state/intelligence_summary.json', 'state/revenue_by_agent.json', 'state/sports_models/football.json', 'state/sports_models/nfl.json', 'state/sports_odds.json', 'state/sports_betting.json']) {
      expect(existsSync(join(home, path)), path).toBe(true);
    }
    // The analytics agent predicts the simulated fixtures from its real-data model, validated out of sample.
    const predictions = JSON.parse(readFileSync(join(home, 'state/sports_predictions.json'), 'utf8')) as { model: string; simulated: boolean; validation: { accuracy: number; target_accuracy: number; matches: number }; predictions: unknown[] };
    expect(predictions.model).toBe('dixon_coles');
    expect(predictions.simulated).toBe(true);
    expect(predictions.predictions.length).toBeGreaterThan(0);
    expect(predictions.validation.matches).toBeGreaterThan(1000);
    expect(predictions.validation.accuracy).toBeGreaterThan(0.45);
    expect(predictions.validation.target_accuracy).toBe(0.7);
    // Fitting the sports models on the real data takes seconds of CPU; a loaded machine needs more than the default.
  }, 240_000);
});
