/**
 * A crash at the narrowest point of a purchase — the venue has filled it, the agent has not booked it —
 * injected deterministically (a venue wrapper that throws once right after a filled purchase, as a
 * kill -9 there would stop the agent), then a new agent and a new venue on the same home. Checked by
 * outcome only: every purchase the venue's journal filled is booked exactly once, nothing else is.
 * The kill -9 test can miss this window; this cannot (removing the write-ahead of tickets' `buying`
 * lot or resale's `pending_buys` makes it fail).
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { luxuryMarketSim } from '../../../src/contracts/resale-sim.js';
import { ticketMarketSim } from '../../../src/contracts/ticket-sim.js';
import { luxuryPnl, ticketArbitrage } from '../../../src/contracts/ventures.js';
import type { Marketplace } from '../../../src/core/marketplace.js';
import { ticketStoreJournal } from '../../../src/ventures/tickets/journal.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';
import { ticketAgent } from '../../../src/ventures/tickets/ticket-agent.js';
import { harness, T0 as RESALE_T0 } from '../resale/harness.js';
import { commerceHome, DAY, HOUR, run, startAgent, T0, type Home } from './harness.js';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

/** `m` that dies once, right after the venue filled a purchase (the answer never reaches the agent). */
function dyingAfterPurchase(m: Marketplace): Marketplace & { died: () => string | undefined } {
  let died: string | undefined;
  return {
    ...m,
    scan: (n) => m.scan(n),
    comps: (r, n) => m.comps(r, n),
    list: (r, n) => m.list(r, n),
    reprice: (id, p, n) => m.reprice(id, p, n),
    delist: (id, n) => m.delist(id, n),
    events: (c, n) => m.events(c, n),
    async buy(req, n) {
      const p = await m.buy(req, n);
      if (died === undefined && p.state === 'filled') {
        died = req.clientId;
        throw new Error('process killed after the venue filled the purchase');
      }
      return p;
    },
    died: () => died,
  };
}

describe('crash between the venue purchase and the ledger', () => {
  it('tickets: the restarted agent adopts the filled lot once', async () => {
    const h: Home = commerceHome();
    homes.push(h.home);
    const venue = (): Marketplace => simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12, journal: ticketStoreJournal(h.store) });
    const dying = dyingAfterPurchase(venue());
    const first = await startAgent(ticketAgent, h, dying);
    let now = T0;
    while (dying.died() === undefined && now < T0 + 5 * DAY) {
      await run(h, first, now, 0.25, 6 * HOUR).catch(() => undefined);
      now += 6 * HOUR;
    }
    const lost = dying.died();
    expect(lost).toBeDefined();
    expect(h.store.ledger(ticketArbitrage).has(`${lost}:buy`)).toBe(false);
    await run(h, await startAgent(ticketAgent, h, venue()), now, 3, 6 * HOUR);

    const filled = Object.entries(h.store.get(ticketMarketSim)!.purchases).filter(([, p]) => p.state === 'filled').map(([id]) => `${id}:buy`);
    const booked = h.store.ledger(ticketArbitrage).readAll().filter((r) => r.action === 'buy').map((r) => r.key);
    expect(filled).toContain(`${lost}:buy`);
    expect(booked.filter((k) => k === `${lost}:buy`)).toHaveLength(1);
    expect([...booked].sort()).toEqual([...filled].sort());
  }, 120_000);

  it('luxury: the restarted agent adopts the filled item once', async () => {
    const h = harness('luxury', { minMargin: 0.05, approvalAboveUsd: 50_000 });
    homes.push(h.home);
    const dying = dyingAfterPurchase(h.market());
    const first = h.cycle(dying);
    let now = RESALE_T0;
    for (; dying.died() === undefined && now < RESALE_T0 + 30 * DAY; now += 6 * HOUR) await h.run(first, now).catch(() => undefined);
    const lost = dying.died();
    expect(lost).toBeDefined();
    expect(h.store.ledger(luxuryPnl).has(`buy:${lost}`)).toBe(false);
    const second = h.cycle(h.market());
    for (const end = now + 5 * DAY; now < end; now += 6 * HOUR) await h.run(second, now);

    const filled = Object.entries(h.store.get(luxuryMarketSim)!.purchases).filter(([, p]) => p.state === 'filled').map(([id]) => `buy:${id}`);
    const booked = h.store.ledger(luxuryPnl).readAll().filter((r) => r.action === 'buy').map((r) => r.key);
    expect(filled).toContain(`buy:${lost}`);
    expect(booked.filter((k) => k === `buy:${lost}`)).toHaveLength(1);
    expect([...booked].sort()).toEqual([...filled].sort());
  }, 120_000);
});
