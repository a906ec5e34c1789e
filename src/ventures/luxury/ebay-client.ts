/**
 * eBay Sell APIs for the luxury agent's selling side, written against eBay's OpenAPI contracts
 * (sell_inventory_v1_oas3.json, sell_fulfillment_v1_oas3.json; developer.ebay.com/api-docs/sell):
 * Inventory API v1 — createOrReplaceInventoryItem (PUT /inventory_item/{sku}, idempotent on the
 * seller's SKU), createOffer, getOffers by SKU, getOffer, updateOffer (a full replacement of the
 * offer), publishOffer, withdrawOffer — and Fulfillment API v1 getOrders (filter, limit, offset).
 * Every request carries an OAuth User access token (`Authorization: Bearer`): EBAY_ACCESS_TOKEN as
 * given, or minted and renewed from EBAY_REFRESH_TOKEN with the app's client id and secret at
 * /identity/v1/oauth2/token (grant_type=refresh_token, HTTP Basic client credentials; the Post-Order
 * API v2 return search and return detail take the same token as `Authorization: IAF <token>` with
 * X-EBAY-C-MARKETPLACE-ID); a 401 with
 * refresh credentials renews the token once and repeats the call.
 * Failures are NL_ERR_UPSTREAM errors naming the call, with `detail.reason`: `rate_limited` (a 429
 * is retried after its Retry-After, up to `rateLimitRetries` times: a 429 was not processed, so
 * repeating even a POST is safe), `auth` (401/403), `malformed` (an answer without the documented
 * fields), `rejected` (a 4xx with eBay's error list, e.g. a missing business policy), `server`,
 * `timeout`, `network`.
 */
import type { z } from 'zod';
import type { Config } from '../../config/config.js';
import { formatIssues } from '../../contracts/contract.js';
import { NeoLightError } from '../../core/errors.js';
import { rateLimitWait, sendJson, upstreamFail } from '../shared/venue-http.js';
import { ebayOffer, offerResponse, offersPage, ordersPage, publishResponse, returnDetail, returnSearchPage, tokenResponse, type EbayOffer, type EbayOrdersPage, type EbayReturnDetail } from './ebay-schemas.js';

const EBAY_DEFAULT_BASE_URL = 'https://api.ebay.com';
const EBAY_MARKETPLACE = 'EBAY_US';

export interface EbayRefreshCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

export interface EbayOptions {
  readonly baseUrl: string;
  readonly accessToken?: string;
  readonly refresh?: EbayRefreshCredentials;
  readonly timeoutMs?: number;
  readonly rateLimitRetries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Longest wait honoured from a Retry-After header, ms. */
  readonly maxRetryAfterMs?: number;
  readonly now?: () => number;
}

/** InventoryItem as createOrReplaceInventoryItem takes it (the fields the connector sets). */
export interface EbayInventoryItem {
  readonly availability: { readonly shipToLocationAvailability: { readonly quantity: number } };
  readonly condition: string;
  readonly product: { readonly title: string; readonly description: string; readonly imageUrls: readonly string[]; readonly aspects?: Readonly<Record<string, readonly string[]>> };
}

/** EbayOfferDetailsWithId: what updateOffer replaces the offer with (createOffer adds sku, marketplaceId, format). */
export interface EbayOfferDetails {
  readonly availableQuantity: number;
  readonly categoryId: string;
  readonly listingDescription: string;
  readonly listingDuration: 'GTC';
  readonly listingPolicies: { readonly fulfillmentPolicyId: string; readonly paymentPolicyId: string; readonly returnPolicyId: string };
  readonly merchantLocationKey: string;
  readonly pricingSummary: { readonly price: { readonly value: string; readonly currency: 'USD' } };
}

export interface EbayClient {
  putInventoryItem(sku: string, item: EbayInventoryItem): Promise<void>;
  createOffer(sku: string, offer: EbayOfferDetails): Promise<string>;
  /** The offers eBay holds for a SKU (none: an empty list, also when eBay answers 404 for an unknown SKU). */
  offersForSku(sku: string): Promise<EbayOffer[]>;
  getOffer(offerId: string): Promise<EbayOffer>;
  updateOffer(offerId: string, offer: EbayOfferDetails): Promise<void>;
  /** The eBay listing id the offer became. */
  publishOffer(offerId: string): Promise<string>;
  withdrawOffer(offerId: string): Promise<void>;
  /** One page of the seller's orders (GET /sell/fulfillment/v1/order). */
  orders(query: { filter: string; limit: number; offset: number }): Promise<EbayOrdersPage>;
  /** One page of the seller's returns created since `from` (Post-Order GET /post-order/v2/return/search). */
  returns(query: { from: number; limit: number; offset: number }): Promise<z.infer<typeof returnSearchPage>>;
  /** A return's refund and label (Post-Order GET /post-order/v2/return/{returnId}). */
  returnDetail(returnId: string): Promise<EbayReturnDetail>;
}

