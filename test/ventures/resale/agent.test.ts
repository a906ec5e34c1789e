/**
 * The collectibles and luxury agents on their simulators: authentication gates listing, counterfeit
 * losses are booked, approvals are never bypassed, the inventory agrees with the ledger after
 * crashes between the venue call and the books, and the revenue roll-up equals the ledger.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { collectiblesInventory, collectiblesPnl, luxuryInventory, luxuryPnl } from '../../../src/contracts/ventures.js';
import { revenueByAgent } from '../../../src/contracts/revenue.js';
import type { Marketplace, MarketplaceEvent } from '../../../src/core/marketplace.js';
import { approvalQueue, decideApproval } from '../../../src/store/approval-queue.js';
import { revenueRollupAgent } from '../../../src/ventures/revenue-rollup.js';
import { collectiblesSummary } from '../../../src/ventures/collectibles/summary.js';
import { luxurySummary } from '../../../src/ventures/luxury/summary.js';
import { harness, T0, type Harness } from './harness.js';

const H = 3_600_000;
const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((h) => rmSync(h, { recursive: true, force: true })));

/** The simulator with every buy and list call recorded (and an optional crash after the venue acted). */
/** The venue with its calls recorded; `seen` keeps every event it reported (the venue itself drops closed ones past its journal horizon). */
function spied(m: Marketplace, crashAfterBuy = 0): Marketplace & { buys: string[]; lists: { itemId: string; at: number }[]; seen: Map<string, MarketplaceEvent> } {
  const buys: string[] = [];
  const seen = new Map<string, MarketplaceEvent>();
  const lists: { itemId: string; at: number }[] = [];
  let crashes = crashAfterBuy;
  return {
    ...m,
    buys,
    lists,
    seen,
    scan: (n) => m.scan(n),
    comps: (r, n) => m.comps(r, n),
    reprice: (id, p, n) => m.reprice(id, p, n),
    delist: (id, n) => m.delist(id, n),
    async events(c, n) {
      const r = await m.events(c, n);
      for (const e of r.events) seen.set(e.id, e);
      return r;
    },
    async buy(req, n) {
      buys.push(req.clientId);
      const p = await m.buy(req, n);
      if (crashes > 0 && p.state === 'filled') {
        crashes--;
        throw new Error('kill -9 between the venue call and the ledger append');
      }
      return p;
    },
    async list(req, n) {
      lists.push({ itemId: req.itemId, at: n });
      return m.list(req, n);
    },
  };
}

function setup(kind: 'collectibles' | 'luxury', defaults = {}, file?: Record<string, unknown>, priceCounterfeits = true): Harness {
  const h = harness(kind, defaults, 42, file, priceCounterfeits);
  homes.push(h.home);
  return h;
}

const ledgerOf = (h: Harness, kind: 'collectibles' | 'luxury') => h.store.ledger(kind === 'collectibles' ? collectiblesPnl : luxuryPnl).readAll();
const docOf = (h: Harness, kind: 'collectibles' | 'luxury') => h.store.get(kind === 'collectibles' ? collectiblesInventory : luxuryInventory)!;

/** Items the ledger says are held: bought and neither sold nor written off. */
function heldByLedger(rows: ReturnType<typeof ledgerOf>): string[] {
  const closed = new Set(rows.filter((r) => r.action === 'sell' || r.action === 'writeoff').map((r) => r.item_id));
  return rows.filter((r) => r.action === 'buy' && !closed.has(r.item_id)).map((r) => r.item_id).sort();
}
const heldByDoc = (doc: ReturnType<typeof docOf>): string[] => doc.items.filter((i) => i.status === 'held' || i.status === 'listed').map((i) => i.id).sort();

