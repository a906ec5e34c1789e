/**
 * The collectibles agent with StockX wired as the mesh wires it (paper mode, both credentials, mapped
 * references): it buys in the simulator, lists what passed authentication on StockX (a fake server on
 * 127.0.0.1), keeps an item whose buyer cancelled listed on a new ask without booking anything, and
 * books the sale StockX reports — once, with the payout's fees — also when StockX refused the
 * credentials on the cycle before. Without credentials, or in sim mode, the mesh gives the
 * agent the simulator alone; a mapping to a reference StockX does not sell is refused at start.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { revenueByAgent } from '../../../src/contracts/revenue.js';
import { splitRowCents } from '../../../src/contracts/revenue-sources.js';
import { collectiblesStockx } from '../../../src/contracts/stockx-connector.js';
import { collectiblesInventory, collectiblesPnl } from '../../../src/contracts/ventures.js';
import { MS } from '../../../src/core/clock.js';
import { venturePorts } from '../../../src/mesh/venture-ports.js';
import { collectiblesMarketplaceFor } from '../../../src/ventures/collectibles/marketplace-for.js';
import { stockxClient } from '../../../src/ventures/collectibles/stockx-client.js';
import { revenueRollupAgent } from '../../../src/ventures/revenue-rollup.js';
import { harness, T0, type Harness } from '../resale/harness.js';
import { API_KEY, fakeStockx, json, TOKEN, type FakeStockx } from './fake-stockx.js';

const VARIANTS = { 'sneaker:jordan-1-high-og-lost-and-found:10': 'v-jordan', 'sneaker:yeezy-350-v2-zebra:10': 'v-zebra' };
let fake: FakeStockx | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await fake?.close();
  if (h) rmSync(h.home, { recursive: true, force: true });
  fake = undefined;
  h = undefined;
});

function configAt(home: string, env: Record<string, string>, collectibles: unknown = { stockx_variants: VARIANTS }) {
  writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ ventures: { collectibles_agent: collectibles } }));
  return loadConfig({ home }, env);
}

describe('collectibles agent on StockX', () => {
  it('lists authenticated items of mapped references on StockX and books the sale StockX reports once, after a refused cycle', async () => {
    // Thin margins and no approval wait, so that sneakers (StockX's 12 % seller fees) are bought within weeks.
    h = harness('collectibles', { minMargin: 0.01, approvalAboveUsd: 5_000, itemCapUsd: 5_000 }, 42, { ventures: { collectibles_agent: { safety_margin: 0 } } });
    let now = T0;
    fake = await fakeStockx(() => now);
    const config = configAt(h.home, { NEOLIGHT_MODE: 'paper', STOCKX_API_KEY: API_KEY, STOCKX_ACCESS_TOKEN: TOKEN, STOCKX_BASE_URL: fake.base });
    const client = stockxClient({ baseUrl: fake.base, apiKey: API_KEY, accessToken: TOKEN, sleep: async () => undefined });
    const market = collectiblesMarketplaceFor(config, h.market(), h.store, client);
    expect(market).toMatchObject({ name: 'stockx+collectibles-sim', simulated: true });
    const cycle = h.cycle(market);
    while (fake.listings.size === 0 && now < T0 + 60 * MS.day) {
      await h.run(cycle, now);
      now += 4 * MS.hour;
    }
    expect(fake.listings.size).toBeGreaterThan(0);
    const [listingId, ask] = [...fake.listings][0]!;
    expect(ask).toMatchObject({ status: 'INACTIVE', active: false });
    const item = h.store.get(collectiblesInventory)!.items.find((i) => i.listing_id === listingId)!;
    expect(item).toMatchObject({ status: 'listed', auth_status: 'passed' });
    expect(Object.keys(VARIANTS)).toContain(item.ref);
    // Unmapped references stay with the simulator: every StockX ask is on a mapped variant.
    expect([...fake.listings.values()].every((l) => Object.values(VARIANTS).includes(l.variantId))).toBe(true);

    // The buyer cancels and StockX cancels the ask with the order: nothing is booked, the item stays listed on a new ask.
    const itemRows = () => h!.store.ledger(collectiblesPnl).readAll().filter((r) => r.item_id === item.id);
    const rowsBefore = itemRows().length;
    fake.orders.history.push({ orderNumber: '323314425-0', listingId, amount: ask.amount, status: 'CANCELED', createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString() });
    ask.status = 'CANCELED';
    now += 4 * MS.hour;
    await h.run(cycle, now);
    const relisted = h.store.get(collectiblesStockx)!.listings[`list:${item.id}`]!;
    expect(relisted).toMatchObject({ previous_listing_ids: [listingId], handled_orders: ['323314425-0'] });
    const newAsk = fake.listings.get(relisted.listing_id!)!;
    expect(newAsk).toMatchObject({ status: 'INACTIVE', variantId: ask.variantId });
    expect(h.store.get(collectiblesInventory)!.items.find((i) => i.id === item.id)).toMatchObject({ status: 'listed', listing_id: listingId });
    expect(itemRows()).toHaveLength(rowsBefore);

    const sale = Math.round(Number(newAsk.amount) * 100);
    const payoutCents = sale - 4_788;
    fake.orders.active.push({ orderNumber: '323314425-1', listingId: relisted.listing_id!, amount: newAsk.amount, status: 'PAYOUTPENDING', createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString(), payout: { salePrice: newAsk.amount, totalPayout: (payoutCents / 100).toFixed(2), totalAdjustments: '-47.88', currencyCode: 'USD', adjustments: [] } });
    const sells = () => h!.store.ledger(collectiblesPnl).readAll().filter((r) => r.action === 'sell' && r.key === 'sell:stockx-sold-323314425-1');
    // StockX refuses the token on this cycle: the cycle fails with the reason, nothing is booked.
    fake.queued.push((req, _b, res) => (req.url?.startsWith('/v2/selling/orders') ? json(res, 401, { statusCode: 401, message: 'Unauthorized' }) : false));
    now += 4 * MS.hour;
    await expect(h.run(cycle, now)).rejects.toThrow(/401 Unauthorized: check STOCKX_API_KEY and STOCKX_ACCESS_TOKEN/);
    expect(sells()).toHaveLength(0);
    // The next cycles (one of them a restarted agent) book it once: sale $X, fees $47.88 from the payout.
    for (const c of [cycle, h.cycle(collectiblesMarketplaceFor(config, h.market(), h.store, client))]) {
      now += 4 * MS.hour;
      await h.run(c, now);
    }
    expect(sells()).toHaveLength(1);
    expect(sells()[0]).toMatchObject({ amount: sale / 100, fees: 47.88, pnl: Math.round(sale - 4_788 - Math.round(item.cost * 100)) / 100 });

    // After the payout StockX takes the sale back (RETURNED): the price goes back, the $47.88 of fees
    // comes back, and the item is ours again — booked once over two cycles, one of them a restarted agent.
    Object.assign(fake.orders.active[0]!, { status: 'RETURNED', updatedAt: new Date(now + MS.day).toISOString() });
    for (const c of [cycle, h.cycle(collectiblesMarketplaceFor(config, h.market(), h.store, client))]) {
      now += 4 * MS.hour;
      await h.run(c, now);
    }
    const returns = itemRows().filter((r) => r.action === 'return');
    const credits = itemRows().filter((r) => r.action === 'fee' && r.amount > 0);
    expect(returns.map((r) => [r.key, r.amount, r.fees])).toEqual([['return:stockx-returned-323314425-1', -sale / 100, 0]]);
    expect(credits.map((r) => [r.key, r.amount, r.pnl])).toEqual([['credit:stockx-feecredit-323314425-1', 47.88, 47.88]]);
    expect(h.store.get(collectiblesInventory)!.items.find((i) => i.id === item.id)).toMatchObject({ status: 'held', auth_status: 'failed' });
    // Independently: the sale and its reversal net to nothing, so the item's P&L is only the costs it
    // bore besides (its authentication and other fees), and the roll-up is the ledger's sum.
    const cents = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0);
    const otherCosts = cents(itemRows().filter((r) => r.action === 'fee' && r.amount === 0).map((r) => r.fees));
    expect(cents(itemRows().map((r) => r.pnl)) + otherCosts).toBe(0);
    expect(cents(itemRows().map((r) => splitRowCents(r).revenueCents / 100))).toBe(0);
    await (await revenueRollupAgent.create(h.ctx)).tick(now);
    const all = h.store.ledger(collectiblesPnl).readAll();
    expect(Math.round(h.store.get(revenueByAgent)!.agents.collectibles_agent!.profit * 100)).toBe(cents(all.map((r) => r.pnl)));
  }, 120_000);

  it('gives the agent the simulator alone in sim mode or without both credentials, and refuses a mapping StockX cannot sell', async () => {
    h = harness('collectibles');
    const clock = { now: () => T0 } as never;
    const name = async (env: Record<string, string>) => (await venturePorts('collectibles_agent', configAt(h!.home, env), clock)).marketplace?.name;
    expect(await name({ NEOLIGHT_MODE: 'paper', STOCKX_API_KEY: 'k', STOCKX_ACCESS_TOKEN: 't' })).toBe('stockx+collectibles-sim');
    expect(await name({ NEOLIGHT_MODE: 'sim', STOCKX_API_KEY: 'k', STOCKX_ACCESS_TOKEN: 't' })).toBe('collectibles-sim');
    expect(await name({ NEOLIGHT_MODE: 'paper', STOCKX_API_KEY: 'k' })).toBe('collectibles-sim');
    const goat = configAt(h.home, { NEOLIGHT_MODE: 'live', STOCKX_API_KEY: 'k', STOCKX_ACCESS_TOKEN: 't' }, { stockx_variants: { 'sneaker:dunk-low-panda:9': 'v-1' } });
    await expect(venturePorts('collectibles_agent', goat, clock)).rejects.toThrow(/stockx_variants: "sneaker:dunk-low-panda:9" is a goat reference; accepted: sneaker:jordan-1-high-og-lost-and-found:10, sneaker:yeezy-350-v2-zebra:10/);
    expect(() => configAt(h!.home, {}, { stockx_variant: {} })).toThrow(/stockx_variant/);
  });
});
