/**
 * Which marketplace each commerce venture trades on under the configuration, for `neolight doctor`:
 * the same predicates the mesh's venture ports use, so what doctor says is what the agents get.
 * Each venture's selling side has a real connector; its buying side stays simulated (no marketplace
 * documents a buying API for software), and what is simulated is said, not hidden.
 */
import type { Config } from '../config/config.js';
import { describeError } from '../core/errors.js';
import { stockxSettings, stockxWired } from './collectibles/marketplace-for.js';
import { ebayClientFromConfig } from './luxury/ebay-client.js';
import { ebaySettings, ebayWired } from './luxury/marketplace-for.js';
import { stubhubSettings, stubhubWired } from './tickets/marketplace-for.js';

export interface VentureMarketplace {
  readonly agent: string;
  readonly marketplace: string;
  /** True while any part of what the agent trades on is the simulator: its figures are SIMULATED. */
  readonly simulated: boolean;
  readonly detail: string;
  /** False when the configuration is wrong (the agent would not start). */
  readonly ok: boolean;
}

const real = (config: Config): boolean => config.mode === 'paper' || config.mode === 'live';

export function ventureMarketplaces(config: Config): VentureMarketplace[] {
  const shopify = real(config) && !!config.shopifyStoreDomain && !!config.shopifyPassword;
  return [
    shopify
      ? { agent: 'dropship_agent', marketplace: 'shopify+dropship-sim', simulated: true, ok: true, detail: 'listings, inventory and orders on the Shopify store; supplier SIMULATED' }
      : { agent: 'dropship_agent', marketplace: 'dropship-sim', simulated: true, ok: true, detail: 'SIMULATED (Shopify: paper or live mode with SHOPIFY_STORE_DOMAIN and SHOPIFY_PASSWORD)' },
    tickets(config),
    collectibles(config),
    luxury(config),
  ];
}

function collectibles(config: Config): VentureMarketplace {
  const agent = 'collectibles_agent';
  if (!stockxWired(config)) return { agent, marketplace: 'collectibles-sim', simulated: true, ok: true, detail: 'SIMULATED (StockX listings: paper or live mode with STOCKX_API_KEY and STOCKX_ACCESS_TOKEN)' };
  try {
    const s = stockxSettings(config);
    const n = Object.keys(s.variants).length;
    const detail = `listings of ${n} mapped reference${n === 1 ? '' : 's'} on StockX (asks ${s.activeListings ? 'live' : 'inactive until a person activates them'})${n === 0 ? ' — set ventures.collectibles_agent.stockx_variants' : ''}; purchases, asks and comps SIMULATED`;
    return { agent, marketplace: 'stockx+collectibles-sim', simulated: true, ok: true, detail };
  } catch (err) {
    return { agent, marketplace: 'stockx+collectibles-sim', simulated: true, ok: false, detail: describeError(err) };
  }
}

function tickets(config: Config): VentureMarketplace {
  const agent = 'ticket_arbitrage';
  const noBuying = 'purchases SIMULATED (no ticket exchange publishes an API for buying resale tickets; docs/ventures.md)';
  if (!stubhubWired(config)) return { agent, marketplace: 'tickets-sim', simulated: true, ok: true, detail: `SIMULATED (StubHub listings: paper or live mode with STUBHUB_CLIENT_ID and STUBHUB_CLIENT_SECRET); ${noBuying}` };
  try {
    const s = stubhubSettings(config);
    const ids = Object.keys(s.events);
    const mapped = ids.length === 0 ? 'no event mapped — set ventures.ticket_arbitrage.stubhub_events; every lot lists on the simulator' : `lots of ${ids.length} mapped event${ids.length === 1 ? '' : 's'} (${ids.join(', ')}) listed on StubHub (${s.publish ? 'published' : 'unpublished until a person publishes them'}); lots of other events list on the simulator, SIMULATED`;
    return { agent, marketplace: 'stubhub+tickets-sim', simulated: true, ok: true, detail: `${mapped}; ${noBuying}` };
  } catch (err) {
    return { agent, marketplace: 'stubhub+tickets-sim', simulated: true, ok: false, detail: describeError(err) };
  }
}

function luxury(config: Config): VentureMarketplace {
  const agent = 'luxury_agent';
  if (!ebayWired(config)) return { agent, marketplace: 'luxury-sim', simulated: true, ok: true, detail: 'SIMULATED (eBay listings: paper or live mode with EBAY_ACCESS_TOKEN, or EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN)' };
  try {
    ebayClientFromConfig(config); // the credentials' own check (no request is made)
    const n = Object.keys(ebaySettings(config).listings).length;
    const token = config.ebayRefreshToken ? 'renewed from EBAY_REFRESH_TOKEN' : 'EBAY_ACCESS_TOKEN as given (expires in about two hours)';
    const detail = `listings of ${n} mapped reference${n === 1 ? '' : 's'} on eBay (Sell Inventory/Fulfillment APIs, User token ${token})${n === 0 ? ' — set ventures.luxury_agent.ebay.listings' : ''}; purchases, asks, comps and authentication SIMULATED`;
    return { agent, marketplace: 'ebay+luxury-sim', simulated: true, ok: true, detail };
  } catch (err) {
    return { agent, marketplace: 'ebay+luxury-sim', simulated: true, ok: false, detail: describeError(err) };
  }
}
