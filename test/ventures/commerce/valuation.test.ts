/** Valuation and decision functions of the commerce ventures against hand computations with fees. */
import { describe, expect, it } from 'vitest';
import { platformFeeCents } from '../../../src/ventures/dropship/fees.js';
import { chargebackRow, returnRow, saleRow } from '../../../src/ventures/dropship/rows.js';
import { listingExposure, listingVerdict, valueProduct } from '../../../src/ventures/dropship/valuation.js';
import { decideSpend } from '../../../src/ventures/shared/decide.js';
import { ledgerMode } from '../../../src/ventures/shared/ledger-mode.js';
import { ticketSplit } from '../../../src/contracts/revenue-sources.js';
import { sellRow } from '../../../src/ventures/tickets/rows.js';
import { askCents, modelPriceCents, valueLot } from '../../../src/ventures/tickets/valuation.js';

const active = { state: 'ACTIVE' as const, riskScaler: 1, reasons: [] };

describe('dropshipping valuation', () => {
  it('platform fees: Shopify 2.9 % + 30¢, eBay 13 % + 40¢', () => {
    expect(platformFeeCents('shopify', 2_999)).toBe(87 + 30); // 2999 × 0.029 = 86.971 → 87
    expect(platformFeeCents('ebay', 2_999)).toBe(390 + 40); // 2999 × 0.13 = 389.87 → 390
  });

  it('values a $29.99 product from an $8 supplier with $3 shipping, $4 ads and 17.5 % returns on Shopify', () => {
    const v = valueProduct({ supplierCostCents: 800, shippingCents: 300, priceCents: 2_999 }, { platform: 'shopify', returnRate: 0.175, adCostPerSaleCents: 400 });
    // unit 800+300+400 = 1500; fee 117; returns 0.175 × (2999 + 600) = 629.825 → 630; profit 2999 − 1500 − 117 − 630 = 752
    expect(v).toEqual({ unitCostCents: 1_500, platformFeeCents: 117, expectedReturnCents: 630, expectedProfitCents: 752, margin: 752 / 2_999 });
    expect(listingVerdict(v, { min: 0.15, max: 0.6 })).toEqual({ list: true });
    // Exposure of 5 units: 5 × 1100 = 5500 at cost, value 5 × (1100 + 752) = 9260.
    expect(listingExposure({ supplierCostCents: 800, shippingCents: 300, priceCents: 2_999 }, v, 5)).toEqual({ costCents: 5_500, valueCents: 9_260 });
  });

  it('the same product on eBay falls below the 15 % band; an implausible one is above 60 %', () => {
    const ebay = valueProduct({ supplierCostCents: 800, shippingCents: 300, priceCents: 2_999 }, { platform: 'ebay', returnRate: 0.175, adCostPerSaleCents: 400 });
    // fee 430; profit 2999 − 1500 − 430 − 630 = 439; margin 14.6 %
    expect(ebay.expectedProfitCents).toBe(439);
    expect(listingVerdict(ebay, { min: 0.15, max: 0.6 })).toMatchObject({ list: false, code: 'BELOW_SALE_MARGIN' });
    const cheap = valueProduct({ supplierCostCents: 100, shippingCents: 100, priceCents: 4_999 }, { platform: 'shopify', returnRate: 0, adCostPerSaleCents: 0 });
    // 4999 − 200 − (145 + 30) = 4624 → 92.5 %
    expect(listingVerdict(cheap, { min: 0.15, max: 0.6 })).toMatchObject({ list: false, code: 'ABOVE_SALE_MARGIN' });
  });

  it('ledger rows keep profit = revenue − cost − fees for a sale, a return and a chargeback', () => {
    expect(saleRow(0, 'sim', 'o1', 'l1', { priceCents: 2_999, platformFeeCents: 117, goodsCents: 1_100, adCents: 400 }).row).toMatchObject({ revenue: 29.99, cost: 15, fees: 1.17, profit: 13.82, status: 'fulfilled' });
    expect(returnRow(0, 'sim', 'o1', 'l1', 2_999).row).toMatchObject({ revenue: -29.99, cost: 6, fees: 0, profit: -35.99, status: 'refunded' });
    expect(chargebackRow(0, 'sim', 'o1', 'l1', 2_999).row).toMatchObject({ revenue: -29.99, cost: 0, fees: 15, profit: -44.99, status: 'chargeback' });
  });
});

