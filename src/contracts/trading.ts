/** The SmartTrader's ledgers: `state/pnl_history.csv` (fills) and `state/performance_metrics.csv` (equity curve). */
import { z } from 'zod';
import { csvNonNegative, csvNumber, csvString, defineLedger, isoTime, mode, symbol } from './contract.js';

export const pnlHistory = defineLedger({
  name: 'pnl_history',
  path: 'state/pnl_history.csv',
  description: 'Append-only trade fills.',
  row: z.object({
    ts: isoTime,
    agent: csvString.min(1),
    mode,
    symbol,
    side: z.enum(['buy', 'sell']),
    qty: csvNumber.refine((n) => n > 0, 'must be > 0'),
    price: csvNumber.refine((n) => n > 0, 'must be > 0'),
    fee: csvNonNegative,
    notional: csvNonNegative,
    realized_pnl: csvNumber,
    order_id: csvString.min(1),
    reason: csvString,
  }),
});

export const performanceMetrics = defineLedger({
  name: 'performance_metrics',
  path: 'state/performance_metrics.csv',
  description: 'Rolling equity curve with headline risk numbers.',
  row: z.object({
    ts: isoTime,
    mode,
    equity: csvNumber,
    cash: csvNumber,
    exposure: csvNonNegative,
    drawdown: csvNonNegative.refine((n) => n <= 1, 'must be <= 1'),
    sharpe: z.union([z.literal(''), csvNumber]),
    daily_pnl: csvNumber,
  }),
});
