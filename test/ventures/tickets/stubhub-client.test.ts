/**
 * The StubHub Seller API v2 client against a fake StubHub on 127.0.0.1: the client-credentials token
 * (Basic-encoded id and secret, the three scopes, cached until a minute before expiry, renewed once
 * when StubHub answers 401), the documented create body, 429 with Retry-After, 401 and malformed
 * answers as clear errors, and the sales read across every HAL page (never off the API's origin).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeoLightError } from '../../../src/core/errors.js';
import { STUBHUB_SCOPES, stubhubClient, stubhubClientFromConfig, type StubhubClient } from '../../../src/ventures/tickets/stubhub-client.js';
import { CLIENT_ID, CLIENT_SECRET, fakeStubhub, type FakeStubhub } from './fake-stubhub.js';

let now = Date.parse('2026-03-01T12:00:00Z');
let fake: FakeStubhub;
const sleeps: number[] = [];
beforeEach(async () => {
  now = Date.parse('2026-03-01T12:00:00Z');
  fake = await fakeStubhub(() => now, 3_600);
  sleeps.length = 0;
});
afterEach(() => fake.close());

const client = (over: Partial<Parameters<typeof stubhubClient>[0]> = {}): StubhubClient =>
  stubhubClient({ baseUrl: fake.base, tokenUrl: fake.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, sleep: async (ms) => void sleeps.push(ms), now: () => now, ...over });
const NEW = { externalId: 'neolight-lot-1:list', numberOfTickets: 2, ticketPriceCents: 12_345, section: '101', row: 'F', ticketType: 'ETicket', published: false };
async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(NeoLightError);
  return e as NeoLightError;
}
const api = () => fake.seen.filter((s) => s.path.startsWith('/v2/'));

describe('StubHub client', () => {
  it('takes a client-credentials token once, sends the documented create body, and finds, reprices and deletes the listing', async () => {
    const c = client();
    const made = await c.createListing(103_949, NEW);
    expect(made).toMatchObject({ id: 5_000_001, external_id: 'neolight-lot-1:list', number_of_tickets: 2, ticket_price: { cents: 12_345, currency: 'USD' } });
    const token = fake.seen[0]!;
    expect(token.path).toBe('/oauth2/token');
    expect(token.auth).toBe(`Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(String(token.body)))).toEqual({ grant_type: 'client_credentials', scope: STUBHUB_SCOPES });
    expect(api()[0]).toMatchObject({ method: 'POST', path: '/v2/events/103949/sellerlistings', auth: 'Bearer tok-1' });
    expect(api()[0]!.body).toEqual({ external_id: 'neolight-lot-1:list', number_of_tickets: 2, ticket_price: { amount: 123.45, currency_code: 'USD' }, seating: { section: '101', row: 'F' }, ticket_type: 'ETicket', split_type: 'None', published: false });

    expect((await c.listingByExternalId('neolight-lot-1:list'))?.id).toBe(made.id);
    expect(await c.listingByExternalId('neolight-nothing')).toBeUndefined();
    expect((await c.updatePrice(made.id, 11_000))?.ticket_price?.cents).toBe(11_000);
    expect(fake.listings.get(made.id)?.price).toBe(110);
    expect(await c.deleteListing(made.id)).toBe('deleted');
    expect(await c.deleteListing(made.id)).toBe('gone');
    expect(await c.updatePrice(made.id, 10_000)).toBeUndefined();
    // One token for all seven calls; a new one once it is within a minute of expiring.
    expect(fake.tokens).toEqual(['tok-1']);
    now += 3_541_000;
    await c.listingByExternalId('neolight-nothing');
    expect(fake.tokens).toEqual(['tok-1', 'tok-2']);
  });

  it('waits out a 429 for its Retry-After and gives up with rate_limited after the allowed retries, creating nothing twice', async () => {
    const rate = (after: string) => (_req: unknown, reply: { code(n: number): { header(k: string, v: string): { send(b: unknown): unknown } } }) => (reply.code(429).header('retry-after', after).send({ code: 'too_many_requests', message: null }), true);
    fake.queued.push(rate('7'));
    expect((await client().createListing(1, NEW)).id).toBeGreaterThan(0);
    expect(sleeps).toEqual([7_000]);
    expect(fake.creates).toBe(1);

    fake.queued.push(rate('2'), rate('2'), rate('2'));
    const e = await failure(client().createListing(1, { ...NEW, externalId: 'neolight-lot-2:list' }));
    expect(e.message).toMatch(/stubhub: POST \/events\/1\/sellerlistings failed: HTTP 429 after 3 tries; retry after 2 s/);
    expect(e.detail).toMatchObject({ venue: 'stubhub', reason: 'rate_limited', retry_after_ms: 2_000 });
    expect(fake.creates).toBe(1);
  });

  it('names the credentials on a refused token, renews a revoked token once, and reports a lasting 401 as auth', async () => {
    const bad = await failure(client({ clientSecret: 'wrong' }).salesSince(now));
    expect(bad.detail).toMatchObject({ reason: 'auth' });
    expect(bad.message).toMatch(/token failed: HTTP 401 .*check STUBHUB_CLIENT_ID and STUBHUB_CLIENT_SECRET/);

    const c = client();
    await c.salesSince(now);
    fake.revoked.add('tok-1');
    expect(await c.salesSince(now)).toEqual([]);
    expect(fake.tokens).toEqual(['tok-1', 'tok-2']);

    const unauthorized = () => (_req: unknown, reply: { code(n: number): { send(b: unknown): unknown } }) => (reply.code(401).send({ code: 'unauthorized', message: 'Authentication credentials were missing or incorrect.' }), true);
    fake.queued.push(unauthorized(), unauthorized());
    const e = await failure(c.createListing(1, NEW));
    expect(e.detail).toMatchObject({ venue: 'stubhub', reason: 'auth' });
    expect(e.message).toMatch(/HTTP 401 unauthorized — Authentication credentials were missing or incorrect\.: check STUBHUB_CLIENT_ID/);
    expect(fake.creates).toBe(0);
    // 403 insufficient_scope is an auth failure; another 403 is StubHub refusing the action, with its code.
    fake.queued.push((_req, reply) => (reply.code(403).send({ code: 'insufficient_scope', message: null }), true));
    expect((await failure(c.createListing(1, NEW))).detail).toMatchObject({ reason: 'auth' });
    const refused = await failure(c.createListing(999, NEW));
    expect(refused.detail).toMatchObject({ reason: 'refused', code: 'create_listing_not_allowed' });
    fake.queued.push((_req, reply) => (reply.code(400).send({ code: 'validation_failed', message: null, errors: { 'seller_listing.seating.section': ['Section 999 does not exist at this venue'] } }), true));
    const invalid = await failure(c.createListing(1, NEW));
    expect(invalid.detail).toMatchObject({ reason: 'unexpected', code: 'validation_failed' });
    expect(invalid.message).toMatch(/HTTP 400 validation_failed — seller_listing\.seating\.section: Section 999 does not exist at this venue/);
  });

  it('reports an answer without the documented fields as malformed, and a non-JSON one too', async () => {
    fake.queued.push((_req, reply) => (reply.code(201).send({ number_of_tickets: 2, ticket_price: { amount: 123.45, currency_code: 'USD' } }), true));
    const e = await failure(client().createListing(1, NEW));
    expect(e.detail).toMatchObject({ reason: 'malformed' });
    expect(e.message).toMatch(/create listing failed: answer does not match the documented shape: .*id/);
    fake.queued.push((_req, reply) => (reply.code(200).type('application/hal+json').send('<html>maintenance</html>'), true));
    expect((await failure(client().salesSince(now))).message).toMatch(/answer is not JSON: <html>maintenance/);
    fake.queued.push((_req, reply) => (reply.code(200).send({ page: 1, _embedded: { items: [{ id: 1, proceeds: { amount: '12,00', currency_code: 'USD' } }] } }), true));
    expect((await failure(client().salesSince(now))).message).toMatch(/sales failed: answer does not match the documented shape: .*proceeds/);
  });

  it('reads every page of sales through the next links, and refuses a next link off the API origin', async () => {
    fake.pageSize = 2;
    for (let i = 1; i <= 5; i++) fake.sales.push({ id: i, externalListingId: `x-${i}`, qty: 2, proceeds: 100 + i, status: 'Confirmed', createdAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z' });
    fake.sales.push({ id: 6, externalListingId: 'old', qty: 2, proceeds: 1, status: 'Confirmed', createdAt: '2026-02-01T10:00:00Z', updatedAt: '2026-02-01T10:00:00Z' });
    const sales = await client().salesSince(Date.parse('2026-03-01T00:00:00Z'));
    expect(sales.map((s) => [s.id, s.proceeds?.cents])).toEqual([[1, 10_100], [2, 10_200], [3, 10_300], [4, 10_400], [5, 10_500]]);
    const pages = api().filter((s) => s.path === '/v2/sales/recentupdates');
    expect(pages.map((p) => p.query.get('page'))).toEqual([null, '2', '3']);
    expect(pages.every((p) => p.query.get('updated_since') === '2026-03-01T00:00:00.000Z')).toBe(true);
    expect((await failure(client().salesSince(Date.parse('2026-03-01T00:00:00Z'), 2))).message).toMatch(/more than 2 pages of sales/);

    fake.queued.push((_req, reply) => (reply.code(200).send({ page: 1, _links: { next: { href: 'https://elsewhere.example/v2/sales?page=2' } }, _embedded: { items: [] } }), true));
    expect((await failure(client().salesSince(now))).message).toMatch(/next page link https:\/\/elsewhere\.example\/v2\/sales\?page=2 leaves http:\/\/127\.0\.0\.1/);
  });

  it('asks for both credentials before it starts', () => {
    expect(() => stubhubClientFromConfig({ stubhubClientId: 'id', stubhubClientSecret: undefined, stubhubBaseUrl: undefined, stubhubTokenUrl: undefined })).toThrow(/set STUBHUB_CLIENT_SECRET/);
    expect(() => stubhubClientFromConfig({ stubhubClientId: undefined, stubhubClientSecret: undefined, stubhubBaseUrl: undefined, stubhubTokenUrl: undefined })).toThrow(/set STUBHUB_CLIENT_ID and STUBHUB_CLIENT_SECRET/);
  });
});
