/**
 * The eBay connector's reading of returns (Post-Order API v2), for the storefront: the seller's
 * returns created since a time (`GET /post-order/v2/return/search`, every page), and what a return
 * eBay has refunded moves (`GET /post-order/v2/return/{returnId}`): the refund to the buyer
 * (`actualRefund.totalAmount`), the return label when the seller is its payee, and the fees eBay
 * credits for the refund (`feeCreditAmount`, "as per eBay policy": the final value fee less the
 * per-order fee). A return whose buyer keeps the item (ITEM_KEPT) is not one the item comes back from.
 */
import type { LuxuryEbayState } from '../../contracts/luxury-ebay.js';
import { NeoLightError } from '../../core/errors.js';
import type { MarketplaceEvent } from '../../core/marketplace.js';
import type { EbayClient } from './ebay-client.js';
import { RETURN_ITEM_KEPT, type EbayReturnSummary } from './ebay-schemas.js';

type Entry = LuxuryEbayState['listings'][string];
export type BookedReturn = NonNullable<Entry['return']>;

/** eBay's longest return window is 60 days after delivery, and the refund follows the item back. */
export const RETURN_WATCH_MS = 120 * 86_400_000;
/** The cursor's name for a booked return of a listing request's sale. */
export const returnAck = (clientId: string): string => `returned:${clientId}`;

/** Every return created since `fromMs`, all pages (more than `maxPages` is an error, never a short list). */
export async function returnsSince(client: EbayClient, fromMs: number, limit: number, maxPages: number): Promise<EbayReturnSummary[]> {
  const out: EbayReturnSummary[] = [];
  for (let n = 0, offset = 0; ; n++) {
    if (n === maxPages) throw new NeoLightError('NL_ERR_BAD_INPUT', `ebay: more than ${n} pages of ${limit} returns created since ${new Date(fromMs).toISOString()}; raise the page bound (maxPages) rather than miss returns`);
    const page = await client.returns({ from: fromMs, limit, offset });
    out.push(...page.members);
    offset += limit;
    if (page.members.length === 0 || offset >= (page.paginationOutput?.totalEntries ?? 0)) return out;
  }
}

/** What the return moved, as the memory keeps it; undefined while eBay has not refunded it, or when the buyer keeps the item. */
export async function refundedReturn(client: EbayClient, r: EbayReturnSummary, now: number): Promise<BookedReturn | undefined> {
  if (RETURN_ITEM_KEPT.has(r.state)) return undefined;
  const d = (await client.returnDetail(r.returnId)).detail;
  const refund = d.refundInfo?.actualRefundDetail?.actualRefund;
  if (!refund) return undefined;
  const label = d.returnShipmentInfo;
  const shipping = label?.payee === 'SELLER' ? (label.shippingLabelCost?.totalAmount ?? 0) : 0;
  return { return_id: r.returnId, at: now, refund_cents: refund.totalAmount, shipping_cents: shipping, fee_credit_cents: refund.feeCreditAmount ?? 0, booked: false };
}

/** The refund (the item back with us) and, when eBay credited fees, the credit; after the sale they undo. */
export function returnEvents(r: BookedReturn, clientId: string, l: Entry): MarketplaceEvent[] {
  const base = { at: Math.max(r.at, (l.sold_at ?? 0) + 1), itemId: l.item_id, listingId: l.listing_id ?? '', detail: `ebay return ${r.return_id} refunded (${clientId})` };
  return [
    { ...base, id: `ebay-return-${r.return_id}`, type: 'refund', amountCents: r.refund_cents, feesCents: r.shipping_cents },
    ...(r.fee_credit_cents > 0 ? [{ ...base, id: `ebay-feecredit-${r.return_id}`, type: 'fee_credit' as const, amountCents: r.fee_credit_cents, feesCents: 0 }] : []),
  ];
}
