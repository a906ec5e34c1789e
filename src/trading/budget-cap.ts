/**
 * The SmartTrader's capital budget (pure): the capital governor sets it in
 * `state/capital_budgets.json` (agent `smart_trader`), and the trader sizes on the smaller of its
 * equity and that budget, so its gross exposure never exceeds what the governor gave it. The
 * budget is a risk input and fails closed like the risk documents (risk-state.ts): a missing
 * document or one without the trader is CAPITAL_BUDGET_MISSING, an unreadable one
 * CAPITAL_BUDGET_INVALID (its last good version still caps), one whose rebalance is more than a
 * whole period overdue CAPITAL_BUDGET_STALE (it still caps) — each makes the tick reduce-only.
 * Reduce-only rather than the floor: the floor is a share of a total wealth nobody vouches for
 * when the governor's document cannot be trusted.
 */
import { MS } from '../core/clock.js';
import type { RiskReasonCode } from '../risk/types.js';
import type { RiskDocRead } from '../risk/risk-state.js';

export interface BudgetView {
  readonly updated_at: string;
  readonly next_rebalance_at: string;
  readonly period_days: number;
  readonly agents: Readonly<Record<string, { readonly budget: number }>>;
}

export interface TraderBudget {
  /** Budget in dollars, when one can be used to cap exposure. */
  readonly budget?: number;
  /** Why the budget cannot be trusted (the tick then trades reduce-only). */
  readonly code?: Extract<RiskReasonCode, 'CAPITAL_BUDGET_MISSING' | 'CAPITAL_BUDGET_STALE' | 'CAPITAL_BUDGET_INVALID'>;
  readonly detail?: string;
}

const PATH = 'state/capital_budgets.json';

export function traderBudget(read: RiskDocRead<BudgetView>, agent: string, nowMs: number): TraderBudget {
  if (read.status === 'missing') return { code: 'CAPITAL_BUDGET_MISSING', detail: `${PATH} is missing: reduce-only until the capital governor sets ${agent}'s budget` };
  const doc = read.doc;
  const budget = doc?.agents[agent]?.budget;
  const cap = budget !== undefined && Number.isFinite(budget) && budget >= 0 ? { budget } : {};
  if (read.status === 'invalid') return { ...cap, code: 'CAPITAL_BUDGET_INVALID', detail: `${PATH} is invalid (${read.detail}): reduce-only${budget !== undefined ? `, last good budget $${budget.toFixed(2)} still caps` : ''}` };
  if (budget === undefined || !doc) return { code: 'CAPITAL_BUDGET_MISSING', detail: `${PATH} has no budget for ${agent}: reduce-only` };
  const overdue = nowMs - Date.parse(doc.next_rebalance_at);
  if (!(overdue <= doc.period_days * MS.day)) {
    return { ...cap, code: 'CAPITAL_BUDGET_STALE', detail: `${PATH} was due for a rebalance at ${doc.next_rebalance_at}, over a period (${doc.period_days} days) ago: reduce-only, the last budget $${budget.toFixed(2)} still caps` };
  }
  return cap;
}

/** The capital the trader sizes on: its equity, capped at the budget (pure). */
export function sizingCapital(equity: number, budget: number | undefined): number {
  return budget === undefined ? equity : Math.max(0, Math.min(equity, budget));
}