describe('collectibles agent on its simulator', () => {
  it('buys, lists only authenticated items, sells, and rolls up to exactly its ledger', async () => {
    // Thin margins: enough trades in 40 days to exercise the loop (the defaults buy a handful a quarter).
    const h = setup('collectibles', { minMargin: 0.05 }, { ventures: { collectibles_agent: { safety_margin: 0 } } });
    const m = spied(h.market());
    const c = h.cycle(m);
    for (let t = T0; t < T0 + 40 * 24 * H; t += 6 * H) await h.run(c, t);
    const end = T0 + 40 * 24 * H;
    const rows = ledgerOf(h, 'collectibles');
    expect(rows.filter((r) => r.action === 'buy').length).toBeGreaterThan(3);
    expect(rows.filter((r) => r.action === 'sell').length).toBeGreaterThan(2);
    // Authentication gate: each listing call came after the item's authentication passed.
    const events = [...m.seen.values()];
    const passedAt = new Map(events.filter((e) => e.type === 'authenticated').map((e) => [e.itemId!, e.at]));
    expect(m.lists.length).toBeGreaterThan(0);
    for (const l of m.lists) expect(passedAt.get(l.itemId) ?? Infinity, l.itemId).toBeLessThanOrEqual(l.at);
    expect(heldByDoc(docOf(h, 'collectibles'))).toEqual(heldByLedger(rows));

    // The roll-up: revenue is net sales, profit the sum of pnl, with fees ≠ 0 (independent sums in cents).
    await (await revenueRollupAgent.create(h.ctx)).tick(end);
    const totals = h.store.get(revenueByAgent)!.agents.collectibles_agent!;
    const cents = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0);
    expect(cents(rows.map((r) => r.fees))).toBeGreaterThan(0);
    expect(Math.round(totals.profit * 100)).toBe(cents(rows.map((r) => r.pnl)));
    expect(Math.round(totals.revenue * 100)).toBe(cents(rows.filter((r) => r.action === 'sell' || (r.action === 'writeoff' && r.amount < 0)).map((r) => r.amount)));
    const s = collectiblesSummary(docOf(h, 'collectibles'), rows);
    expect(s).toMatchObject({ simulated: true, target: { min: 0.2, max: 0.4 }, profit: totals.profit, revenue: totals.revenue });
  });

  it('survives a crash between the venue call and the ledger append: the restarted agent books the purchase once', async () => {
    const h = setup('collectibles');
    const crashing = spied(h.market(), 1);
    const c1 = h.cycle(crashing);
    let crashedAt = 0;
    for (let t = T0; t < T0 + 20 * 24 * H && !crashedAt; t += 6 * H) {
      await h.run(c1, t).catch(() => (crashedAt = t));
    }
    expect(crashedAt).toBeGreaterThan(0);
    const lost = crashing.buys[crashing.buys.length - 1]!;
    expect(ledgerOf(h, 'collectibles').some((r) => r.key === `buy:${lost}`)).toBe(false);
    expect(docOf(h, 'collectibles').pending_buys?.map((p) => p.client_id)).toContain(lost);
    // A new incarnation with a new simulator over the same data directory (the venue remembers).
    const m2 = spied(h.market());
    const c2 = h.cycle(m2);
    for (let t = crashedAt; t < crashedAt + 10 * 24 * H; t += 6 * H) await h.run(c2, t);
    const rows = ledgerOf(h, 'collectibles');
    expect(rows.filter((r) => r.key === `buy:${lost}`)).toHaveLength(1);
    const bought = rows.filter((r) => r.action === 'buy').map((r) => r.key);
    expect(new Set(bought).size).toBe(bought.length);
    const sells = rows.filter((r) => r.action === 'sell').map((r) => r.item_id);
    expect(new Set(sells).size).toBe(sells.length);
    expect(docOf(h, 'collectibles').pending_buys ?? []).toEqual([]);
    expect(heldByDoc(docOf(h, 'collectibles'))).toEqual(heldByLedger(rows));
  });

  it('agrees with the ledger when the inventory document write was lost after the books were appended', async () => {
    const h = setup('collectibles');
    const c1 = h.cycle();
    const path = h.store.pathOf(collectiblesInventory.path);
    let t = T0;
    for (; t < T0 + 12 * 24 * H; t += 6 * H) await h.run(c1, t);
    // Kill -9 after the ledger appends of the next cycles, before their document writes landed.
    const before = readFileSync(path, 'utf8');
    for (const end = t + 6 * 24 * H; t < end; t += 6 * H) await h.run(c1, t);
    expect(ledgerOf(h, 'collectibles').length).toBeGreaterThan(0);
    writeFileSync(path, before);
    const c2 = h.cycle();
    await h.run(c2, t);
    const rows = ledgerOf(h, 'collectibles');
    expect(heldByDoc(docOf(h, 'collectibles'))).toEqual(heldByLedger(rows));
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('luxury agent on its simulator', () => {
  it('queues every purchase above the threshold and buys one only after a person approves it, once', async () => {
    // Below the cheapest accessory's all-in cost, so every purchase waits for a person.
    const h = setup('luxury', { approvalAboveUsd: 100 });
    const m = spied(h.market());
    const c = h.cycle(m);
    let t = T0;
    for (; t < T0 + 10 * 24 * H && approvalQueue(h.store).items.length === 0; t += H) await h.run(c, t);
    const queued = approvalQueue(h.store).items;
    expect(queued.length).toBeGreaterThan(0);
    expect(m.buys).toEqual([]);
    const first = queued[0]!;
    decideApproval(h.store, first.id, 'approve', 'test', t);
    for (const other of queued.slice(1)) decideApproval(h.store, other.id, 'reject', 'test', t);
    await h.run(c, t);
    await h.run(h.cycle(m), t + H);
    expect(m.buys).toEqual([first.id]);
    expect(ledgerOf(h, 'luxury').filter((r) => r.action === 'buy')).toHaveLength(1);
  });

  it('never lists a counterfeit it caught, and books the loss of each one', async () => {
    // An agent blind to counterfeit risk, so that it takes the deep discounts where fakes crowd and some arrive.
    const h = setup('luxury', {}, undefined, false);
    const m = spied(h.market());
    const c = h.cycle(m);
    const end = T0 + 45 * 24 * H;
    for (let t = T0; t < end; t += 6 * H) await h.run(c, t);
    const rows = ledgerOf(h, 'luxury');
    const events = [...m.seen.values()];
    const failed = new Set(events.filter((e) => e.type === 'authentication_failed').map((e) => e.itemId!));
    expect(failed.size).toBeGreaterThan(0);
    for (const l of m.lists) expect(failed.has(l.itemId)).toBe(false);
    const caught = rows.filter((r) => r.action === 'writeoff' && r.amount > 0);
    expect(new Set(caught.map((r) => r.item_id))).toEqual(failed);
    // Each caught counterfeit loses its category's shipping in, authentication and return shipping (watches $60 + $150 + $60,
    // accessories $12 + $30 + $12): the price is refunded.
    const categoryOf = new Map(docOf(h, 'luxury').items.map((i) => [i.id, i.category]));
    const lossOf = (id: string): number => (categoryOf.get(id) === 'accessories' ? 5_400 : 27_000);
    for (const r of caught) expect(Math.round(r.pnl * 100)).toBe(-lossOf(r.item_id));
    const s = luxurySummary(docOf(h, 'luxury'), rows);
    const slipped = new Set(rows.filter((r) => r.action === 'writeoff' && r.amount < 0).map((r) => r.item_id));
    const slippedLoss = rows.filter((r) => slipped.has(r.item_id)).reduce((a, r) => a - Math.round(r.pnl * 100), 0);
    expect(s.counterfeits_caught).toBe(failed.size);
    // ...plus the insurance booked for the days each was held.
    const insurance = rows.filter((r) => failed.has(r.item_id) && r.key.startsWith('insurance:')).reduce((a, r) => a + Math.round(r.fees * 100), 0);
    expect(insurance).toBeGreaterThan(0);
    expect(Math.round(s.counterfeit_losses * 100)).toBe([...failed].reduce((a, id) => a + lossOf(id), 0) + insurance + slippedLoss);
    expect(heldByDoc(docOf(h, 'luxury'))).toEqual(heldByLedger(rows));
  });
});
