/**
 * The dropshipping venture on a Shopify store (a fake REST Admin API on 127.0.0.1 whose orders honour
 * `updated_at_min`) with the simulated supplier: the supplier's journal stays bounded as the
 * simulator's does — the purchases of orders booked more than the journal horizon before the cursor
 * the agent handed back are dropped, every purchase still needed is kept — and a restart after a
 * compaction books each order once, with Shopify Payments' fee (2.9 % + 30¢) on each sale.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dropshipMarketSim } from '../../../src/contracts/dropship-sim.js';
import { dropshipListings, dropshipProfit } from '../../../src/contracts/ventures.js';
import { dropshipAgent } from '../../../src/ventures/dropship/dropship-agent.js';
import { withSupplier } from '../../../src/ventures/dropship/marketplace-for.js';
import { shopifyStorefront } from '../../../src/ventures/dropship/shopify.js';
import { dropshipStoreJournal } from '../../../src/ventures/dropship/sim-journal.js';
import { simulatedDropshipMarketplace } from '../../../src/ventures/dropship/simulator.js';
import { JOURNAL_HORIZON_MS } from '../../../src/ventures/shared/journal-horizon.js';
import { commerceHome, DAY, HOUR, run, startAgent, T0, type Home } from './harness.js';
import { fakeShopify, P, TOKEN, type FakeShopify } from './fake-shopify.js';

let shop: FakeShopify | undefined;
let h: Home | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
  if (h) rmSync(h.home, { recursive: true, force: true });
  h = undefined;
});

interface Order { id: number; created_at: string; updated_at: string; total_price: string; line_items: { product_id: number; variant_id: number; sku: string }[]; refunds: [] }

/** Products by handle, one location, and the orders the test places; orders.json filtered by updated_at_min, oldest update first. */
async function fakeStore(): Promise<{ base: string; products: { id: number; variant: number; sku: string; price: string; status: string }[]; orders: Order[] }> {
  const products: { id: number; variant: number; sku: string; price: string; status: string; handle: string }[] = [];
  const orders: Order[] = [];
  const send = (status: number, b: unknown) => ({ status, body: b });
  shop = await fakeShopify((req, body, url) => {
    const view = (p: (typeof products)[number]) => ({ id: p.id, handle: p.handle, status: p.status, variants: [{ id: p.variant, price: p.price, sku: p.sku, inventory_item_id: p.variant + 1 }] });
    const path = url.pathname;
    if (req.method === 'GET' && path === `${P}/products.json`) return send(200, { products: products.filter((p) => p.handle === url.searchParams.get('handle')).map(view) });
    if (req.method === 'POST' && path === `${P}/products.json`) {
      const p = JSON.parse(body).product;
      const made = { id: 632_910_392 + products.length, variant: 808_950_810 + products.length, sku: p.variants[0].sku, price: p.variants[0].price, status: p.status, handle: p.handle };
      products.push(made);
      return send(201, { product: view(made) });
    }
    if (req.method === 'GET' && path === `${P}/locations.json`) return send(200, { locations: [{ id: 487_838_322, active: true }] });
    if (req.method === 'POST' && path === `${P}/inventory_levels/set.json`) return send(200, { inventory_level: { available: JSON.parse(body).available } });
    if (req.method === 'PUT' && path.startsWith(`${P}/variants/`)) {
      const p = products.find((x) => path.endsWith(`/${x.variant}.json`))!;
      p.price = JSON.parse(body).variant.price;
      return send(200, { variant: view(p).variants[0] });
    }
    if (req.method === 'PUT' && path.startsWith(`${P}/products/`)) {
      const p = products.find((x) => path.endsWith(`/${x.id}.json`))!;
      p.status = JSON.parse(body).product.status;
      return send(200, { product: view(p) });
    }
    if (req.method === 'GET' && path === `${P}/orders.json`) {
      const min = url.searchParams.get('updated_at_min');
      const got = orders.filter((o) => min === null || Date.parse(o.updated_at) >= Date.parse(min)).sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at));
      return send(200, { orders: got.slice(0, Number(url.searchParams.get('limit') ?? 50)) });
    }
    return send(404, { errors: 'Not Found' });
  });
  return { base: shop.base, products, orders };
}

