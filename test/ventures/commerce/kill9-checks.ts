/**
 * What the kill -9 test checks in a home after the last run, per venture, computed here without the
 * agents' booking code: the venue's own record (the simulators' journals in runtime/) against the
 * ledger — every filled purchase booked once, every sale, refund and write-off up to the agent's
 * cursor booked once, nothing else — and the inventory document against a replay of the ledger.
 * Each returns a list of problems (empty when the home is right).
 */
import { dropshipMarketSim } from '../../../src/contracts/dropship-sim.js';
import { collectiblesMarketSim, luxuryMarketSim } from '../../../src/contracts/resale-sim.js';
import { ticketMarketSim } from '../../../src/contracts/ticket-sim.js';
import { collectiblesInventory, collectiblesPnl, dropshipListings, dropshipProfit, luxuryInventory, luxuryPnl, ticketArbitrage, ticketInventory } from '../../../src/contracts/ventures.js';
import type { MarketplaceEvent } from '../../../src/core/marketplace.js';
import type { StateStore } from '../../../src/store/file-store.js';
import { COLLECTIBLES_VENUE, collectiblesMarket } from '../../../src/ventures/collectibles/catalogue.js';
import { LUXURY_VENUE, luxuryMarket } from '../../../src/ventures/luxury/catalogue.js';
import { createResaleSimulator, memoryJournal } from '../../../src/ventures/resale/simulator.js';
import { memoryTicketJournal } from '../../../src/ventures/tickets/journal.js';
import { simulatedTicketMarketplace } from '../../../src/ventures/tickets/simulator.js';

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

/**
 * Keys that differ between what should be booked and what is, as readable problems. A venue drops
 * what closed before its `compacted_through`: a row booked at or before that mark may be missing there.
 */
function compare(what: string, expected: Iterable<string>, booked: Iterable<{ key: string; ts: string }>, compactedThrough?: number): string[] {
  const e = new Set(expected);
  const rows = [...booked];
  const b = new Set(rows.map((r) => r.key));
  const forgotten = (r: { ts: string }): boolean => compactedThrough !== undefined && Date.parse(r.ts) <= compactedThrough;
  return [
    ...sorted([...e].filter((k) => !b.has(k))).map((k) => `${what}: ${k} happened at the venue but is not booked`),
    ...sorted(rows.filter((r) => !e.has(r.key) && !forgotten(r)).map((r) => r.key)).map((k) => `${what}: ${k} is booked but never happened at the venue`),
  ];
}

export function ledgerWhole(rows: readonly { seq: number; key: string }[], path: string): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => r.seq !== i + 1 && out.push(`${path}: row ${i + 1} has seq ${r.seq}`));
  if (new Set(rows.map((r) => r.key)).size !== rows.length) out.push(`${path}: duplicate keys`);
  return out;
}

