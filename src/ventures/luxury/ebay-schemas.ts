/**
 * The shapes of eBay Sell API answers the luxury connector reads, reduced to the fields it uses
 * (every other field may be present). Sources: eBay's OpenAPI 3 contracts
 * sell_inventory_v1_oas3.json (v1.13: OfferResponse, PublishResponse, WithdrawResponse, Offers,
 * EbayOfferDetailsWithAll, ListingDetails) and sell_fulfillment_v1_oas3.json (v1.19–1.20:
 * OrderSearchPagedCollection, Order, LineItem, PaymentSummary, OrderRefund), and the OAuth
 * refresh-token request (developer.ebay.com/api-docs/static/oauth-refresh-token-request.html).
 * Amounts are `Amount` objects: a decimal string `value` and an ISO 4217 `currency`; the connector
 * lists on EBAY_US, so an amount in another currency is a malformed answer, not a conversion.
 */
import { z } from 'zod';
import { toCents } from '../../core/venue.js';

/** Amount → integer cents of USD. */
const usdAmount = z
  .object({ value: z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount such as "1234.50"'), currency: z.literal('USD', 'must be USD (the connector lists on EBAY_US)') })
  .transform((a) => toCents(Number(a.value)));

/** createOffer 201 and updateOffer 200: OfferResponse. */
export const offerResponse = z.object({ offerId: z.string().min(1) });
/** publishOffer 200: PublishResponse. */
export const publishResponse = z.object({ listingId: z.string().min(1) });

/** EbayOfferDetailsWithAll (getOffer, and each of getOffers' offers). */
export const ebayOffer = z.object({
  offerId: z.string().min(1),
  sku: z.string().min(1),
  /** PUBLISHED or UNPUBLISHED (OfferStatusEnum). */
  status: z.string().min(1),
  listing: z.object({ listingId: z.string().min(1).optional(), listingStatus: z.string().min(1).optional(), soldQuantity: z.number().int().optional() }).optional(),
});
export type EbayOffer = z.infer<typeof ebayOffer>;
/** getOffers 200: Offers. */
export const offersPage = z.object({ total: z.number().int().optional(), offers: z.array(ebayOffer).default([]) });

const lineItem = z.object({
  lineItemId: z.string().min(1),
  sku: z.string().optional(),
  legacyItemId: z.string().optional(),
  quantity: z.number().int(),
  /** Price of the line before discounts (unit price × quantity). */
  lineItemCost: usdAmount,
  deliveryCost: z.object({ shippingCost: usdAmount.optional() }).optional(),
});

const ebayOrder = z.object({
  orderId: z.string().min(1),
  creationDate: z.string().min(1),
  lastModifiedDate: z.string().min(1),
  /** FAILED, FULLY_REFUNDED, PAID, PARTIALLY_REFUNDED, PENDING (OrderPaymentStatusEnum). */
  orderPaymentStatus: z.string().min(1),
  cancelStatus: z.object({ cancelState: z.string().min(1) }).optional(),
  /** The cumulative fees accrued for the order and deducted from the seller payout (Fulfillment v1.19+). */
  totalMarketplaceFee: usdAmount.optional(),
  paymentSummary: z.object({ refunds: z.array(z.object({ amount: usdAmount, refundStatus: z.string().optional() })).default([]) }).optional(),
  lineItems: z.array(lineItem).min(1),
});
export type EbayOrder = z.infer<typeof ebayOrder>;

/** getOrders 200: OrderSearchPagedCollection (`offset`/`limit` count orders, `next` only when there is a next page). */
export const ordersPage = z.object({
  total: z.number().int(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  next: z.string().optional(),
  orders: z.array(ebayOrder).default([]),
});
export type EbayOrdersPage = z.infer<typeof ordersPage>;

/** The token endpoint's answer to a refresh-token request. */
export const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive(), token_type: z.string().min(1) });

/** The cancel states that mean the order will not complete (CancelStateEnum). */
export const ORDER_CANCELLED = new Set(['CANCELED']);
