/**
 * What the real storefronts (StockX, StubHub, eBay) share of their memory: a runtime journal loaded
 * once and saved whole with its time, and the cursor they hand the agent with its events — the
 * listing client ids whose sale they reported. The agent passes the cursor back once it has booked
 * them, and the storefront then settles those listings and stops watching them.
 */

/** Where a storefront keeps its memory (a runtime document in the mesh, a variable in tests). */
export interface ConnectorJournal<S> {
  load(): S | undefined;
  save(s: S): void;
}

/** The memory, loaded on first use (`empty` when there is none yet), and saved stamped with `now`. */
export function connectorMemory<S extends { updated_at: string }>(journal: ConnectorJournal<S>, empty: () => S): { book: () => S; save: (now: number) => void } {
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
export function parseBooked(cursor: string | undefined): string[] {
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
