/**
 * A fake eBay REST API on 127.0.0.1 (port 0, fastify) answering as eBay's OpenAPI contracts document
 * the seller side: a User access token on every Sell call (401 with eBay's error list otherwise) and
 * the refresh-token grant at /identity/v1/oauth2/token (HTTP Basic client credentials); Inventory
 * API inventory items by SKU (Content-Language required), offers (one per SKU and marketplace: a
 * second createOffer is error 25002), getOffers by SKU (404 error 25713 when there is none),
 * updateOffer, publishOffer and withdrawOffer; Fulfillment API getOrders with the lastmodifieddate
 * filter and limit/offset pages; Post-Order API v2 return search (creation_date_range_from, limit and
 * offset; `members` and `paginationOutput`) and return detail, with the token as `Authorization: IAF`
 * and X-EBAY-C-MARKETPLACE-ID required. Tests queue other answers (a 429, a 401, a malformed body) ahead of
 * the documented behaviour, or make eBay act and then drop its answer (`lose`).
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';

export interface FakeOffer {
  offerId: string;
  sku: string;
  body: Record<string, unknown>;
  status: 'PUBLISHED' | 'UNPUBLISHED';
  listingId?: string;
  listingStatus?: string;
  soldQuantity: number;
}

/** Answer the request (return true) or let the documented behaviour answer it (false). */
export type Override = (req: FastifyRequest, reply: FastifyReply) => boolean;

export interface FakeEbay {
  base: string;
  items: Map<string, Record<string, unknown>>;
  offers: Map<string, FakeOffer>;
  orders: Record<string, unknown>[];
  /** Returns: the `ReturnSummaryType` search shows and the detail GET /return/{id} shows (creation date in `summary.creationInfo.creationDate.value`). */
  returns: { summary: Record<string, unknown>; detail: Record<string, unknown> }[];
  seen: { method: string; path: string; query: URLSearchParams; body: unknown; headers: Record<string, string | string[] | undefined> }[];
  queued: Override[];
  /** Calls whose documented action is done but whose answer is then dropped (a lost answer): 'createOffer', 'publish', ... */
  lose: Set<string>;
  /** The access token the Sell calls accept now. */
  token: string;
  creates: number;
  publishes: number;
  close(): Promise<void>;
}

export const TOKEN = 'v^1.1#i^1#user-token-1';
export const CLIENT = { clientId: 'NeoLight-app-PRD-1', clientSecret: 'PRD-secret-1', refreshToken: 'v^1.1#r^1#refresh-1' };

export const ebayError = (errorId: number, message: string, extra: object = {}) => ({ errors: [{ errorId, domain: 'API_INVENTORY', category: 'REQUEST', message, longMessage: message, ...extra }] });

