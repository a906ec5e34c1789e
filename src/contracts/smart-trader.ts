/**
 * `state/smart_trader_state.json`: the SmartTrader's own state — the paper book (cash, positions),
 * daily P&L with its reset day, alerts, win/loss streaks and day-end equities. `last_fill_seq` ties it to
 * `state/pnl_history.csv`: on start, fills after that seq are replayed, so a crash between
 * appending a fill and saving this document loses nothing and counts nothing twice. `last_cash_seq`
 * does the same for `state/cash_movements.csv` (opening balance, deposits, withdrawals).
 */
import { z } from 'zod';
import { defineDocument, isoTime, mode, symbol } from './contract.js';

export const smartTraderState = defineDocument({
  name: 'smart_trader_state',
  path: 'state/smart_trader_state.json',
  description: 'SmartTrader book (cash, positions), daily P&L, alerts and streaks.',
  schema: z.object({
    updated_at: isoTime,
    mode,
    simulated: z.boolean(),
    /** Cash in integer cents: accounted money is never a float sum. */
    cash_cents: z.number().int(),
    positions: z.record(symbol, z.object({ qty: z.number(), avg_price: z.number().min(0), last_price: z.number().min(0), market_value: z.number() })),
    equity: z.number(),
    high_water_mark: z.number(),
    realized_pnl: z.number(),
    fees_paid: z.number().min(0),
    last_fill_seq: z.number().int().min(0),
    /** Seq of the last `state/cash_movements.csv` row in `cash_cents`; later rows are applied on start. */
    last_cash_seq: z.number().int().min(0).default(0),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    day_start_equity: z.number(),
    daily_pnl: z.number(),
    trades_today: z.number().int().min(0),
    daily_resets: z.number().int().min(0),
    streak: z.object({ wins: z.number().int().min(0), losses: z.number().int().min(0) }),
    alerts: z.array(z.object({ at: isoTime, level: z.enum(['info', 'warn']), message: z.string() })).max(50),
    /**
     * Reason codes that made the last tick reduce-only on the trader's own inputs (e.g.
     * VAR_HISTORY_UNAVAILABLE when the returns for the VaR check could not be fetched); empty when none.
     */
    risk_reasons: z.array(z.string().min(1)).default([]),
    /** Equity at the last 253 UTC day boundaries: the rolling one-year Sharpe of performance_metrics.csv. */
    day_closes: z.array(z.number()).max(253).default([]),
  }),
});
