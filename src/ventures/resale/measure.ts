/**
 * Measures the collectibles and luxury ventures on their simulators (SIMULATED): a fresh data
 * directory, the agent as the mesh builds it from its spec (its defaults, unless the caller's overrides), a cycle
 * every few market hours with risk ACTIVE and no approvals given, then the dashboard's figures from
 * the ledger. The numbers in docs/ventures.md ("Measured on the simulators") come from here, through
 * `node scripts/measure-ventures.mjs`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { collectiblesInventory, collectiblesPnl, luxuryInventory, luxuryPnl } from '../../contracts/ventures.js';
import { collectiblesMarketSim, luxuryMarketSim } from '../../contracts/resale-sim.js';
import type { AgentContext } from '../../core/agent.js';
import { manualClock, MS } from '../../core/clock.js';
import { silentLogger } from '../../log/logger.js';
import { openFileStore } from '../../store/file-store.js';
import { COLLECTIBLES_VENUE, collectiblesMarket } from '../collectibles/catalogue.js';
import { collectiblesSummary } from '../collectibles/summary.js';
import { LUXURY_VENUE, luxuryMarket } from '../luxury/catalogue.js';
import { luxurySummary } from '../luxury/summary.js';
import { runCycle, type VentureSpec } from '../shared/agent.js';
import { ventureSettings } from '../shared/settings.js';
import { storeJournal } from '../shared/venue-memory.js';
import { createResaleSimulator } from './simulator.js';

export interface MeasureOptions {
  readonly seed: number;
  readonly days: number;
  readonly fromMs: number;
  readonly stepHours: number;
  /** `ventures.<agent>` config keys to apply (e.g. `{ min_margin: 0.15 }`); none: the defaults. */
  readonly overrides?: Record<string, unknown>;
}

export interface VentureMeasure {
  readonly venture: 'collectibles' | 'luxury';
  readonly simulated: true;
  readonly bought: number;
  readonly sold: number;
  readonly counterfeits_caught: number;
  readonly counterfeit_losses: number;
  readonly revenue: number;
  readonly fees: number;
  readonly profit: number;
  /** Collectibles: ROI per cycle; luxury: margin on net sales; null before anything closed. */
  readonly measure: 'roi_per_cycle' | 'margin';
  readonly value: number | null;
  readonly target: { min: number; max: number };
  readonly min_margin: number;
}

/** Runs `spec` (the venture's agent spec, passed in by the caller: agents are wired by composition roots only) on its simulator. */
export async function measureResale(venture: 'collectibles' | 'luxury', spec: VentureSpec, o: MeasureOptions): Promise<VentureMeasure> {
  const home = mkdtempSync(join(tmpdir(), `nl-measure-${venture}-`));
  try {
    if (o.overrides) writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ ventures: { [spec.name]: o.overrides } }));
    const config = loadConfig({ home, seed: o.seed }, {});
    const store = openFileStore(home);
    const marketplace =
      venture === 'collectibles'
        ? createResaleSimulator('collectibles-sim', collectiblesMarket(o.seed), COLLECTIBLES_VENUE, storeJournal(store, collectiblesMarketSim))
        : createResaleSimulator('luxury-sim', luxuryMarket(o.seed), LUXURY_VENUE, storeJournal(store, luxuryMarketSim));
    const ctx: AgentContext = { name: spec.name, clock: manualClock(o.fromMs), store, log: silentLogger(), config, ports: { marketplace } };
    const settings = ventureSettings(config, spec.name, spec.defaults);
    const cycle = await spec.create(ctx, settings);
    const end = o.fromMs + o.days * MS.day;
    for (let now = o.fromMs; now < end; now += o.stepHours * MS.hour) await runCycle(spec, ctx, cycle, settings, { state: 'ACTIVE', riskScaler: 1, reasons: [] }, now, now);
    const common = { venture, simulated: true as const, min_margin: settings.minMargin };
    if (venture === 'collectibles') {
      const s = collectiblesSummary(store.get(collectiblesInventory), store.ledger(collectiblesPnl).readAll());
      return { ...common, ...pick(s), measure: 'roi_per_cycle', value: s.roi_per_cycle, target: s.target };
    }
    const s = luxurySummary(store.get(luxuryInventory), store.ledger(luxuryPnl).readAll());
    return { ...common, ...pick(s), measure: 'margin', value: s.margin, target: s.target };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function pick(s: { items_bought: number; items_sold: number; counterfeits_caught: number; counterfeit_losses: number; revenue: number; fees: number; profit: number }): Pick<VentureMeasure, 'bought' | 'sold' | 'counterfeits_caught' | 'counterfeit_losses' | 'revenue' | 'fees' | 'profit'> {
  return { bought: s.items_bought, sold: s.items_sold, counterfeits_caught: s.counterfeits_caught, counterfeit_losses: s.counterfeit_losses, revenue: s.revenue, fees: s.fees, profit: s.profit };
}
