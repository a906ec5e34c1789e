/**
 * The drawdown halt stops every purchase of both ventures, also for a new agent instance on the same
 * home; and a crash between the venue call and the ledger append (injected: the append throws) loses
 * and duplicates nothing — a new instance re-sends with the same client id, the venue answers with
 * the first result, and the purchase is booked once; documents agree with the ledger afterwards.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerContract } from '../../../src/contracts/contract.js';
import { drawdownGuard } from '../../../src/contracts/risk.js';
import { dropshipListings, dropshipProfit, ticketArbitrage, ticketInventory } from '../../../src/contracts/ventures.js';
import type { Marketplace } from '../../../src/core/marketplace.js';
import { initialDrawdownState } from '../../../src/risk/drawdown.js';
import type { StateStore } from '../../../src/store/file-store.js';
import { dropshipAgent } from '../../../src/ventures/dropship/dropship-agent.js';
import { simulatedDropshipMarketplace } from '../../../src/ventures/dropship/simulator.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';
import { ticketAgent } from '../../../src/ventures/tickets/ticket-agent.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { commerceHome, HOUR, run, startAgent, T0, writeInputs, type Home } from './harness.js';

let h: Home | undefined;
afterEach(() => h && rmSync(h.home, { recursive: true, force: true }));

/** A marketplace that counts buy calls per client id. */
function counting(mp: Marketplace): { mp: Marketplace; calls: Map<string, number>; filled: Set<string> } {
  const calls = new Map<string, number>();
  const filled = new Set<string>();
  return {
    calls,
    filled,
    mp: {
      ...mp,
      buy: async (req, now) => {
        calls.set(req.clientId, (calls.get(req.clientId) ?? 0) + 1);
        const p = await mp.buy(req, now);
        if (p.state === 'filled') filled.add(req.clientId);
        return p;
      },
    },
  };
}

/** The store, except that appending a row matching `when` to `ledger` throws once (a kill between venue and ledger). */
function crashingStore(store: StateStore, ledger: LedgerContract, when: (key: string) => boolean): { store: StateStore; crashed: () => boolean } {
  let crashed = false;
  return {
    crashed: () => crashed,
    store: {
      ...store,
      ledger: ((c: LedgerContract) => {
        const l = store.ledger(c);
        if (c.path !== ledger.path) return l;
        return { ...l, append: (rows: Parameters<typeof l.append>[0]) => {
          if (!crashed && rows.some((r) => when(r.key))) {
            crashed = true;
            throw new Error('injected crash between the venue call and the ledger append');
          }
          return l.append(rows);
        } };
      }) as StateStore['ledger'],
    },
  };
}

function halt(h: Home, now: number): void {
  h.store.write(drawdownGuard, { ...initialDrawdownState(now), mode: 'halted', trading_state: 'HALTED', multiplier: 0, tier: 4, halted_at: new Date(now).toISOString() });
  freshRiskDocs(h.store, now);
}

describe('halt', () => {
  it('dropshipping: nothing listed, nothing bought while halted, also by a new instance', async () => {
    h = commerceHome();
    halt(h, T0);
    const sim = counting(simulatedDropshipMarketplace({ seed: h.config.seed, platform: 'shopify', returnRate: 0.175 }));
    await run(h, await startAgent(dropshipAgent, h, sim.mp), T0, 1, 6 * HOUR);
    await run(h, await startAgent(dropshipAgent, h, sim.mp), T0 + 86_400_000, 1, 6 * HOUR);
    expect(h.store.get(dropshipListings)?.listings ?? []).toEqual([]);
    expect(sim.calls.size).toBe(0);
    expect(h.store.ledger(dropshipProfit).count()).toBe(0);
    // The same run with clear risk lists products (the test can fail).
    const clear = commerceHome();
    await run(clear, await startAgent(dropshipAgent, clear, simulatedDropshipMarketplace({ seed: clear.config.seed, platform: 'shopify', returnRate: 0.175 })), T0, 1, 6 * HOUR);
    expect(clear.store.get(dropshipListings)!.listings.length).toBeGreaterThan(0);
    rmSync(clear.home, { recursive: true, force: true });
  }, 60_000);

  it('tickets: nothing bought while halted, also by a new instance', async () => {
    h = commerceHome();
    halt(h, T0);
    const sim = counting(simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12 }));
    await run(h, await startAgent(ticketAgent, h, sim.mp), T0, 1, 6 * HOUR);
    await run(h, await startAgent(ticketAgent, h, sim.mp), T0 + 86_400_000, 1, 6 * HOUR);
    expect(sim.calls.size).toBe(0);
    expect(h.store.ledger(ticketArbitrage).count()).toBe(0);
    expect(h.store.get(ticketInventory)?.lots ?? []).toEqual([]);
  }, 60_000);
});

