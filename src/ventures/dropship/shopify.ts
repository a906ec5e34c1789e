/**
 * The dropshipping storefront on Shopify, through the REST Admin API (version 2025-01):
 * - list: a product per listing (POST products.json) whose handle is the listing's client id, so a
 *   repeated request finds the product already made (GET products.json?handle=) instead of making a
 *   second; the variant's SKU is the supplier product; its inventory at the shop's first active
 *   location is set to the units the listing may have in flight (POST inventory_levels/set.json);
 * - reprice: PUT variants/{id}.json; delist: the product back to draft (PUT products/{id}.json);
 * - events: orders updated since the cursor (GET orders.json?status=any&updated_at_min=…), each a
 *   `sold` event, and each refund on an order a `returned` event. Shopify Payments' fee is not on the
 *   order, so `feesCents` is 0 and the venture applies the published rate (2.9 % + 30¢).
 * Listing ids are `{product_id}:{variant_id}`.
 */
import { z } from 'zod';
import type { Listing, ListRequest, Marketplace, MarketplaceEvent } from '../../core/marketplace.js';
import { NeoLightError } from '../../core/errors.js';
import { toCents } from '../../core/venue.js';
import { shopifyHttp, type ShopifyHttpOptions } from './shopify-http.js';

export type Storefront = Pick<Marketplace, 'name' | 'simulated' | 'list' | 'reprice' | 'delist' | 'events'>;

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const money = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount such as "12.99"');
const variant = z.object({ id, price: money, sku: z.string().nullable().optional(), inventory_item_id: id });
const product = z.object({ id, handle: z.string(), status: z.string(), variants: z.array(variant).min(1, 'a product has at least one variant') });
const products = z.object({ products: z.array(product) });
const oneProduct = z.object({ product });
const oneVariant = z.object({ variant });
const locations = z.object({ locations: z.array(z.object({ id, active: z.boolean() })) });
const inventoryLevel = z.object({ inventory_level: z.object({ available: z.number().int().nullable() }) });
const order = z.object({
  id,
  created_at: z.string(),
  updated_at: z.string(),
  total_price: money,
  line_items: z.array(z.object({ product_id: id.nullable(), variant_id: id.nullable(), sku: z.string().nullable().optional() })),
  refunds: z.array(z.object({ id, created_at: z.string(), transactions: z.array(z.object({ amount: money, kind: z.string(), status: z.string().optional() })) })).default([]),
});
const orders = z.object({ orders: z.array(order) });

export interface ShopifyStorefrontOptions extends ShopifyHttpOptions {
  /** Units each listing may have in flight (its inventory level). */
  readonly unitsPerListing: number;
}

/** A Shopify handle from a client id: lower case letters, digits and hyphens. */
export function handleOf(clientId: string): string {
  return clientId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function splitListingId(listingId: string): { productId: string; variantId: string } {
  const m = /^(\d+):(\d+)$/.exec(listingId);
  if (!m) throw new NeoLightError('NL_ERR_BAD_INPUT', `shopify listing id "${listingId}" is not {product_id}:{variant_id}`, { listingId });
  return { productId: m[1]!, variantId: m[2]! };
}

export function shopifyStorefront(o: ShopifyStorefrontOptions): Storefront {
  const http = shopifyHttp(o);
  let locationId: string | undefined;

  const asListing = (clientId: string, itemId: string, p: z.infer<typeof product>): Listing => {
    const v = p.variants[0]!;
    return { clientId, listingId: `${p.id}:${v.id}`, itemId, priceCents: toCents(Number(v.price)), state: p.status === 'active' ? 'active' : 'delisted' };
  };

  const location = async (): Promise<string> => {
    if (locationId) return locationId;
    const found = (await http('GET', 'locations.json', locations)).locations.find((l) => l.active);
    if (!found) throw new NeoLightError('NL_ERR_UPSTREAM', 'shopify: the store has no active location to hold inventory', { venue: 'shopify', reason: 'unexpected' });
    locationId = found.id;
    return locationId;
  };

  return {
    name: 'shopify',
    simulated: false,
    async list(req: ListRequest) {
      const handle = handleOf(req.clientId);
      const existing = (await http('GET', 'products.json', products, { query: { handle } })).products.find((p) => p.handle === handle);
      if (existing) return asListing(req.clientId, req.itemId, existing);
      const created = (
        await http('POST', 'products.json', oneProduct, {
          body: { product: { title: req.itemId, handle, status: 'active', variants: [{ price: (req.priceCents / 100).toFixed(2), sku: req.itemId, inventory_management: 'shopify' }] } },
        })
      ).product;
      await http('POST', 'inventory_levels/set.json', inventoryLevel, { body: { location_id: Number(await location()), inventory_item_id: Number(created.variants[0]!.inventory_item_id), available: o.unitsPerListing } });
      return asListing(req.clientId, req.itemId, created);
    },
    async reprice(listingId, priceCents) {
      const { productId, variantId } = splitListingId(listingId);
      const v = (await http('PUT', `variants/${variantId}.json`, oneVariant, { body: { variant: { id: Number(variantId), price: (priceCents / 100).toFixed(2) } } })).variant;
      return { clientId: listingId, listingId: `${productId}:${v.id}`, itemId: v.sku ?? '', priceCents: toCents(Number(v.price)), state: 'active' };
    },
    async delist(listingId) {
      const { productId } = splitListingId(listingId);
      const p = (await http('PUT', `products/${productId}.json`, oneProduct, { body: { product: { id: Number(productId), status: 'draft' } } })).product;
      return asListing(listingId, p.variants[0]?.sku ?? '', p);
    },
    async events(cursor) {
      const query: Record<string, string> = { status: 'any', limit: '250', order: 'updated_at asc' };
      if (cursor) query.updated_at_min = cursor;
      const got = (await http('GET', 'orders.json', orders, { query })).orders;
      const out: MarketplaceEvent[] = [];
      let next = cursor ?? '';
      for (const ord of got) {
        const line = ord.line_items[0];
        const listingId = line?.product_id && line.variant_id ? `${line.product_id}:${line.variant_id}` : undefined;
        const orderId = `shopify-${ord.id}`;
        const base = { ...(listingId ? { listingId } : {}), ...(line?.sku ? { itemId: line.sku } : {}) };
        out.push({ id: orderId, at: Date.parse(ord.created_at), type: 'sold', amountCents: toCents(Number(ord.total_price)), feesCents: 0, ...base });
        for (const r of ord.refunds) {
          const refunded = r.transactions.filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success').reduce((a, t) => a + toCents(Number(t.amount)), 0);
          if (refunded > 0) out.push({ id: `shopify-refund-${r.id}`, at: Date.parse(r.created_at), type: 'returned', amountCents: refunded, feesCents: 0, detail: orderId, ...base });
        }
        if (ord.updated_at > next) next = ord.updated_at;
      }
      return { events: out.sort((a, b) => a.at - b.at), cursor: next || new Date(0).toISOString() };
    },
  };
}
