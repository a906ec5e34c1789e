/**
 * StubHub Seller API v2 (https://developer.stubhub.com; OpenAPI definitions in
 * github.com/viagogo/stubhub-api-docs static/openapi/inventory.json and sales.json), the selling
 * side the ticket agent resells on: create a listing on a StubHub event with an `external_id` we
 * choose (SellerListings_CreateListing), find it again by that id (SellerListings_GetByExternalListingId),
 * reprice it (SellerListings_Patch), delete it (SellerListings_DeleteListing) and read the account's
 * sales (Sales_GetSalesRecentUpdates, HAL pages followed through their `next` link).
 * Authentication is OAuth 2.0 client credentials (docs/authentication/application-only-authentication-flow.mdx):
 * the client id and secret, Basic-encoded, are exchanged at the token endpoint for a bearer token
 * with the scopes read:sellerlistings, write:sellerlistings and read:sales; the token is kept until
 * a minute before it expires, and fetched again once when StubHub answers 401 (it may be revoked).
 * Failures are NL_ERR_UPSTREAM errors naming the call, with `detail.reason`: `rate_limited` (a 429
 * is retried after its Retry-After, up to `rateLimitRetries` times: a 429 was not processed),
 * `auth` (401, or 403 insufficient_scope), `refused` (another 403: StubHub's `code` says why, e.g.
 * invalid_seller_listing_action), `malformed` (an answer without the documented fields), `server`,
 * `timeout`, `network`, `unexpected` (e.g. 400 validation_failed, with StubHub's field errors).
 */
import type { z } from 'zod';
import type { Config } from '../../config/config.js';
import { formatIssues } from '../../contracts/contract.js';
import { NeoLightError } from '../../core/errors.js';
import { rateLimitWait, sendJson, upstreamFail } from '../shared/venue-http.js';
import { stubhubError, stubhubListing, stubhubSalesPage, stubhubToken, type StubhubListing, type StubhubSale, type StubhubSalesPage } from './stubhub-schemas.js';

const STUBHUB_DEFAULT_BASE_URL = 'https://api.stubhub.net/v2';
/** The token endpoint of the OpenAPI's `OAuth2` security scheme (sandbox: https://sandbox.account.stubhub.com/oauth2/token). */
const STUBHUB_DEFAULT_TOKEN_URL = 'https://account.stubhub.com/oauth2/token';
export const STUBHUB_SCOPES = 'read:sellerlistings write:sellerlistings read:sales';

export interface StubhubOptions {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
  readonly rateLimitRetries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Longest wait honoured from a Retry-After header, ms. */
  readonly maxRetryAfterMs?: number;
  /** Clock for the token's expiry (tests). */
  readonly now?: () => number;
}

export interface NewStubhubListing {
  readonly externalId: string;
  readonly numberOfTickets: number;
  /** Price of each ticket, cents (USD). */
  readonly ticketPriceCents: number;
  readonly section: string;
  readonly row?: string;
  readonly ticketType: string;
  /** false: created unpublished, invisible to buyers until the seller publishes it. */
  readonly published: boolean;
}

export interface StubhubClient {
  createListing(eventId: number, l: NewStubhubListing): Promise<StubhubListing>;
  /** The listing carrying our external id; undefined when StubHub has none (404). */
  listingByExternalId(externalId: string): Promise<StubhubListing | undefined>;
  /** The repriced listing; undefined when StubHub no longer has it (404: sold out or deleted). */
  updatePrice(listingId: number, ticketPriceCents: number): Promise<StubhubListing | undefined>;
  /** 'deleted' (204), or 'gone' when StubHub no longer has the listing (404). */
  deleteListing(listingId: number): Promise<'deleted' | 'gone'>;
  /** Every sale created or updated since the time, all pages (at most `maxPages`, or an error: a sale is never skipped silently). */
  salesSince(sinceMs: number, maxPages?: number): Promise<StubhubSale[]>;
}

const fail = upstreamFail('stubhub');

