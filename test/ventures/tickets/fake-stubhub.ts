/**
 * A fake StubHub (fastify on 127.0.0.1, port 0) answering as StubHub's official OpenAPI definitions
 * and guides document the seller side (github.com/viagogo/stubhub-api-docs, static/openapi/inventory.json
 * and sales.json): the OAuth 2.0 token endpoint (client credentials, Basic-encoded; bearer tokens that
 * expire), `POST /v2/events/{eventId}/sellerlistings` (201 `SellerListing`; 400 validation_failed
 * without the required fields; a repeated external_id replaces the old listing, as the listing guide
 * says), `GET /v2/externalsellerlistings/{id}`, `PATCH` and `DELETE /v2/sellerlistings/{id}`, and
 * `GET /v2/sales/recentupdates` (`Sales` pages of `page_size` items linked by `_links.next`). Tests
 * queue other answers to API calls (a 429, a 401, a malformed body) ahead of the documented behaviour, or lose the
 * next create's answer after the listing was made.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

export const CLIENT_ID = 'nl-client';
export const CLIENT_SECRET = 'nl-secret:with/odd chars';

export interface FakeListing {
  id: number;
  eventId: number;
  externalId: string | null;
  qty: number;
  price: number;
  published: boolean;
  body: Record<string, unknown>;
}

export interface FakeSale {
  id: number;
  externalListingId: string;
  qty: number;
  proceeds: number;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/** Answer the request (return true) or let the documented behaviour answer it (false). */
export type Override = (req: FastifyRequest, reply: FastifyReply) => boolean;

export interface FakeStubhub {
  /** API root, as STUBHUB_BASE_URL. */
  base: string;
  tokenUrl: string;
  listings: Map<number, FakeListing>;
  sales: FakeSale[];
  /** Items per sales page. */
  pageSize: number;
  seen: { method: string; path: string; query: URLSearchParams; body: unknown; auth: string | undefined }[];
  queued: Override[];
  /** Tokens issued (each token endpoint call that succeeded). */
  tokens: string[];
  /** Tokens StubHub no longer accepts. */
  revoked: Set<string>;
  /** Create calls that reached the documented behaviour. */
  creates: number;
  /** The next create makes the listing, then the connection drops before the answer. */
  loseNextCreateAnswer: boolean;
  close(): Promise<void>;
}

const money = (amount: number) => ({ amount, currency_code: 'USD', display: `$${amount.toFixed(2)}` });
const error = (code: string, message: string | null, errors: Record<string, string[]> | null = null) => ({ code, message, errors });
/** The fake's seller fee: StubHub reports the proceeds; the fake keeps 15 % of the price. */
export const FAKE_FEE = 0.15;

