/** A resale venture on a fresh data directory with its simulator, driven cycle by cycle on a manual clock. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config.js';
import { manualClock } from '../../../src/core/clock.js';
import type { AgentContext } from '../../../src/core/agent.js';
import type { Marketplace } from '../../../src/core/marketplace.js';
import { collectiblesMarketSim, luxuryMarketSim } from '../../../src/contracts/resale-sim.js';
import { silentLogger } from '../../../src/log/logger.js';
import { openFileStore, type StateStore } from '../../../src/store/file-store.js';
import { runCycle, type CycleReport, type VentureCycle, type VentureSpec } from '../../../src/ventures/shared/agent.js';
import type { VentureRisk } from '../../../src/ventures/shared/risk-view.js';
import { resolveVentureSettings, type VentureDefaults, type VentureSettings } from '../../../src/ventures/shared/settings.js';
import { collectiblesMarket, COLLECTIBLES_VENUE } from '../../../src/ventures/collectibles/catalogue.js';
import { luxuryMarket, LUXURY_VENUE } from '../../../src/ventures/luxury/catalogue.js';
import { collectiblesCycleConfig, COLLECTIBLES_AGENT } from '../../../src/ventures/collectibles/collectibles-agent.js';
import { luxuryCycleConfig, LUXURY_AGENT } from '../../../src/ventures/luxury/luxury-agent.js';
import { resaleCycle } from '../../../src/ventures/resale/cycle.js';
import { storeJournal } from '../../../src/ventures/shared/venue-memory.js';
import { safetyMargin } from '../../../src/ventures/resale/settings.js';
import { createResaleSimulator } from '../../../src/ventures/resale/simulator.js';

export const T0 = Date.parse('2026-01-05T00:00:00Z');
export const ACTIVE: VentureRisk = { state: 'ACTIVE', riskScaler: 1, reasons: [] };

export type Kind = 'collectibles' | 'luxury';

export interface Harness {
  home: string;
  store: StateStore;
  ctx: AgentContext;
  spec: VentureSpec;
  settings: VentureSettings;
  /** A fresh simulator over the same data directory (what a restarted mesh builds). */
  market(): Marketplace;
  /** A fresh agent incarnation over the same store. */
  cycle(market?: Marketplace): VentureCycle;
  run(c: VentureCycle, now: number, risk?: VentureRisk): Promise<CycleReport>;
}

/**
 * `file`: a config file for the home (e.g. `{ ventures: { luxury_agent: { safety_margin: 0 } } }`), read by the
 * cycle and by a real agent. `priceCounterfeits: false` gives the harness's cycle an agent blind to counterfeit
 * risk (it then buys the deep discounts where fakes crowd: for tests of the authentication gate).
 */
export function harness(kind: Kind, defaults: Partial<VentureDefaults> = {}, seed = 42, file?: Record<string, unknown>, priceCounterfeits = true): Harness {
  const home = mkdtempSync(join(tmpdir(), `nl-${kind}-`));
  if (file) writeFileSync(join(home, 'neolight.config.json'), JSON.stringify(file));
  const config = loadConfig({ home, seed }, {});
  const store = openFileStore(home);
  const agent = kind === 'collectibles' ? COLLECTIBLES_AGENT : LUXURY_AGENT;
  const ctx: AgentContext = { name: agent, clock: manualClock(T0), store, log: silentLogger(), config, ports: {} };
  const base: VentureDefaults = kind === 'collectibles'
    ? { budgetUsd: 3_000, approvalAboveUsd: 400, approvalTtlHours: 24, itemCapUsd: 600, minMargin: 0.15, intervalSeconds: 3600 }
    : { budgetUsd: 20_000, approvalAboveUsd: 5_000, approvalTtlHours: 24, itemCapUsd: 8_000, minMargin: 0.1, intervalSeconds: 3600 };
  const settings = resolveVentureSettings({ ...base, ...defaults }, undefined);
  const spec = { name: agent, approvalKind: `${kind}_purchase` } as unknown as VentureSpec;
  const market = (): Marketplace =>
    kind === 'collectibles'
      ? createResaleSimulator('collectibles-sim', collectiblesMarket(seed), COLLECTIBLES_VENUE, storeJournal(openFileStore(home), collectiblesMarketSim))
      : createResaleSimulator('luxury-sim', luxuryMarket(seed), LUXURY_VENUE, storeJournal(openFileStore(home), luxuryMarketSim));
  const full = kind === 'collectibles' ? collectiblesCycleConfig(safetyMargin(config, agent, 0.1)) : luxuryCycleConfig(safetyMargin(config, agent, 0.1));
  const blind = (category: string) => {
    const { counterfeit: _, ...rest } = full.resaleFor(category);
    return rest;
  };
  const cycleConfig = priceCounterfeits ? full : { ...full, resaleFor: blind };
  return {
    home,
    store,
    ctx,
    spec,
    settings,
    market,
    cycle: (m = market()) => resaleCycle(ctx, m, cycleConfig),
    run: (c, now, risk = ACTIVE) => runCycle(spec, ctx, c, settings, risk, now, now),
  };
}
