/**
 * A restart of the ticket agent and its simulated exchange loses no lot: the venue keeps its memory
 * of our purchases and listings in runtime/ticket_market_sim.json, so a new process (a new agent and
 * a new simulator on the same home) finds every held and listed lot where it was, and sells or
 * refunds it exactly as an uninterrupted run does — the two ledgers are identical row for row.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { eventSchedule } from '../../../src/contracts/inputs.js';
import { ticketArbitrage, ticketInventory } from '../../../src/contracts/ventures.js';
import type { AgentInstance } from '../../../src/core/agent.js';
import { simulatedEventSchedule } from '../../../src/intelligence/commerce-inputs.js';
import { ticketStoreJournal } from '../../../src/ventures/tickets/journal.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';
import { ticketAgent } from '../../../src/ventures/tickets/ticket-agent.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { commerceHome, DAY, HOUR, startAgent, T0, type Home } from './harness.js';

const homes: Home[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h.home, { recursive: true, force: true });
});

/** A new simulator on the home's journal, as a restarted mesh builds it. */
const venue = (h: Home): ReturnType<typeof simulatedTicketMarketplace> => simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12, journal: ticketStoreJournal(h.store) });
/** Tick every 6 hours for `days` with a fresh event schedule and clear risk (the harness's run, without the trends the ticket agent never reads). */
async function run(h: Home, agent: AgentInstance, from: number, days: number): Promise<number> {
  let now = from;
  for (; now < from + days * DAY; now += 6 * HOUR) {
    h.store.write(eventSchedule, simulatedEventSchedule(h.config.seed, now));
    freshRiskDocs(h.store, now);
    await agent.tick(now);
  }
  return now;
}
const ledgerOf = (h: Home): string[] => h.store.ledger(ticketArbitrage).readAll().map((r) => `${r.key} ${r.ts} ${r.action} ${r.price} ${r.fees} ${r.pnl}`);

describe('ticket arbitrage across a restart', () => {
  it('held and listed lots come back from the stores and close exactly as without the restart', async () => {
    const days = 10;
    const cut = 3;
    const straight = commerceHome();
    homes.push(straight);
    await run(straight, await startAgent(ticketAgent, straight, venue(straight)), T0, days);

    const restarted = commerceHome();
    homes.push(restarted);
    const mid = await run(restarted, await startAgent(ticketAgent, restarted, venue(restarted)), T0, cut);
    const open = restarted.store.get(ticketInventory)!.lots.filter((l) => l.status === 'held' || l.status === 'listed');
    // The test means something only if lots were open at the restart.
    expect(open.length).toBeGreaterThan(0);
    await run(restarted, await startAgent(ticketAgent, restarted, venue(restarted)), mid, days - cut);

    expect(ledgerOf(restarted)).toEqual(ledgerOf(straight));
    const rows = restarted.store.ledger(ticketArbitrage).readAll();
    // Every lot open at the restart was closed once afterwards (sold, refunded or expired), none twice.
    const closedAfter = open.filter((l) => rows.filter((r) => r.key === `${l.id}:sell` || r.key === `${l.id}:refund` || r.key === `${l.id}:expired`).length === 1);
    expect(closedAfter.length).toBe(open.filter((l) => Date.parse(l.starts_at) < T0 + days * DAY || rows.some((r) => r.key.startsWith(`${l.id}:`) && r.action !== 'buy' && r.action !== 'list')).length);
    expect(rows.some((r) => r.action === 'sell' && open.some((l) => r.key === `${l.id}:sell`))).toBe(true);
    // The restarted venue answers a repeated listing of an open lot with the listing it already has.
    const v = venue(restarted);
    for (const l of restarted.store.get(ticketInventory)!.lots.filter((x) => x.status === 'listed')) {
      const again = await v.list({ clientId: `${l.id}:list`, itemId: l.id, priceCents: 1 }, T0 + days * DAY);
      expect(again.listingId).toBe(l.listing_id);
      expect(again.state).not.toBe('rejected');
    }
  }, 180_000);
});
