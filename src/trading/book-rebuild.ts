/**
 * Rebuilding the SmartTrader's state from ledgers alone (pure), for when its document is lost or
 * corrupt: cash is the cash movements plus every fill's cash flow, positions and realized P&L are
 * the fills replayed in order, and the high-water mark, day-start equity, day closes and daily
 * resets come from the equity ledger. Nothing comes from the current configuration.
 */
import { utcDay } from '../core/clock.js';
import { cashDeltaCents, type CashMovementKind } from '../contracts/cash.js';
import type { smartTraderState } from '../contracts/smart-trader.js';
import { isSimulatedMode, type Mode } from '../contracts/contract.js';
import { applyFill, fillOfRow, type Book } from './paper-broker.js';
import type { z } from 'zod';

export type TraderState = z.infer<typeof smartTraderState.schema>;

export interface CashRow {
  seq: number;
  kind: CashMovementKind;
  amount_cents: number;
}
export interface FillRow {
  seq: number;
  ts: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  notional: number;
  fee: number;
  realized_pnl: number;
}
export interface EquityRow {
  ts: string;
  equity: number;
}

export interface LedgerHistory {
  /** Every cash movement, in seq order. */
  cash: readonly CashRow[];
  /** This agent's fills, in seq order. */
  fills: readonly FillRow[];
  /** Last seq of the whole fills ledger (other agents' rows included). */
  lastFillSeq: number;
  /** The equity curve, in seq order. */
  equity: readonly EquityRow[];
}

/** Cash of the movements alone, in cents. */
export function movementsCents(cash: readonly CashRow[]): number {
  return cash.reduce((a, r) => a + cashDeltaCents(r), 0);
}

export function bookFromLedgers(h: Pick<LedgerHistory, 'cash' | 'fills'>): Book {
  let book: Book = { cashCents: movementsCents(h.cash), positions: {}, realizedPnlCents: 0, feesPaidCents: 0 };
  for (const f of h.fills) book = applyFill(book, fillOfRow(f));
  return book;
}

/** The state document as the ledgers say it was; `now` only dates the document when there is no equity row. */
export function rebuildTraderState(h: LedgerHistory, now: number, mode: Mode): { state: TraderState; book: Book } {
  const book = bookFromLedgers(h);
  const opening = h.cash.find((r) => r.kind === 'opening');
  const openingEquity = (opening?.amount_cents ?? movementsCents(h.cash)) / 100;
  const last = h.equity.at(-1);
  const day = last ? utcDay(Date.parse(last.ts)) : utcDay(now);

  // A day boundary between two equity rows is where the trader rolled its day: the earlier row is that day's close.
  const closes: number[] = [];
  let dayStart = openingEquity;
  for (let i = 1; i < h.equity.length; i++) {
    const prev = h.equity[i - 1]!;
    if (utcDay(Date.parse(prev.ts)) !== utcDay(Date.parse(h.equity[i]!.ts))) {
      closes.push(prev.equity);
      dayStart = prev.equity;
    }
  }
  const positions: TraderState['positions'] = {};
  for (const [sym, p] of Object.entries(book.positions)) positions[sym] = { qty: p.qty, avg_price: p.avgPrice, last_price: p.avgPrice, market_value: p.qty * p.avgPrice };
  const equity = last?.equity ?? book.cashCents / 100 + Object.values(positions).reduce((a, p) => a + p.market_value, 0);

  let streak = { wins: 0, losses: 0 };
  for (const f of h.fills) {
    if (f.side !== 'sell' || f.realized_pnl === 0) continue;
    streak = f.realized_pnl > 0 ? { wins: streak.wins + 1, losses: 0 } : { wins: 0, losses: streak.losses + 1 };
  }

  const state: TraderState = {
    updated_at: new Date(last ? Date.parse(last.ts) : now).toISOString(),
    mode,
    simulated: isSimulatedMode(mode),
    cash_cents: book.cashCents,
    positions,
    equity,
    high_water_mark: Math.max(openingEquity, ...h.equity.map((r) => r.equity)),
    realized_pnl: book.realizedPnlCents / 100,
    fees_paid: book.feesPaidCents / 100,
    last_fill_seq: h.lastFillSeq,
    last_cash_seq: h.cash.at(-1)?.seq ?? 0,
    day,
    day_start_equity: dayStart,
    daily_pnl: equity - dayStart,
    trades_today: h.fills.filter((f) => utcDay(Date.parse(f.ts)) === day).length,
    daily_resets: closes.length,
    streak,
    alerts: [],
    day_closes: closes.slice(-253),
    risk_reasons: [],
  };
  return { state, book };
}