const usd = (cents: number, what: string): { amount: number; currency_code: 'USD' } => {
  if (!Number.isInteger(cents) || cents <= 0) throw new NeoLightError('NL_ERR_BAD_INPUT', `stubhub: ${what}: ticket price ${cents} must be whole cents > 0`);
  return { amount: cents / 100, currency_code: 'USD' };
};

function parse<S extends z.ZodType>(what: string, schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fail(what, 'malformed', `answer does not match the documented shape: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** StubHub's `Error` body as one line: its code, message and field errors. */
function errorText(body: unknown, text: string): { code: string | undefined; message: string } {
  const e = stubhubError.safeParse(body);
  if (!e.success) return { code: undefined, message: text.slice(0, 200) };
  const fields = Object.entries(e.data.errors ?? {}).map(([k, v]) => `${k}: ${v.join('; ')}`);
  return { code: e.data.code ?? undefined, message: [e.data.code, e.data.message, ...fields].filter((x) => x).join(' — ') || text.slice(0, 200) };
}

export function stubhubClient(o: StubhubOptions): StubhubClient {
  const base = o.baseUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = o.rateLimitRetries ?? 2;
  const timeout = o.timeoutMs ?? 15_000;
  const clock = o.now ?? Date.now;
  let token: { value: string; until: number } | undefined;

  const send = async (what: string, url: string, init: RequestInit): Promise<{ res: Response; body: unknown; text: string }> => {
    const { res, text, parsed } = await sendJson(fail, what, url, init, timeout);
    return { res, body: parsed, text };
  };

  async function accessToken(): Promise<string> {
    if (token && clock() < token.until) return token.value;
    const what = 'token';
    const basic = Buffer.from(`${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`).toString('base64');
    const { res, body, text } = await send(what, o.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': 'NeoLight' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: STUBHUB_SCOPES }).toString(),
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) throw fail(what, 'auth', `HTTP ${res.status} ${text.slice(0, 200)}: check STUBHUB_CLIENT_ID and STUBHUB_CLIENT_SECRET (and that the application was granted ${STUBHUB_SCOPES})`);
    if (!res.ok) throw fail(what, res.status >= 500 ? 'server' : 'unexpected', `HTTP ${res.status} ${text.slice(0, 200)}`);
    const t = parse(what, stubhubToken, body);
    // A minute's margin: a token that expires in flight would fail a call that was otherwise fine.
    token = { value: t.access_token, until: clock() + Math.max(0, t.expires_in - 60) * 1000 };
    return token.value;
  }

  /** The call's answer: 2xx bodies, and 404 as `undefined` where `notFound` allows it. */
  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, notFound = false): Promise<{ status: number; body: unknown }> {
    const url = /^https?:\/\//.test(path) ? path : `${base}${path}`;
    const what = `${method} ${new URL(url).pathname.replace(new URL(base).pathname, '')}`;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const bearer = await accessToken();
      const { res, body: answer, text } = await send(what, url, {
        method,
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/hal+json', 'user-agent': 'NeoLight', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const err = errorText(answer, text);
      if (res.status === 429) {
        await sleep(rateLimitWait(fail, what, res, attempt, retries, o.maxRetryAfterMs ?? 60_000, Date.now()));
        continue;
      }
      if (res.status === 401 && !renewed) {
        // The cached token may have been revoked before its expiry: one fresh token, then the verdict.
        renewed = true;
        token = undefined;
        attempt--;
        continue;
      }
      if (res.status === 401 || (res.status === 403 && err.code === 'insufficient_scope'))
        throw fail(what, 'auth', `HTTP ${res.status} ${err.message}: check STUBHUB_CLIENT_ID and STUBHUB_CLIENT_SECRET and the application's scopes (${STUBHUB_SCOPES})`);
      if (res.status === 403) throw fail(what, 'refused', `HTTP 403 ${err.message}`, { code: err.code ?? null });
      if (res.status === 404 && notFound) return { status: 404, body: undefined };
      if (res.status >= 500) throw fail(what, 'server', `HTTP ${res.status} ${err.message}`);
      if (!res.ok) throw fail(what, 'unexpected', `HTTP ${res.status} ${err.message}`, { code: err.code ?? null });
      return { status: res.status, body: answer };
    }
  }

  return {
    async createListing(eventId, l) {
      if (!Number.isInteger(l.numberOfTickets) || l.numberOfTickets <= 0) throw new NeoLightError('NL_ERR_BAD_INPUT', `stubhub: create listing: number of tickets ${l.numberOfTickets} must be a whole number > 0`);
      // PostSellerListingRequest: seating, ticket_type, split_type and number_of_tickets are required.
      // split_type None: the lot sells whole, which is what the agent books.
      const req = {
        external_id: l.externalId,
        number_of_tickets: l.numberOfTickets,
        ticket_price: usd(l.ticketPriceCents, 'create listing'),
        seating: { section: l.section, ...(l.row ? { row: l.row } : {}) },
        ticket_type: l.ticketType,
        split_type: 'None',
        published: l.published,
      };
      return parse('create listing', stubhubListing, (await call('POST', `/events/${eventId}/sellerlistings`, req)).body);
    },
    async listingByExternalId(externalId) {
      const r = await call('GET', `/externalsellerlistings/${encodeURIComponent(externalId)}`, undefined, true);
      return r.status === 404 ? undefined : parse('get listing by external id', stubhubListing, r.body);
    },
    async updatePrice(listingId, cents) {
      const r = await call('PATCH', `/sellerlistings/${listingId}`, { ticket_price: usd(cents, 'update listing') }, true);
      return r.status === 404 ? undefined : parse('update listing', stubhubListing, r.body);
    },
    deleteListing: async (listingId) => ((await call('DELETE', `/sellerlistings/${listingId}`, undefined, true)).status === 404 ? 'gone' : 'deleted'),
    async salesSince(sinceMs, maxPages = 50) {
      const out: StubhubSale[] = [];
      let next: string | undefined = `/sales/recentupdates?${new URLSearchParams({ updated_since: new Date(sinceMs).toISOString() }).toString()}`;
      for (let n = 0; next !== undefined; n++) {
        if (n >= maxPages) throw fail('sales', 'unexpected', `more than ${maxPages} pages of sales since ${new Date(sinceMs).toISOString()}; none booked rather than some missed`);
        const page: StubhubSalesPage = parse('sales', stubhubSalesPage, (await call('GET', next)).body);
        out.push(...(page._embedded?.items ?? []));
        const href: string | undefined = page._links?.next?.href ?? undefined;
        if (!href) break;
        const url: URL = new URL(href, `${base}/`);
        // The bearer token goes to StubHub only: a next link elsewhere is not followed.
        if (url.origin !== origin) throw fail('sales', 'malformed', `next page link ${href} leaves ${origin}`);
        next = url.toString();
      }
      return out;
    },
  };
}

/** The client from the settings; both credentials are required (a start-up error naming the missing variables). */
export function stubhubClientFromConfig(config: Pick<Config, 'stubhubClientId' | 'stubhubClientSecret' | 'stubhubBaseUrl' | 'stubhubTokenUrl'>): StubhubClient {
  const missing = [config.stubhubClientId ? undefined : 'STUBHUB_CLIENT_ID', config.stubhubClientSecret ? undefined : 'STUBHUB_CLIENT_SECRET'].filter((v): v is string => v !== undefined);
  if (missing.length > 0) throw new NeoLightError('NL_ERR_BAD_CONFIG', `stubhub: set ${missing.join(' and ')} (the Seller API takes an OAuth 2.0 client-credentials token)`);
  return stubhubClient({ baseUrl: config.stubhubBaseUrl ?? STUBHUB_DEFAULT_BASE_URL, tokenUrl: config.stubhubTokenUrl ?? STUBHUB_DEFAULT_TOKEN_URL, clientId: config.stubhubClientId!, clientSecret: config.stubhubClientSecret! });
}
