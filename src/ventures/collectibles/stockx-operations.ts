/**
 * Waiting for StockX's asynchronous listing operations and reading its paged order lists, as the
 * storefront needs them (Public API v2, OpenAPI `FindOperationById`, `GetOrders`,
 * `GetHistoricalOrders`):
 * - an operation is read again with `GET /selling/listings/{listingId}/operations/{operationId}`
 *   at once and then after each of a bounded list of waits (0.5, 1, 2, 4, 8 s by default: 15.5 s in
 *   all); still PENDING after the last one, it is left for the caller to keep and poll later;
 * - an order list (and the listing search) is read page after page (`pageNumber` from 1, `pageSize` 100, the documented
 *   maximum) until `hasNextPage` is false. A page that is not the one asked for is malformed, and
 *   more pages than the bound is an error (`too_many_pages`) rather than a silently short list.
 */
import { NeoLightError } from '../../core/errors.js';
import type { StockxClient, StockxOperation } from './stockx-client.js';
import type { StockxListingsPage, StockxOrder } from './stockx-schemas.js';

export const DEFAULT_POLL_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];
/** 200 pages of 100: 20,000 orders (or listings) per query before it is an error. */
export const DEFAULT_MAX_ORDER_PAGES = 200;
/** The documented maximum page size of the order and listing lists. */
const PAGE_SIZE = 100;

export interface Polling {
  readonly delaysMs: readonly number[];
  readonly sleep: (ms: number) => Promise<void>;
}

/** The operation once it is SUCCEEDED or FAILED, or as it last stood (PENDING) after the last wait. */
export async function awaitOperation(client: StockxClient, listingId: string, operationId: string, p: Polling): Promise<StockxOperation> {
  let op = await client.operation(listingId, operationId);
  for (const ms of p.delaysMs) {
    if (op.operationStatus !== 'PENDING') return op;
    await p.sleep(ms);
    op = await client.operation(listingId, operationId);
  }
  return op;
}

/** How long awaitOperation waits at most, for messages. */
export const pollBudget = (p: Polling): string => `${p.delaysMs.length + 1} polls over ${p.delaysMs.reduce((a, b) => a + b, 0) / 1000} s`;

/** Every item of a paged list (`pageNumber` from 1, `pageSize` 100) to the page without `hasNextPage`; an error past `maxPages`. */
async function allPages<T>(what: string, read: (query: Record<string, string>) => Promise<{ pageNumber: number; hasNextPage: boolean; items: readonly T[] }>, maxPages: number): Promise<T[]> {
  const out: T[] = [];
  for (let n = 1; ; n++) {
    if (n > maxPages) {
      throw new NeoLightError(
        'NL_ERR_UPSTREAM',
        `stockx: ${what} failed: hasNextPage is still true after page ${maxPages} (${maxPages * PAGE_SIZE} items), the most read per query; nothing was booked from this read`,
        { venue: 'stockx', reason: 'too_many_pages', max_pages: maxPages },
      );
    }
    const page = await read({ pageNumber: String(n), pageSize: String(PAGE_SIZE) });
    if (page.pageNumber !== n) throw new NeoLightError('NL_ERR_UPSTREAM', `stockx: ${what} failed: page ${n} was asked for and page ${page.pageNumber} answered`, { venue: 'stockx', reason: 'malformed' });
    out.push(...page.items);
    if (!page.hasNextPage) return out;
  }
}

/** Every order of the list, all pages. */
export const allOrders = (client: StockxClient, which: 'active' | 'history', query: Record<string, string>, maxPages: number): Promise<StockxOrder[]> =>
  allPages(`${which} orders`, async (p) => {
    const page = await client.orders(which, { ...query, ...p });
    return { ...page, items: page.orders };
  }, maxPages);

/** Every listing the query matches, all pages. */
export const allListings = (client: StockxClient, query: Record<string, string>, maxPages: number): Promise<StockxListingsPage['listings']> =>
  allPages('list listings', async (p) => {
    const page = await client.listings({ ...query, ...p });
    return { ...page, items: page.listings };
  }, maxPages);
