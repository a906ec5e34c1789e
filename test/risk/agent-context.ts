/** A minimal AgentContext over a temp data directory, for agent tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, type ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/log/logger.js';
import type { AgentContext } from '../../src/core/agent.js';
import type { AgentPorts } from '../../src/core/ports.js';
import { openFileStore } from '../../src/store/file-store.js';

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'neolight-risk-'));
}

export function agentContext(home: string, name: string, startMs: number, ports: AgentPorts = {}): AgentContext & { clock: ManualClock } {
  const config = loadConfig({ home }, {});
  return { name, clock: manualClock(startMs), store: openFileStore(home), log: silentLogger(), config, ports };
}

/** 100 → 106 (new high), then down through −5/−10/−15/−20 % with wiggles, a base, and a rebound. */
export function scriptedPath(): number[] {
  return [100, 103, 106, 104, 100.6, 100.8, 99, 95.3, 96, 94, 92, 90, 89.5, 90.5, 88, 86, 86.5, 84.7, 86, 84.8, 80, 78, 76, 77, 75, 74, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100];
}