describe('dropshipping on Shopify: the supplier journal', () => {
  it('drops supplier purchases booked a horizon before the saved cursor, keeps the rest, and books each order once across a restart', async () => {
    const f = await fakeStore();
    h = commerceHome();
    const home = h;
    const market = () =>
      withSupplier(
        shopifyStorefront({ baseUrl: f.base, accessToken: TOKEN, unitsPerListing: 5, sleep: async () => undefined }),
        simulatedDropshipMarketplace({ seed: home.config.seed, platform: 'shopify', returnRate: 0.175, journal: dropshipStoreJournal(home.store) }),
      );
    // Every active product sells one unit every 12 hours, at its price, a little after the cycle saw it.
    let n = 0;
    const sell = (now: number): void => {
      if (now % (12 * HOUR) !== 0) return;
      for (const p of f.products.filter((x) => x.status === 'active')) {
        const at = new Date(now + 60_000).toISOString();
        f.orders.push({ id: 450_789_000 + n++, created_at: at, updated_at: at, total_price: p.price, line_items: [{ product_id: p.id, variant_id: p.variant, sku: p.sku }], refunds: [] });
      }
    };
    const days = 14;
    const mid = await run(home, await startAgent(dropshipAgent, home, market()), T0, 10, 6 * HOUR, true, sell);
    // A restart (a new agent and a new supplier on the same store) after the supplier compacted.
    expect(home.store.get(dropshipMarketSim)!.compacted_through).toBeDefined();
    const end = await run(home, await startAgent(dropshipAgent, home, market()), mid, days - 10, 6 * HOUR, true, sell);
    expect(end).toBe(T0 + days * DAY);

    const rows = home.store.ledger(dropshipProfit).readAll();
    const sales = rows.filter((r) => r.key.endsWith(':sale'));
    // The test means something only if orders came in well past the horizon.
    expect(f.orders.length).toBeGreaterThan(20);
    expect(Date.parse(f.orders[0]!.created_at)).toBeLessThan(end - JOURNAL_HORIZON_MS - 2 * DAY);
    // Each order booked once (the last ones may still be waiting for the next cycle).
    const booked = f.orders.filter((o) => Date.parse(o.updated_at) < end - 6 * HOUR);
    expect(new Set(sales.map((r) => r.key)).size).toBe(sales.length);
    for (const o of booked) expect(sales.filter((r) => r.key === `shopify-${o.id}:sale`)).toHaveLength(1);
    // Revenue is what the orders charged; each fee is Shopify Payments' 2.9 % + 30¢ (round half up), computed here.
    const cents = (x: number) => Math.round(x * 100);
    for (const r of sales.filter((x) => x.status === 'fulfilled')) {
      const o = f.orders.find((x) => `shopify-${x.id}` === r.order_id)!;
      expect(cents(r.revenue)).toBe(cents(Number(o.total_price)));
      expect(cents(r.fees)).toBe(Math.round(cents(Number(o.total_price)) * 0.029) + 30);
    }

    // The supplier journal: marked at the cursor the agent handed back on its last cycle, less the horizon;
    // every purchase older than that dropped, every later one (still needed after a restart) kept.
    const j = home.store.get(dropshipMarketSim)!;
    const lastCursor = Date.parse(home.store.get(dropshipListings)!.cursor!);
    expect(j.compacted_through).toBeLessThanOrEqual(lastCursor - JOURNAL_HORIZON_MS);
    expect(j.compacted_through).toBeGreaterThan(lastCursor - JOURNAL_HORIZON_MS - DAY);
    const bought = f.orders.filter((o) => sales.some((r) => r.key === `shopify-${o.id}:sale`));
    const kept = Object.keys(j.purchases).sort();
    expect(kept).toEqual(bought.filter((o) => Date.parse(o.created_at) > j.compacted_through!).map((o) => `po-shopify-${o.id}`).sort());
    expect(kept.length).toBeLessThan(bought.length);
  }, 120_000);
});
