/**
 * A venture's capital budget (pure): how much it may have at work at once, in integer cents, and
 * what it may still spend now. Capital comes from `state/capital_budgets.json` when the capital
 * governor writes one, else from the config (an amount, or a fraction of the mesh's equity). Money
 * at work (inventory at cost, purchases awaiting settlement, reserved approvals) counts against it;
 * realised losses shrink it and realised profits never grow it — growing a budget is the capital
 * governor's decision, not a lucky sale's.
 */
import { toCents } from '../../core/venue.js';

export interface BudgetSource {
  /** Fixed capital in dollars (config `budget_usd`). */
  readonly budgetUsd?: number | undefined;
  /** Capital as a fraction of the mesh's equity (config `budget_fraction`). */
  readonly budgetFraction?: number | undefined;
}

export interface BudgetState {
  /** The venture's capital, cents. */
  readonly capitalCents: number;
  /** Cost of what is at work now: held inventory, unsettled purchases, reserved approvals, cents. */
  readonly committedCents: number;
  /** Realised profit and loss since the budget was set, cents (negative after losses). */
  readonly realizedCents: number;
}

/** Capital in cents: the fixed amount when given, else the fraction of equity; 0 when neither is set. */
export function capitalCents(src: BudgetSource, equityCents: number): number {
  if (src.budgetUsd !== undefined) return Math.max(0, toCents(src.budgetUsd));
  if (src.budgetFraction !== undefined) return Math.max(0, Math.floor(Math.max(0, equityCents) * src.budgetFraction));
  return 0;
}

/** What the venture may still spend: capital, less losses (never plus profits), less what is at work; never negative. */
export function availableCents(b: BudgetState): number {
  const base = b.capitalCents + Math.min(0, b.realizedCents);
  return Math.max(0, base - Math.max(0, b.committedCents));
}
