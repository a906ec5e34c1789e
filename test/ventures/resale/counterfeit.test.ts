/**
 * Counterfeit risk priced by discount depth: the probability against hand computations (Python, from
 * the formula in counterfeit.ts), its shape (deeper discount → likelier fake), its calibration (over
 * the market's own ask distribution it averages to the documented rate), and the expected net value
 * a purchase candidate carries into the decision, with every fee, shipping and holding cost ≠ 0.
 */
import { describe, expect, it } from 'vitest';
import { COLLECTIBLES_VENUE, collectiblesMarket } from '../../../src/ventures/collectibles/catalogue.js';
import { LUXURY_VENUE, luxuryMarket } from '../../../src/ventures/luxury/catalogue.js';
import { counterfeitModelOf, counterfeitProbability, counterfeitRisk } from '../../../src/ventures/resale/counterfeit.js';
import { FEE_SCHEDULES } from '../../../src/ventures/resale/fees.js';
import { resaleCandidate } from '../../../src/ventures/resale/value.js';

const LUX = counterfeitModelOf(luxuryMarket(1), LUXURY_VENUE);
const COL = counterfeitModelOf(collectiblesMarket(1), COLLECTIBLES_VENUE);

describe('counterfeitProbability', () => {
  it('matches hand computations on the luxury model (5 %, 15 % lower, ask log mean −0.12, spread 0.14)', () => {
    expect(LUX).toEqual({ rate: 0.05, discount: 0.15, askBias: -0.12, askSpread: 0.14, detectionRate: 0.9, returnShippingCents: 6_000 });
    // x = ln 0.8: logit = ln(0.05/0.95) + ((x+0.12)² − (x+0.282519)²)/0.0392 = −2.762985.
    expect(counterfeitProbability(800_000, 1_000_000, LUX)).toBeCloseTo(0.0593577, 6);
    expect(counterfeitProbability(950_000, 1_000_000, LUX)).toBeCloseTo(0.0149508, 6);
    expect(counterfeitProbability(700_000, 1_000_000, LUX)).toBeCloseTo(0.1603310, 6);
    expect(counterfeitProbability(600_000, 1_000_000, LUX)).toBeCloseTo(0.4067098, 6);
  });

  it('rises with the depth of the discount, and is 0 without counterfeits', () => {
    let last = 0;
    for (let ask = 1_200_000; ask >= 300_000; ask -= 50_000) {
      const p = counterfeitProbability(ask, 1_000_000, LUX);
      expect(p).toBeGreaterThan(last);
      last = p;
    }
    expect(counterfeitProbability(500_000, 1_000_000, { ...LUX, rate: 0 })).toBe(0);
  });

  it('is calibrated: over the market ask distribution (genuine and counterfeit) it averages to the documented rate', () => {
    for (const m of [LUX, COL]) {
      const dens = (x: number, mu: number): number => Math.exp(-((x - mu) ** 2) / (2 * m.askSpread ** 2)) / (m.askSpread * Math.sqrt(2 * Math.PI));
      const mf = m.askBias + Math.log(1 - m.discount);
      let mean = 0;
      const dx = 0.0005;
      for (let x = -2; x < 1.5; x += dx) mean += (m.rate * dens(x, mf) + (1 - m.rate) * dens(x, m.askBias)) * counterfeitProbability(Math.exp(x) * 1e6, 1e6, m) * dx;
      expect(mean).toBeCloseTo(m.rate, 4);
    }
  });
});

describe('expected net value in the purchase candidate', () => {
  it('luxury on Chrono24: the genuine net weighted with what a counterfeit leaves (caught 90 %, slipped 10 %)', () => {
    const c = resaleCandidate(
      { priceCents: 700_000, buyerFeesCents: 6_000 },
      { ok: true, valueCents: 1_000_000, lowCents: 950_000, highCents: 1_050_000, used: 20, rejected: 0 },
      FEE_SCHEDULES.chrono24,
      { safetyMargin: 0.1, shippingOutCents: 6_000, authenticationCents: 15_000, holdingDays: 30, insurancePerYear: 0.015, capitalPerYear: 0.08, counterfeit: LUX },
    );
    if (!c.ok) throw new Error(c.detail);
    // Genuine: 950,000 − 61,750 (6.5 %) − 6,000 out − 15,000 auth − 1,171 insurance − 4,642 capital = 861,437.
    expect(c.genuineNetCents).toBe(861_437);
    expect(c.counterfeitProbability).toBeCloseTo(0.160331, 5);
    // Counterfeit: 0.9 × (700,000 − 15,000 − 6,000) + 0.1 × (−15,000 − 61,750 − 6,000 − 6,000) = 602,225.
    // Expected: 0.839669 × 861,437 + 0.160331 × 602,225 = 819,877.29 → 819,877; max buy 90 % of it.
    expect(c.netValueCents).toBe(819_877);
    expect(c.maxCostCents).toBe(737_889);
    expect(c.costCents).toBe(706_000);
  });

  it('collectibles on StockX: a 20 % discount is refused on its expected value, and the reason says so', () => {
    const c = resaleCandidate(
      { priceCents: 20_000, buyerFeesCents: 2_000 },
      { ok: true, valueCents: 25_000, lowCents: 24_000, highCents: 26_000, used: 20, rejected: 0 },
      FEE_SCHEDULES.stockx,
      { safetyMargin: 0.1, shippingOutCents: 1_200, authenticationCents: 0, holdingDays: 14, insurancePerYear: 0, capitalPerYear: 0.08, counterfeit: COL },
    );
    // Genuine 24,000 − 2,880 (9 % + 3 %) − 1,200 − 68 capital (8 %/yr on 22,000 for 14 days) = 19,852; P(fake) = 7.83 %;
    // counterfeit 0.9 × (20,000 − 1,200) + 0.1 × (−2,880 − 1,200 − 1,200) = 16,392; expected 19,581.
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.detail).toContain('expected net value $195.81, 7.8 % counterfeit risk');
  });

  it('counterfeitRisk alone: certain fake leaves only what the counterfeit branch leaves', () => {
    const r = counterfeitRisk(1, { askCents: 10_000, genuineNetCents: 15_000, authenticationCents: 500, sellerFeesCents: 1_300, shippingOutCents: 700 }, { ...COL, detectionRate: 0.5, returnShippingCents: 900 });
    // 0.5 × (10,000 − 500 − 900) + 0.5 × (−500 − 1,300 − 700 − 900) = 4,300 − 1,700 = 2,600.
    expect(r.expectedNetCents).toBe(2_600);
    expect(r.counterfeitNetCents).toBe(2_600);
  });
});
