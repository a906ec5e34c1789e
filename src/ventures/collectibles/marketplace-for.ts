/**
 * The collectibles agent's marketplace for the configuration: the deterministic resale simulator
 * by default; in paper or live mode with STOCKX_API_KEY and STOCKX_ACCESS_TOKEN set, items whose
 * reference `ventures.collectibles_agent.stockx_variants` maps to a StockX variant are listed,
 * repriced and sold on StockX, while asks, comps and purchases stay with the simulator (StockX's
 * public API is seller-side only: it neither buys nor reports past sales) — so the marketplace,
 * and every figure the agent shows, stays SIMULATED. Asks are placed inactive unless
 * `stockx_active_listings` is true: the items behind them were bought in the simulator, so a person
 * decides whether an ask is shown to buyers.
 */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema } from '../../config/sections/ventures.js';
import { collectiblesStockx } from '../../contracts/stockx-connector.js';
import { NeoLightError } from '../../core/errors.js';
import type { Marketplace } from '../../core/marketplace.js';
import type { StateStore } from '../../store/state-store.js';
import { FEE_SCHEDULES } from '../resale/fees.js';
import { withStorefront } from '../resale/with-storefront.js';
import { COLLECTIBLES_CATALOGUE, COLLECTIBLES_VENUE } from './catalogue.js';
import { stockxClientFromConfig, type StockxClient } from './stockx-client.js';
import { stockxStorefront } from './stockx-storefront.js';
import { storeJournal } from '../shared/venue-memory.js';

export interface StockxSettings {
  /** Catalogue reference → StockX variant id. */
  readonly variants: Readonly<Record<string, string>>;
  readonly activeListings: boolean;
}

/** The StockX settings, each mapped reference checked against the catalogue (a StockX reference, or the valuation's fees would be another platform's). */
export function stockxSettings(config: Config): StockxSettings {
  const s = configSection(config, 'ventures', venturesSectionSchema.optional())?.collectibles_agent;
  const variants = s?.stockx_variants ?? {};
  for (const ref of Object.keys(variants)) {
    const known = COLLECTIBLES_CATALOGUE.find((r) => r.ref === ref);
    if (known?.platform !== 'stockx') {
      const accepted = COLLECTIBLES_CATALOGUE.filter((r) => r.platform === 'stockx').map((r) => r.ref).join(', ');
      throw new NeoLightError('NL_ERR_BAD_CONFIG', `config ventures.collectibles_agent.stockx_variants: "${ref}" is ${known ? `a ${known.platform} reference` : 'not in the collectibles catalogue'}; accepted: ${accepted}`, { key: ref });
    }
  }
  return { variants, activeListings: s?.stockx_active_listings ?? false };
}

/** Whether the agent lists on StockX: paper or live mode with both credentials. */
export function stockxWired(config: Config): boolean {
  return (config.mode === 'paper' || config.mode === 'live') && !!config.stockxApiKey && !!config.stockxAccessToken;
}

/** The simulator alone, or the simulator with StockX listings when stockxWired(config). */
export function collectiblesMarketplaceFor(config: Config, sim: Marketplace, store: StateStore, client?: StockxClient): Marketplace {
  if (!stockxWired(config)) return sim;
  const s = stockxSettings(config);
  const storefront = stockxStorefront({
    client: client ?? stockxClientFromConfig(config),
    journal: storeJournal(store, collectiblesStockx),
    variantOf: (ref) => s.variants[ref],
    activeListings: s.activeListings,
    fees: FEE_SCHEDULES.stockx,
    shippingOutCents: COLLECTIBLES_VENUE.shippingOutCents,
  });
  return withStorefront(sim, storefront, 'stockx');
}
