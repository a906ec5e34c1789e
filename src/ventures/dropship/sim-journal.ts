/**
 * The dropshipping simulator's memory (runtime/dropship_market_sim.json in the mesh): where it is kept
 * (the state store, or memory in a unit test) and how it stays bounded — an order is closed once its
 * last event (sale, return or chargeback) is past, a listing once it came down, a supplier purchase
 * once its order is in the past; closed entries older than the compaction mark are dropped.
 */
import { dropshipMarketSim, type DropshipSimState } from '../../contracts/dropship-sim.js';
import type { StateStore } from '../../store/file-store.js';
import { storeJournal, type VenueJournal } from '../shared/venue-memory.js';

export type DropshipSimJournal = VenueJournal<DropshipSimState>;

/** A journal that lives and dies with the process (tests of one process only). */
export function memoryDropshipJournal(): DropshipSimJournal {
  let s: DropshipSimState | undefined;
  return { load: () => s && structuredClone(s), save: (n) => void (s = structuredClone(n)) };
}

/** The journal in the state store: written whole and atomically on every change. */
export function dropshipStoreJournal(store: StateStore): DropshipSimJournal {
  return storeJournal(store, dropshipMarketSim);
}

type Order = DropshipSimState['orders'][string];

/** The time of an order's last event: nothing happens to it after this. */
export const orderClosesAt = (o: Order): number => Math.max(o.at, o.return_at ?? o.at, o.chargeback_at ?? o.at);

/** Drop (in place) every entry closed at or before `mark`; returns how many were dropped. */
export function compactDropshipState(s: DropshipSimState, mark: number): number {
  let dropped = 0;
  for (const [id, o] of Object.entries(s.orders)) {
    if (orderClosesAt(o) <= mark) {
      delete s.orders[id];
      dropped++;
    }
  }
  for (const [id, l] of Object.entries(s.listings)) {
    if (l.until !== null && l.until <= mark) {
      delete s.listings[id];
      dropped++;
    }
  }
  for (const [id, p] of Object.entries(s.purchases)) {
    if (p.at <= mark) {
      delete s.purchases[id];
      dropped++;
    }
  }
  s.compacted_through = mark;
  return dropped;
}
