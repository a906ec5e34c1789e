/**
 * The Shopify Admin API storefront against a fake server on 127.0.0.1 that answers as the REST
 * Admin API documents: the access token header, idempotent listing by handle, inventory set at the
 * first active location, orders and refunds as events; a 429 with Retry-After retried; a 401, a
 * malformed answer and a 429 that does not end each a clear error — and the dropshipping venture
 * loses no state when the store fails (its draft stays, its cursor does not move).
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dropshipListings, dropshipProfit } from '../../../src/contracts/ventures.js';
import { dropshipAgent } from '../../../src/ventures/dropship/dropship-agent.js';
import { withSupplier } from '../../../src/ventures/dropship/marketplace-for.js';
import { shopifyStorefront } from '../../../src/ventures/dropship/shopify.js';
import { simulatedDropshipMarketplace } from '../../../src/ventures/dropship/simulator.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { commerceHome, startAgent, T0, writeInputs, type Home } from './harness.js';
import { fakeShopify, P, TOKEN, type FakeShopify, type Handler } from './fake-shopify.js';

let shop: FakeShopify | undefined;
let h: Home | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
  if (h) rmSync(h.home, { recursive: true, force: true });
  h = undefined;
});

const fake = async (handler: Handler): Promise<FakeShopify> => (shop = await fakeShopify(handler));

/** A tiny store: products by handle, one location, inventory levels, orders. */
function store(): Handler {
  const products: { id: number; handle: string; status: string; variants: { id: number; price: string; sku: string; inventory_item_id: number }[] }[] = [];
  return (req, body, url) => {
    const path = url.pathname;
    if (req.method === 'GET' && path === `${P}/products.json`) return { status: 200, body: { products: products.filter((p) => p.handle === url.searchParams.get('handle')) } };
    if (req.method === 'POST' && path === `${P}/products.json`) {
      const p = JSON.parse(body).product;
      const made = { id: 632910392 + products.length, handle: p.handle, status: p.status, variants: [{ id: 808950810 + products.length, price: p.variants[0].price, sku: p.variants[0].sku, inventory_item_id: 39072856 + products.length }] };
      products.push(made);
      return { status: 201, body: { product: made } };
    }
    if (req.method === 'GET' && path === `${P}/locations.json`) return { status: 200, body: { locations: [{ id: 487838322, active: true }] } };
    if (req.method === 'POST' && path === `${P}/inventory_levels/set.json`) return { status: 200, body: { inventory_level: { ...JSON.parse(body), available: JSON.parse(body).available } } };
    if (req.method === 'GET' && path === `${P}/orders.json`) {
      return {
        status: 200,
        body: {
          orders: [
            { id: 450789469, created_at: '2026-11-02T10:00:00Z', updated_at: '2026-11-03T09:00:00Z', total_price: '29.99', line_items: [{ product_id: 632910392, variant_id: 808950810, sku: 'sim-p-1' }], refunds: [{ id: 509562969, created_at: '2026-11-03T09:00:00Z', transactions: [{ amount: '29.99', kind: 'refund', status: 'success' }] }] },
            { id: 450789470, created_at: '2026-11-02T11:00:00Z', updated_at: '2026-11-02T11:00:00Z', total_price: '19.50', line_items: [{ product_id: 632910392, variant_id: 808950810, sku: 'sim-p-1' }], refunds: [] },
          ],
        },
      };
    }
    if (req.method === 'PUT' && path.startsWith(`${P}/variants/`)) return { status: 200, body: { variant: { ...products[0]!.variants[0]!, price: JSON.parse(body).variant.price } } };
    if (req.method === 'PUT' && path.startsWith(`${P}/products/`)) return { status: 200, body: { product: { ...products[0]!, status: JSON.parse(body).product.status } } };
    return { status: 404, body: { errors: 'Not Found' } };
  };
}

const noSleep = async (): Promise<void> => undefined;

