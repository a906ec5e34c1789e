/**
 * StockX Public API v2 (https://developer.stockx.com, OpenAPI "StockX Public Catalog API" and
 * "Listings API"), the seller side the collectibles agent resells on: a variant's market data (lowest
 * ask, highest bid, the "sell faster" and "earn more" prices) and its listings (asks): create,
 * reprice, delete, read. Every request carries both credentials the API requires: the `x-api-key`
 * header (STOCKX_API_KEY) and an OAuth 2.0 bearer access token from StockX's Auth0 tenant
 * (STOCKX_ACCESS_TOKEN; audience gateway.stockx.com, obtained by a person through the
 * authorization-code flow). Amounts are decimal strings in the API and integer cents here.
 * Failures are NL_ERR_UPSTREAM errors naming the call, with `detail.reason`: `rate_limited` (a 429
 * is retried after its Retry-After, up to `rateLimitRetries` times; a 429 was not processed, so even
 * a POST is safe to repeat), `auth` (401), `malformed` (a body without the documented fields),
 * `server`, `timeout`, `network`, `unexpected`. Listing operations are asynchronous at StockX: the
 * answer carries the operation's id and status (PENDING, SUCCEEDED, FAILED), and
 * `GET /selling/listings/{listingId}/operations/{operationId}` (OpenAPI `FindOperationById`, schema
 * `OperationApi`) reads it again until it is done; a FAILED one carries its `error` message.
 */
import type { z } from 'zod';
import type { Config } from '../../config/config.js';
import { formatIssues } from '../../contracts/contract.js';
import { NeoLightError } from '../../core/errors.js';
import { stockxListingsPage, stockxOrdersPage, type StockxListingsPage, type StockxOrdersPage } from './stockx-schemas.js';
import { rateLimitWait, sendJson, upstreamFail } from '../shared/venue-http.js';

export const STOCKX_DEFAULT_BASE_URL = 'https://api.stockx.com/v2';

export interface StockxOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly accessToken: string;
  readonly timeoutMs?: number;
  readonly rateLimitRetries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Longest wait honoured from a Retry-After header, ms. */
  readonly maxRetryAfterMs?: number;
}

export interface StockxMarketData {
  readonly lowestAskCents: number | null;
  readonly highestBidCents: number | null;
  readonly sellFasterCents: number | null;
  readonly earnMoreCents: number | null;
}

export interface StockxOperation {
  readonly listingId: string;
  readonly operationId: string;
  readonly operationStatus: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  /** Why a FAILED operation failed (the API's `error`); null otherwise or when StockX gave none. */
  readonly error: string | null;
}

export interface StockxListing {
  readonly listingId: string;
  readonly status: string;
  readonly amountCents: number | null;
}

export interface StockxClient {
  variantMarketData(productId: string, variantId: string): Promise<StockxMarketData>;
  /** `active: false` places the ask inactive: on the account, invisible to buyers until a person activates it. */
  createListing(variantId: string, amountCents: number, opts?: { active?: boolean }): Promise<StockxOperation>;
  updateListing(listingId: string, amountCents: number): Promise<StockxOperation>;
  deleteListing(listingId: string): Promise<StockxOperation>;
  /** An earlier listing operation as it stands now (GET /selling/listings/{listingId}/operations/{operationId}). */
  operation(listingId: string, operationId: string): Promise<StockxOperation>;
  getListing(listingId: string): Promise<StockxListing>;
  /** One page of the account's listings (GET /selling/listings), e.g. by variantIds, fromDate, listingStatuses. */
  listings(query: Record<string, string>): Promise<StockxListingsPage>;
  /** One page of the account's orders: active (created until paid out) or history (completed, cancelled, failed). */
  orders(which: 'active' | 'history', query: Record<string, string>): Promise<StockxOrdersPage>;
}

const fail = upstreamFail('stockx');

/** Dollars as the API writes them ("150", "149.99") to cents; null stays null; anything else is malformed. */
function cents(v: unknown, field: string, what: string): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'string' && /^\d+(\.\d{1,2})?$/.test(v.trim()) ? Number(v) : typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : Number.NaN;
  if (Number.isNaN(n)) throw fail(what, 'malformed', `field ${field} is ${JSON.stringify(v)}, expected a decimal amount such as "150.00"`);
  return Math.round(n * 100);
}

const amountText = (c: number): string => {
  if (!Number.isInteger(c) || c <= 0) throw new NeoLightError('NL_ERR_BAD_INPUT', `stockx: amount ${c} must be whole cents > 0`);
  return (c / 100).toFixed(2);
};

function field(body: unknown, name: string, what: string): string {
  const v: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
  if (typeof v !== 'string' || v === '') throw fail(what, 'malformed', `answer has no ${name} (got ${JSON.stringify(body)?.slice(0, 200)})`);
  return v;
}

