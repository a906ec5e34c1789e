/** Fee schedules, comps valuation, price index, resale candidate and booking: hand-computed cases with fees ≠ 0. */
import { describe, expect, it } from 'vitest';
import type { CompSale } from '../../../src/core/marketplace.js';
import { splitRowCents } from '../../../src/contracts/revenue-sources.js';
import { bookEvent, type InventoryItem } from '../../../src/ventures/resale/booking.js';
import { breakEvenCents } from '../../../src/ventures/resale/cycle.js';
import { FEE_SCHEDULES, sellerFeesCents } from '../../../src/ventures/resale/fees.js';
import { DEFAULT_VALUATION, priceIndex, valueFromComps } from '../../../src/ventures/resale/valuation.js';
import { holdingCosts, resaleCandidate, type ResaleParams } from '../../../src/ventures/resale/value.js';

const NOW = Date.parse('2026-02-01T00:00:00Z');
const DAY = 86_400_000;
const comps = (dollars: number[], ageDays = 1): CompSale[] => dollars.map((d, i) => ({ ref: 'r', priceCents: d * 100, at: NOW - ageDays * DAY - i * 1000 }));

describe('seller fees', () => {
  it('match the published schedules, each part rounded to the cent', () => {
    expect(sellerFeesCents(FEE_SCHEDULES.stockx, 20_000)).toBe(1_800 + 600); // 9 % + 3 % of $200
    expect(sellerFeesCents(FEE_SCHEDULES.goat, 20_000)).toBe(1_900 + 500); // 9.5 % + $5
    expect(sellerFeesCents(FEE_SCHEDULES.tcgplayer, 5_000)).toBe(538 + 125 + 30); // 10.75 % of $50 = 537.5 → 538, 2.5 % = 125, 30¢
    expect(sellerFeesCents(FEE_SCHEDULES.ebay_watches, 300_000)).toBe(15_000 + 13_000 + 40); // 15 % of $1,000 + 6.5 % of $2,000 + 40¢
    expect(sellerFeesCents(FEE_SCHEDULES.ebay_watches, 1_000_000)).toBe(15_000 + 42_250 + 7_500 + 40);
    expect(sellerFeesCents(FEE_SCHEDULES.chrono24, 500_000)).toBe(32_500);
  });

  it('break-even is the lowest price whose payout covers cost and shipping', () => {
    // StockX, cost $100, shipping $12: 12727 − 1145 − 382 − 1200 = 10000; 12726 leaves 9999.
    expect(breakEvenCents(FEE_SCHEDULES.stockx, 10_000, 1_200)).toBe(12_727);
  });
});

describe('comps valuation', () => {
  it('drops outliers by the MAD rule and bands the median', () => {
    // median 100, MAD 2 → 500 (z 134.9) and 20 (z 27.0) are outliers; kept 98..102: median 100, MAD 1 →
    // σ = 1.4826, half = 1.96 · 1.2533 · 1.4826 / √5 = 1.6287 dollars.
    const v = valueFromComps(comps([100, 102, 98, 101, 99, 500, 20]), NOW);
    expect(v).toEqual({ ok: true, valueCents: 10_000, lowCents: 9_837, highCents: 10_163, used: 5, rejected: 2 });
  });

  it('gives no valuation from too few or too old comps', () => {
    expect(valueFromComps(comps([100, 102, 98, 101, 99, 500, 20]), NOW, { ...DEFAULT_VALUATION, minComps: 6 })).toMatchObject({ ok: false, code: 'TOO_FEW_COMPS' });
    expect(valueFromComps(comps([100, 102, 98, 101, 99], 31), NOW)).toMatchObject({ ok: false, code: 'TOO_FEW_COMPS' });
  });

  it('smooths daily medians into a price index (half-life in days, gaps count)', () => {
    const c: CompSale[] = [
      { ref: 'w', priceCents: 100, at: NOW - 10 * DAY },
      { ref: 'w', priceCents: 110, at: NOW - 9 * DAY },
      { ref: 'w', priceCents: 120, at: NOW - 7 * DAY },
    ];
    // 100; then α = 1 − ½ = 0.5 → 105; two days later α = 1 − ¼ = 0.75 → 105 + 0.75 · 15 = 116.25.
    expect(priceIndex(c, NOW, 60 * DAY, 3.5, { halfLifeDays: 1 }).level).toBeCloseTo(116.25, 10);
  });
});

