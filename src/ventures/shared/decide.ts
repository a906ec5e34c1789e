/**
 * The one spending decision every commerce venture makes (pure): given an opportunity's all-in cost
 * and its expected net value, the venture's budget, its per-item cap and the risk view, act, queue
 * it for a person, or skip it with a reason code. Nothing new is bought unless the risk view is
 * ACTIVE (risk fails closed); the per-item cap shrinks with the risk scaler; a purchase never takes
 * more than the available budget or the cap; an amount above the approval threshold, or an action
 * the law or a platform's terms reserve for a person, waits for approval instead of acting.
 */
import type { VentureRisk } from './risk-view.js';

export type SkipCode =
  | 'HALTED'
  | 'REDUCE_ONLY'
  | 'NO_EDGE'
  | 'BELOW_MARGIN'
  | 'OVER_BUDGET'
  | 'OVER_ITEM_CAP'
  | 'INVALID_INPUT';

export interface SpendInput {
  /** All-in cost of the purchase: price, buyer fees, shipping in, cents (> 0). */
  readonly costCents: number;
  /** Expected net proceeds: resale price less seller fees, returns, shipping out, holding costs, cents. */
  readonly valueCents: number;
  /** Minimum profit as a fraction of cost ((value − cost) / cost) the venture accepts. */
  readonly minMargin: number;
  /** Per-item cap before risk scaling, cents. */
  readonly itemCapCents: number;
  /** What the budget still allows, cents (see budget.ts). */
  readonly availableCents: number;
  readonly risk: VentureRisk;
  /** Spend above this waits for a person, cents. */
  readonly approvalAboveCents: number;
  /** Set when law or a platform's terms forbid software to do this alone (e.g. primary tickets, US BOTS Act). */
  readonly requiresPerson?: string | undefined;
}

export type SpendDecision =
  | { readonly action: 'act'; readonly spendCents: number; readonly profitCents: number; readonly margin: number }
  | { readonly action: 'approval'; readonly spendCents: number; readonly profitCents: number; readonly margin: number; readonly why: string }
  | { readonly action: 'skip'; readonly code: SkipCode; readonly detail: string };

const usd = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

export function decideSpend(i: SpendInput): SpendDecision {
  if (!Number.isInteger(i.costCents) || i.costCents <= 0 || !Number.isInteger(i.valueCents)) {
    return { action: 'skip', code: 'INVALID_INPUT', detail: `cost ${i.costCents} and value ${i.valueCents} must be whole cents, cost > 0` };
  }
  if (i.risk.state === 'HALTED') return { action: 'skip', code: 'HALTED', detail: `risk halted: ${i.risk.reasons.join(', ') || 'HALTED'}` };
  if (i.risk.state !== 'ACTIVE') return { action: 'skip', code: 'REDUCE_ONLY', detail: `risk ${i.risk.state}: ${i.risk.reasons.join(', ')}` };
  const profitCents = i.valueCents - i.costCents;
  if (profitCents <= 0) return { action: 'skip', code: 'NO_EDGE', detail: `value ${usd(i.valueCents)} does not exceed cost ${usd(i.costCents)}` };
  const margin = profitCents / i.costCents;
  if (margin < i.minMargin) return { action: 'skip', code: 'BELOW_MARGIN', detail: `margin ${(margin * 100).toFixed(1)} % below the required ${(i.minMargin * 100).toFixed(1)} %` };
  const capCents = Math.floor(i.itemCapCents * Math.max(0, Math.min(1, i.risk.riskScaler)));
  if (i.costCents > capCents) return { action: 'skip', code: 'OVER_ITEM_CAP', detail: `cost ${usd(i.costCents)} above the per-item cap ${usd(capCents)} (risk scaler ${i.risk.riskScaler})` };
  if (i.costCents > i.availableCents) return { action: 'skip', code: 'OVER_BUDGET', detail: `cost ${usd(i.costCents)} above the available budget ${usd(i.availableCents)}` };
  if (i.requiresPerson) return { action: 'approval', spendCents: i.costCents, profitCents, margin, why: i.requiresPerson };
  if (i.costCents > i.approvalAboveCents) {
    return { action: 'approval', spendCents: i.costCents, profitCents, margin, why: `spend ${usd(i.costCents)} above the approval threshold ${usd(i.approvalAboveCents)}` };
  }
  return { action: 'act', spendCents: i.costCents, profitCents, margin };
}