export async function fakeStubhub(now: () => number = () => Date.now(), tokenLifetimeS = 86_400): Promise<FakeStubhub> {
  const app = Fastify({ logger: false });
  const f: Omit<FakeStubhub, 'base' | 'tokenUrl' | 'close'> = { listings: new Map(), sales: [], pageSize: 100, seen: [], queued: [], tokens: [], revoked: new Set(), creates: 0, loseNextCreateAnswer: false };
  const expiry = new Map<string, number>();
  let nextId = 5_000_001;
  let origin = '';

  const listing = (l: FakeListing) => ({
    id: l.id,
    created_at: new Date(now()).toISOString(),
    number_of_tickets: l.qty,
    seating: { section: (l.body.seating as { section: string }).section, row: null, seat_from: null, seat_to: null },
    ticket_price: money(l.price),
    ticket_proceeds: money(Math.round(l.price * (1 - FAKE_FEE) * 100) / 100),
    external_id: l.externalId,
    is_ticket_concierge: false,
    is_auto_po: false,
    _links: { self: { href: `${origin}/v2/sellerlistings/${l.id}`, templated: false } },
    _embedded: { event: { id: l.eventId, name: 'Fake event' } },
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addHook('preHandler', async (req, reply) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    f.seen.push({ method: req.method, path: url.pathname, query: url.searchParams, body: req.body, auth: req.headers.authorization });
    if (url.pathname === '/oauth2/token') return;
    const next = f.queued.shift();
    if (next?.(req, reply)) return reply;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || f.revoked.has(bearer) || (expiry.get(bearer) ?? 0) <= now()) return reply.code(401).type('application/hal+json').send(error('unauthorized', 'Authentication credentials were missing or incorrect.'));
    if (!req.headers['user-agent']) return reply.code(400).send(error('user_agent_required', null));
  });

  app.post('/oauth2/token', async (req, reply) => {
    const basic = Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64');
    const form = new URLSearchParams(String(req.body ?? ''));
    if (req.headers.authorization !== `Basic ${basic}` || form.get('grant_type') !== 'client_credentials') return reply.code(401).send({ error: 'invalid_client' });
    const token = `tok-${f.tokens.length + 1}`;
    f.tokens.push(token);
    expiry.set(token, now() + tokenLifetimeS * 1000);
    return { access_token: token, token_type: 'bearer', expires_in: tokenLifetimeS, scope: form.get('scope') };
  });

  app.post<{ Params: { eventId: string }; Body: Record<string, unknown> | null }>('/v2/events/:eventId/sellerlistings', async (req, reply) => {
    const b = req.body ?? {};
    const errors: Record<string, string[]> = {};
    for (const k of ['seating', 'ticket_type', 'split_type', 'number_of_tickets']) if (b[k] === undefined || b[k] === null) errors[`seller_listing.${k}`] = [`'${k}' is required`];
    if (!b.ticket_price && !b.ticket_proceeds) errors['seller_listing.ticket_price'] = ["You must provide either 'ticket_price' or 'ticket_proceeds'"];
    if (Object.keys(errors).length > 0) return reply.code(400).type('application/hal+json').send(error('validation_failed', null, errors));
    if (req.params.eventId === '999') return reply.code(403).type('application/hal+json').send(error('create_listing_not_allowed', 'Tickets cannot currently be listed for this event.'));
    const externalId = typeof b.external_id === 'string' ? b.external_id : null;
    // The listing guide: a create with an external_id that already exists deletes the old listing and creates the new one.
    for (const [id, l] of f.listings) if (externalId !== null && l.externalId === externalId) f.listings.delete(id);
    const l: FakeListing = { id: nextId++, eventId: Number(req.params.eventId), externalId, qty: Number(b.number_of_tickets), price: (b.ticket_price as { amount: number }).amount, published: b.published === true, body: b };
    f.listings.set(l.id, l);
    f.creates++;
    if (f.loseNextCreateAnswer) {
      f.loseNextCreateAnswer = false;
      reply.hijack();
      reply.raw.destroy();
      return reply;
    }
    return reply.code(201).type('application/hal+json').send(listing(l));
  });

  app.get<{ Params: { id: string } }>('/v2/externalsellerlistings/:id', async (req, reply) => {
    const l = [...f.listings.values()].find((x) => x.externalId === req.params.id);
    return l ? reply.type('application/hal+json').send(listing(l)) : reply.code(404).type('application/hal+json').send(error('not_found', 'The resource requested does not exist.'));
  });

  app.patch<{ Params: { id: string }; Body: { ticket_price?: { amount: number } } | null }>('/v2/sellerlistings/:id', async (req, reply) => {
    const l = f.listings.get(Number(req.params.id));
    if (!l) return reply.code(404).type('application/hal+json').send(error('not_found', 'The resource requested does not exist.'));
    if (req.body?.ticket_price) l.price = req.body.ticket_price.amount;
    return reply.type('application/hal+json').send(listing(l));
  });

  app.delete<{ Params: { id: string } }>('/v2/sellerlistings/:id', async (req, reply) => {
    if (!f.listings.delete(Number(req.params.id))) return reply.code(404).type('application/hal+json').send(error('not_found', 'The resource requested does not exist.'));
    return reply.code(204).send();
  });

  app.get<{ Querystring: { updated_since?: string; page?: string } }>('/v2/sales/recentupdates', async (req, reply) => {
    const since = req.query.updated_since ? Date.parse(req.query.updated_since) : -Infinity;
    const all = f.sales.filter((s) => Date.parse(s.updatedAt) >= since);
    const page = Number(req.query.page ?? 1);
    const items = all.slice((page - 1) * f.pageSize, page * f.pageSize).map((s) => ({
      id: s.id, created_at: s.createdAt, proceeds: money(s.proceeds), display_proceeds: money(s.proceeds), number_of_tickets: s.qty, status: s.status,
      status_description: `${s.status}: the buyer has paid`, external_listing_id: s.externalListingId, is_legacy_stubhub_order: false, _links: {}, _embedded: {},
    }));
    const link = (p: number) => ({ href: `${origin}/v2/sales/recentupdates?${new URLSearchParams({ ...(req.query.updated_since ? { updated_since: req.query.updated_since } : {}), page: String(p) }).toString()}`, templated: false });
    const more = page * f.pageSize < all.length;
    return reply.type('application/hal+json').send({ total_items: all.length, page, page_size: f.pageSize, _links: { self: link(page), ...(more ? { next: link(page + 1) } : {}) }, _embedded: { items } });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return Object.assign(f, { base: `${origin}/v2`, tokenUrl: `${origin}/oauth2/token`, close: () => app.close() });
}
