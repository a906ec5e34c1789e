/**
 * The composition root's choice of adapters for the mode: the one place that asks which mode the
 * mesh runs in. sim → the deterministic simulator; paper → live quotes (Yahoo for equities, ETFs
 * and FX; ccxt/Kraken for crypto); both with the paper venue, whose book is the SmartTrader's,
 * rebuilt from its state and fills ledger on first use, so it survives restarts. live → the same
 * live quotes and the real venues NEOLIGHT_LIVE_VENUES lists (ccxt for crypto, Alpaca for ETFs),
 * behind the approval gate: the run's first order waits in state/approvals.json for a person. A
 * listed venue without its keys is a start-up error. Each feed and the ccxt venue honour their base
 * URL settings (NEOLIGHT_YAHOO_BASE_URL, NEOLIGHT_CCXT_BASE_URL, ALPACA_BASE_URL); backtest → the
 * in-process backtester supplies its own ports.
 */
import type { Config } from '../config/config.js';
import { traderConfig } from '../config/trader.js';
import type { Clock } from '../core/clock.js';
import type { AgentPorts } from '../core/ports.js';
import type { Quote } from '../core/market.js';
import { openStore } from '../store/open.js';
import type { StateStore } from '../store/state-store.js';
import { loadTraderState } from '../trading/book-store.js';
import { createPaperVenue, type PaperVenue } from '../trading/paper-venue.js';
import { AGENT as TRADER } from '../trading/smart-trader.js';
import { simulatorOptions } from './agent-ports.js';
import { clockFromEnv } from './mesh-clock.js';
import { SYMBOLS, instrument } from '../market/instruments.js';
import { simulatedMarket } from '../market/simulator.js';
import type { MarketData } from '../core/market.js';

export type MeshPorts = AgentPorts & Required<Pick<AgentPorts, 'market' | 'universe'>>;

export async function portsFor(config: Config, clock: Clock = clockFromEnv(config.timeScale)): Promise<MeshPorts> {
  const store = storeOnce(config);
  switch (config.mode) {
    case 'sim':
    case 'backtest':
      return withPaperVenue(config, simulatedMarket(config.seed, simulatorOptions(config)), clock, store);
    case 'paper':
      return withPaperVenue(config, (await import('./live-market.js')).liveMarket(config), clock, store);
    case 'live': {
      // The live feeds and venues load only here: a simulated trader never imports them.
      const [{ liveMarket }, { liveVenueFromConfig }, { approvalGatedVenue }] = await Promise.all([import('./live-market.js'), import('../trading/venues/from-config.js'), import('../trading/approval-gate.js')]);
      return {
        market: liveMarket(config),
        universe: SYMBOLS,
        // Built now, so a missing key stops the start (exit 2); it contacts nobody before the first order.
        venue: approvalGatedVenue(liveVenueFromConfig(config), { store: store(), agent: TRADER, now: () => clock.now() }),
      };
    }
  }
}

/**
 * The market port, remembering the last quote it served per symbol, and the paper venue filling on
 * that quote: the one the trader priced and checked the order on, at the tick's market time.
 */
/** The configured store, opened on first use and kept: with PostgreSQL each store is a worker thread and a connection. */
function storeOnce(config: Config): () => StateStore {
  let opened: StateStore | undefined;
  return () => (opened ??= openStore({ home: config.home, storeUrl: config.store }));
}

export function withPaperVenue(config: Config, market: MarketData, clock: Clock, store: () => StateStore = storeOnce(config)): MeshPorts & { venue: PaperVenue } {
  const last = new Map<string, Quote>();
  const remembering: MarketData = {
    simulated: market.simulated,
    quote: async (symbol, ts) => {
      const q = await market.quote(symbol, ts);
      last.set(symbol, q);
      return q;
    },
    bars: (symbol, from, to, interval) => market.bars(symbol, from, to, interval),
  };
  const cfg = traderConfig(config);
  const venue = createPaperVenue({
    name: 'paper',
    book: () => loadTraderState(store(), TRADER, clock.now(), config.startingEquity, config.mode).book,
    quote: (symbol) => last.get(symbol) ?? market.quote(symbol, clock.now()),
    instrument,
    costs: { slippageBps: cfg.slippage_bps, slippageBpsPer100k: cfg.slippage_bps_per_100k },
    maxOrderNotional: cfg.max_order_notional,
  });
  return { market: remembering, universe: SYMBOLS, venue };
}
