/**
 * How the resale simulator's memory (runtime/<venture>_market_sim.json, kept with
 * shared/venue-memory.ts storeJournal so it outlives the agent as a real venue would) stays bounded:
 * closed entries past the journal horizon are dropped.
 */
import type { ResaleSimState } from '../../contracts/resale-sim.js';

/**
 * Drop (in place) every purchase closed at or before `mark`, with its item and listings: an item closes
 * when it failed authentication (refunded at once), or when it sold and — a counterfeit that slipped
 * through — came back `returnDelayMs` later; a rejected purchase closes at once. Items held or listed
 * stay, however old. `soldAt` is the venue's own sale time of a listing. Returns how many entries were dropped.
 */
export function compactResaleState(s: ResaleSimState, mark: number, soldAt: (listingId: string, l: ResaleSimState['listings'][string]) => number | undefined, returnDelayMs: number): number {
  const closedAt = (itemId: string): number | undefined => {
    const item = s.items[itemId];
    if (!item) return undefined;
    if (!item.auth_passed) return item.auth_at;
    for (const [id, l] of Object.entries(s.listings)) {
      if (l.item_id !== itemId) continue;
      const at = soldAt(id, l);
      if (at !== undefined) return item.counterfeit ? at + returnDelayMs : at;
    }
    return undefined;
  };
  let dropped = 0;
  for (const [id, p] of Object.entries(s.purchases)) {
    const closed = p.state === 'rejected' || p.item_id === null ? p.at : closedAt(p.item_id);
    if (closed === undefined || closed > mark) continue;
    delete s.purchases[id];
    if (p.item_id !== null && s.items[p.item_id]) {
      delete s.items[p.item_id];
      dropped++;
    }
    dropped++;
  }
  for (const [id, l] of Object.entries(s.listings)) {
    if (s.items[l.item_id]) continue;
    delete s.listings[id];
    dropped++;
  }
  s.compacted_through = mark;
  return dropped;
}