describe('resale candidate', () => {
  const collectibles: ResaleParams = { safetyMargin: 0.1, shippingOutCents: 1_200, authenticationCents: 0, holdingDays: 14, insurancePerYear: 0, capitalPerYear: 0.08 };
  const v = { ok: true as const, valueCents: 10_000, lowCents: 9_837, highCents: 10_163, used: 5, rejected: 0 };

  it('buys only below the net value less the margin of safety (StockX fees, shipping, capital cost)', () => {
    // sale 9837: fees 885 + 295 = 1180; shipping 1200; capital round(6300 · 0.08 · 14/365) = 19 → net 7438, max 6694.
    expect(resaleCandidate({ priceCents: 6_000, buyerFeesCents: 300 }, v, FEE_SCHEDULES.stockx, collectibles)).toMatchObject({ ok: true, costCents: 6_300, listCents: 10_000, saleCents: 9_837, sellerFeesCents: 1_180, netValueCents: 7_438, maxCostCents: 6_694 });
    // cost 7500: capital 23 → net 7434, max 6690 < 7500.
    expect(resaleCandidate({ priceCents: 7_000, buyerFeesCents: 500 }, v, FEE_SCHEDULES.stockx, collectibles)).toMatchObject({ ok: false, code: 'ABOVE_MAX_BUY' });
    expect(resaleCandidate({ priceCents: 10, buyerFeesCents: 0 }, { ok: false, code: 'TOO_FEW_COMPS', detail: '' }, FEE_SCHEDULES.stockx, collectibles)).toMatchObject({ ok: false, code: 'NO_VALUATION' });
  });

  it('charges a luxury item its authentication, insurance and capital tied up', () => {
    expect(holdingCosts(500_000, 350_000, 30, 0.015, 0.08)).toEqual({ insuranceCents: 616, capitalCents: 2_301 });
    const lux: ResaleParams = { safetyMargin: 0.1, shippingOutCents: 6_000, authenticationCents: 15_000, holdingDays: 30, insurancePerYear: 0.015, capitalPerYear: 0.08 };
    const c = resaleCandidate({ priceCents: 344_000, buyerFeesCents: 6_000 }, { ...v, valueCents: 520_000, lowCents: 500_000 }, FEE_SCHEDULES.chrono24, lux);
    // 500000 − 32500 (6.5 %) − 6000 − 15000 − 616 − 2301 = 443583; max floor(0.9 · 443583) = 399224.
    expect(c).toMatchObject({ ok: true, costCents: 350_000, netValueCents: 443_583, maxCostCents: 399_224 });
  });
});

describe('booking', () => {
  const item: InventoryItem = { id: 'i1', category: 'sneakers', name: 'x', platform: 'stockx', cost: 105, estimated_value: 200, authenticated: true, auth_status: 'passed', status: 'listed', acquired_at: '2026-01-01T00:00:00.000Z' };
  const o = { mode: 'sim' as const, insurancePerYear: 0 };

  it('books a sale, then a counterfeit returned by the buyer: the loss is cost + seller fees + return shipping', () => {
    const sold = bookEvent({ id: 'sold:L1', at: NOW, type: 'sold', itemId: 'i1', amountCents: 20_000, feesCents: 3_600 }, item, o)!;
    expect(sold.rows).toEqual([{ key: 'sell:sold:L1', row: { ts: new Date(NOW).toISOString(), mode: 'sim', item_id: 'i1', action: 'sell', amount: 200, fees: 36, pnl: 59 } }]);
    const back = bookEvent({ id: 'returned:L1', at: NOW + DAY, type: 'returned', itemId: 'i1', amountCents: 20_000, feesCents: 1_200 }, sold.item, o)!;
    expect(back.rows[0]!.row).toMatchObject({ action: 'writeoff', amount: -200, fees: 12, pnl: -212 });
    expect(back.item).toMatchObject({ status: 'rejected', counterfeit: true });
    expect(59 - 212).toBe(-(105 + 36 + 12));
  });

  it('books a counterfeit caught before listing: refund in, authentication and shipping lost', () => {
    const b = bookEvent({ id: 'auth:i1', at: NOW, type: 'authentication_failed', itemId: 'i1', amountCents: 10_000, feesCents: 15_000 + 6_000 }, { ...item, cost: 160, status: 'held' }, o)!;
    expect(b.rows[0]!.row).toMatchObject({ action: 'writeoff', amount: 100, fees: 210, pnl: -270 });
    expect(b.item).toMatchObject({ status: 'rejected', auth_status: 'failed', authenticated: false });
  });

  it('takes an item a marketplace sent back off sale, booking nothing, until a person has looked at it', () => {
    const b = bookEvent({ id: 'stockx-authfailed-o1', at: NOW, type: 'unlisted', itemId: 'i1', amountCents: 0, feesCents: 0 }, { ...item, status: 'listed', listing_id: 'L1', authenticated: true, auth_status: 'passed' }, o)!;
    expect(b.rows).toEqual([]);
    expect(b.item).toMatchObject({ status: 'held', authenticated: false, auth_status: 'failed' });
    expect(b.item.listing_id).toBeUndefined();
  });

  it('splits rows into revenue (net sales) and cost so that revenue − cost = pnl', () => {
    expect(splitRowCents({ action: 'buy', amount: 100, pnl: 0 })).toEqual({ revenueCents: 0, costCents: 0 });
    expect(splitRowCents({ action: 'sell', amount: 200, pnl: 59 })).toEqual({ revenueCents: 20_000, costCents: 14_100 });
    expect(splitRowCents({ action: 'writeoff', amount: -200, pnl: -212 })).toEqual({ revenueCents: -20_000, costCents: 1_200 });
    expect(splitRowCents({ action: 'writeoff', amount: 100, pnl: -270 })).toEqual({ revenueCents: 0, costCents: 27_000 });
  });
});