export async function checkResale(store: StateStore, which: 'collectibles' | 'luxury', seed: number): Promise<{ problems: string[]; buys: number; sells: number; fees: number }> {
  const [ledgerC, invC, simC, market, venue] =
    which === 'collectibles' ? [collectiblesPnl, collectiblesInventory, collectiblesMarketSim, collectiblesMarket(seed), COLLECTIBLES_VENUE] : [luxuryPnl, luxuryInventory, luxuryMarketSim, luxuryMarket(seed), LUXURY_VENUE];
  const rows = store.ledger(ledgerC).readAll();
  const doc = store.get(invC);
  const sim = store.get(simC);
  const problems = ledgerWhole(rows, ledgerC.path);
  if (!doc) return { problems: [...problems, `${which}: inventory missing`], buys: 0, sells: 0, fees: 0 };
  if (!sim) return { problems: rows.length > 0 ? [...problems, `${which}: ${rows.length} rows booked but the venue has no journal`] : problems, buys: 0, sells: 0, fees: 0 };
  const filled = Object.entries(sim.purchases).filter(([, p]) => p.state === 'filled');
  problems.push(...compare(`${which} purchase`, filled.map(([id]) => `buy:${id}`), rows.filter((r) => r.action === 'buy'), sim.compacted_through));
  // Every venue event up to the agent's cursor, as the key it is booked under.
  const journal = memoryJournal();
  journal.save(sim);
  const venueNow = createResaleSimulator(which, market, venue, journal);
  const events = doc.cursor === undefined ? [] : (await venueNow.events(undefined, Number(doc.cursor))).events;
  const keyOf = (e: MarketplaceEvent): string | undefined =>
    e.type === 'sold' ? `sell:${e.id}` : e.type === 'returned' || e.type === 'authentication_failed' ? `writeoff:${e.id}` : e.type === 'authenticated' && e.feesCents > 0 ? `fee:${e.id}` : undefined;
  const expected = events.map(keyOf).filter((k): k is string => k !== undefined);
  problems.push(...compare(`${which} event`, expected, rows.filter((r) => r.action !== 'buy' && !r.key.startsWith('insurance:')), sim.compacted_through));
  // The document is the ledger's projection: open items exactly the bought ones not sold or written off.
  const state = new Map<string, string>();
  for (const r of rows) {
    if (r.action === 'buy') state.set(r.item_id, 'open');
    if (r.action === 'sell' && state.get(r.item_id) !== 'rejected') state.set(r.item_id, 'sold');
    if (r.action === 'writeoff') state.set(r.item_id, 'rejected');
  }
  const docState = new Map(doc.items.map((i) => [i.id, i.status === 'held' || i.status === 'listed' ? 'open' : i.status]));
  for (const [id, s] of state) if (s === 'open' && docState.get(id) !== 'open') problems.push(`${which}: item ${id} is open in the ledger but ${docState.get(id) ?? 'absent'} in the inventory`);
  for (const [id, s] of docState) if (state.get(id) !== s) problems.push(`${which}: item ${id} is ${s} in the inventory but ${state.get(id) ?? 'never bought'} in the ledger`);
  for (const i of doc.items) {
    const buy = rows.find((r) => r.action === 'buy' && r.item_id === i.id);
    if (buy && Math.round(i.cost * 100) !== Math.round(buy.amount * 100) + Math.round(buy.fees * 100)) problems.push(`${which}: item ${i.id} cost ${i.cost} is not its buy row's ${buy.amount} + ${buy.fees}`);
  }
  if ((doc.pending_buys ?? []).length > 0) problems.push(`${which}: ${doc.pending_buys!.length} purchase intents left after a clean stop`);
  return { problems, buys: filled.length, sells: rows.filter((r) => r.action === 'sell').length, fees: rows.reduce((a, r) => a + Math.round(r.fees * 100), 0) };
}

