/** The resale simulator: market data is a pure function of seed and time; actions are idempotent on client ids and remembered across instances. */
import { describe, expect, it } from 'vitest';
import { collectiblesMarket, COLLECTIBLES_VENUE } from '../../../src/ventures/collectibles/catalogue.js';
import { createResaleSimulator, memoryJournal } from '../../../src/ventures/resale/simulator.js';
import { sellerFeesCents, FEE_SCHEDULES } from '../../../src/ventures/resale/fees.js';

const T = Date.parse('2026-01-10T12:00:00Z');
const DAY = 86_400_000;

describe('resale simulator', () => {
  it('shows the same asks and comps for the same seed and time, others for another seed', async () => {
    const a = createResaleSimulator('a', collectiblesMarket(42), COLLECTIBLES_VENUE, memoryJournal());
    const b = createResaleSimulator('b', collectiblesMarket(42), COLLECTIBLES_VENUE, memoryJournal());
    const c = createResaleSimulator('c', collectiblesMarket(7), COLLECTIBLES_VENUE, memoryJournal());
    const ref = 'sneaker:dunk-low-panda:9';
    expect(await a.scan(T)).toEqual(await b.scan(T));
    expect(await a.comps(ref, T)).toEqual(await b.comps(ref, T));
    expect(await a.comps(ref, T)).not.toEqual(await c.comps(ref, T));
    expect((await a.comps(ref, T)).length).toBeGreaterThan(100);
    expect(a.simulated).toBe(true);
  });

  it('fills a client id once, remembers it in its journal, and sells a listing with the platform fees', async () => {
    const journal = memoryJournal();
    const sim = createResaleSimulator('s', collectiblesMarket(42), COLLECTIBLES_VENUE, journal);
    const offer = (await sim.scan(T)).find((o) => o.attrs.retail_drop === false)!;
    const req = { clientId: 'c-1', offerId: offer.id, qty: 1, maxPriceCents: offer.priceCents };
    const first = await sim.buy(req, T);
    expect(first).toMatchObject({ state: 'filled', itemIds: ['c-1#1'], priceCents: offer.priceCents, feesCents: offer.buyerFeesCents });
    // A new instance over the same journal (a restarted mesh) answers the repeat with the first result.
    const again = createResaleSimulator('s', collectiblesMarket(42), COLLECTIBLES_VENUE, journal);
    expect(await again.buy(req, T + 1000)).toEqual(first);
    expect((await again.scan(T)).some((o) => o.id === offer.id)).toBe(false);
    expect(await again.buy({ ...req, clientId: 'c-2' }, T)).toMatchObject({ state: 'rejected', code: 'SOLD_OUT' });
    expect((await again.list({ clientId: 'l-1', itemId: 'c-1#1', priceCents: 99_999 }, T)).code).toBe('NOT_DELIVERED');

    const { events } = await again.events(undefined, T + 6 * DAY);
    const auth = events.find((e) => e.itemId === 'c-1#1')!;
    expect(auth.type).toBe('authenticated'); // seed 42: this ask is genuine
    const l = await again.list({ clientId: 'l-1', itemId: 'c-1#1', priceCents: 20_000 }, auth.at);
    expect(await again.list({ clientId: 'l-1', itemId: 'c-1#1', priceCents: 20_000 }, auth.at + 1)).toEqual(l);
    const later = await again.events(String(auth.at), auth.at + 365 * DAY);
    const sold = later.events.find((e) => e.type === 'sold')!;
    const platform = FEE_SCHEDULES[offer.attrs.platform as 'stockx' | 'goat'];
    expect(sold).toMatchObject({ itemId: 'c-1#1', amountCents: 20_000, feesCents: sellerFeesCents(platform, 20_000) + COLLECTIBLES_VENUE.shippingOutCents });
    expect((await again.reprice(l.listingId, 15_000, sold.at + 1)).state).toBe('sold');
  });
});
