/**
 * The capital governor's documents: `state/capital_budgets.json` (each capital agent's budget in
 * force, the one document every capital agent reads its budget from) and
 * `state/capital_budget_changes.csv` (every change, with the figures and the reason); and the hedge
 * engine's: `state/hedge_proposals.json` (exposures, limits, proposals), `state/hedge_ledger.csv`
 * (every hedge opened, borrow day charged and hedge closed, in cents) and `state/hedge_book.json`
 * (the hedge book marked to market: open and closed hedges with their P&L).
 */
import { z } from 'zod';
import { csvNumber, csvString, defineDocument, defineLedger, isoTime } from './contract.js';

const usd = z.number().refine(Number.isFinite, 'must be a finite number');

export const capitalBudgets = defineDocument({
  name: 'capital_budgets',
  path: 'state/capital_budgets.json',
  description: 'Per-agent capital budgets set by the capital governor each rebalance period, with the track record behind each.',
  schema: z.object({
    updated_at: isoTime,
    /** Market time of the next rebalance. */
    next_rebalance_at: isoTime,
    period_days: z.number().positive(),
    /** Trading equity plus every venture's profit, USD. */
    total_wealth: usd,
    /** True when any figure behind the budgets came from a simulated venue. */
    simulated: z.boolean(),
    /** True when the drawdown guard's halt froze every budget. */
    halted: z.boolean(),
    agents: z.record(
      z.string().min(1),
      z.object({
        budget: z.number().min(0),
        share: z.number().min(0).max(1),
        floor: z.number().min(0).max(1),
        cap: z.number().min(0).max(1),
        /** Per-period returns on budget, oldest first (the track record the rule scores). */
        returns: z.array(usd),
        /** The agent's cumulative profit at this rebalance, USD (the next period's return starts here). */
        cum_profit: usd,
        score: z.number().min(-1).max(1),
        frozen: z.boolean(),
        reason: z.string(),
      }),
    ),
  }),
});

export const capitalBudgetChanges = defineLedger({
  name: 'capital_budget_changes',
  path: 'state/capital_budget_changes.csv',
  description: 'Every budget the capital governor set: agent, from, to, score, periods and the reason.',
  row: z.object({
    ts: isoTime,
    agent: csvString.min(1),
    from_budget: csvNumber,
    to_budget: csvNumber,
    score: csvNumber,
    periods: csvNumber,
    reason: csvString,
  }),
});

const factor = z.enum(['SPY', 'BTC-USD']);

export const hedgeProposals = defineDocument({
  name: 'hedge_proposals',
  path: 'state/hedge_proposals.json',
  description: 'The mesh’s factor exposures (beta of total wealth to SPY and BTC) against their limits, and the hedges proposed when one is over.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    regime: z.enum(['calm', 'normal', 'stressed']).nullable(),
    total_wealth: usd,
    exposures: z.array(
      z.object({
        factor,
        /** Beta of total wealth with the hedge book's shorts counted. */
        beta: usd,
        /** Beta without the hedge book: what a close of every hedge of this factor would leave. */
        unhedged_beta: usd,
        limit: z.number().min(0),
        /** Hedges of this factor are bought back when `unhedged_beta` is at or below this (hysteresis). */
        close_below: z.number().min(0),
        contributions: z.record(z.string(), usd),
      }),
    ),
    proposals: z.array(
      z.object({
        id: z.string().min(1),
        factor,
        instrument: factor,
        side: z.literal('sell'),
        notional: z.number().positive(),
        beta_before: usd,
        beta_after: usd,
        estimated_cost: z.number().min(0),
        reason: z.string().min(1),
        /**
         * Where it went. sim/paper: `executed` (opened in the hedge book), `market_closed` (opens at
         * the next open quote), `no_quote` (the market data port gave no quote; retried next tick),
         * `too_small` (less than one lot). live: the approval queue — `queued`, then `approved` (a person
         * places it: no live venue of NeoLight can short), `rejected` or `expired`.
         */
        status: z.enum(['queued', 'approved', 'rejected', 'expired', 'executed', 'market_closed', 'no_quote', 'too_small']),
      }),
    ),
  }),
});

const cents = z.number().int();

export const hedgeLedger = defineLedger({
  name: 'hedge_ledger',
  path: 'state/hedge_ledger.csv',
  description: 'Every hedge the hedge book opened (short at the bid), every night of borrow charged and every hedge closed (bought back at the ask), with cash and realised P&L in cents. Key: `<hedge id>:open`, `<hedge id>:borrow:<date>`, `<hedge id>:close`.',
  row: z.object({
    ts: isoTime,
    hedge_id: csvString.min(1),
    event: z.enum(['open', 'borrow', 'close']),
    mode: z.enum(['backtest', 'sim', 'paper', 'live']),
    instrument: factor,
    /** Units shorted (open) or bought back (close); the units borrowed for a borrow row. */
    qty: csvNumber,
    /** Fill price (open: bid, close: ask) or the mid the borrow was charged on. */
    price: csvNumber,
    fee_cents: csvNumber,
    borrow_cents: csvNumber,
    /** P&L booked by this row: −fee on open, −borrow on a borrow night, (entry − exit) × qty − fee on close. */
    realized_cents: csvNumber,
    reason: csvString,
  }),
});

const openHedge = z.object({
  id: z.string().min(1),
  instrument: factor,
  qty: z.number().positive(),
  entry_price: z.number().positive(),
  opened_at: isoTime,
  /** Mid at the last mark. */
  mark_price: z.number().positive(),
  /** (entry − mark) × qty, cents. */
  unrealized_cents: cents,
  fee_cents: cents,
  borrow_cents: cents,
});

export const hedgeBook = defineDocument({
  name: 'hedge_book',
  path: 'state/hedge_book.json',
  description: 'The hedge book (sim and paper: short positions in SPY or BTC-USD that offset the mesh’s factor exposure), marked to market each tick: open hedges, closed hedges and their P&L in cents. Rebuilt from state/hedge_ledger.csv plus the last marks.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    open: z.array(openHedge),
    closed: z.array(
      z.object({
        id: z.string().min(1),
        instrument: factor,
        qty: z.number().positive(),
        entry_price: z.number().positive(),
        exit_price: z.number().positive(),
        opened_at: isoTime,
        closed_at: isoTime,
        fee_cents: cents,
        borrow_cents: cents,
        realized_cents: cents,
      }),
    ),
    /** Realised (fees, borrow, closed hedges) plus unrealised (open hedges at the mid), cents: what the book adds to total wealth. */
    pnl_cents: cents,
    realized_cents: cents,
    unrealized_cents: cents,
    fee_cents: cents,
    borrow_cents: cents,
  }),
});

export type HedgeLedgerRow = z.infer<typeof hedgeLedger.row>;
export type HedgeBookDoc = z.infer<typeof hedgeBook.schema>;