export function send(reply: FastifyReply, status: number, body?: unknown, headers: Record<string, string> = {}): true {
  void reply.code(status).headers(headers);
  if (body === undefined) void reply.send();
  else void reply.type('application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
  return true;
}

/** An order as getOrders returns it, with one line per SKU given. */
export function order(orderId: string, lines: { sku: string; cost: string; shipping?: string }[], o: { status?: string; fee?: string | null; modified: string; created?: string; cancel?: string; refunds?: string[] }): Record<string, unknown> {
  return {
    orderId,
    legacyOrderId: `${orderId}-legacy`,
    creationDate: o.created ?? o.modified,
    lastModifiedDate: o.modified,
    orderFulfillmentStatus: 'NOT_STARTED',
    orderPaymentStatus: o.status ?? 'PAID',
    sellerId: 'neolight_seller',
    buyer: { username: 'buyer_1' },
    cancelStatus: { cancelState: o.cancel ?? 'NONE_REQUESTED', cancelRequests: [] },
    ...(o.fee === null ? {} : { totalMarketplaceFee: { value: o.fee ?? '0.0', currency: 'USD' } }),
    paymentSummary: { payments: [], refunds: (o.refunds ?? []).map((v, i) => ({ refundId: `r-${i}`, refundStatus: 'REFUNDED', amount: { value: v, currency: 'USD' } })), totalDueSeller: { value: '0.0', currency: 'USD' } },
    lineItems: lines.map((l, i) => ({
      lineItemId: `${orderId}-${i + 1}`,
      legacyItemId: '110551234567',
      sku: l.sku,
      title: 'luxury item',
      quantity: 1,
      lineItemCost: { value: l.cost, currency: 'USD' },
      deliveryCost: { shippingCost: { value: l.shipping ?? '0.0', currency: 'USD' } },
      appliedPromotions: [],
      refunds: [],
      taxes: [],
    })),
  };
}

export async function fakeEbay(): Promise<FakeEbay> {
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const f: Omit<FakeEbay, 'base' | 'close'> = { items: new Map(), offers: new Map(), orders: [], returns: [], seen: [], queued: [], lose: new Set(), token: TOKEN, creates: 0, publishes: 0 };
  let nextOffer = 5000001;
  let nextListing = 110551000001;
  let nextToken = 2;

  const view = (x: FakeOffer) => ({
    offerId: x.offerId, sku: x.sku, marketplaceId: 'EBAY_US', format: 'FIXED_PRICE', status: x.status, ...x.body,
    ...(x.listingId ? { listing: { listingId: x.listingId, listingStatus: x.listingStatus, soldQuantity: x.soldQuantity } } : {}),
  });
  /** Do the documented action, then answer — or drop the answer when the call is in `lose`. */
  const answer = (reply: FastifyReply, name: string, status: number, body?: unknown): void => {
    if (f.lose.delete(name)) {
      reply.raw.destroy();
      return;
    }
    send(reply, status, body);
  };
  const unauthorized = (req: FastifyRequest, reply: FastifyReply): boolean =>
    req.headers.authorization !== `${req.url.startsWith('/post-order/') ? 'IAF' : 'Bearer'} ${f.token}` && send(reply, 401, { errors: [{ errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token', longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.' }] });
  const needsLanguage = (req: FastifyRequest, reply: FastifyReply): boolean => req.headers['content-language'] !== 'en-US' && send(reply, 400, ebayError(25709, 'Invalid value for header Content-Language.'));

  app.addHook('onRequest', async (req, reply) => {
    const url = new URL(req.url, 'http://fake');
    f.seen.push({ method: req.method, path: url.pathname, query: url.searchParams, body: undefined, headers: req.headers });
    void reply;
  });
  app.addHook('preHandler', async (req, reply) => {
    f.seen[f.seen.length - 1]!.body = req.body;
    const q = f.queued.shift();
    if (q && q(req, reply)) return reply;
    if (q) f.queued.unshift(q);
    if (!req.url.startsWith('/identity/') && unauthorized(req, reply)) return reply;
    return undefined;
  });

  app.post('/identity/v1/oauth2/token', async (req, reply) => {
    const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`;
    const form = new URLSearchParams(String(req.body));
    if (req.headers.authorization !== basic) return send(reply, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== CLIENT.refreshToken) return send(reply, 400, { error: 'invalid_grant', error_description: 'the provided authorization refresh token is invalid or was issued to another client' });
    f.token = `v^1.1#i^1#user-token-${nextToken++}`;
    return send(reply, 200, { access_token: f.token, expires_in: 7200, token_type: 'User Access Token' });
  });

  app.put<{ Params: { sku: string } }>('/sell/inventory/v1/inventory_item/:sku', async (req, reply) => {
    if (needsLanguage(req, reply)) return reply;
    const existed = f.items.has(req.params.sku);
    f.items.set(req.params.sku, req.body as Record<string, unknown>);
    return answer(reply, 'putInventoryItem', existed ? 204 : 201, existed ? undefined : {});
  });

  app.post('/sell/inventory/v1/offer', async (req, reply) => {
    if (needsLanguage(req, reply)) return reply;
    const { sku, marketplaceId, format, ...rest } = req.body as Record<string, unknown>;
    if (typeof sku !== 'string' || marketplaceId !== 'EBAY_US' || format !== 'FIXED_PRICE') return send(reply, 400, ebayError(25709, 'sku, marketplaceId and format are required'));
    if (!f.items.has(sku)) return send(reply, 400, ebayError(25702, `SKU ${sku} is not available in the system`));
    const dup = [...f.offers.values()].find((x) => x.sku === sku);
    if (dup) return send(reply, 400, ebayError(25002, 'A user error has occurred. Offer entity already exists.', { parameters: [{ name: 'offerId', value: dup.offerId }] }));
    const offerId = String(nextOffer++);
    f.creates++;
    f.offers.set(offerId, { offerId, sku, body: rest, status: 'UNPUBLISHED', soldQuantity: 0 });
    return answer(reply, 'createOffer', 201, { offerId });
  });

  app.get<{ Querystring: { sku?: string } }>('/sell/inventory/v1/offer', async (req, reply) => {
    const mine = [...f.offers.values()].filter((x) => x.sku === req.query.sku);
    if (mine.length === 0) return send(reply, 404, ebayError(25713, 'This Offer is not available.'));
    return send(reply, 200, { href: req.url, limit: 100, size: mine.length, total: mine.length, offers: mine.map(view) });
  });

  app.get<{ Params: { id: string } }>('/sell/inventory/v1/offer/:id', async (req, reply) => {
    const x = f.offers.get(req.params.id);
    return x ? send(reply, 200, view(x)) : send(reply, 404, ebayError(25713, 'This Offer is not available.'));
  });

  app.put<{ Params: { id: string } }>('/sell/inventory/v1/offer/:id', async (req, reply) => {
    if (needsLanguage(req, reply)) return reply;
    const x = f.offers.get(req.params.id);
    if (!x) return send(reply, 404, ebayError(25713, 'This Offer is not available.'));
    x.body = req.body as Record<string, unknown>;
    return answer(reply, 'updateOffer', 200, { offerId: x.offerId, warnings: [] });
  });

  app.post<{ Params: { id: string } }>('/sell/inventory/v1/offer/:id/publish/', async (req, reply) => {
    const x = f.offers.get(req.params.id);
    if (!x) return send(reply, 404, ebayError(25713, 'This Offer is not available.'));
    if (!Array.isArray((f.items.get(x.sku)?.product as { imageUrls?: unknown } | undefined)?.imageUrls)) return send(reply, 400, ebayError(25002, 'At least 1 picture is required.'));
    x.status = 'PUBLISHED';
    x.listingId ??= String(nextListing++);
    x.listingStatus = 'ACTIVE';
    f.publishes++;
    return answer(reply, 'publish', 200, { listingId: x.listingId, warnings: [] });
  });

  app.post<{ Params: { id: string } }>('/sell/inventory/v1/offer/:id/withdraw', async (req, reply) => {
    const x = f.offers.get(req.params.id);
    if (!x) return send(reply, 404, ebayError(25713, 'This Offer is not available.'));
    x.status = 'UNPUBLISHED';
    x.listingStatus = 'ENDED';
    return answer(reply, 'withdraw', 200, { listingId: x.listingId, warnings: [] });
  });

  app.get<{ Querystring: { filter?: string; limit?: string; offset?: string } }>('/sell/fulfillment/v1/order', async (req, reply) => {
    const from = /lastmodifieddate:\[([^.\]]+\.\d{3}Z)\.\.\]/.exec(req.query.filter ?? '')?.[1];
    const limit = Number(req.query.limit ?? 50);
    const offset = Number(req.query.offset ?? 0);
    const all = f.orders.filter((o) => from === undefined || Date.parse(String(o.lastModifiedDate)) >= Date.parse(from));
    const page = all.slice(offset, offset + limit);
    const link = (off: number) => `/sell/fulfillment/v1/order?limit=${limit}&offset=${off}`;
    return send(reply, 200, { href: link(offset), total: all.length, limit, offset, orders: page, ...(offset + limit < all.length ? { next: link(offset + limit) } : {}), ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}) });
  });

  app.get<{ Querystring: { creation_date_range_from?: string; limit?: string; offset?: string } }>('/post-order/v2/return/search', async (req, reply) => {
    if (req.headers['x-ebay-c-marketplace-id'] !== 'EBAY_US') return send(reply, 400, ebayError(1201, 'Missing X-EBAY-C-MARKETPLACE-ID header.'));
    const from = req.query.creation_date_range_from ? Date.parse(req.query.creation_date_range_from) : -Infinity;
    const limit = Number(req.query.limit ?? 25);
    const offset = Number(req.query.offset ?? 0);
    const created = (s: Record<string, unknown>) => Date.parse(String((s.creationInfo as { creationDate?: { value?: string } }).creationDate?.value));
    const all = f.returns.map((r) => r.summary).filter((s) => created(s) >= from);
    return send(reply, 200, { members: all.slice(offset, offset + limit), paginationOutput: { offset, limit, totalEntries: all.length, totalPages: Math.ceil(all.length / limit) } });
  });

  app.get<{ Params: { id: string } }>('/post-order/v2/return/:id', async (req, reply) => {
    const r = f.returns.find((x) => x.summary.returnId === req.params.id);
    if (!r) return send(reply, 404, ebayError(1002, 'The return ID is invalid.'));
    return send(reply, 200, { summary: r.summary, detail: r.detail });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return Object.assign(f, { base: `http://127.0.0.1:${port}`, close: () => app.close() });
}
