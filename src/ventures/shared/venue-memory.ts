/**
 * A venue's memory of its dealings with the agent, as the simulators and the real storefronts
 * (StockX, StubHub, eBay) keep it: a journal (a runtime document of the state store in the mesh, a
 * variable in tests) loaded once and saved whole; and, for the storefronts, the cursor they hand the
 * agent with its events — the listing client ids whose sale they reported. The agent passes the
 * cursor back once it has booked them, and the storefront then settles those listings.
 */
import type { DocOf, DocumentContract } from '../../contracts/contract.js';
import type { StateStore } from '../../store/file-store.js';

/** Where a venue keeps its memory. */
export interface VenueJournal<S> {
  load(): S | undefined;
  save(s: S): void;
}

/** The journal as a document of the state store, written whole and atomically on every save. */
export function storeJournal<C extends DocumentContract>(store: StateStore, contract: C): VenueJournal<DocOf<C>> {
  return { load: () => store.get(contract), save: (s) => store.write(contract, s) };
}

/** The memory, loaded on first use (`empty` when there is none yet), and saved stamped with `now`. */
export function connectorMemory<S extends { updated_at: string }>(journal: VenueJournal<S>, empty: () => S): { book: () => S; save: (now: number) => void } {
  let state: S | undefined;
  const book = (): S => (state ??= journal.load() ?? empty());
  const save = (now: number): void => {
    const s = book();
    s.updated_at = new Date(now).toISOString();
    journal.save(s);
  };
  return { book, save };
}

/** The listing client ids a cursor names (an unreadable cursor names none: nothing is settled on a guess). */
function parseBooked(cursor: string | undefined): string[] {
  if (!cursor) return [];
  try {
    const v: unknown = JSON.parse(cursor);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Settles the listings the cursor names; true when one was not settled before (the memory then needs saving). */
export function settleBooked(listings: Readonly<Record<string, { settled: boolean }>>, cursor: string | undefined, each?: (clientId: string) => void): boolean {
  let changed = false;
  for (const id of parseBooked(cursor)) {
    const l = listings[id];
    if (l && !l.settled) changed = l.settled = true;
    each?.(id);
  }
  return changed;
}
