/**
 * The ticket agent's StubHub listings against a fake StubHub on 127.0.0.1: a lot of a mapped event is
 * listed once (unpublished unless configured), also when StubHub's answer was lost and the process
 * restarted (the listing is found by its external id and adopted, not placed again), marked down,
 * delisted, and its sale booked from StubHub's sales with the fees StubHub keeps (hand-computed);
 * a malformed sales page, a 401 and a refusal are clear errors that lose no state. Beside the
 * simulator, purchases stay SIMULATED and lots of unmapped events list on the simulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StubhubConnectorState } from '../../../src/contracts/stubhub-connector.js';
import { NeoLightError } from '../../../src/core/errors.js';
import { withStubhub } from '../../../src/ventures/tickets/marketplace-for.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';
import { stubhubClient } from '../../../src/ventures/tickets/stubhub-client.js';
import { externalIdOf, stubhubStorefront, type StubhubStorefront } from '../../../src/ventures/tickets/stubhub-storefront.js';
import { CLIENT_ID, CLIENT_SECRET, fakeStubhub, type FakeStubhub } from './fake-stubhub.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
let fake: FakeStubhub;
beforeEach(async () => {
  fake = await fakeStubhub(() => NOW);
});
afterEach(() => fake.close());

function memJournal(): { load(): StubhubConnectorState | undefined; save(s: StubhubConnectorState): void; peek(): StubhubConnectorState | undefined } {
  let s: StubhubConnectorState | undefined;
  return { load: () => (s ? structuredClone(s) : undefined), save: (n) => void (s = structuredClone(n)), peek: () => s };
}
const EVENTS: Record<string, { eventId: number; section: string; ticketType: string }> = { 'sim-e-3': { eventId: 103_949, section: '101', ticketType: 'ETicket' }, 'sim-e-9': { eventId: 999, section: 'GA', ticketType: 'ETicket' } };
const front = (journal = memJournal(), publish = false): StubhubStorefront =>
  stubhubStorefront({ client: stubhubClient({ baseUrl: fake.base, tokenUrl: fake.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, sleep: async () => {} }), journal, eventOf: (id) => EVENTS[id], publish });
async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(NeoLightError);
  return e as NeoLightError;
}
const REQ = { clientId: 'tk-lot-1:list', itemId: 'tk-lot-1', priceCents: 12_345 };
const sale = (id: number, externalId: string, proceeds: number, qty = 2) => ({ id, externalListingId: externalId, qty, proceeds, status: 'Confirmed', createdAt: '2026-03-02T09:00:00Z', updatedAt: '2026-03-02T09:30:00Z' });
const salesCalls = () => fake.seen.filter((s) => s.path === '/v2/sales/recentupdates').length;

describe('StubHub storefront', () => {
  it('lists a mapped lot once, marks it down, and books its sale with the fees StubHub keeps', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('tk-lot-1', 'sim-e-3', 2, NOW);
    expect(s.handles('tk-lot-1')).toBe(true);
    const l = await s.list(REQ, NOW);
    expect(l).toMatchObject({ state: 'active', itemId: 'tk-lot-1', priceCents: 12_345, listingId: '5000001' });
    expect(fake.listings.get(5_000_001)).toMatchObject({ eventId: 103_949, externalId: 'neolight-tk-lot-1:list', qty: 2, price: 123.45, published: false });
    // The same request again, from this process and from a restarted one: the first listing.
    expect((await s.list(REQ, NOW)).listingId).toBe('5000001');
    expect((await front(j).list(REQ, NOW)).listingId).toBe('5000001');
    expect(fake.creates).toBe(1);

    expect(await s.reprice('5000001', 11_000, NOW)).toMatchObject({ state: 'active', priceCents: 11_000 });
    expect(fake.listings.get(5_000_001)?.price).toBe(110);
    expect((await s.events(undefined, NOW)).events).toEqual([]);

    // StubHub sells the pair at $110 each and pays out $186.99: it kept 22 000 − 18 699 = 3 301 cents.
    fake.sales.push(sale(77, 'neolight-tk-lot-1:list', 186.99), sale(78, 'someone-else', 50));
    const r = await s.events(undefined, NOW);
    expect(r.events).toEqual([{ id: 'stubhub-sold-77', at: Date.parse('2026-03-02T09:00:00Z'), type: 'sold', itemId: 'tk-lot-1', listingId: '5000001', amountCents: 22_000, feesCents: 3_301, detail: 'stubhub sale 77 (tk-lot-1:list)' }]);
    expect(s.sold('tk-lot-1')).toBe(true);
    // Once the agent hands the cursor back (it booked the sale), the listing is settled: the sale is not
    // reported again, and StubHub's sales are read only to see whether it cancels it.
    const before = salesCalls();
    expect((await s.events(r.cursor, NOW)).events).toEqual([]);
    expect(salesCalls()).toBe(before + 1);
    expect(j.peek()?.listings['tk-lot-1:list']?.settled).toBe(true);
    expect(await s.reprice('5000001', 10_000, NOW)).toMatchObject({ state: 'sold' });
  });

  it('reverses a sale StubHub cancels after it was booked, once, also from a restarted process, and ends the listing that sold', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('tk-lot-1', 'sim-e-3', 2, NOW);
    await s.list(REQ, NOW);
    // Sold at $123.45 × 2 = 24 690 cents; StubHub pays $209.87 and keeps 24 690 − 20 987 = 3 703.
    fake.sales.push(sale(77, 'neolight-tk-lot-1:list', 209.87));
    const sold = await s.events(undefined, NOW);
    expect(sold.events.map((e) => [e.id, e.type, e.amountCents, e.feesCents])).toEqual([['stubhub-sold-77', 'sold', 24_690, 3_703]]);
    // Not booked yet (no cursor back): a restarted process reports the same sale from its memory.
    expect((await front(j).events(undefined, NOW)).events.map((e) => e.id)).toEqual(['stubhub-sold-77']);
    expect((await s.events(sold.cursor, NOW)).events).toEqual([]);

    // StubHub cancels the sale: it now pays nothing for it.
    const LATER = NOW + 86_400_000;
    Object.assign(fake.sales[0]!, { proceeds: 0, status: 'Cancelled', updatedAt: new Date(LATER).toISOString() });
    const r = await s.events(undefined, LATER);
    const cancelled = { id: 'stubhub-cancelled-77', at: LATER, type: 'cancelled', itemId: 'tk-lot-1', listingId: '5000001', amountCents: 24_690, feesCents: 3_703, detail: 'stubhub sale 77 cancelled: proceeds now 0 (tk-lot-1:list)' };
    expect(r.events).toEqual([cancelled]);
    expect(JSON.parse(r.cursor)).toEqual(['cancelled:tk-lot-1:list']);
    // The listing that sold is gone, so the lot cannot sell twice; the lot is no longer sold.
    const deletes = () => fake.seen.filter((x) => x.method === 'DELETE' && x.path === '/v2/sellerlistings/5000001').length;
    expect(deletes()).toBe(1);
    expect(fake.listings.size).toBe(0);
    expect(s.sold('tk-lot-1')).toBe(false);
    expect(await s.reprice('5000001', 10_000, LATER)).toMatchObject({ state: 'delisted' });

    // Before the agent hands the cursor back, a restart reports the cancellation again — from memory, without a second delete.
    const again = await front(j).events(undefined, LATER + 1_000);
    expect(again.events).toEqual([cancelled]);
    expect(deletes()).toBe(1);
    // Once booked, nothing more: no event, and the sale is no longer watched.
    const calls = salesCalls();
    expect((await front(j).events(again.cursor, LATER + 2_000)).events).toEqual([]);
    expect(j.peek()?.listings['tk-lot-1:list']?.sale).toMatchObject({ id: 77, cancelled_at: LATER, reversal_booked: true });
    expect(salesCalls()).toBe(calls);
  });

  it('books nothing for a sale StubHub already shows as paying nothing, and stops watching a sale after the watch period', async () => {
    const j = memJournal();
    const s = stubhubStorefront({ client: stubhubClient({ baseUrl: fake.base, tokenUrl: fake.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }), journal: j, eventOf: (id) => EVENTS[id], publish: false, cancellationWatchMs: 10 * 86_400_000 });
    s.remember('tk-lot-1', 'sim-e-3', 2, NOW);
    s.remember('tk-lot-2', 'sim-e-3', 2, NOW);
    await s.list(REQ, NOW);
    await s.list({ clientId: 'tk-lot-2:list', itemId: 'tk-lot-2', priceCents: 10_000 }, NOW);
    fake.sales.push(sale(80, 'neolight-tk-lot-1:list', 0), sale(81, 'neolight-tk-lot-2:list', 170));
    const r = await s.events(undefined, NOW);
    expect(r.events.map((e) => [e.id, e.amountCents, e.feesCents])).toEqual([['stubhub-sold-81', 20_000, 3_000]]);
    await s.events(r.cursor, NOW);
    // Cancelled eleven days after it was made: past the watch, so not looked for.
    Object.assign(fake.sales[1]!, { proceeds: 0, updatedAt: '2026-03-13T10:00:00Z' });
    const late = Date.parse('2026-03-13T10:00:00Z');
    const calls = salesCalls();
    expect(await s.events(undefined, late)).toMatchObject({ events: [] });
    // lot 1 is still open (its only sale pays nothing), so sales are read; lot 2's cancellation is not looked for.
    expect(salesCalls()).toBe(calls + 1);
    expect(s.sold('tk-lot-2')).toBe(true);
  });

  it('reads a memory written before sales were kept: a settled listing stays sold and is not watched', async () => {
    const j = memJournal();
    j.save({ updated_at: new Date(NOW).toISOString(), lots: { 'tk-lot-1': { event_id: 'sim-e-3', qty: 2 } }, listings: { 'tk-lot-1:list': { item_id: 'tk-lot-1', stubhub_event_id: 103_949, external_id: 'neolight-tk-lot-1:list', listing_id: 5_000_001, price_cents: 12_345, qty: 2, requested_at: NOW, settled: true } } });
    const s = front(j);
    expect(s.sold('tk-lot-1')).toBe(true);
    expect(await s.events(undefined, NOW)).toEqual({ events: [], cursor: '[]' });
    expect(salesCalls()).toBe(0);
    expect(await s.reprice('5000001', 10_000, NOW)).toMatchObject({ state: 'sold' });
  });

  it('adopts the listing StubHub made when the create answer was lost, after a restart, instead of placing a second', async () => {
    const j = memJournal();
    const s = front(j, true);
    s.remember('tk-lot-1', 'sim-e-3', 2, NOW);
    fake.loseNextCreateAnswer = true;
    const lost = await failure(s.list(REQ, NOW));
    expect(lost.detail).toMatchObject({ venue: 'stubhub', reason: 'network' });
    expect(fake.creates).toBe(1);
    expect(j.peek()?.listings['tk-lot-1:list']).toMatchObject({ listing_id: null, external_id: 'neolight-tk-lot-1:list', price_cents: 12_345 });

    const restarted = front(j, true);
    const l = await restarted.list(REQ, NOW + 60_000);
    expect(l).toMatchObject({ state: 'active', listingId: '5000001', priceCents: 12_345 });
    expect(fake.creates).toBe(1);
    expect(fake.listings.size).toBe(1);
    expect(fake.listings.get(5_000_001)?.published).toBe(true);
    expect(fake.seen.some((x) => x.method === 'GET' && x.path === '/v2/externalsellerlistings/neolight-tk-lot-1%3Alist')).toBe(true);

    // A failure before StubHub made anything: the look-up finds nothing and the listing is created once.
    restarted.remember('tk-lot-2', 'sim-e-3', 4, NOW);
    fake.queued.push((_req, reply) => (reply.code(500).send({ code: 'internal_server_error', message: 'Something is broken.' }), true));
    expect((await failure(restarted.list({ clientId: 'tk-lot-2:list', itemId: 'tk-lot-2', priceCents: 9_000 }, NOW))).detail).toMatchObject({ reason: 'server' });
    expect((await front(j).list({ clientId: 'tk-lot-2:list', itemId: 'tk-lot-2', priceCents: 9_000 }, NOW))).toMatchObject({ state: 'active', listingId: '5000002' });
    expect(fake.creates).toBe(2);
    expect(fake.listings.get(5_000_002)?.qty).toBe(4);
  });

  it('keeps every listing and books the sale once when a sales page is malformed or the credentials are refused', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('tk-lot-1', 'sim-e-3', 2, NOW);
    await s.list(REQ, NOW);
    fake.sales.push(sale(77, externalIdOf('tk-lot-1:list'), 209.87));
    fake.queued.push((_req, reply) => (reply.code(200).send({ page: 1, _embedded: { items: 'none' } }), true));
    const bad = await failure(s.events(undefined, NOW));
    expect(bad.detail).toMatchObject({ reason: 'malformed' });
    expect(bad.message).toMatch(/stubhub: sales failed: answer does not match the documented shape: .*_embedded/);
    expect(j.peek()?.listings['tk-lot-1:list']).toMatchObject({ listing_id: 5_000_001, settled: false });

    // A refused markdown leaves the ask where it was.
    const unauthorized = (_req: unknown, reply: { code(n: number): { send(b: unknown): unknown } }) => (reply.code(401).send({ code: 'unauthorized', message: null }), true);
    fake.queued.push(unauthorized, unauthorized);
    expect((await failure(s.reprice('5000001', 10_000, NOW))).detail).toMatchObject({ reason: 'auth' });
    expect(j.peek()?.listings['tk-lot-1:list']?.price_cents).toBe(12_345);
    expect(fake.listings.get(5_000_001)?.price).toBe(123.45);

    // The next cycle (a restarted process) books the sale: 2 × $123.45 = 24 690 cents gross, $209.87 paid out, 3 703 kept.
    const r = await front(j).events(undefined, NOW);
    expect(r.events.map((e) => [e.id, e.amountCents, e.feesCents])).toEqual([['stubhub-sold-77', 24_690, 3_703]]);
  });

  it('rejects a listing StubHub refuses for the event, forgets the request, and delists', async () => {
    const j = memJournal();
    const s = front(j);
    s.remember('tk-lot-9', 'sim-e-9', 2, NOW);
    s.remember('tk-lot-5', 'sim-e-5', 2, NOW);
    expect(s.handles('tk-lot-5')).toBe(false);
    expect(await s.list({ clientId: 'tk-lot-9:list', itemId: 'tk-lot-9', priceCents: 5_000 }, NOW)).toMatchObject({ state: 'rejected', code: 'STUBHUB_CREATE_LISTING_NOT_ALLOWED' });
    expect(j.peek()?.listings['tk-lot-9:list']).toBeUndefined();
    expect(await s.list({ clientId: 'tk-lot-5:list', itemId: 'tk-lot-5', priceCents: 5_000 }, NOW)).toMatchObject({ state: 'rejected', code: 'NOT_ON_STUBHUB' });

    s.remember('tk-lot-1', 'sim-e-3', 2, NOW);
    const l = await s.list(REQ, NOW);
    expect(await s.delist(l.listingId, NOW)).toMatchObject({ state: 'delisted', clientId: 'tk-lot-1:list' });
    expect(fake.listings.size).toBe(0);
    expect(await s.reprice(l.listingId, 9_000, NOW)).toMatchObject({ state: 'delisted' });
    expect(await s.reprice('123', 9_000, NOW)).toMatchObject({ state: 'rejected', code: 'UNKNOWN_LISTING' });
  });
});

describe('ticket marketplace with StubHub', () => {
  it('buys in the simulator (SIMULATED), lists lots of mapped events on StubHub and the others on the simulator', async () => {
    const sim = simulatedTicketMarketplace({ seed: 11, sellerFee: 0.12 });
    const offers = (await sim.scan(NOW)).filter((o) => o.attrs.primary === false);
    const mappedEvent = String(offers[0]!.attrs.event_id);
    const other = offers.find((o) => o.attrs.event_id !== mappedEvent)!;
    const s = stubhubStorefront({
      client: stubhubClient({ baseUrl: fake.base, tokenUrl: fake.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
      journal: memJournal(),
      eventOf: (id) => (id === mappedEvent ? { eventId: 4242, section: '220', ticketType: 'ETicket' } : undefined),
      publish: false,
    });
    const mp = withStubhub(sim, s);
    expect(mp).toMatchObject({ name: 'stubhub+tickets-sim', simulated: true });
    const a = await mp.buy({ clientId: 'tk-a', offerId: offers[0]!.id, qty: offers[0]!.qty, maxPriceCents: offers[0]!.priceCents }, NOW);
    const b = await mp.buy({ clientId: 'tk-b', offerId: other.id, qty: other.qty, maxPriceCents: other.priceCents }, NOW);
    expect([a.state, b.state]).toEqual(['filled', 'filled']);

    const onStubhub = await mp.list({ clientId: 'tk-a:list', itemId: 'tk-a', priceCents: 20_000 }, NOW);
    const onSim = await mp.list({ clientId: 'tk-b:list', itemId: 'tk-b', priceCents: 20_000 }, NOW);
    expect(onStubhub).toMatchObject({ state: 'active', listingId: '5000001' });
    expect(fake.listings.get(5_000_001)).toMatchObject({ eventId: 4242, qty: offers[0]!.qty, price: 200 });
    expect(onSim.listingId).toMatch(/^tl-/);
    expect(fake.creates).toBe(1);
    expect((await mp.reprice(onStubhub.listingId, 18_000, NOW)).priceCents).toBe(18_000);
    expect(fake.listings.get(5_000_001)?.price).toBe(180);

    fake.sales.push(sale(5, externalIdOf('tk-a:list'), 300, offers[0]!.qty));
    const ev = await mp.events(undefined, NOW + 1_000);
    const sold = ev.events.find((e) => e.id === 'stubhub-sold-5');
    expect(sold).toMatchObject({ itemId: 'tk-a', amountCents: 18_000 * offers[0]!.qty, feesCents: 18_000 * offers[0]!.qty - 30_000 });
    expect(JSON.parse(ev.cursor)).toEqual({ sim: String(NOW + 1_000), stubhub: JSON.stringify(['tk-a:list']) });
  });
});
