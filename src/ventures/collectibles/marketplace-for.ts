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
import type { Marketplace, MarketplaceEvent } from '../../core/marketplace.js';
import type { StateStore } from '../../store/state-store.js';
import { FEE_SCHEDULES } from '../resale/fees.js';
import { parseOfferId } from '../resale/sim-market.js';
import { COLLECTIBLES_CATALOGUE, COLLECTIBLES_VENUE } from './catalogue.js';
import { stockxClientFromConfig, type StockxClient } from './stockx-client.js';
import { stockxStorefront, type StockxStorefront } from './stockx-storefront.js';

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

/** Sim cursor and StockX cursor in one opaque string; a bare sim cursor (before StockX was wired) is read as the sim's. */
function splitCursor(cursor: string | undefined): { sim?: string; stockx?: string } {
  if (cursor === undefined) return {};
  try {
    const v: unknown = JSON.parse(cursor);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const { sim, stockx } = v as { sim?: unknown; stockx?: unknown };
      return { ...(typeof sim === 'string' ? { sim } : {}), ...(typeof stockx === 'string' ? { stockx } : {}) };
    }
  } catch {
    // a bare simulator cursor
  }
  return { sim: cursor };
}

/** Purchases, asks and comps from the simulator; listings of mapped items on StockX; events from both. */
export function withStockx(sim: Marketplace, stockx: StockxStorefront): Marketplace {
  return {
    name: `stockx+${sim.name}`,
    simulated: sim.simulated,
    scan: (now) => sim.scan(now),
    comps: (ref, now) => sim.comps(ref, now),
    async buy(req, now) {
      const p = await sim.buy(req, now);
      const ref = parseOfferId(req.offerId)?.ref;
      if (p.state === 'filled' && ref) for (const id of p.itemIds) stockx.remember(id, ref, now);
      return p;
    },
    list: (req, now) => (stockx.handles(req.itemId) ? stockx.list(req, now) : sim.list(req, now)),
    reprice: (id, price, now) => (stockx.owns(id) ? stockx.reprice(id, price, now) : sim.reprice(id, price, now)),
    delist: (id, now) => (stockx.owns(id) ? stockx.delist(id, now) : sim.delist(id, now)),
    async events(cursor, now) {
      const c = splitCursor(cursor);
      const [a, b] = [await sim.events(c.sim, now), await stockx.events(c.stockx, now)];
      const events: MarketplaceEvent[] = [...a.events, ...b.events].sort((x, y) => x.at - y.at || x.id.localeCompare(y.id));
      return { events, cursor: JSON.stringify({ sim: a.cursor, stockx: b.cursor }) };
    },
  };
}

/** The simulator alone, or the simulator with StockX listings when stockxWired(config). */
export function collectiblesMarketplaceFor(config: Config, sim: Marketplace, store: StateStore, client?: StockxClient): Marketplace {
  if (!stockxWired(config)) return sim;
  const s = stockxSettings(config);
  const storefront = stockxStorefront({
    client: client ?? stockxClientFromConfig(config),
    journal: { load: () => store.get(collectiblesStockx), save: (st) => store.write(collectiblesStockx, st) },
    variantOf: (ref) => s.variants[ref],
    activeListings: s.activeListings,
    fees: FEE_SCHEDULES.stockx,
    shippingOutCents: COLLECTIBLES_VENUE.shippingOutCents,
  });
  return withStockx(sim, storefront);
}