describe('Shopify storefront', () => {
  it('lists once per client id (by handle), sets inventory, reprices, delists, and reads orders and refunds', async () => {
    const f = await fake(store());
    const s = shopifyStorefront({ baseUrl: f.base, accessToken: TOKEN, unitsPerListing: 5, sleep: noSleep });
    const l = await s.list({ clientId: 'ds-sim-p-1-0', itemId: 'sim-p-1', priceCents: 2_999 }, T0);
    expect(l).toEqual({ clientId: 'ds-sim-p-1-0', listingId: '632910392:808950810', itemId: 'sim-p-1', priceCents: 2_999, state: 'active' });
    expect(await s.list({ clientId: 'ds-sim-p-1-0', itemId: 'sim-p-1', priceCents: 2_999 }, T0)).toEqual(l);
    expect(f.seen.filter((x) => x === `POST ${P}/products.json`)).toHaveLength(1);
    expect(f.seen).toContain(`POST ${P}/inventory_levels/set.json`);
    expect((await s.reprice(l.listingId, 2_799, T0)).priceCents).toBe(2_799);
    expect((await s.delist(l.listingId, T0)).state).toBe('delisted');
    const ev = await s.events(undefined, T0);
    expect(ev.events.map((e) => [e.type, e.id, e.amountCents, e.listingId, e.itemId, e.detail])).toEqual([
      ['sold', 'shopify-450789469', 2_999, '632910392:808950810', 'sim-p-1', undefined],
      ['sold', 'shopify-450789470', 1_950, '632910392:808950810', 'sim-p-1', undefined],
      ['returned', 'shopify-refund-509562969', 2_999, '632910392:808950810', 'sim-p-1', 'shopify-450789469'],
    ]);
    expect(ev.cursor).toBe('2026-11-03T09:00:00Z');
  });

  it('retries a 429 after its Retry-After, and says so when the limit does not end', async () => {
    let n = 0;
    const f = await fake((req, body, url) => (++n <= 2 ? { status: 429, body: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, headers: { 'Retry-After': '2.0' } } : store()(req, body, url)));
    const waits: number[] = [];
    const s = shopifyStorefront({ baseUrl: f.base, accessToken: TOKEN, unitsPerListing: 5, sleep: async (ms) => void waits.push(ms) });
    expect((await s.events(undefined, T0)).events).toHaveLength(3);
    expect(waits).toEqual([2_000, 2_000]);
    n = -100;
    const s2 = shopifyStorefront({ baseUrl: f.base, accessToken: TOKEN, unitsPerListing: 5, rateLimitRetries: 1, sleep: noSleep });
    await expect(s2.events(undefined, T0)).rejects.toThrow(/shopify: GET orders.json failed: HTTP 429 still after 2 tries \(Retry-After 2.0\)/);
  });

  it('names the token and the domain on a 401, and the field on a malformed answer', async () => {
    const f = await fake((req, body, url) => (url.pathname.endsWith('orders.json') ? { status: 200, body: { orders: [{ id: 1, created_at: 'x', updated_at: 'x', total_price: 'twelve', line_items: [] }] } } : store()(req, body, url)));
    const bad = shopifyStorefront({ baseUrl: f.base, accessToken: 'wrong', unitsPerListing: 5, sleep: noSleep });
    await expect(bad.list({ clientId: 'a', itemId: 'sim-p-1', priceCents: 100 }, T0)).rejects.toThrow(/shopify refused the Admin API access token \(HTTP 401: \[API\] Invalid API key or access token.*check SHOPIFY_PASSWORD and SHOPIFY_STORE_DOMAIN/);
    const s = shopifyStorefront({ baseUrl: f.base, accessToken: TOKEN, unitsPerListing: 5, sleep: noSleep });
    await expect(s.events(undefined, T0)).rejects.toThrow(/malformed|documented shape: orders\.0\.total_price: must be a decimal amount/);
    const html = await fake(() => ({ status: 200, body: '<html>Something went wrong</html>' }));
    await expect(shopifyStorefront({ baseUrl: html.base, accessToken: TOKEN, unitsPerListing: 5, sleep: noSleep }).events(undefined, T0)).rejects.toThrow(/answer is not JSON/);
  });

  it('the venture loses no state when the store refuses: the draft stays and is re-sent with its client id', async () => {
    let refuse = true;
    const working = store();
    const f = await fake((req, body, url) => (refuse && !url.pathname.endsWith('orders.json') ? { status: 503, body: { errors: 'Service Unavailable' } } : url.pathname.endsWith('orders.json') ? { status: 200, body: { orders: [] } } : working(req, body, url)));
    h = commerceHome();
    const mp = withSupplier(shopifyStorefront({ baseUrl: f.base, accessToken: TOKEN, unitsPerListing: 5, sleep: noSleep }), simulatedDropshipMarketplace({ seed: h.config.seed, platform: 'shopify', returnRate: 0.175 }));
    writeInputs(h, T0);
    freshRiskDocs(h.store, T0);
    await expect((await startAgent(dropshipAgent, h, mp)).tick(T0)).rejects.toThrow(/shopify: GET products.json failed: HTTP 503/);
    const drafts = h.store.get(dropshipListings)!.listings;
    expect(drafts.map((l) => l.status)).toEqual(['draft']);
    expect(h.store.ledger(dropshipProfit).count()).toBe(0);
    // The store is back: a new instance re-sends the draft (same client id = same handle) and goes on.
    refuse = false;
    writeInputs(h, T0 + 3_600_000);
    freshRiskDocs(h.store, T0 + 3_600_000);
    await (await startAgent(dropshipAgent, h, mp)).tick(T0 + 3_600_000);
    const after = h.store.get(dropshipListings)!.listings;
    expect(after.find((l) => l.id === drafts[0]!.id)?.status).toBe('active');
    expect(f.seen.filter((x) => x === `POST ${P}/products.json`).length).toBe(after.filter((l) => l.status === 'active').length);
  });
});
