/**
 * Every registered agent runs ticks on a fresh data directory with the sim ports, in dependency
 * order, without throwing, and writes the documents it declares it produces.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import { portsFor } from '../../src/mesh/ports.js';
import { agentRegistry } from '../../src/mesh/registry.js';
import { runAgent } from '../../src/mesh/runtime.js';

const home = mkdtempSync(join(tmpdir(), 'neolight-smoke-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('registered agents', () => {
  it('each runs on a fresh data dir and the chain produces its documents', async () => {
    const config = loadConfig({ home, logLevel: 'silent' }, {});
    const clock = manualClock(Date.parse('2025-03-03T15:00:00Z'));
    // Each agent gets its own ports, as `neolight agent NAME` gives them (a venture adds its marketplace).
    const ports = new Map(agentRegistry().map((def) => [def.name, portsFor(config, clock, def.name)]));
    // Two rounds: consumers see what producers wrote in the first.
    for (let round = 0; round < 2; round++) {
      for (const def of agentRegistry()) {
        const code = await runAgent(def, { config, ports: ports.get(def.name)!, once: true, clock });
        expect(code, `${def.name} round ${round}`).toBe(0);
      }
      clock.advance(MS.hour);
    }
    for (const def of agentRegistry()) {
      expect(existsSync(join(home, 'runtime', 'agents', `${def.name}.json`)), `${def.name} heartbeat`).toBe(true);
      expect(existsSync(join(home, 'logs', `${def.name}.log`)), `${def.name} log`).toBe(true);
    }
    for (const path of ['runtime/atlas_brain.json', 'state/intelligence_summary.json', 'state/revenue_by_agent.json']) {
      expect(existsSync(join(home, path)), path).toBe(true);
    }
  });
});
