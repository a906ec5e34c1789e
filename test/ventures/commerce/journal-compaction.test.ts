/**
 * The simulated venues' journals (runtime/*_market_sim.json) stay bounded on a long run: whatever
 * closed (an order past its last return or chargeback, a ticket lot whose event started or was
 * cancelled, a resale item refunded or sold and past its return) more than the journal horizon before
 * the agent's saved cursor is dropped, and a restart after a compaction books exactly what an
 * uninterrupted run does — nothing twice, nothing lost.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dropshipMarketSim } from '../../../src/contracts/dropship-sim.js';
import { eventSchedule } from '../../../src/contracts/inputs.js';
import { collectiblesMarketSim } from '../../../src/contracts/resale-sim.js';
import { ticketMarketSim } from '../../../src/contracts/ticket-sim.js';
import { collectiblesPnl, dropshipListings, dropshipProfit, ticketArbitrage, ticketInventory } from '../../../src/contracts/ventures.js';
import type { AgentInstance } from '../../../src/core/agent.js';
import { simulatedEventSchedule } from '../../../src/intelligence/commerce-inputs.js';
import { eventStateAt, simEvent } from '../../../src/market/commerce/events.js';
import { dropshipAgent } from '../../../src/ventures/dropship/dropship-agent.js';
import { dropshipStoreJournal, orderClosesAt } from '../../../src/ventures/dropship/sim-journal.js';
import { simulatedDropshipMarketplace } from '../../../src/ventures/dropship/simulator.js';
import { JOURNAL_HORIZON_MS } from '../../../src/ventures/shared/journal-horizon.js';
import { ticketStoreJournal } from '../../../src/ventures/tickets/journal.js';
import { parseOffer } from '../../../src/ventures/tickets/sim-offers.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';
import { ticketAgent } from '../../../src/ventures/tickets/ticket-agent.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { harness, T0 as RESALE_T0 } from '../resale/harness.js';
import { commerceHome, DAY, HOUR, run, startAgent, T0, type Home } from './harness.js';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});
const home = (): Home => {
  const h = commerceHome();
  homes.push(h.home);
  return h;
};

describe('venue journal compaction', () => {
  it('dropshipping: closed orders, listings and purchases past the horizon are dropped; a restart after that books as an uninterrupted run', async () => {
    const [days, cut, step] = [26, 18, 3 * HOUR];
    const venue = (h: Home): ReturnType<typeof simulatedDropshipMarketplace> =>
      simulatedDropshipMarketplace({ seed: h.config.seed, platform: 'shopify', returnRate: 0.175, journal: dropshipStoreJournal(h.store) });
    const straight = home();
    await run(straight, await startAgent(dropshipAgent, straight, venue(straight)), T0, days, step);
    const restarted = home();
    const mid = await run(restarted, await startAgent(dropshipAgent, restarted, venue(restarted)), T0, cut, step);
    const atCut = restarted.store.get(dropshipMarketSim)!;
    // The restart comes after a compaction.
    expect(atCut.compacted_through).toBeDefined();
    await run(restarted, await startAgent(dropshipAgent, restarted, venue(restarted)), mid, days - cut, step);

    const rows = (h: Home): string[] => h.store.ledger(dropshipProfit).readAll().map((r) => `${r.key} ${r.ts} ${r.status} ${r.revenue} ${r.cost} ${r.fees}`);
    expect(rows(restarted)).toEqual(rows(straight));
    expect(new Set(rows(restarted).map((r) => r.split(' ')[0])).size).toBe(rows(restarted).length);

    const j = restarted.store.get(dropshipMarketSim)!;
    const cursor = Number(restarted.store.get(dropshipListings)!.cursor);
    const mark = j.compacted_through!;
    // Compaction keeps up with the agent: the mark is the saved cursor of the last cycle less the horizon.
    expect(mark).toBeGreaterThanOrEqual(cursor - JOURNAL_HORIZON_MS - step);
    // Nothing closed before the mark is left, and what is left is far less than what ever happened.
    for (const o of Object.values(j.orders)) expect(orderClosesAt(o)).toBeGreaterThan(mark);
    for (const l of Object.values(j.listings)) expect(l.until === null || l.until > mark).toBe(true);
    for (const p of Object.values(j.purchases)) expect(p.at).toBeGreaterThan(mark);
    const sales = restarted.store.ledger(dropshipProfit).readAll().filter((r) => r.key.endsWith(':sale')).length;
    expect(Object.keys(j.orders).length).toBeLessThan(sales);
    expect(Object.keys(j.orders).length).toBeGreaterThan(0);
  }, 300_000);

  it('tickets: lots whose event started or was cancelled past the horizon are dropped; a restart after that books as an uninterrupted run', async () => {
    const [days, cut, step] = [60, 45, 6 * HOUR];
    const venue = (h: Home): ReturnType<typeof simulatedTicketMarketplace> => simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12, journal: ticketStoreJournal(h.store) });
    const go = async (h: Home, agent: AgentInstance, from: number, n: number): Promise<number> => {
      let now = from;
      for (; now < from + n * DAY; now += step) {
        h.store.write(eventSchedule, simulatedEventSchedule(h.config.seed, now));
        freshRiskDocs(h.store, now);
        await agent.tick(now);
      }
      return now;
    };
    const straight = home();
    await go(straight, await startAgent(ticketAgent, straight, venue(straight)), T0, days);
    const restarted = home();
    const mid = await go(restarted, await startAgent(ticketAgent, restarted, venue(restarted)), T0, cut);
    expect(restarted.store.get(ticketMarketSim)!.compacted_through).toBeDefined();
    await go(restarted, await startAgent(ticketAgent, restarted, venue(restarted)), mid, days - cut);

    const rows = (h: Home): string[] => h.store.ledger(ticketArbitrage).readAll().map((r) => `${r.key} ${r.ts} ${r.action} ${r.price} ${r.fees} ${r.pnl}`);
    expect(rows(restarted)).toEqual(rows(straight));

    const j = restarted.store.get(ticketMarketSim)!;
    const mark = j.compacted_through!;
    for (const p of Object.values(j.purchases)) {
      const o = parseOffer(p.offer_id)!;
      const st = eventStateAt(simEvent(restarted.config.seed, o.event), mark);
      // Left: lots still open at the mark (their event neither started nor cancelled) or bought since.
      expect(p.state === 'filled' ? st.status !== 'cancelled' && st.startsMs > mark : p.at > mark).toBe(true);
    }
    for (const l of Object.values(j.listings)) expect(j.purchases[l.item_id]).toBeDefined();
    const bought = restarted.store.get(ticketInventory)!.lots.filter((l) => l.status !== 'rejected' && l.status !== 'buying').length;
    expect(Object.values(j.purchases).filter((p) => p.state === 'filled').length).toBeLessThan(bought);
  }, 300_000);

  it('collectibles: items refunded or sold past the horizon are dropped; a restart after that books as an uninterrupted run', async () => {
    const [days, cut] = [70, 50];
    const runFor = async (h: ReturnType<typeof harness>, c: ReturnType<ReturnType<typeof harness>['cycle']>, from: number, to: number): Promise<void> => {
      for (let now = from; now < to; now += 4 * HOUR) await h.run(c, now);
    };
    const straight = harness('collectibles', { minMargin: 0, itemCapUsd: 3_000 });
    homes.push(straight.home);
    await runFor(straight, straight.cycle(), RESALE_T0, RESALE_T0 + days * DAY);
    const restarted = harness('collectibles', { minMargin: 0, itemCapUsd: 3_000 });
    homes.push(restarted.home);
    await runFor(restarted, restarted.cycle(), RESALE_T0, RESALE_T0 + cut * DAY);
    const atCut = restarted.store.get(collectiblesMarketSim)!;
    expect(atCut.compacted_through).toBeDefined();
    await runFor(restarted, restarted.cycle(), RESALE_T0 + cut * DAY, RESALE_T0 + days * DAY);

    const rows = (h: ReturnType<typeof harness>): string[] => h.store.ledger(collectiblesPnl).readAll().map((r) => `${r.key} ${r.ts} ${r.action} ${r.amount} ${r.fees} ${r.pnl}`);
    expect(rows(restarted)).toEqual(rows(straight));
    const j = restarted.store.get(collectiblesMarketSim)!;
    const bought = restarted.store.ledger(collectiblesPnl).readAll().filter((r) => r.action === 'buy').length;
    const closed = restarted.store.ledger(collectiblesPnl).readAll().filter((r) => r.action === 'sell' || r.action === 'writeoff').length;
    // Trades closed and were dropped: the journal holds fewer items than were ever bought.
    expect(closed).toBeGreaterThan(0);
    expect(Object.keys(j.items).length).toBeLessThan(bought);
    for (const l of Object.values(j.listings)) expect(j.items[l.item_id]).toBeDefined();
    for (const p of Object.values(j.purchases)) expect(p.state === 'filled' || p.at > j.compacted_through!).toBe(true);
  }, 300_000);
});
