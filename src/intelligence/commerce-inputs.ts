/**
 * The commerce ventures' input documents, `state/trending_products.json` and
 * `state/event_schedule.json`, from the deterministic trend and event simulators (pure). No real
 * source for product trends or event calendars is configured in this build, so both documents are
 * always labelled `simulated: true`; a real source would replace these builders behind the same
 * contracts.
 */
import type { DocOf } from '../contracts/contract.js';
import type { eventSchedule, trendingProducts } from '../contracts/inputs.js';
import { calendarAt, marketPriceCents } from '../market/commerce/events.js';
import { dailyDemand, trendingAt } from '../market/commerce/trends.js';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export function simulatedTrendingProducts(seed: number, nowMs: number): DocOf<typeof trendingProducts> {
  return {
    updated_at: new Date(nowMs).toISOString(),
    simulated: true,
    products: trendingAt(seed, nowMs).map(({ product: p, score }) => ({
      id: p.id,
      title: p.title,
      niche: p.niche,
      supplier: p.supplier,
      supplier_cost: p.supplierCostCents / 100,
      market_price: p.marketPriceCents / 100,
      trend_score: round4(score),
      shipping_cost: p.shippingCents / 100,
      daily_demand: round4(dailyDemand(p, nowMs, p.marketPriceCents)),
    })),
  };
}

export function simulatedEventSchedule(seed: number, nowMs: number): DocOf<typeof eventSchedule> {
  return {
    updated_at: new Date(nowMs).toISOString(),
    simulated: true,
    events: calendarAt(seed, nowMs).map((c) => ({
      id: c.event.id,
      name: c.event.name,
      venue: c.event.venue,
      starts_at: new Date(c.startsMs).toISOString(),
      face_value: c.event.faceValueCents / 100,
      secondary_price: c.status === 'cancelled' ? null : marketPriceCents(c.event, nowMs) / 100,
      demand_score: round4(c.event.demand),
      purchase_limit: c.event.purchaseLimit,
      status: c.status,
      ...(c.status === 'postponed' ? { original_starts_at: new Date(c.event.originalStartsMs).toISOString() } : {}),
      sold_out: c.soldOut,
    })),
  };
}