function operation(body: unknown, what: string): StockxOperation {
  const status = field(body, 'operationStatus', what);
  if (status !== 'PENDING' && status !== 'SUCCEEDED' && status !== 'FAILED') throw fail(what, 'malformed', `operationStatus is "${status}", expected PENDING, SUCCEEDED or FAILED`);
  const error: unknown = Reflect.get(body as object, 'error');
  if (error !== undefined && error !== null && typeof error !== 'string') throw fail(what, 'malformed', `error is ${JSON.stringify(error)}, expected a message or null`);
  return { listingId: field(body, 'listingId', what), operationId: field(body, 'operationId', what), operationStatus: status, error: error ?? null };
}

const qs = (query: Record<string, string>): string => (Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '');

function page<S extends z.ZodType>(what: string, schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fail(what, 'malformed', `answer does not match the documented shape: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

export function stockxClient(o: StockxOptions): StockxClient {
  const base = o.baseUrl.replace(/\/+$/, '');
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = o.rateLimitRetries ?? 2;

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const what = `${method} ${path.split('?')[0]}`;
    for (let attempt = 0; ; attempt++) {
      const init: RequestInit = {
        method,
        headers: { 'x-api-key': o.apiKey, authorization: `Bearer ${o.accessToken}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      };
      const { res, text, parsed } = await sendJson(fail, what, `${base}${path}`, init, o.timeoutMs ?? 15_000);
      const message = typeof parsed === 'object' && parsed !== null && typeof Reflect.get(parsed, 'message') === 'string' ? String(Reflect.get(parsed, 'message')) : String(text).slice(0, 200);
      if (res.status === 429) {
        await sleep(rateLimitWait(fail, what, res, attempt, retries, o.maxRetryAfterMs ?? 60_000, Date.now()));
        continue;
      }
      if (res.status === 401 || res.status === 403) throw fail(what, 'auth', `HTTP ${res.status} ${message}: check STOCKX_API_KEY and STOCKX_ACCESS_TOKEN (the access token expires; a person renews it)`);
      if (res.status >= 500) throw fail(what, 'server', `HTTP ${res.status} ${message}`);
      if (!res.ok) throw fail(what, 'unexpected', `HTTP ${res.status} ${message}`);
      return parsed;
    }
  }

  const enc = encodeURIComponent;
  return {
    async variantMarketData(productId, variantId) {
      const what = 'market data';
      const b = await call('GET', `/catalog/products/${enc(productId)}/variants/${enc(variantId)}/market-data?currencyCode=USD`);
      if (typeof b !== 'object' || b === null) throw fail(what, 'malformed', `answer is ${JSON.stringify(b)}, expected an object`);
      const get = (k: string): unknown => Reflect.get(b, k);
      return { lowestAskCents: cents(get('lowestAskAmount'), 'lowestAskAmount', what), highestBidCents: cents(get('highestBidAmount'), 'highestBidAmount', what), sellFasterCents: cents(get('sellFasterAmount'), 'sellFasterAmount', what), earnMoreCents: cents(get('earnMoreAmount'), 'earnMoreAmount', what) };
    },
    createListing: async (variantId, amountCents, opts = {}) =>
      operation(await call('POST', '/selling/listings', { amount: amountText(amountCents), variantId, currencyCode: 'USD', ...(opts.active === undefined ? {} : { active: opts.active }) }), 'create listing'),
    updateListing: async (listingId, amountCents) => operation(await call('PATCH', `/selling/listings/${enc(listingId)}`, { amount: amountText(amountCents), currencyCode: 'USD' }), 'update listing'),
    deleteListing: async (listingId) => operation(await call('DELETE', `/selling/listings/${enc(listingId)}`), 'delete listing'),
    operation: async (listingId, operationId) => operation(await call('GET', `/selling/listings/${enc(listingId)}/operations/${enc(operationId)}`), 'get listing operation'),
    async getListing(listingId) {
      const b = await call('GET', `/selling/listings/${enc(listingId)}`);
      return { listingId: field(b, 'listingId', 'get listing'), status: field(b, 'status', 'get listing'), amountCents: cents(typeof b === 'object' && b !== null ? Reflect.get(b, 'amount') : undefined, 'amount', 'get listing') };
    },
    listings: async (query) => page('list listings', stockxListingsPage, await call('GET', `/selling/listings${qs(query)}`)),
    orders: async (which, query) => page(`${which} orders`, stockxOrdersPage, await call('GET', `/selling/orders/${which}${qs(query)}`)),
  };
}

/** The client from the settings; both credentials are required (a start-up error naming the missing variables). */
export function stockxClientFromConfig(config: Pick<Config, 'stockxApiKey' | 'stockxAccessToken' | 'stockxBaseUrl'>): StockxClient {
  const missing = [config.stockxApiKey ? undefined : 'STOCKX_API_KEY', config.stockxAccessToken ? undefined : 'STOCKX_ACCESS_TOKEN'].filter((v): v is string => v !== undefined);
  if (missing.length > 0) throw new NeoLightError('NL_ERR_BAD_CONFIG', `stockx: set ${missing.join(' and ')} (StockX requires an API key and an OAuth access token on every request)`);
  return stockxClient({ baseUrl: config.stockxBaseUrl ?? STOCKX_DEFAULT_BASE_URL, apiKey: config.stockxApiKey!, accessToken: config.stockxAccessToken! });
}
