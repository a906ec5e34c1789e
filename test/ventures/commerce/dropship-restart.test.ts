/**
 * A restart of the dropshipping agent and its simulated store loses no order and no return: the venue
 * keeps its listings, the orders they took and the supplier purchases in runtime/dropship_market_sim.json,
 * so a new process (a new agent and a new simulator on the same home) books every return and chargeback
 * of orders taken before the restart, and the ledger is the uninterrupted run's row for row.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dropshipMarketSim } from '../../../src/contracts/dropship-sim.js';
import { dropshipProfit } from '../../../src/contracts/ventures.js';
import { dropshipAgent } from '../../../src/ventures/dropship/dropship-agent.js';
import { dropshipStoreJournal } from '../../../src/ventures/dropship/sim-journal.js';
import { simulatedDropshipMarketplace } from '../../../src/ventures/dropship/simulator.js';
import { commerceHome, HOUR, run, startAgent, T0, type Home } from './harness.js';

const homes: Home[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h.home, { recursive: true, force: true });
});

/** A new simulator on the home's journal, as a restarted mesh builds it. */
const venue = (h: Home): ReturnType<typeof simulatedDropshipMarketplace> =>
  simulatedDropshipMarketplace({ seed: h.config.seed, platform: 'shopify', returnRate: 0.175, journal: dropshipStoreJournal(h.store) });
const ledgerOf = (h: Home): string[] => h.store.ledger(dropshipProfit).readAll().map((r) => `${r.key} ${r.ts} ${r.status} ${r.revenue} ${r.cost} ${r.fees} ${r.profit}`);

describe('dropshipping across a restart', () => {
  it('orders taken before the restart come back as returns after it, exactly as without the restart', async () => {
    const days = 12;
    const cut = 3;
    const step = 3 * HOUR;
    const straight = commerceHome();
    homes.push(straight);
    await run(straight, await startAgent(dropshipAgent, straight, venue(straight)), T0, days, step);

    const restarted = commerceHome();
    homes.push(restarted);
    const mid = await run(restarted, await startAgent(dropshipAgent, restarted, venue(restarted)), T0, cut, step);
    const before = new Set(restarted.store.ledger(dropshipProfit).readAll().filter((r) => r.status === 'fulfilled').map((r) => r.order_id));
    // The test means something only if orders were sold before the restart.
    expect(before.size).toBeGreaterThan(0);
    const journal = restarted.store.get(dropshipMarketSim)!;
    expect(Object.keys(journal.orders).length).toBeGreaterThanOrEqual(before.size);
    await run(restarted, await startAgent(dropshipAgent, restarted, venue(restarted)), mid, days - cut, step);

    const rows = restarted.store.ledger(dropshipProfit).readAll();
    // Returns of orders sold before the restart were booked after it (the old in-process memory lost them).
    const returnedAfter = rows.filter((r) => r.key.endsWith(':return') && before.has(r.order_id) && Date.parse(r.ts) >= mid);
    expect(returnedAfter.length).toBeGreaterThan(0);
    expect(ledgerOf(restarted)).toEqual(ledgerOf(straight));
    // Nothing booked twice.
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  }, 180_000);
});