const fail = upstreamFail('ebay');

/** Cents as an Amount value ("1234.50"). */
export function amountValue(cents: number): string {
  if (!Number.isInteger(cents) || cents <= 0) throw new NeoLightError('NL_ERR_BAD_INPUT', `ebay: price ${cents} must be whole cents > 0`);
  return (cents / 100).toFixed(2);
}

/** eBay's error list ({errors: [{errorId, message, longMessage}]}) as one line; the raw text otherwise. */
function errorText(parsed: unknown, text: string): string {
  const errors: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'errors') : undefined;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors
      .map((e: unknown) => (typeof e === 'object' && e !== null ? `${String(Reflect.get(e, 'errorId') ?? '?')} ${String(Reflect.get(e, 'longMessage') ?? Reflect.get(e, 'message') ?? '')}`.trim() : String(e)))
      .join('; ')
      .slice(0, 400);
  }
  return text.slice(0, 200);
}

function shape<S extends z.ZodType>(what: string, schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fail(what, 'malformed', `answer does not match the documented shape: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

type Method = 'GET' | 'POST' | 'PUT';

export function ebayClient(o: EbayOptions): EbayClient {
  const base = o.baseUrl.replace(/\/+$/, '');
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const retries = o.rateLimitRetries ?? 2;
  const timeout = o.timeoutMs ?? 20_000;
  if (!o.accessToken && !o.refresh) throw new NeoLightError('NL_ERR_BAD_CONFIG', 'ebay: set EBAY_ACCESS_TOKEN, or EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN');
  let token: { value: string; expiresAt: number } | undefined = o.accessToken ? { value: o.accessToken, expiresAt: Number.POSITIVE_INFINITY } : undefined;

  const send = (what: string, url: string, init: RequestInit): Promise<{ res: Response; text: string; parsed: unknown }> => sendJson(fail, what, url, init, timeout);

  /** A fresh User access token from the refresh token (documented: the answer has no new refresh token). */
  async function renew(): Promise<string> {
    const r = o.refresh!;
    const what = 'token refresh';
    const { res, text, parsed } = await send(what, `${base}/identity/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${r.clientId}:${r.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: r.refreshToken }).toString(),
    });
    if (!res.ok) {
      const why = typeof parsed === 'object' && parsed !== null ? `${String(Reflect.get(parsed, 'error') ?? '')} ${String(Reflect.get(parsed, 'error_description') ?? '')}`.trim() : text.slice(0, 200);
      throw fail(what, res.status >= 500 ? 'server' : 'auth', `HTTP ${res.status} ${why}: check EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN (a refresh token lasts about 18 months; a person renews consent through eBay's authorization-code flow)`);
    }
    const t = shape(what, tokenResponse, parsed);
    // Renew a minute early so a call never leaves with a token about to lapse.
    token = { value: t.access_token, expiresAt: now() + t.expires_in * 1000 - 60_000 };
    return t.access_token;
  }

  const bearer = async (): Promise<string> => (token && token.expiresAt > now() ? token.value : renew());

  async function call(method: Method, path: string, opts: { body?: unknown; language?: boolean; notFoundOk?: boolean; postOrder?: boolean } = {}): Promise<{ status: number; body: unknown }> {
    const what = `${method} ${path.split('?')[0]}`;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      // The Post-Order API takes the same OAuth User token under the IAF scheme, and names the marketplace.
      const headers: Record<string, string> = opts.postOrder
        ? { authorization: `IAF ${await bearer()}`, accept: 'application/json', 'x-ebay-c-marketplace-id': EBAY_MARKETPLACE }
        : { authorization: `Bearer ${await bearer()}`, accept: 'application/json' };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      // createOrReplaceInventoryItem, createOffer and updateOffer require the payload's language.
      if (opts.language) headers['content-language'] = 'en-US';
      const { res, text, parsed } = await send(what, `${base}${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
      if (res.status === 429) {
        await sleep(rateLimitWait(fail, what, res, attempt, retries, o.maxRetryAfterMs ?? 60_000, now()));
        continue;
      }
      if (res.status === 401 && o.refresh && !renewed) {
        renewed = true;
        token = undefined;
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        throw fail(what, 'auth', `HTTP ${res.status} ${errorText(parsed, text)}: check ${o.refresh ? 'EBAY_REFRESH_TOKEN' : 'EBAY_ACCESS_TOKEN (a User access token lasts about two hours; set EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN to renew it)'} and its scopes sell.inventory and sell.fulfillment`);
      }
      if (res.status === 404 && opts.notFoundOk) return { status: 404, body: undefined };
      if (res.status >= 500) throw fail(what, 'server', `HTTP ${res.status} ${errorText(parsed, text)}`);
      if (!res.ok) throw fail(what, 'rejected', `HTTP ${res.status} ${errorText(parsed, text)}`, { status: res.status });
      return { status: res.status, body: parsed };
    }
  }

  const enc = encodeURIComponent;
  const inv = '/sell/inventory/v1';
  return {
    async putInventoryItem(sku, item) {
      await call('PUT', `${inv}/inventory_item/${enc(sku)}`, { body: item, language: true });
    },
    createOffer: async (sku, offer) =>
      shape('createOffer', offerResponse, (await call('POST', `${inv}/offer`, { body: { sku, marketplaceId: EBAY_MARKETPLACE, format: 'FIXED_PRICE', ...offer }, language: true })).body).offerId,
    async offersForSku(sku) {
      const r = await call('GET', `${inv}/offer?${new URLSearchParams({ sku, marketplace_id: EBAY_MARKETPLACE }).toString()}`, { notFoundOk: true });
      return r.status === 404 ? [] : shape('getOffers', offersPage, r.body).offers;
    },
    getOffer: async (offerId) => shape('getOffer', ebayOffer, (await call('GET', `${inv}/offer/${enc(offerId)}`)).body),
    async updateOffer(offerId, offer) {
      await call('PUT', `${inv}/offer/${enc(offerId)}`, { body: offer, language: true });
    },
    publishOffer: async (offerId) => shape('publishOffer', publishResponse, (await call('POST', `${inv}/offer/${enc(offerId)}/publish/`)).body).listingId,
    async withdrawOffer(offerId) {
      await call('POST', `${inv}/offer/${enc(offerId)}/withdraw`);
    },
    orders: async (q) =>
      shape('getOrders', ordersPage, (await call('GET', `/sell/fulfillment/v1/order?${new URLSearchParams({ filter: q.filter, limit: String(q.limit), offset: String(q.offset) }).toString()}`)).body),
    returns: async (q) =>
      shape(
        'searchReturns',
        returnSearchPage,
        (await call('GET', `/post-order/v2/return/search?${new URLSearchParams({ creation_date_range_from: new Date(q.from).toISOString(), limit: String(q.limit), offset: String(q.offset) }).toString()}`, { postOrder: true })).body,
      ),
    returnDetail: async (id) => shape('getReturn', returnDetail, (await call('GET', `/post-order/v2/return/${enc(id)}?fieldgroups=FULL`, { postOrder: true })).body),
  };
}

/** The client from the settings: a User access token, or the three refresh settings (a start-up error naming what is missing). */
export function ebayClientFromConfig(config: Pick<Config, 'ebayAccessToken' | 'ebayClientId' | 'ebayClientSecret' | 'ebayRefreshToken' | 'ebayBaseUrl'>): EbayClient {
  const refreshKeys = { EBAY_CLIENT_ID: config.ebayClientId, EBAY_CLIENT_SECRET: config.ebayClientSecret, EBAY_REFRESH_TOKEN: config.ebayRefreshToken };
  const set = Object.entries(refreshKeys).filter(([, v]) => !!v);
  if (set.length > 0 && set.length < 3) {
    const missing = Object.entries(refreshKeys).filter(([, v]) => !v).map(([k]) => k);
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `ebay: set ${missing.join(' and ')} too (renewing the User access token takes the client id, the client secret and the refresh token)`);
  }
  const refresh = set.length === 3 ? { clientId: config.ebayClientId!, clientSecret: config.ebayClientSecret!, refreshToken: config.ebayRefreshToken! } : undefined;
  return ebayClient({ baseUrl: config.ebayBaseUrl ?? EBAY_DEFAULT_BASE_URL, ...(config.ebayAccessToken ? { accessToken: config.ebayAccessToken } : {}), ...(refresh ? { refresh } : {}) });
}
