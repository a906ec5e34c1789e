/**
 * The ticket simulator's memory (runtime/ticket_market_sim.json in the mesh, kept with
 * shared/venue-memory.ts storeJournal so it outlives the agent as a real venue would; in memory in a
 * test of one process) and how it stays bounded: lots closed a journal horizon before the agent's
 * saved cursor are dropped.
 */
import { ticketMarketSim, type TicketSimState } from '../../contracts/ticket-sim.js';
import { eventStateAt, simEvent } from '../../market/commerce/events.js';
import type { StateStore } from '../../store/file-store.js';
import { storeJournal, type VenueJournal } from '../shared/venue-memory.js';
import { parseOffer } from './sim-offers.js';

export type TicketSimJournal = VenueJournal<TicketSimState>;

export function ticketStoreJournal(store: StateStore): TicketSimJournal {
  return storeJournal(store, ticketMarketSim);
}

/** A journal that lives and dies with the process (tests of one process only). */
export function memoryTicketJournal(): TicketSimJournal {
  let s: TicketSimState | undefined;
  return { load: () => s && structuredClone(s), save: (n) => void (s = structuredClone(n)) };
}

/**
 * Drop (in place) every purchase closed at or before `mark`, with its listings: a lot closes when its
 * event started or was cancelled (nothing sells or is refunded after that), a rejected purchase at once.
 * Returns how many entries were dropped.
 */
export function compactTicketState(s: TicketSimState, mark: number, seed: number): number {
  let dropped = 0;
  for (const [id, p] of Object.entries(s.purchases)) {
    const o = parseOffer(p.offer_id);
    let closed = p.at <= mark && (p.state === 'rejected' || !o);
    if (!closed && p.state === 'filled' && o) {
      const st = eventStateAt(simEvent(seed, o.event), mark);
      closed = st.status === 'cancelled' || st.startsMs <= mark;
    }
    if (!closed) continue;
    delete s.purchases[id];
    dropped++;
  }
  for (const [id, l] of Object.entries(s.listings)) {
    if (s.purchases[l.item_id]) continue;
    delete s.listings[id];
    dropped++;
  }
  s.compacted_through = mark;
  return dropped;
}
