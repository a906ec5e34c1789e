/**
 * Deposits and withdrawals: rows of `state/cash_movements.csv` with an idempotency key, so a retried
 * command never moves money twice. The SmartTrader applies rows it has not seen when it starts.
 */
import { cashMovements, type CashMovementKind } from '../contracts/cash.js';
import { pnlHistory } from '../contracts/trading.js';
import { NeoLightError } from '../core/errors.js';
import type { StateStore } from '../store/file-store.js';
import { bookFromLedgers } from './book-rebuild.js';

/** Cash of `agent`'s book as the ledgers say (movements + fills), in cents. */
export function ledgerCashCents(store: StateStore, agent: string): number {
  return bookFromLedgers({ cash: store.ledger(cashMovements).readAll(), fills: store.ledger(pnlHistory).readAll().filter((f) => f.agent === agent) }).cashCents;
}

export interface CashMovementResult {
  written: boolean;
  seq: number | null;
  cashCents: number;
}

/** Record a deposit or withdrawal; a withdrawal larger than the cash on the ledgers is refused. */
export function recordCashMovement(store: StateStore, agent: string, kind: Exclude<CashMovementKind, 'opening'>, amountCents: number, key: string, now: number): CashMovementResult {
  if (!Number.isInteger(amountCents) || amountCents <= 0) throw new NeoLightError('NL_ERR_BAD_INPUT', `amount ${amountCents / 100} is not accepted: expected an amount in USD > 0 with at most 2 decimals`);
  const ledger = store.ledger(cashMovements);
  if (ledger.has(key)) return { written: false, seq: null, cashCents: ledgerCashCents(store, agent) };
  const cash = ledgerCashCents(store, agent);
  if (kind === 'withdrawal' && amountCents > cash) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `withdrawal of $${(amountCents / 100).toFixed(2)} is not accepted: the book holds $${(cash / 100).toFixed(2)} in cash`, { cash_cents: cash });
  }
  const [entry] = ledger.append([{ key, row: { ts: new Date(now).toISOString(), kind, amount_cents: amountCents } }]);
  return { written: entry !== undefined, seq: entry?.seq ?? null, cashCents: cash + (kind === 'withdrawal' ? -amountCents : amountCents) };
}
