/** Shared set-up of the commerce venture tests: a home with config, clear (or scripted) risk, inputs from the simulators, and agents ticking on market time. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/config/config.js';
import { eventSchedule, trendingProducts } from '../../../src/contracts/inputs.js';
import type { AgentContext, AgentDefinition, AgentInstance } from '../../../src/core/agent.js';
import { manualClock } from '../../../src/core/clock.js';
import type { Marketplace } from '../../../src/core/marketplace.js';
import { simulatedEventSchedule, simulatedTrendingProducts } from '../../../src/intelligence/commerce-inputs.js';
import { silentLogger } from '../../../src/log/logger.js';
import { openFileStore, type StateStore } from '../../../src/store/file-store.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';

export const T0 = Date.parse('2026-11-02T00:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Home {
  home: string;
  store: StateStore;
  config: Config;
}

export function commerceHome(file: Record<string, unknown> = {}): Home {
  const home = mkdtempSync(join(tmpdir(), 'nl-commerce-'));
  if (Object.keys(file).length) writeFileSync(join(home, 'neolight.config.json'), JSON.stringify(file));
  const config = loadConfig({ home }, {});
  return { home, store: openFileStore(home), config };
}

/** The knowledge integrator's commerce inputs at `now` (the same builders it uses). */
export function writeInputs(h: Home, now: number): void {
  h.store.write(trendingProducts, simulatedTrendingProducts(h.config.seed, now));
  h.store.write(eventSchedule, simulatedEventSchedule(h.config.seed, now));
}

export async function startAgent(def: AgentDefinition, h: Home, marketplace: Marketplace, store: StateStore = h.store): Promise<AgentInstance> {
  const ctx: AgentContext = { name: def.name, clock: manualClock(T0), store, log: silentLogger(), config: h.config, ports: { marketplace } };
  return def.create(ctx);
}

/** Tick `agent` every `stepMs` from `from` for `days`, with fresh inputs and (unless `risk` is false) clear risk documents before each tick. */
export async function run(h: Home, agent: AgentInstance, from: number, days: number, stepMs = HOUR, risk = true, after?: (now: number) => void): Promise<number> {
  let now = from;
  for (; now < from + days * DAY; now += stepMs) {
    writeInputs(h, now);
    if (risk) freshRiskDocs(h.store, now);
    await agent.tick(now);
    after?.(now);
  }
  return now;
}
