/**
 * Each venture's own ports, by agent name: its marketplace (or betting exchange, or publisher) —
 * the deterministic simulator by default, a real connector when the mode and its settings say so.
 * The one place that chooses them, beside ports.ts for the trader's venue; an agent that is not a
 * venture gets nothing from here.
 */
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { AgentPorts } from '../core/ports.js';
import { collectiblesMarketSim, luxuryMarketSim } from '../contracts/resale-sim.js';
import { openFileStore } from '../store/file-store.js';
import { collectiblesMarket, COLLECTIBLES_VENUE } from '../ventures/collectibles/catalogue.js';
import { luxuryMarket, LUXURY_VENUE } from '../ventures/luxury/catalogue.js';
import { storeJournal } from '../ventures/resale/journal.js';
import { createResaleSimulator } from '../ventures/resale/simulator.js';

type VenturePortsFactory = (config: Config, clock: Clock) => Partial<AgentPorts>;

const FACTORIES: Readonly<Record<string, VenturePortsFactory>> = {
  // The resale simulators in every mode: StockX's public API is seller-side only (no buying, no
  // sales history), so it cannot stand in for the whole marketplace; see docs/ventures.md.
  collectibles_agent: (config) => ({
    marketplace: createResaleSimulator('collectibles-sim', collectiblesMarket(config.seed), COLLECTIBLES_VENUE, storeJournal(openFileStore(config.home), collectiblesMarketSim)),
  }),
  luxury_agent: (config) => ({
    marketplace: createResaleSimulator('luxury-sim', luxuryMarket(config.seed), LUXURY_VENUE, storeJournal(openFileStore(config.home), luxuryMarketSim)),
  }),
};

export function venturePorts(agent: string | undefined, config: Config, clock: Clock): Partial<AgentPorts> {
  const make = agent === undefined ? undefined : FACTORIES[agent];
  return make ? make(config, clock) : {};
}
