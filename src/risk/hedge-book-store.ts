/**
 * The hedge book at the store's edge: its ledger (`state/hedge_ledger.csv`) folded into open and
 * closed hedges, the document the engine writes each tick (`state/hedge_book.json`), and what the
 * book adds to total wealth — realised P&L from the ledger plus open hedges at their last mark —
 * for readTotalWealth and the drawdown guard. An unreadable ledger throws: the guard fails closed on
 * it like on a venture's ledger.
 */
import { hedgeBook, hedgeLedger, type HedgeBookDoc } from '../contracts/capital.js';
import type { StateStore } from '../store/file-store.js';
import type { Factor } from './hedge.js';
import { foldHedgeLedger, unrealizedCents, type HedgeBookState } from './hedge-book.js';
import { profitSteps, type ProfitStep } from './venture-wealth.js';

/** Closed hedges kept in the document (the ledger keeps them all). */
const KEEP_CLOSED = 50;

/** The book as its ledger holds it (empty when there is no ledger yet). */
export function readHedgeBook(store: StateStore): HedgeBookState {
  if (!store.exists(hedgeLedger)) return { open: [], closed: [], realizedCents: 0 };
  return foldHedgeLedger(store.ledger(hedgeLedger).readAll());
}

/** The book's document at the marks (mid per instrument; an instrument without a mark counts at its entry price). */
export function hedgeBookDocument(book: HedgeBookState, marks: Readonly<Partial<Record<Factor, number>>>, nowMs: number, simulated: boolean): HedgeBookDoc {
  const open = book.open.map((h) => {
    const mark = marks[h.instrument] ?? h.entryPrice;
    return { id: h.id, instrument: h.instrument, qty: h.qty, entry_price: h.entryPrice, opened_at: h.openedAt, mark_price: mark, unrealized_cents: unrealizedCents(h, mark), fee_cents: h.feeCents, borrow_cents: h.borrowCents };
  });
  const closed = book.closed.slice(-KEEP_CLOSED).map((h) => ({ id: h.id, instrument: h.instrument, qty: h.qty, entry_price: h.entryPrice, exit_price: h.exitPrice, opened_at: h.openedAt, closed_at: h.closedAt, fee_cents: h.feeCents, borrow_cents: h.borrowCents, realized_cents: h.realizedCents }));
  const unrealized = open.reduce((a, h) => a + h.unrealized_cents, 0);
  const all = [...book.open, ...book.closed];
  return {
    updated_at: new Date(nowMs).toISOString(),
    simulated,
    open,
    closed,
    pnl_cents: book.realizedCents + unrealized,
    realized_cents: book.realizedCents,
    unrealized_cents: unrealized,
    fee_cents: all.reduce((a, h) => a + h.feeCents, 0),
    borrow_cents: all.reduce((a, h) => a + h.borrowCents, 0),
  };
}

/** The marks of the last document the engine wrote (none when it wrote none or it is unreadable: entry prices then). */
export function lastMarks(store: StateStore): Partial<Record<Factor, number>> {
  const marks: Partial<Record<Factor, number>> = {};
  const r = store.read(hedgeBook);
  if (r.ok) for (const h of r.value?.open ?? []) marks[h.instrument] = h.mark_price;
  return marks;
}

/** The book's P&L now, dollars: realised plus open hedges at their last mark (no marks to read without open hedges). */
function pnlNow(store: StateStore, book: HedgeBookState): number {
  return book.open.length === 0 ? book.realizedCents / 100 : hedgeBookDocument(book, lastMarks(store), 0, true).pnl_cents / 100;
}

/** What the hedge book adds to total wealth now, dollars: realised plus open hedges at their last mark. Throws when the ledger cannot be read. */
export function hedgeWealth(store: StateStore): number {
  return pnlNow(store, readHedgeBook(store));
}

/**
 * For the drawdown guard, from one read of the ledger: the realised P&L as a step series by row
 * time (its replay of past equity rows) and the P&L now. Throws when the ledger cannot be read.
 */
export function hedgeWealthSteps(store: StateStore): { steps: ProfitStep[]; now: number } {
  if (!store.exists(hedgeLedger)) return { steps: [], now: 0 };
  const rows = store.ledger(hedgeLedger).readAll();
  return { steps: profitSteps(rows.map((r) => ({ ts: Date.parse(r.ts), cents: r.realized_cents }))), now: pnlNow(store, foldHedgeLedger(rows)) };
}
