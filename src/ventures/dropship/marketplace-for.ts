/**
 * The dropshipping venture's marketplace for the configuration: the deterministic simulator (store
 * and supplier) by default; in paper or live mode with SHOPIFY_STORE_DOMAIN and the Admin API access
 * token (SHOPIFY_PASSWORD) set, the real Shopify store for listings, inventory and orders, with the
 * supplier still simulated — so every figure stays labelled SIMULATED until a supplier connector exists.
 */
import type { Config } from '../../config/config.js';
import type { Marketplace } from '../../core/marketplace.js';
import { dropshipOwnSettings } from './settings.js';
import { shopifyStorefront, type Storefront } from './shopify.js';
import { openStore } from '../../store/open.js';
import { dropshipStoreJournal } from './sim-journal.js';
import { simulatedDropshipMarketplace, type DropshipSimMarketplace } from './simulator.js';

/**
 * Listings, inventory and orders from one venue, supplier purchases (scan, comps, buy) from another.
 * The supplier's journal is kept bounded as the simulator's is: the storefront's cursor the agent
 * hands back says how far it has booked (Shopify's is the last order update it saw: every order
 * placed before it is booked, its supplier purchase made), and the supplier drops what it bought a
 * journal horizon before that — an order still to be booked was placed after it.
 */
export function withSupplier(storefront: Storefront, supplier: Marketplace & Partial<Pick<DropshipSimMarketplace, 'compactSupplier'>>): Marketplace {
  return {
    name: `${storefront.name}+${supplier.name}`,
    simulated: storefront.simulated || supplier.simulated,
    scan: (now) => supplier.scan(now),
    comps: (ref, now) => supplier.comps(ref, now),
    buy: (req, now) => supplier.buy(req, now),
    list: (req, now) => storefront.list(req, now),
    reprice: (id, price, now) => storefront.reprice(id, price, now),
    delist: (id, now) => storefront.delist(id, now),
    async events(cursor, now) {
      const r = await storefront.events(cursor, now);
      const booked = cursor === undefined ? NaN : Date.parse(cursor);
      if (Number.isFinite(booked)) supplier.compactSupplier?.(booked, now);
      return r;
    },
  };
}

export function dropshipMarketplaceFor(config: Config): Marketplace {
  const own = dropshipOwnSettings(config);
  // The simulator's memory lives in the store (runtime/dropship_market_sim.json), so it outlives the agent as a store and a supplier would.
  const journal = dropshipStoreJournal(openStore({ home: config.home, storeUrl: config.store }));
  const sim = simulatedDropshipMarketplace({ seed: config.seed, platform: own.platform, returnRate: own.returnRate, journal });
  const realMode = config.mode === 'paper' || config.mode === 'live';
  if (!realMode || !config.shopifyStoreDomain || !config.shopifyPassword) return sim;
  return withSupplier(shopifyStorefront({ baseUrl: config.shopifyStoreDomain, accessToken: config.shopifyPassword, unitsPerListing: own.unitsPerListing }), sim);
}
