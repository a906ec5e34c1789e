/**
 * What the SIMULATED ticket exchange offers (pure functions of the seed, the event and the time):
 * every 6 hours each open event has four resale listings (pairs) asking around the market price with
 * a 20 % log spread, plus buyer fees of 10 %; an event whose primary sale is still open also offers
 * face-value tickets at its posted per-customer limit, with a 12 % service fee.
 */
import type { Offer } from '../../core/marketplace.js';
import { eventIndex, eventStateAt, marketPriceCents, type SimEvent } from '../../market/commerce/events.js';
import { normal } from '../../market/rng.js';

export const HOUR = 3_600_000;
/** Offers are renewed every bucket. */
export const BUCKET = 6 * HOUR;
export const DAY = 86_400_000;
export const OFFERS_PER_BUCKET = 4;
export const SECONDARY_BUYER_FEE = 0.1;
export const PRIMARY_SERVICE_FEE = 0.12;

/** Offer ids: `{event id}:b{bucket}:s{slot}` for resale, `{event id}:primary` for face value. */
export function parseOffer(id: string): { event: number; bucket: number; slot: number } | { event: number; primary: true } | undefined {
  const m = /^(sim-e-\d+):(?:b(\d+):s(\d+)|(primary))$/.exec(id);
  const ev = m ? eventIndex(m[1]!) : undefined;
  if (!m || ev === undefined) return undefined;
  return m[4] ? { event: ev, primary: true } : { event: ev, bucket: Number(m[2]), slot: Number(m[3]) };
}

/** The resale offer in `slot` of `bucket` for event `e` (`sk`: the simulator's random stream). */
export function resaleOffer(sk: number, e: SimEvent, bucket: number, slot: number): Offer {
  const at = bucket * BUCKET;
  const c = (e.index * 100_000 + bucket) * 8 + slot * 2;
  const priceCents = Math.max(500, Math.round(marketPriceCents(e, at) * Math.exp(0.2 * normal(sk, c))));
  const qty = 2;
  const s = eventStateAt(e, at);
  return {
    id: `${e.id}:b${bucket}:s${slot}`,
    ref: e.id,
    title: `${e.name} — ${e.venue}, pair`,
    category: 'tickets',
    priceCents,
    buyerFeesCents: Math.round(priceCents * qty * SECONDARY_BUYER_FEE),
    qty,
    attrs: { event_id: e.id, primary: false, days_to_event: (s.startsMs - at) / DAY },
  };
}

/** Face-value tickets of `e` at its posted per-customer limit. */
export function primaryOffer(e: SimEvent, now: number): Offer {
  return {
    id: `${e.id}:primary`,
    ref: e.id,
    title: `${e.name} — ${e.venue}, face value`,
    category: 'tickets',
    priceCents: e.faceValueCents,
    buyerFeesCents: Math.round(e.faceValueCents * e.purchaseLimit * PRIMARY_SERVICE_FEE),
    qty: e.purchaseLimit,
    attrs: { event_id: e.id, primary: true, purchase_limit: e.purchaseLimit, days_to_event: (eventStateAt(e, now).startsMs - now) / DAY },
  };
}
