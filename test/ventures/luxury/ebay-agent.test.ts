/**
 * The luxury agent with eBay wired as the mesh wires it (paper mode, a User token, mapped
 * references): it buys and authenticates in the simulator, lists on eBay (a fake server on
 * 127.0.0.1) only what passed authentication, and books the sale eBay's orders report — once, with
 * the order's marketplace fee — also when eBay refused the token on the cycle before. Without
 * credentials, or in sim mode, the mesh gives the agent the simulator alone; a mapping of a
 * reference valued on another platform, or credentials without the eBay settings, stop the start.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { revenueByAgent } from '../../../src/contracts/revenue.js';
import { luxuryInventory, luxuryPnl } from '../../../src/contracts/ventures.js';
import { MS } from '../../../src/core/clock.js';
import { venturePorts } from '../../../src/mesh/venture-ports.js';
import { ebayClient } from '../../../src/ventures/luxury/ebay-client.js';
import { skuOf } from '../../../src/ventures/luxury/ebay-storefront.js';
import { luxuryMarketplaceFor } from '../../../src/ventures/luxury/marketplace-for.js';
import { revenueRollupAgent } from '../../../src/ventures/revenue-rollup.js';
import { harness, T0, type Harness } from '../resale/harness.js';
import { fakeEbay, order, send, TOKEN, type FakeEbay } from './fake-ebay.js';

const img = ['https://img.example/1.jpg'];
const EBAY = {
  merchant_location_key: 'nl-vault-1',
  fulfillment_policy_id: '6196932000',
  payment_policy_id: '6196939000',
  return_policy_id: '6196944000',
  listings: {
    'watch:cartier-tank-must-wsta0041': { category_id: '31387', image_urls: img, aspects: { Brand: ['Cartier'] } },
    'jewellery:cartier-love-bracelet-b6067517': { category_id: '261994', image_urls: img },
    'jewellery:vca-vintage-alhambra-necklace': { category_id: '164329', image_urls: img },
    'fashion:chanel-classic-flap-medium': { category_id: '169291', image_urls: img, condition: 'USED_VERY_GOOD' },
    'fashion:lv-neverfull-mm': { category_id: '169291', image_urls: img },
  },
};
let fake: FakeEbay | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await fake?.close();
  if (h) rmSync(h.home, { recursive: true, force: true });
  fake = undefined;
  h = undefined;
});

function configAt(home: string, env: Record<string, string>, luxury: unknown = { ebay: EBAY }) {
  writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ ventures: { luxury_agent: luxury } }));
  return loadConfig({ home }, env);
}

describe('luxury agent on eBay', () => {
  it('lists only authenticated items of mapped references on eBay and books the sale eBay reports once, after a refused cycle', async () => {
    h = harness('luxury', { minMargin: 0.01, approvalAboveUsd: 20_000, itemCapUsd: 10_000, budgetUsd: 40_000 });
    let now = T0;
    fake = await fakeEbay();
    const config = configAt(h.home, { NEOLIGHT_MODE: 'paper', EBAY_ACCESS_TOKEN: TOKEN, EBAY_BASE_URL: fake.base });
    const client = ebayClient({ baseUrl: fake.base, accessToken: TOKEN, sleep: async () => undefined });
    const market = luxuryMarketplaceFor(config, h.market(), h.store, client);
    expect(market).toMatchObject({ name: 'ebay+luxury-sim', simulated: true });
    const cycle = h.cycle(market);
    while (fake.publishes === 0 && now < T0 + 90 * MS.day) {
      await h.run(cycle, now);
      now += 6 * MS.hour;
    }
    expect(fake.publishes).toBeGreaterThan(0);
    const items = h.store.get(luxuryInventory)!.items;
    // The gate: every SKU eBay holds is an item whose authentication passed, of a mapped reference.
    for (const sku of fake.items.keys()) {
      const item = items.find((i) => skuOf(i.id) === sku);
      expect(item).toMatchObject({ auth_status: 'passed' });
      expect(Object.keys(EBAY.listings)).toContain(item!.ref);
    }
    const offer = [...fake.offers.values()].find((o) => o.status === 'PUBLISHED')!;
    const item = items.find((i) => skuOf(i.id) === offer.sku)!;
    expect(item).toMatchObject({ status: 'listed', listing_id: offer.listingId });
    const price = (offer.body.pricingSummary as { price: { value: string } }).price.value;

    fake.orders.push(order('27-90001-00001', [{ sku: offer.sku, cost: price }], { fee: '312.34', modified: new Date(now).toISOString() }));
    // Only this item's sale: items of unmapped references (the accessories) sell in the simulator meanwhile.
    const sells = () => h!.store.ledger(luxuryPnl).readAll().filter((r) => r.action === 'sell' && r.item_id === item.id);
    // eBay refuses the token on this cycle: the cycle fails with the reason, nothing is booked.
    fake.queued.push((r, reply) => r.url.startsWith('/sell/fulfillment/') && send(reply, 401, { errors: [{ errorId: 1001, message: 'Invalid access token' }] }));
    now += 6 * MS.hour;
    await expect(h.run(cycle, now)).rejects.toThrow(/HTTP 401 1001 Invalid access token: check EBAY_ACCESS_TOKEN/);
    expect(sells()).toHaveLength(0);
    // The next cycles (one of them a restarted agent) book it once: the sale price, fees $312.34 + $60.00 shipping out.
    for (const c of [cycle, h.cycle(luxuryMarketplaceFor(config, h.market(), h.store, client))]) {
      now += 6 * MS.hour;
      await h.run(c, now);
    }
    expect(sells()).toHaveLength(1);
    const cents = Math.round(Number(price) * 100);
    expect(sells()[0]).toMatchObject({ item_id: item.id, amount: cents / 100, fees: 372.34 });
    expect(h.store.get(luxuryInventory)!.items.find((i) => i.id === item.id)).toMatchObject({ status: 'sold' });

    // The buyer returns it; eBay refunds the price, the seller pays the $18.75 label, and eBay credits
    // $311.94 of its fee (all but the $0.40 per-order fee). Booked once over two cycles, one of them a restarted agent.
    fake.returns.push({
      summary: { returnId: '5000099001', orderId: '27-90001-00001', state: 'CLOSED', creationInfo: { item: { itemId: offer.listingId }, creationDate: { value: new Date(now).toISOString() } } },
      detail: {
        refundInfo: { actualRefundDetail: { actualRefund: { totalAmount: { value: cents / 100, currency: 'USD' }, feeCreditAmount: { value: 311.94, currency: 'USD' } } } },
        returnShipmentInfo: { payee: 'SELLER', shippingLabelCost: { totalAmount: { value: 18.75, currency: 'USD' } } },
      },
    });
    for (const c of [cycle, h.cycle(luxuryMarketplaceFor(config, h.market(), h.store, client))]) {
      now += 6 * MS.hour;
      await h.run(c, now);
    }
    const itemRows = h.store.ledger(luxuryPnl).readAll().filter((r) => r.item_id === item.id);
    expect(itemRows.filter((r) => r.action === 'return').map((r) => [r.key, r.amount, r.fees])).toEqual([['return:ebay-return-5000099001', -cents / 100, 18.75]]);
    expect(itemRows.filter((r) => r.action === 'fee' && r.amount > 0).map((r) => [r.key, r.amount])).toEqual([['credit:ebay-feecredit-5000099001', 311.94]]);
    expect(h.store.get(luxuryInventory)!.items.find((i) => i.id === item.id)).toMatchObject({ status: 'held', auth_status: 'failed' });
    // Independently, in cents: the sale and its return leave the item's P&L at what the return cost —
    // the fees eBay kept ($372.34 − $311.94) and the label ($18.75) — plus the costs it bore besides
    // (authentication, insurance); the cost of the goods is back in inventory. The roll-up is the ledger's sum.
    const sum = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0);
    const otherCosts = sum(itemRows.filter((r) => r.action === 'fee' && r.amount === 0).map((r) => r.fees));
    expect(sum(itemRows.map((r) => r.pnl))).toBe(-(37_234 - 31_194) - 1_875 - otherCosts);
    await (await revenueRollupAgent.create(h.ctx)).tick(now);
    const all = h.store.ledger(luxuryPnl).readAll();
    expect(Math.round(h.store.get(revenueByAgent)!.agents.luxury_agent!.profit * 100)).toBe(sum(all.map((r) => r.pnl)));
    expect(Math.round(h.store.get(revenueByAgent)!.agents.luxury_agent!.revenue * 100)).toBe(sum(all.filter((r) => r.action === 'sell' || r.action === 'return' || (r.action === 'writeoff' && r.amount < 0)).map((r) => r.amount)));
  }, 180_000);

  it('gives the agent the simulator alone in sim mode or without credentials, and stops on a wrong eBay mapping', async () => {
    h = harness('luxury');
    const clock = { now: () => T0 } as never;
    const name = async (env: Record<string, string>, luxury?: unknown) => (await venturePorts('luxury_agent', configAt(h!.home, env, luxury), clock)).marketplace?.name;
    expect(await name({ NEOLIGHT_MODE: 'paper', EBAY_ACCESS_TOKEN: 't' })).toBe('ebay+luxury-sim');
    expect(await name({ NEOLIGHT_MODE: 'live', EBAY_CLIENT_ID: 'id', EBAY_CLIENT_SECRET: 's', EBAY_REFRESH_TOKEN: 'r' })).toBe('ebay+luxury-sim');
    expect(await name({ NEOLIGHT_MODE: 'sim', EBAY_ACCESS_TOKEN: 't' })).toBe('luxury-sim');
    expect(await name({ NEOLIGHT_MODE: 'paper' })).toBe('luxury-sim');
    await expect(name({ NEOLIGHT_MODE: 'paper', EBAY_CLIENT_ID: 'id' })).rejects.toThrow(/ebay: set EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN too/);
    await expect(name({ NEOLIGHT_MODE: 'paper', EBAY_ACCESS_TOKEN: 't' }, {})).rejects.toThrow(/config ventures\.luxury_agent\.ebay: missing/);
    const rolex = { ebay: { ...EBAY, listings: { 'watch:rolex-op41-124300': { category_id: '31387', image_urls: img } } } };
    await expect(name({ NEOLIGHT_MODE: 'paper', EBAY_ACCESS_TOKEN: 't' }, rolex)).rejects.toThrow(/ebay\.listings: "watch:rolex-op41-124300" is a chrono24 reference; accepted: watch:cartier-tank-must-wsta0041, /);
    expect(() => configAt(h!.home, {}, { ebay: { ...EBAY, marketplace: 'EBAY_DE' } })).toThrow(/marketplace/);
    expect(() => configAt(h!.home, {}, { ebay: { ...EBAY, listings: { 'fashion:lv-neverfull-mm': { category_id: '169291', image_urls: ['http://img.example/1.jpg'] } } } })).toThrow(/must be an https:\/\/ URL/);
  });
});
