/**
 * Each venture's own ports, by agent name: its marketplace (or betting exchange, or publisher) —
 * the deterministic simulator by default, a real connector when the mode and its settings say so.
 * The one place that chooses them, beside ports.ts for the trader's venue; an agent that is not a
 * venture gets nothing from here.
 */
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { Marketplace } from '../core/marketplace.js';
import type { AgentPorts } from '../core/ports.js';
import type { StateStore } from '../store/state-store.js';
import type { collectiblesMarketSim } from '../contracts/resale-sim.js';
import type { MarketParams } from '../ventures/resale/sim-market.js';
import type { VenueParams } from '../ventures/resale/simulator.js';

/** A loader per venture: it imports the venture's simulator and connectors only when that agent starts. */
type VenturePortsFactory = (config: Config, clock: Clock) => Promise<Partial<AgentPorts>>;

const FACTORIES: Readonly<Record<string, VenturePortsFactory>> = {
  sports_analytics: async (config) => (await import('./betting-port.js')).bettingPort(config),
  sports_betting: async (config) => (await import('./betting-port.js')).bettingPort(config),
  // The simulator, with YouTube pieces going to the YouTube Data API when its credentials are set
  // (never in a backtest); half-set refresh credentials stop the start.
  content_agent: async (config) => ({ publisher: (await import('../ventures/content/publisher-from-config.js')).contentPublisherFromConfig(config) }),
  dropship_agent: async (config) => ({ marketplace: (await import('../ventures/dropship/marketplace-for.js')).dropshipMarketplaceFor(config) }),
  // No ticket exchange offers a documented public API for buying resale tickets: the simulator buys in
  // every mode, its memory of our lots and listings kept in the store so it outlives the agent as a venue
  // would; in paper/live mode with the StubHub credentials, lots of mapped events list and sell on StubHub.
  ticket_arbitrage: async (config) => {
    const [{ simulatedTicketMarketplace }, { ticketOwnSettings }, { ticketStoreJournal }, { openStore }, { ticketMarketplaceFor }] = await Promise.all([
      import('../ventures/tickets/simulator.js'),
      import('../ventures/tickets/settings.js'),
      import('../ventures/tickets/journal.js'),
      import('../store/open.js'),
      import('../ventures/tickets/marketplace-for.js'),
    ]);
    const store = openStore({ home: config.home, storeUrl: config.store });
    const sim = simulatedTicketMarketplace({ seed: config.seed, sellerFee: ticketOwnSettings(config).costs.sellerFee, journal: ticketStoreJournal(store) });
    return { marketplace: ticketMarketplaceFor(config, sim, store) };
  },
  // The resale simulator; in paper/live mode with the StockX credentials, mapped references list and
  // sell on StockX (its public API is seller-side only: asks, comps and purchases stay simulated).
  collectibles_agent: async (config) => {
    const [{ collectiblesMarketSim }, { collectiblesMarket, COLLECTIBLES_VENUE }, { collectiblesMarketplaceFor }] = await Promise.all([
      import('../contracts/resale-sim.js'),
      import('../ventures/collectibles/catalogue.js'),
      import('../ventures/collectibles/marketplace-for.js'),
    ]);
    const { marketplace, store } = await resaleSimulator(config, 'collectibles-sim', collectiblesMarket(config.seed), COLLECTIBLES_VENUE, collectiblesMarketSim);
    return { marketplace: collectiblesMarketplaceFor(config, marketplace, store) };
  },
  // The resale simulator; in paper/live mode with an eBay User token, mapped references list and sell
  // on eBay (its Sell APIs sell only: asks, comps, purchases and authentication stay simulated).
  luxury_agent: async (config) => {
    const [{ luxuryMarketSim }, { luxuryMarket, LUXURY_VENUE }, { luxuryMarketplaceFor }] = await Promise.all([
      import('../contracts/resale-sim.js'),
      import('../ventures/luxury/catalogue.js'),
      import('../ventures/luxury/marketplace-for.js'),
    ]);
    const { marketplace, store } = await resaleSimulator(config, 'luxury-sim', luxuryMarket(config.seed), LUXURY_VENUE, luxuryMarketSim);
    return { marketplace: luxuryMarketplaceFor(config, marketplace, store) };
  },
};

export async function venturePorts(agent: string | undefined, config: Config, clock: Clock): Promise<Partial<AgentPorts>> {
  const make = agent === undefined ? undefined : FACTORIES[agent];
  return make ? make(config, clock) : {};
}

/** A resale venture's simulated marketplace, its memory of the agent's trades kept in the configured store (returned for the connectors' own memory). */
async function resaleSimulator(
  config: Config,
  name: string,
  market: MarketParams,
  venue: VenueParams,
  journal: typeof collectiblesMarketSim,
): Promise<{ marketplace: Marketplace; store: StateStore }> {
  const [{ openStore }, journals, { createResaleSimulator }] = await Promise.all([import('../store/open.js'), import('../ventures/shared/venue-memory.js'), import('../ventures/resale/simulator.js')]);
  const store = openStore({ home: config.home, storeUrl: config.store });
  return { marketplace: createResaleSimulator(name, market, venue, journals.storeJournal(store, journal)), store };
}
