/**
 * Per-category market and venue parameters: a category's own sourcing channel, authentication and
 * shipping are what the simulator charges and what the valuation deducts, hand-computed here with
 * fees ≠ 0; a category without settings of its own gets the venue's defaults.
 */
import { describe, expect, it } from 'vitest';
import { COLLECTIBLES_VENUE, collectiblesMarket } from '../../../src/ventures/collectibles/catalogue.js';
import { LUXURY_VENUE, luxuryMarket } from '../../../src/ventures/luxury/catalogue.js';
import { FEE_SCHEDULES, sellerFeesCents } from '../../../src/ventures/resale/fees.js';
import { marketFor } from '../../../src/ventures/resale/sim-market.js';
import { createResaleSimulator, memoryJournal, venueFor } from '../../../src/ventures/resale/simulator.js';
import { resaleCandidate, resaleParamsFor } from '../../../src/ventures/resale/value.js';

const T = Date.parse('2026-01-10T12:00:00Z');
const DAY = 86_400_000;
const policy = { safetyMargin: 0.1, holdingDays: 30, insurancePerYear: 0.015, capitalPerYear: 0.08 };

describe('category parameters', () => {
  it('lay a category’s own settings over the defaults and leave other categories alone', () => {
    const m = luxuryMarket(1);
    expect(marketFor(m, 'accessories')).toMatchObject({ counterfeitRate: 0.08, askBias: -0.2, askNoise: 0.22, shippingInCents: 1_200, compNoise: 0.05 });
    expect(marketFor(m, 'watches')).toBe(m);
    expect(venueFor(LUXURY_VENUE, 'accessories')).toMatchObject({ authFeeCents: 3_000, shippingOutCents: 1_200, returnShippingCents: 1_200, meanDaysToSell: 10, detectionRate: 0.9 });
    expect(venueFor(LUXURY_VENUE, 'watches')).toBe(LUXURY_VENUE);
    const p = resaleParamsFor(policy, m, LUXURY_VENUE, 'accessories');
    expect(p).toMatchObject({ ...policy, shippingOutCents: 1_200, authenticationCents: 3_000 });
    expect(p.counterfeit).toMatchObject({ rate: 0.08, askBias: -0.2, askSpread: 0.22, returnShippingCents: 1_200, detectionRate: 0.9 });
    expect(resaleParamsFor(policy, m, LUXURY_VENUE, 'watches')).toMatchObject({ shippingOutCents: 6_000, authenticationCents: 15_000, counterfeit: { rate: 0.05, returnShippingCents: 6_000 } });
  });

  it('value an accessory net of eBay’s fee, its own authentication, shipping and holding costs (hand-computed)', () => {
    const p = resaleParamsFor(policy, luxuryMarket(1), LUXURY_VENUE, 'accessories');
    const v = { ok: true as const, valueCents: 38_000, lowCents: 36_000, highCents: 40_000, used: 40, rejected: 1 };
    const c = resaleCandidate({ priceCents: 20_000, buyerFeesCents: 1_200 }, v, FEE_SCHEDULES.ebay_fashion, p);
    // Sale at the band's low end $360: eBay 13.25 % = $47.70 + $0.40; shipping out $12; authentication $30;
    // insurance 1.5 %/yr × $360 × 30/365 = $0.44; capital 8 %/yr × $212 × 30/365 = $1.39.
    expect(c).toMatchObject({ ok: true, costCents: 21_200, sellerFeesCents: 4_810, holding: { insuranceCents: 44, capitalCents: 139 } });
    if (!c.ok) return;
    expect(c.genuineNetCents).toBe(36_000 - 4_810 - 1_200 - 3_000 - 44 - 139);
  });

  it('charge a card its own shipping in and out in the simulator, a sneaker the defaults', async () => {
    const sim = createResaleSimulator('s', collectiblesMarket(42), COLLECTIBLES_VENUE, memoryJournal());
    const asks = (await sim.scan(T)).filter((o) => o.attrs.retail_drop === false);
    const card = asks.find((o) => o.category === 'trading_cards')!;
    const shoe = asks.find((o) => o.category === 'sneakers')!;
    // Buyer fees: 3 % processing + shipping in ($5 a card, $14 a pair of sneakers).
    expect(card.buyerFeesCents).toBe(Math.round(card.priceCents * 0.03) + 500);
    expect(shoe.buyerFeesCents).toBe(Math.round(shoe.priceCents * 0.03) + 1_400);
    for (const [o, id] of [[card, 'card'], [shoe, 'shoe']] as const) await sim.buy({ clientId: id, offerId: o.id, qty: 1, maxPriceCents: o.priceCents }, T);
    const { events } = await sim.events(undefined, T + 10 * DAY);
    for (const id of ['card#1', 'shoe#1']) {
      const auth = events.find((e) => e.itemId === id)!;
      expect(auth.type).toBe('authenticated');
      await sim.list({ clientId: `l-${id}`, itemId: id, priceCents: 10_000 }, auth.at);
    }
    const sold = (await sim.events(undefined, T + 3_650 * DAY)).events.filter((e) => e.type === 'sold');
    const feesOf = (id: string, o: typeof card, shipOut: number) => {
      const e = sold.find((s) => s.itemId === id)!;
      expect(e.feesCents).toBe(sellerFeesCents(FEE_SCHEDULES[o.attrs.platform as 'tcgplayer' | 'stockx' | 'goat'], 10_000) + shipOut);
    };
    feesOf('card#1', card, 500);
    feesOf('shoe#1', shoe, 1_200);
  });
});
