/**
 * Primary (face-value) tickets are never bought by software alone (US BOTS Act): with primary
 * purchases enabled they wait in the approval queue; nothing is bought until a person approves,
 * a rejected one is never bought, and an approved one is bought once, within the posted limit.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ticketArbitrage, ticketInventory } from '../../../src/contracts/ventures.js';
import type { Marketplace } from '../../../src/core/marketplace.js';
import { approvalQueue, decideApproval } from '../../../src/store/approval-queue.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';
import { ticketAgent } from '../../../src/ventures/tickets/ticket-agent.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { commerceHome, HOUR, startAgent, T0, writeInputs, type Home } from './harness.js';

let h: Home | undefined;
afterEach(() => h && rmSync(h.home, { recursive: true, force: true }));

describe('primary tickets', () => {
  it('wait for a person; a rejected one is never bought, an approved one once within the limit', async () => {
    h = commerceHome({ ventures: { ticket_arbitrage: { primary_enabled: true, approval_above_usd: 100_000, per_event_budget_usd: 5_000, budget_usd: 50_000, item_cap_usd: 5_000, min_margin: 0.02 } } });
    const sim = simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12 });
    const buys: string[] = [];
    // A venue offering only face-value tickets (resale lots would only slow the test down).
    const mp: Marketplace = { ...sim, scan: async (now) => (await sim.scan(now)).filter((o) => o.attrs.primary === true), buy: (req, now) => (buys.push(req.offerId), sim.buy(req, now)) };
    const tick = async (agent: Awaited<ReturnType<typeof startAgent>>, now: number): Promise<void> => {
      writeInputs(h!, now);
      freshRiskDocs(h!.store, now);
      await agent.tick(now);
    };
    const agent = await startAgent(ticketAgent, h, mp);
    // Face value rarely beats resale net of fees (wanted events sell out fast): tick until two are worth asking about.
    let now = T0;
    for (; now < T0 + 30 * 86_400_000 && approvalQueue(h.store).items.length < 2; now += 6 * HOUR) await tick(agent, now);
    const queued = approvalQueue(h.store).items.filter((i) => i.agent === 'ticket_arbitrage');
    expect(queued.length).toBeGreaterThanOrEqual(2);
    for (const q of queued) {
      expect(q.kind).toBe('ticket_purchase');
      expect(q.summary).toMatch(/US BOTS Act/);
      expect(String(q.action?.offer_id)).toMatch(/:primary$/);
    }
    // Queued, not bought: no primary purchase reached the venue.
    expect(buys.filter((o) => o.endsWith(':primary'))).toEqual([]);

    // Approve the latest (its event is still on sale), reject an older one.
    const yes = queued[queued.length - 1];
    const no = queued[0];
    const last = now - 6 * HOUR;
    decideApproval(h.store, no!.id, 'reject', 'cli', Date.now());
    decideApproval(h.store, yes!.id, 'approve', 'alice', Date.now());
    // A restarted agent acts on the approval once; the rejected request is never bought.
    await tick(await startAgent(ticketAgent, h, mp), last + HOUR);
    await tick(await startAgent(ticketAgent, h, mp), last + 2 * HOUR);
    const primaryBuys = buys.filter((o) => o.endsWith(':primary'));
    expect(primaryBuys).toEqual([String(yes!.action?.offer_id)]);
    const lot = h.store.get(ticketInventory)!.lots.find((l) => l.id === yes!.id)!;
    expect(lot.primary).toBe(true);
    expect(lot.status).not.toBe('buying');
    const rows = h.store.ledger(ticketArbitrage).readAll().filter((r) => r.key === `${yes!.id}:buy`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.qty).toBeLessThanOrEqual(8);
    expect(h.store.get(ticketInventory)!.lots.some((l) => l.id === no!.id)).toBe(false);
  }, 60_000);

  it('are not even queued by default (primary_enabled false)', async () => {
    h = commerceHome();
    const agent = await startAgent(ticketAgent, h, simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12 }));
    writeInputs(h, T0);
    freshRiskDocs(h.store, T0);
    await agent.tick(T0);
    expect(approvalQueue(h.store).items).toEqual([]);
    expect(h.store.get(ticketInventory)!.lots.every((l) => !l.primary)).toBe(true);
  }, 60_000);
});
