/**
 * Both commerce ventures on their simulators for simulated days: they buy, list, sell and book;
 * their documents agree with their ledgers; state/revenue_by_agent.json equals the sum of the
 * ledgers recomputed here independently (row by row, in cents); the measured figures are printed.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { revenueByAgent } from '../../../src/contracts/revenue.js';
import { dropshipListings, dropshipProfit, ticketArbitrage, ticketInventory } from '../../../src/contracts/ventures.js';
import { manualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/log/logger.js';
import { dropshipAgent } from '../../../src/ventures/dropship/dropship-agent.js';
import { simulatedDropshipMarketplace } from '../../../src/ventures/dropship/simulator.js';
import { dropshipSummary } from '../../../src/ventures/dropship/summary.js';
import { revenueRollupAgent } from '../../../src/ventures/revenue-rollup.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';
import { ticketSummary } from '../../../src/ventures/tickets/summary.js';
import { ticketAgent } from '../../../src/ventures/tickets/ticket-agent.js';
import { commerceHome, run, startAgent, T0, type Home } from './harness.js';

let h: Home | undefined;
afterEach(() => h && rmSync(h.home, { recursive: true, force: true }));

const cents = (x: number): number => Math.round(x * 100);

describe('commerce ventures on their simulators', () => {
  it('dropshipping lists in the margin band, fills orders from the supplier, books returns; rollup = ledger', async () => {
    h = commerceHome();
    const mp = simulatedDropshipMarketplace({ seed: h.config.seed, platform: 'shopify', returnRate: 0.175 });
    const agent = await startAgent(dropshipAgent, h, mp);
    const days = 14;
    const end = await run(h, agent, T0, days, 4 * 3_600_000);
    const doc = h.store.get(dropshipListings)!;
    const rows = h.store.ledger(dropshipProfit).readAll();
    expect(doc.simulated).toBe(true);
    expect(doc.listings.length).toBeGreaterThan(0);
    for (const l of doc.listings) {
      expect(l.margin).toBeGreaterThanOrEqual(0.15);
      expect(l.margin).toBeLessThanOrEqual(0.6);
    }
    expect(rows.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(10);
    for (const r of rows) expect(cents(r.profit)).toBe(cents(r.revenue) - cents(r.cost) - cents(r.fees));
    // Orders only on listings the agent made.
    const ids = new Set(doc.listings.map((l) => l.listing_id));
    for (const r of rows) expect(ids.has(r.listing_id)).toBe(true);

    const rollup = await revenueRollupAgent.create({ name: 'revenue_rollup', clock: manualClock(end), store: h.store, log: silentLogger(), config: h.config, ports: {} });
    await rollup.tick(end);
    const got = h.store.get(revenueByAgent)!.agents.dropship_agent!;
    const profit = rows.reduce((a, r) => a + cents(r.profit), 0);
    const revenue = rows.reduce((a, r) => a + cents(r.revenue), 0);
    expect(cents(got.profit)).toBe(profit);
    expect(cents(got.revenue)).toBe(revenue);
    expect(got.simulated).toBe(true);
    const s = dropshipSummary(doc, rows);
    expect(cents(s.profit)).toBe(profit);
    console.log(`SIMULATED dropship ${days} days: listings ${doc.listings.length}, orders ${rows.filter((r) => r.key.endsWith(':sale')).length}, returns ${rows.filter((r) => r.key.endsWith(':return')).length}, chargebacks ${rows.filter((r) => r.status === 'chargeback').length}, revenue $${s.revenue}, fees $${s.fees}, profit $${s.profit}, margin ${s.margin === null ? 'n/a' : (s.margin * 100).toFixed(1)} % (target 15–60 %), exposure $${s.inventory_cost}`);
  }, 60_000);

  it('tickets buy below modelled value, relist, mark down, sell or refund; rollup = ledger', async () => {
    h = commerceHome();
    const mp = simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12 });
    const agent = await startAgent(ticketAgent, h, mp);
    const days = 30;
    // Per-event budget: the money at work on one event (open lots, all in) never exceeds $800.
    let maxAtWork = 0;
    const end = await run(h, agent, T0, days, 6 * 3_600_000, true, () => {
      const atWork = new Map<string, number>();
      for (const l of h!.store.get(ticketInventory)?.lots ?? []) if (['buying', 'held', 'listed'].includes(l.status)) atWork.set(l.event_id, (atWork.get(l.event_id) ?? 0) + cents(l.cost));
      maxAtWork = Math.max(maxAtWork, ...atWork.values());
    });
    const doc = h.store.get(ticketInventory)!;
    const rows = h.store.ledger(ticketArbitrage).readAll();
    const buys = rows.filter((r) => r.action === 'buy');
    expect(buys.length).toBeGreaterThan(3);
    expect(rows.some((r) => r.action === 'sell')).toBe(true);
    expect(maxAtWork).toBeGreaterThan(0);
    expect(maxAtWork).toBeLessThanOrEqual(80_000);
    // The inventory is the ledger's projection: every closed lot has its closing row and vice versa.
    for (const l of doc.lots) {
      const keys = ['sell', 'refund', 'expired'].filter((a) => rows.some((r) => r.key === `${l.id}:${a}`));
      if (l.status === 'sold') expect(keys).toEqual(['sell']);
      else if (l.status === 'refunded') expect(keys).toEqual(['refund']);
      else if (l.status === 'expired') expect(keys).toEqual(['expired']);
      else expect(keys).toEqual([]);
      if (l.status !== 'rejected') expect(rows.some((r) => r.key === `${l.id}:buy`)).toBe(true);
    }
    const rollup = await revenueRollupAgent.create({ name: 'revenue_rollup', clock: manualClock(end), store: h.store, log: silentLogger(), config: h.config, ports: {} });
    await rollup.tick(end);
    const got = h.store.get(revenueByAgent)!.agents.ticket_arbitrage!;
    const profit = rows.reduce((a, r) => a + cents(r.pnl), 0);
    const sales = rows.filter((r) => r.action === 'sell' || r.action === 'refund').reduce((a, r) => a + cents(r.qty * r.price), 0);
    expect(cents(got.profit)).toBe(profit);
    expect(cents(got.revenue)).toBe(sales);
    expect(cents(got.revenue) - cents(got.cost)).toBe(profit);
    const s = ticketSummary(doc, rows);
    expect(cents(s.profit)).toBe(profit);
    console.log(`SIMULATED tickets ${days} days: lots bought ${buys.length}, sold ${rows.filter((r) => r.action === 'sell').length}, refunded ${rows.filter((r) => r.action === 'refund').length}, expired ${rows.filter((r) => r.action === 'expired').length}, open ${s.inventory_count} ($${s.inventory_cost}), sales $${s.revenue}, fees $${s.fees}, profit $${s.profit}, ROI per cycle ${s.roi_per_cycle === null ? 'n/a' : (s.roi_per_cycle * 100).toFixed(1)} % (target 20–40 %)`);
  }, 60_000);
});
