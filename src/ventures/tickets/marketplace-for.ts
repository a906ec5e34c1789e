/**
 * The ticket agent's marketplace for the configuration: the deterministic ticket simulator by
 * default; in paper or live mode with STUBHUB_CLIENT_ID and STUBHUB_CLIENT_SECRET set, lots of the
 * events `ventures.ticket_arbitrage.stubhub_events` maps to a StubHub event are listed, marked down,
 * delisted and sold on StubHub, while offers, purchases, refunds of cancelled events and the lots of
 * unmapped events stay with the simulator — StubHub documents no API for buying resale tickets, and
 * primary tickets are never bought by software (US BOTS Act) — so the marketplace, and every figure
 * the agent shows, stays SIMULATED. Listings are created unpublished unless
 * `stubhub_publish_listings` is true: the tickets behind them were bought in the simulator, so a
 * person decides whether a listing is shown to buyers.
 */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema } from '../../config/sections/ventures.js';
import { ticketStubhub } from '../../contracts/stubhub-connector.js';
import type { Marketplace, MarketplaceEvent } from '../../core/marketplace.js';
import type { StateStore } from '../../store/state-store.js';
import { stubhubClientFromConfig, type StubhubClient } from './stubhub-client.js';
import { stubhubStorefront, type StubhubEventMapping, type StubhubStorefront } from './stubhub-storefront.js';
import { storeJournal } from '../shared/venue-memory.js';

export interface StubhubSettings {
  /** Schedule event id → where its lots are listed on StubHub. */
  readonly events: Readonly<Record<string, StubhubEventMapping>>;
  readonly publish: boolean;
}

export function stubhubSettings(config: Config): StubhubSettings {
  const s = configSection(config, 'ventures', venturesSectionSchema.optional())?.ticket_arbitrage;
  const events: Record<string, StubhubEventMapping> = {};
  for (const [id, e] of Object.entries(s?.stubhub_events ?? {})) events[id] = { eventId: e.event_id, section: e.section, ...(e.row ? { row: e.row } : {}), ticketType: e.ticket_type ?? 'ETicket' };
  return { events, publish: s?.stubhub_publish_listings ?? false };
}

/** Whether the agent lists on StubHub: paper or live mode with both credentials. */
export function stubhubWired(config: Config): boolean {
  return (config.mode === 'paper' || config.mode === 'live') && !!config.stubhubClientId && !!config.stubhubClientSecret;
}

/** Sim cursor and StubHub cursor in one opaque string; a bare sim cursor (before StubHub was wired) is read as the sim's. */
function splitCursor(cursor: string | undefined): { sim?: string; stubhub?: string } {
  if (cursor === undefined) return {};
  try {
    const v: unknown = JSON.parse(cursor);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const { sim, stubhub } = v as { sim?: unknown; stubhub?: unknown };
      return { ...(typeof sim === 'string' ? { sim } : {}), ...(typeof stubhub === 'string' ? { stubhub } : {}) };
    }
  } catch {
    // a bare simulator cursor (the ticket simulator's is a number)
  }
  return { sim: cursor };
}

/** The schedule event of a simulator offer id (`{event id}:b{bucket}:s{slot}` or `{event id}:primary`). */
const eventOfOffer = (offerId: string): string => offerId.split(':')[0] ?? offerId;

/** Offers, purchases and refunds from the simulator; listings of mapped lots on StubHub; events from both. */
export function withStubhub(sim: Marketplace, stubhub: StubhubStorefront): Marketplace {
  return {
    name: `stubhub+${sim.name}`,
    simulated: sim.simulated,
    scan: (now) => sim.scan(now),
    comps: (ref, now) => sim.comps(ref, now),
    async buy(req, now) {
      const p = await sim.buy(req, now);
      if (p.state === 'filled') for (const id of p.itemIds) stubhub.remember(id, eventOfOffer(req.offerId), req.qty, now);
      return p;
    },
    list: (req, now) => (stubhub.handles(req.itemId) ? stubhub.list(req, now) : sim.list(req, now)),
    reprice: (id, price, now) => (stubhub.owns(id) ? stubhub.reprice(id, price, now) : sim.reprice(id, price, now)),
    delist: (id, now) => (stubhub.owns(id) ? stubhub.delist(id, now) : sim.delist(id, now)),
    async events(cursor, now) {
      const c = splitCursor(cursor);
      const [a, b] = [await sim.events(c.sim, now), await stubhub.events(c.stubhub, now)];
      // The simulator refunds a cancelled event's lots it does not know were sold: one sold on StubHub is not refunded too.
      const simEvents = a.events.filter((e) => !(e.type === 'refund' && e.itemId !== undefined && stubhub.sold(e.itemId)));
      const events: MarketplaceEvent[] = [...simEvents, ...b.events].sort((x, y) => x.at - y.at || x.id.localeCompare(y.id));
      return { events, cursor: JSON.stringify({ sim: a.cursor, stubhub: b.cursor }) };
    },
  };
}

/** The simulator alone, or the simulator with StubHub listings when stubhubWired(config). */
export function ticketMarketplaceFor(config: Config, sim: Marketplace, store: StateStore, client?: StubhubClient): Marketplace {
  if (!stubhubWired(config)) return sim;
  const s = stubhubSettings(config);
  const storefront = stubhubStorefront({
    client: client ?? stubhubClientFromConfig(config),
    journal: storeJournal(store, ticketStubhub),
    eventOf: (id) => s.events[id],
    publish: s.publish,
  });
  return withStubhub(sim, storefront);
}
