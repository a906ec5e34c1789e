/**
 * Valuing and pricing tickets on the secondary market (pure, integer cents). The resale value of a
 * ticket is the modelled market price when we expect to sell it — `holdDays` later on the price
 * curve of market/commerce/ticket-curve.ts (demand and days to the event) — net of the seller fee
 * (≈10–15 %) and of the expected loss from failed deliveries (a transfer that does not arrive is
 * refunded to the buyer with a penalty). A lot is worth buying when that net value beats its all-in
 * cost (price plus buyer fees) by the venture's margin; primary (face-value) tickets are valued the
 * same way but only a person may buy them. Listings start a little above the model and mark down
 * linearly in the last `markdownDays` to a floor, so a ticket is not left worthless at the door.
 */
import { priceMultiple } from '../../market/commerce/ticket-curve.js';

export interface TicketMarket {
  readonly faceValueCents: number;
  readonly demand: number;
  readonly daysToEvent: number;
  readonly postponed: boolean;
}

export interface ResaleCosts {
  /** Seller fee as a fraction of the sale. */
  readonly sellerFee: number;
  /** Expected loss from failed deliveries, as a fraction of the sale. */
  readonly deliveryRisk: number;
  /** Days we expect to hold the ticket before it sells. */
  readonly holdDays: number;
}

export interface TicketValuation {
  /** Price paid for the lot with buyer fees, cents. */
  readonly costCents: number;
  /** Modelled resale price per ticket when sold, cents. */
  readonly resalePerTicketCents: number;
  /** Seller fees and delivery risk on the lot, cents. */
  readonly frictionCents: number;
  /** Expected net proceeds of the lot, cents. */
  readonly valueCents: number;
  /** (value − cost) ÷ cost: the ROI of one buy-and-resell cycle. */
  readonly roi: number;
}

/** The model's market price of one ticket `daysToEvent` out, cents. */
export function modelPriceCents(m: TicketMarket): number {
  return Math.round(m.faceValueCents * priceMultiple(m.demand, m.daysToEvent, m.postponed));
}

export function valueLot(lot: { qty: number; priceCents: number; buyerFeesCents: number }, m: TicketMarket, c: ResaleCosts): TicketValuation {
  const costCents = lot.qty * lot.priceCents + lot.buyerFeesCents;
  const resalePerTicketCents = modelPriceCents({ ...m, daysToEvent: Math.max(0, m.daysToEvent - c.holdDays) });
  const gross = lot.qty * resalePerTicketCents;
  const frictionCents = Math.round(gross * (c.sellerFee + c.deliveryRisk));
  const valueCents = gross - frictionCents;
  return { costCents, resalePerTicketCents, frictionCents, valueCents, roi: costCents > 0 ? (valueCents - costCents) / costCents : -1 };
}

export interface MarkdownRule {
  /** Ask above the model far from the event (e.g. 0.08 = 8 % above). */
  readonly premium: number;
  /** Days before the event when markdowns start. */
  readonly markdownDays: number;
  /** Ask at the door as a fraction of the model price. */
  readonly floor: number;
}

/** The ask per ticket `daysToEvent` out: model × (1 + premium), easing linearly to model × floor at the door. */
export function askCents(modelCents: number, daysToEvent: number, r: MarkdownRule): number {
  const hi = 1 + r.premium;
  if (daysToEvent >= r.markdownDays) return Math.round(modelCents * hi);
  const t = Math.max(0, daysToEvent) / r.markdownDays;
  return Math.round(modelCents * (r.floor + (hi - r.floor) * t));
}

/** Realised P&L of a sale: proceeds less seller fees less the lot's all-in cost, cents. */
export function salePnlCents(sale: { qty: number; priceCents: number; sellerFeesCents: number }, lotCostCents: number): number {
  return sale.qty * sale.priceCents - sale.sellerFeesCents - lotCostCents;
}