describe('crash between venue and ledger', () => {
  it('tickets: the lot written as buying is re-sent with its client id and booked once', async () => {
    h = commerceHome();
    const sim = counting(simulatedTicketMarketplace({ seed: h.config.seed, sellerFee: 0.12 }));
    const crash = crashingStore(h.store, ticketArbitrage, (k) => k.endsWith(':buy'));
    const first = await startAgent(ticketAgent, h, sim.mp, crash.store);
    writeInputs(h, T0);
    freshRiskDocs(h.store, T0);
    await expect(first.tick(T0)).rejects.toThrow(/injected crash/);
    expect(crash.crashed()).toBe(true);
    const pending = h.store.get(ticketInventory)!.lots.filter((l) => l.status === 'buying');
    expect(pending).toHaveLength(1);
    expect(sim.filled.has(pending[0]!.id)).toBe(true);
    expect(h.store.ledger(ticketArbitrage).has(`${pending[0]!.id}:buy`)).toBe(false);
    // A new incarnation on the same home and venue.
    await run(h, await startAgent(ticketAgent, h, sim.mp), T0 + HOUR, 2, 6 * HOUR);
    const rows = h.store.ledger(ticketArbitrage).readAll();
    const buys = rows.filter((r) => r.action === 'buy');
    expect(buys.filter((r) => r.key === `${pending[0]!.id}:buy`)).toHaveLength(1);
    // Every filled purchase is booked exactly once, and nothing else.
    expect(new Set(buys.map((r) => r.key.replace(/:buy$/, '')))).toEqual(sim.filled);
    for (const l of h.store.get(ticketInventory)!.lots) {
      expect(l.status).not.toBe('buying');
      expect(rows.some((r) => r.key === `${l.id}:buy`)).toBe(l.status !== 'rejected');
    }
  }, 60_000);

  it('dropshipping: an order whose supplier purchase was made but not booked is booked once after restart', async () => {
    h = commerceHome();
    const sim = counting(simulatedDropshipMarketplace({ seed: h.config.seed, platform: 'shopify', returnRate: 0.175 }));
    const crash = crashingStore(h.store, dropshipProfit, (k) => k.endsWith(':sale'));
    const first = await startAgent(dropshipAgent, h, sim.mp, crash.store);
    await expect(run(h, first, T0, 3, 2 * HOUR)).rejects.toThrow(/injected crash/);
    const bookedBefore = h.store.ledger(dropshipProfit).count();
    const cursorBefore = h.store.get(dropshipListings)!.cursor;
    const restart = T0 + 3 * 86_400_000;
    await run(h, await startAgent(dropshipAgent, h, sim.mp), restart, 1, 2 * HOUR);
    const rows = h.store.ledger(dropshipProfit).readAll();
    expect(rows.length).toBeGreaterThan(bookedBefore);
    // One supplier purchase per booked sale, no more: the re-sent one was answered, not repeated.
    const sales = rows.filter((r) => r.key.endsWith(':sale') && r.status === 'fulfilled');
    expect(new Set(sales.map((r) => `po-${r.order_id}`))).toEqual(sim.filled);
    expect([...sim.calls.values()].some((n) => n === 2)).toBe(true);
    expect(cursorBefore === undefined || h.store.get(dropshipListings)!.cursor! > cursorBefore).toBe(true);
  }, 60_000);
});
