/**
 * `state/cash_movements.csv`: every dollar that enters or leaves the book other than through a
 * fill — the opening balance (written once, on the first start of a data directory) and each
 * deposit or withdrawal. With the fills of `state/pnl_history.csv` it is the book's source of
 * truth: cash = Σ movements + Σ fill cash flows, so a lost or corrupt state document is rebuilt
 * from ledgers, never from the current configuration.
 */
import { z } from 'zod';
import { csvNumber, defineLedger, isoTime } from './contract.js';

export const cashMovementKind = z.enum(['opening', 'deposit', 'withdrawal']);
export type CashMovementKind = z.infer<typeof cashMovementKind>;

export const cashMovements = defineLedger({
  name: 'cash_movements',
  path: 'state/cash_movements.csv',
  description: 'Opening balance, deposits and withdrawals of the trading book, in integer cents (idempotency key per movement).',
  row: z.object({
    ts: isoTime,
    kind: cashMovementKind,
    /** Always positive: a withdrawal's kind says which way the money goes. */
    amount_cents: csvNumber.refine((n) => Number.isInteger(n) && n > 0, 'must be a whole number of cents > 0'),
  }),
});

/** The idempotency key of the opening row: at most one per data directory. */
export const OPENING_KEY = 'opening';

/** Signed effect of one movement on cash, in cents. */
export function cashDeltaCents(row: { kind: CashMovementKind; amount_cents: number }): number {
  return row.kind === 'withdrawal' ? -row.amount_cents : row.amount_cents;
}
