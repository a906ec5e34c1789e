/**
 * The vocabulary of pre-trade risk: an order as the broker is about to send it, the snapshot of
 * the book and risk state it is judged against, and the closed union of denial codes. Brokers
 * (paper, ccxt, ...) build a RiskSnapshot and call `runRiskChecks` before every order.
 */

export type { RiskReasonCode } from '../contracts/risk.js';

export type Side = 'buy' | 'sell';
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';
export type VolatilityRegime = 'calm' | 'normal' | 'stressed';

export interface Order {
  readonly symbol: string;
  readonly side: Side;
  /** Quantity in units of the instrument, > 0. */
  readonly qty: number;
  /** Expected fill price, > 0. */
  readonly price: number;
  /** qty × price in the quote currency. */
  readonly notional: number;
}

export interface Position {
  /** Signed quantity: positive long, negative short. */
  readonly qty: number;
  /** Latest mark price. */
  readonly price: number;
}

export interface RiskLimits {
  /** Largest notional a single order may have, in the quote currency. */
  readonly maxNotionalPerOrder: number;
  /** Largest weight one symbol may reach after the order, as a fraction of equity (0.35). */
  readonly maxPositionWeight: number;
  /** VaR budget as a positive loss fraction of equity for a one-day and a five-day horizon. */
  readonly varBudgetDaily: number;
  readonly varBudgetWeekly: number;
  readonly varConfidence: 0.95 | 0.99;
  /** Fewest daily returns a symbol needs before its VaR can be forecast. */
  readonly minHistory: number;
}

export const DEFAULT_LIMITS: RiskLimits = {
  maxNotionalPerOrder: 250_000,
  maxPositionWeight: 0.35,
  varBudgetDaily: 0.03,
  varBudgetWeekly: 0.07,
  varConfidence: 0.99,
  minHistory: 20,
};

export interface RiskSnapshot {
  readonly equity: number;
  readonly positions: Readonly<Record<string, Position>>;
  /**
   * Daily simple returns per symbol, oldest first, aligned on the same days (last element = the
   * latest day). Omit to skip the order-level VaR forecast (the governor's portfolio gate still
   * applies through `tradingState`).
   */
  readonly returns?: Readonly<Record<string, readonly number[]>>;
  /** Combined state from the risk governor and the drawdown guard (most restrictive wins). */
  readonly tradingState: TradingState;
  /** Gross exposure allowed as a fraction of equity (governor cap × drawdown multiplier). */
  readonly exposureCap: number;
  /** True while the governor's volatility-spike stop holds. */
  readonly volatilitySpike: boolean;
  readonly limits: RiskLimits;
}

/** Every reason an order can be denied: a closed union, stable for logs, ledgers and the API. */
export type RiskDenialCode =
  | 'ORDER_INVALID'
  | 'EQUITY_NOT_POSITIVE'
  | 'NOTIONAL_EXCEEDS_MAX_PER_ORDER'
  | 'POSITION_WEIGHT_EXCEEDED'
  | 'EXPOSURE_CAP_EXCEEDED'
  | 'VOLATILITY_SPIKE'
  | 'VAR_HISTORY_MISSING'
  | 'VAR_BUDGET_EXCEEDED'
  | 'TRADING_HALTED'
  | 'REDUCING_ONLY';

export type RiskDecision = { ok: true } | { ok: false; code: RiskDenialCode; detail: string };

export type RiskCheck = (order: Order, snapshot: RiskSnapshot) => RiskDecision;

export const ACCEPT: RiskDecision = { ok: true };
export function deny(code: RiskDenialCode, detail: string): RiskDecision {
  return { ok: false, code, detail };
}
