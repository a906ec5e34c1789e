/**
 * The shapes of eBay Sell API answers the luxury connector reads, reduced to the fields it uses
 * (every other field may be present). Sources: eBay's OpenAPI 3 contracts
 * sell_inventory_v1_oas3.json (v1.13: OfferResponse, PublishResponse, WithdrawResponse, Offers,
 * EbayOfferDetailsWithAll, ListingDetails) and sell_fulfillment_v1_oas3.json (v1.19–1.20:
 * OrderSearchPagedCollection, Order, LineItem, PaymentSummary, OrderRefund), and the OAuth
 * refresh-token request (developer.ebay.com/api-docs/static/oauth-refresh-token-request.html), and the
 * Post-Order API v2 return calls (developer.ebay.com/Devzone/post-order: GET /return/search
 * `ReturnSummaryType`, GET /return/{returnId} `RefundInfoType`, `RefundDetailType`, `ReturnShipmentInfoType`),
 * whose `Amount` is a number `value` and a `currency`.
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

/** A Post-Order `Amount` (a number value) → integer cents of USD. */
const postOrderAmount = z
  .object({ value: z.union([z.number().finite(), z.string().regex(/^-?\d+(\.\d+)?$/)]), currency: z.literal('USD', 'must be USD (the connector lists on EBAY_US)') })
  .transform((a) => toCents(Number(a.value)));

/** GET /post-order/v2/return/search: one page of `ReturnSummaryType` (`members`) and its `paginationOutput`. */
export const returnSearchPage = z.object({
  members: z
    .array(
      z.object({
        returnId: z.string().min(1),
        orderId: z.string().optional(),
        /** ReturnStateEnum: INITIAL, ITEM_SHIPPED, ITEM_DELIVERED, ITEM_KEPT, CLOSED, ... */
        state: z.string().min(1),
        creationInfo: z.object({ item: z.object({ itemId: z.string().min(1), transactionId: z.string().optional(), returnQuantity: z.number().int().optional() }) }),
      }),
    )
    .default([]),
  paginationOutput: z.object({ offset: z.number().int().optional(), limit: z.number().int().optional(), totalEntries: z.number().int(), totalPages: z.number().int().optional() }).optional(),
});
export type EbayReturnSummary = z.infer<typeof returnSearchPage>['members'][number];

/**
 * GET /post-order/v2/return/{returnId}: the refund eBay issued (`actualRefundDetail.actualRefund`:
 * `totalAmount` to the buyer, `feeCreditAmount` "fees credited towards this refund as per eBay
 * policy", present once the refund was issued) and the return label (`returnShipmentInfo`: its cost
 * and who pays it, `payee`).
 */
export const returnDetail = z.object({
  detail: z.object({
    refundInfo: z
      .object({ actualRefundDetail: z.object({ actualRefund: z.object({ totalAmount: postOrderAmount, feeCreditAmount: postOrderAmount.optional() }) }).optional() })
      .optional(),
    returnShipmentInfo: z.object({ payee: z.string().optional(), shippingLabelCost: z.object({ totalAmount: postOrderAmount }).optional() }).optional(),
  }),
});
export type EbayReturnDetail = z.infer<typeof returnDetail>;

/** Return states in which the item does not come back to us (the buyer keeps it). */
export const RETURN_ITEM_KEPT = new Set(['ITEM_KEPT']);