describe('ticket valuation', () => {
  it('models price over days to the event: a hot event rises toward the door, a cold one falls', () => {
    // demand 1, far out: multiple → 1.25; at the door 2.0. demand 0: 1.0 → 0.55.
    expect(modelPriceCents({ faceValueCents: 10_000, demand: 1, daysToEvent: 0, postponed: false })).toBe(20_000);
    expect(modelPriceCents({ faceValueCents: 10_000, demand: 0, daysToEvent: 0, postponed: false })).toBe(5_500);
    // 12 days (one time constant), demand 0.5: atDoor 1.275, far 1.125; w = 1 − e^−1 = 0.632121 → 1.275 − 0.15 × 0.632121 = 1.180182
    expect(modelPriceCents({ faceValueCents: 10_000, demand: 0.5, daysToEvent: 12, postponed: false })).toBe(11_802);
    // Postponed keeps 85 %.
    expect(modelPriceCents({ faceValueCents: 10_000, demand: 0.5, daysToEvent: 12, postponed: true })).toBe(Math.round(10_000 * 1.180182 * 0.85));
  });

  it('values a pair bought at $80 + 10 % buyer fees for resale net of a 12 % seller fee and 2 % delivery risk', () => {
    // Sold 3 days later at 15 − 3 = 12 days out: model $118.02 per ticket; gross 23604; friction 14 % = 3304.56 → 3305; value 20299.
    const v = valueLot({ qty: 2, priceCents: 8_000, buyerFeesCents: 1_600 }, { faceValueCents: 10_000, demand: 0.5, daysToEvent: 15, postponed: false }, { sellerFee: 0.12, deliveryRisk: 0.02, holdDays: 3 });
    expect(v).toEqual({ costCents: 17_600, resalePerTicketCents: 11_802, frictionCents: 3_305, valueCents: 20_299, roi: (20_299 - 17_600) / 17_600 });
    // ROI 15.3 % < the 20 % target: skipped BELOW_MARGIN; at $70 it is bought.
    expect(decideSpend({ costCents: v.costCents, valueCents: v.valueCents, minMargin: 0.2, itemCapCents: 80_000, availableCents: 300_000, risk: active, approvalAboveCents: 80_000 })).toMatchObject({ action: 'skip', code: 'BELOW_MARGIN' });
    const cheaper = valueLot({ qty: 2, priceCents: 7_000, buyerFeesCents: 1_400 }, { faceValueCents: 10_000, demand: 0.5, daysToEvent: 15, postponed: false }, { sellerFee: 0.12, deliveryRisk: 0.02, holdDays: 3 });
    expect(decideSpend({ costCents: cheaper.costCents, valueCents: cheaper.valueCents, minMargin: 0.2, itemCapCents: 80_000, availableCents: 300_000, risk: active, approvalAboveCents: 80_000 })).toMatchObject({ action: 'act', spendCents: 15_400, profitCents: 20_299 - 15_400 });
    // The per-event cap: $100 left on the event → over the cap.
    expect(decideSpend({ costCents: cheaper.costCents, valueCents: cheaper.valueCents, minMargin: 0.2, itemCapCents: 10_000, availableCents: 300_000, risk: active, approvalAboveCents: 80_000 })).toMatchObject({ action: 'skip', code: 'OVER_ITEM_CAP' });
  });

  it('marks down linearly in the last days to 80 % of the model at the door', () => {
    const r = { premium: 0.08, markdownDays: 7, floor: 0.8 };
    expect(askCents(10_000, 10, r)).toBe(10_800);
    expect(askCents(10_000, 3.5, r)).toBe(9_400); // 0.8 + 0.28 × 0.5 = 0.94
    expect(askCents(10_000, 0, r)).toBe(8_000);
  });

  it('a sale books pnl against the all-in cost, and the rollup splits it into revenue and cost with fees', () => {
    const s = sellRow(0, 'sim', { id: 'tk-x', eventId: 'e', qty: 2, costCents: 15_400 }, 23_000, 2_760);
    // 23000 − 2760 − 15400 = 4840
    expect(s.row).toMatchObject({ action: 'sell', qty: 2, price: 115, fees: 27.6, pnl: 48.4 });
    const split = ticketSplit(s.row as unknown as Parameters<typeof ticketSplit>[0]);
    expect(split.revenue).toBe(230);
    expect(Math.round(split.cost * 100)).toBe(15_400 + 2_760);
    // A buy row carries buyer fees but moves no P&L and no revenue.
    expect(ticketSplit({ ts: '', mode: 'sim', action: 'buy', qty: 2, price: 70, fees: 14, pnl: 0 })).toEqual({ revenue: 0, cost: 0 });
  });
});

describe('ledger mode', () => {
  it('never books a simulated venue as live money', () => {
    expect(ledgerMode('live', true)).toBe('sim');
    expect(ledgerMode('live', false)).toBe('live');
    expect(ledgerMode('paper', true)).toBe('paper');
  });
});
