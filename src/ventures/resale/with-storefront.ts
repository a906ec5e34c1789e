/**
 * A resale venture's marketplace when its selling side is a real storefront (StockX for
 * collectibles, eBay for luxury goods): asks, comps and purchases stay with the simulator, items the
 * storefront handles are listed, repriced and delisted there, and events come from both, under one
 * cursor that carries each side's own.
 */
import type { Marketplace, MarketplaceEvent } from '../../core/marketplace.js';
import type { Storefront } from '../dropship/shopify.js';
import { parseOfferId } from './sim-market.js';

export interface ResaleStorefront extends Storefront {
  /** Note which reference a bought item is, so it can be listed under it. */
  remember(itemId: string, ref: string, nowMs: number): void;
  /** True when the item's reference is mapped to the storefront. */
  handles(itemId: string): boolean;
  /** True when the listing id is one of the storefront's listings. */
  owns(listingId: string): boolean;
}

/** Sim cursor and storefront cursor in one opaque string; a bare sim cursor (before the storefront was wired) is read as the sim's. */
export function splitCursor(cursor: string | undefined, side: string): { sim?: string; front?: string } {
  if (cursor === undefined) return {};
  try {
    const v: unknown = JSON.parse(cursor);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const sim: unknown = Reflect.get(v, 'sim');
      const front: unknown = Reflect.get(v, side);
      return { ...(typeof sim === 'string' ? { sim } : {}), ...(typeof front === 'string' ? { front } : {}) };
    }
  } catch {
    // a bare simulator cursor
  }
  return { sim: cursor };
}

/**
 * `side` names the storefront in the joint cursor (`{"sim": …, "<side>": …}`) and in the
 * marketplace's name. `onSimEvents` sees the simulator's events before the storefront is asked for
 * its own (eBay learns of a passed authentication there, before the agent can ask to list the item).
 */
export function withStorefront(sim: Marketplace, front: ResaleStorefront, side: string, onSimEvents?: (events: readonly MarketplaceEvent[], nowMs: number) => void): Marketplace {
  return {
    name: `${side}+${sim.name}`,
    simulated: sim.simulated,
    scan: (now) => sim.scan(now),
    comps: (ref, now) => sim.comps(ref, now),
    async buy(req, now) {
      const p = await sim.buy(req, now);
      const ref = parseOfferId(req.offerId)?.ref;
      if (p.state === 'filled' && ref) for (const id of p.itemIds) front.remember(id, ref, now);
      return p;
    },
    list: (req, now) => (front.handles(req.itemId) ? front.list(req, now) : sim.list(req, now)),
    reprice: (id, price, now) => (front.owns(id) ? front.reprice(id, price, now) : sim.reprice(id, price, now)),
    delist: (id, now) => (front.owns(id) ? front.delist(id, now) : sim.delist(id, now)),
    async events(cursor, now) {
      const c = splitCursor(cursor, side);
      const a = await sim.events(c.sim, now);
      onSimEvents?.(a.events, now);
      const b = await front.events(c.front, now);
      const events: MarketplaceEvent[] = [...a.events, ...b.events].sort((x, y) => x.at - y.at || x.id.localeCompare(y.id));
      return { events, cursor: JSON.stringify({ sim: a.cursor, [side]: b.cursor }) };
    },
  };
}
