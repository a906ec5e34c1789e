/**
 * The hedge book's money (pure): a short of the factor instrument opened at the bid, borrow charged
 * for every night it is held, marked at the mid, bought back at the ask — every amount in whole
 * cents, as rows of `state/hedge_ledger.csv`. The book is a fold of its ledger, so a restarted
 * engine sees exactly the hedges the ledger holds, and a row's key (`<id>:open`, `<id>:close`,
 * `<id>:borrow:<date>`) makes booking the same event twice impossible.
 *
 * Kept apart from the SmartTrader's long-only book: the trader never sees these shorts, the hedge
 * engine counts them in the exposures it measures, and their P&L counts in total wealth.
 */
import type { HedgeLedgerRow } from '../contracts/capital.js';
import type { Mode } from '../contracts/contract.js';
import type { Quote } from '../core/market.js';
import { feeCentsOf, toCents } from '../core/venue.js';
import { roundToLot } from '../market/instruments.js';
import type { Factor } from './hedge.js';

export interface HedgeCostConfig {
  /** Commission and exchange fees, basis points of notional, on the open and on the close. */
  readonly feeBps: number;
  /** Annual borrow (stock loan or margin interest) of the short, fraction of its value at the mid. */
  readonly borrowPerYear: number;
  /** Smallest quantity increment of the instrument. */
  readonly lotSize: number;
}

export interface OpenHedge {
  readonly id: string;
  readonly instrument: Factor;
  readonly qty: number;
  readonly entryPrice: number;
  readonly openedAt: string;
  readonly feeCents: number;
  readonly borrowCents: number;
  /** UTC dates whose night of borrow is booked. */
  readonly borrowDates: readonly string[];
}

export interface ClosedHedge extends OpenHedge {
  readonly exitPrice: number;
  readonly closedAt: string;
  readonly realizedCents: number;
}

export interface HedgeBookState {
  readonly open: OpenHedge[];
  readonly closed: ClosedHedge[];
  /** Every row's realised P&L: fees, borrow, closed hedges' price P&L. */
  readonly realizedCents: number;
}

type Row = HedgeLedgerRow;
export interface KeyedRow {
  readonly key: string;
  readonly row: Row;
}

const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The fold of the ledger's rows, oldest first. */
export function foldHedgeLedger(rows: readonly Row[]): HedgeBookState {
  const open = new Map<string, OpenHedge>();
  const closed: ClosedHedge[] = [];
  let realizedCents = 0;
  for (const r of rows) {
    realizedCents += r.realized_cents;
    const h = open.get(r.hedge_id);
    if (r.event === 'open') {
      open.set(r.hedge_id, { id: r.hedge_id, instrument: r.instrument, qty: r.qty, entryPrice: r.price, openedAt: r.ts, feeCents: r.fee_cents, borrowCents: 0, borrowDates: [] });
    } else if (h && r.event === 'borrow') {
      open.set(r.hedge_id, { ...h, borrowCents: h.borrowCents + r.borrow_cents, borrowDates: [...h.borrowDates, r.ts.slice(0, 10)] });
    } else if (h && r.event === 'close') {
      open.delete(r.hedge_id);
      const realized = -h.feeCents - h.borrowCents + r.realized_cents;
      closed.push({ ...h, feeCents: h.feeCents + r.fee_cents, exitPrice: r.price, closedAt: r.ts, realizedCents: realized });
    }
  }
  return { open: [...open.values()], closed, realizedCents };
}

/**
 * The short that opens a hedge of `notional` dollars: whole lots at the bid, the fee on the settled
 * notional; null when the notional buys less than one lot or the market is closed.
 */
export function openHedgeRow(a: { id: string; factor: Factor; notional: number; quote: Quote; costs: HedgeCostConfig; mode: Mode; nowMs: number; reason: string }): KeyedRow | null {
  if (!a.quote.open || !(a.quote.bid > 0)) return null;
  const qty = roundToLot(a.costs, a.notional / a.quote.bid);
  if (!(qty > 0)) return null;
  const fee = feeCentsOf(toCents(qty * a.quote.bid), a.costs.feeBps);
  return {
    key: `${a.id}:open`,
    row: { ts: new Date(a.nowMs).toISOString(), hedge_id: a.id, event: 'open', mode: a.mode, instrument: a.factor, qty, price: a.quote.bid, fee_cents: fee, borrow_cents: 0, realized_cents: -fee, reason: a.reason },
  };
}

/**
 * Borrow for every night (UTC midnight) the hedge was held up to `nowMs` and not yet booked, each at
 * qty × mid × rate / 365 in whole cents, on the mid of the quote it is booked with.
 */
export function borrowRows(h: OpenHedge, quote: Quote, costs: HedgeCostConfig, mode: Mode, nowMs: number): KeyedRow[] {
  const out: KeyedRow[] = [];
  const mid = (quote.bid + quote.ask) / 2;
  const perNight = toCents((h.qty * mid * costs.borrowPerYear) / 365);
  const booked = new Set(h.borrowDates);
  for (let day = Date.parse(`${h.openedAt.slice(0, 10)}T00:00:00Z`) + 86_400_000; day <= nowMs; day += 86_400_000) {
    const date = utcDate(day);
    if (booked.has(date)) continue;
    out.push({
      key: `${h.id}:borrow:${date}`,
      row: { ts: `${date}T00:00:00.000Z`, hedge_id: h.id, event: 'borrow', mode, instrument: h.instrument, qty: h.qty, price: mid, fee_cents: 0, borrow_cents: perNight, realized_cents: -perNight, reason: `borrow ${(costs.borrowPerYear * 100).toFixed(2)} %/yr for the night to ${date}` },
    });
  }
  return out;
}

/** The buy-back that closes a hedge at the ask: realised (entry − exit) notional less the fee; null when the market is closed. */
export function closeHedgeRow(h: OpenHedge, quote: Quote, costs: HedgeCostConfig, mode: Mode, nowMs: number, reason: string): KeyedRow | null {
  if (!quote.open || !(quote.ask > 0)) return null;
  const exitCents = toCents(h.qty * quote.ask);
  const fee = feeCentsOf(exitCents, costs.feeBps);
  return {
    key: `${h.id}:close`,
    row: { ts: new Date(nowMs).toISOString(), hedge_id: h.id, event: 'close', mode, instrument: h.instrument, qty: h.qty, price: quote.ask, fee_cents: fee, borrow_cents: 0, realized_cents: toCents(h.qty * h.entryPrice) - exitCents - fee, reason },
  };
}

/** An open hedge's P&L at the mid `mark`, before costs: (entry − mark) × qty, cents. */
export function unrealizedCents(h: Pick<OpenHedge, 'qty' | 'entryPrice'>, mark: number): number {
  return toCents(h.qty * h.entryPrice) - toCents(h.qty * mark);
}

/** Signed dollar position of the book in each factor at the marks (shorts negative), for the exposure measurement. */
export function hedgeDollars(open: readonly OpenHedge[], marks: Readonly<Partial<Record<Factor, number>>>): Partial<Record<Factor, number>> {
  const out: Partial<Record<Factor, number>> = {};
  for (const h of open) out[h.instrument] = (out[h.instrument] ?? 0) - h.qty * (marks[h.instrument] ?? h.entryPrice);
  return out;
}
