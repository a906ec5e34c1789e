/**
 * The cursor a real storefront (StockX, StubHub, eBay) hands the agent with its events: the listing
 * client ids whose sale it reported. The agent passes it back once it has booked them, and the
 * storefront then stops watching those listings.
 */

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