export async function checkTickets(store: StateStore, seed: number, sellerFee: number): Promise<{ problems: string[]; buys: number; sells: number; fees: number }> {
  const rows = store.ledger(ticketArbitrage).readAll();
  const doc = store.get(ticketInventory);
  const sim = store.get(ticketMarketSim);
  const problems = ledgerWhole(rows, ticketArbitrage.path);
  if (!doc) return { problems: [...problems, 'tickets: inventory missing'], buys: 0, sells: 0, fees: 0 };
  if (!sim) return { problems: rows.length > 0 ? [...problems, `tickets: ${rows.length} rows booked but the venue has no journal`] : problems, buys: 0, sells: 0, fees: 0 };
  const filled = Object.entries(sim.purchases).filter(([, p]) => p.state === 'filled');
  problems.push(...compare('ticket purchase', filled.map(([id]) => `${id}:buy`), rows.filter((r) => r.action === 'buy'), sim.compacted_through));
  const journal = memoryTicketJournal();
  journal.save(sim);
  const venueNow = simulatedTicketMarketplace({ seed, sellerFee, journal });
  const events = doc.cursor === undefined ? [] : (await venueNow.events(undefined, Number(doc.cursor))).events;
  const expected = events.map((e) => `${e.itemId}:${e.type === 'sold' ? 'sell' : 'refund'}`);
  problems.push(...compare('ticket event', expected, rows.filter((r) => r.action === 'sell' || r.action === 'refund'), sim.compacted_through));
  const closing = new Map<string, string>();
  for (const r of rows) if (r.action === 'sell' || r.action === 'refund' || r.action === 'expired') closing.set(r.key.slice(0, -(r.action.length + 1)), r.action);
  const want: Record<string, string> = { sell: 'sold', refund: 'refunded', expired: 'expired' };
  const bought = new Set(rows.filter((r) => r.action === 'buy').map((r) => r.key.slice(0, -':buy'.length)));
  for (const id of bought) if (!doc.lots.some((l) => l.id === id)) problems.push(`tickets: lot ${id} is booked but not in the inventory`);
  for (const l of doc.lots) {
    const c = closing.get(l.id);
    const expect = c ? want[c] : bought.has(l.id) ? 'open' : 'rejected';
    const got = l.status === 'held' || l.status === 'listed' ? 'open' : l.status;
    if (got !== expect) problems.push(`tickets: lot ${l.id} is ${l.status} in the inventory but ${expect} by the ledger`);
  }
  return { problems, buys: filled.length, sells: rows.filter((r) => r.action === 'sell').length, fees: rows.reduce((a, r) => a + Math.round(r.fees * 100), 0) };
}

/**
 * The dropshipping venue's journal against the ledger: every order the store took up to the agent's
 * cursor booked once as a sale (fulfilled when the supplier filled it, refunded when it could not),
 * every return and chargeback up to the cursor booked once on a fulfilled sale, nothing else.
 */
export function checkDropship(store: StateStore): { problems: string[]; orders: number; fees: number } {
  const rows = store.ledger(dropshipProfit).readAll();
  const doc = store.get(dropshipListings);
  const sim = store.get(dropshipMarketSim);
  const problems = ledgerWhole(rows, dropshipProfit.path);
  if (!doc) return { problems: [...problems, 'dropship: listings document missing'], orders: 0, fees: 0 };
  if (!sim) return { problems: rows.length > 0 ? [...problems, `dropship: ${rows.length} rows booked but the venue has no journal`] : problems, orders: 0, fees: 0 };
  const cursor = doc.cursor === undefined ? -Infinity : Number(doc.cursor);
  const expected: string[] = [];
  for (const [id, o] of Object.entries(sim.orders)) {
    if (o.at > cursor) continue;
    const po = sim.purchases[`po-${id}`];
    // A supplier purchase is dropped once its order time is past the mark; the order may stay for its return.
    const forgotten = !po && sim.compacted_through !== undefined && o.at <= sim.compacted_through;
    const filled = po ? po.state === 'filled' : forgotten && rows.some((r) => r.key === `${id}:sale` && r.status === 'fulfilled');
    expected.push(`${id}:sale:${filled ? 'fulfilled' : 'refunded'}`);
    if (filled && o.return_at !== null && o.return_at <= cursor) expected.push(`${id}:return:refunded`);
    if (filled && o.chargeback_at !== null && o.chargeback_at <= cursor) expected.push(`${id}:chargeback:chargeback`);
  }
  problems.push(...compare('dropship order', expected, rows.map((r) => ({ key: `${r.key}:${r.status}`, ts: r.ts })), sim.compacted_through));
  const listingIds = new Set(doc.listings.map((l) => l.listing_id));
  for (const r of rows) if (!listingIds.has(r.listing_id)) problems.push(`dropship: ${r.key} on a listing the document does not have`);
  return { problems, orders: Object.values(sim.orders).filter((o) => o.at <= cursor).length, fees: rows.reduce((a, r) => a + Math.round(r.fees * 100), 0) };
}
