/**
 * Loading and saving the SmartTrader's book. The state document is saved after each tick's fills
 * are in the ledger; on start, fills with a seq above the document's `last_fill_seq` are replayed,
 * so a crash between the two writes neither loses nor double-counts a fill.
 */
import { utcDay } from '../core/clock.js';
import { toCents } from '../core/venue.js';
import { smartTraderState } from '../contracts/smart-trader.js';
import { pnlHistory } from '../contracts/trading.js';
import { isSimulatedMode, type Mode } from '../contracts/contract.js';
import type { StateStore } from '../store/file-store.js';
import { applyFill, type Book } from './paper-broker.js';
import type { z } from 'zod';

export type TraderState = z.infer<typeof smartTraderState.schema>;

export function freshState(now: number, startingEquity: number, mode: Mode): TraderState {
  return {
    updated_at: new Date(now).toISOString(),
    mode,
    simulated: isSimulatedMode(mode),
    cash_cents: toCents(startingEquity),
    positions: {},
    equity: startingEquity,
    high_water_mark: startingEquity,
    realized_pnl: 0,
    fees_paid: 0,
    last_fill_seq: 0,
    day: utcDay(now),
    day_start_equity: startingEquity,
    daily_pnl: 0,
    trades_today: 0,
    daily_resets: 0,
    streak: { wins: 0, losses: 0 },
    alerts: [],
    day_closes: [],
    risk_reasons: [],
  };
}

export function bookOf(s: TraderState): Book {
  const positions: Book['positions'] = {};
  for (const [sym, p] of Object.entries(s.positions)) positions[sym] = { qty: p.qty, avgPrice: p.avg_price };
  // The dollar fields are cents / 100 when written, so toCents gives the cents back exactly.
  return { cashCents: s.cash_cents, positions, realizedPnlCents: toCents(s.realized_pnl), feesPaidCents: toCents(s.fees_paid) };
}

/** The saved state with every later fill of this agent replayed onto its book. */
export function loadTraderState(store: StateStore, agent: string, now: number, startingEquity: number, mode: Mode): { state: TraderState; book: Book; replayed: number } {
  const state = store.get(smartTraderState) ?? freshState(now, startingEquity, mode);
  let book = bookOf(state);
  const later = store.ledger(pnlHistory).readSince(state.last_fill_seq).filter((r) => r.agent === agent);
  for (const f of later) book = applyFill(book, { symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, notionalCents: toCents(f.notional), feeCents: toCents(f.fee) });
  const last = later.at(-1);
  return { state: last ? { ...state, last_fill_seq: last.seq } : state, book, replayed: later.length };
}
