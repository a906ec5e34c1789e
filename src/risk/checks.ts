/**
 * Pre-trade risk checks and the one engine that runs them. Each check is a pure
 * `(order, snapshot) → RiskDecision`; `runRiskChecks` runs them in array order, stops at the first
 * denial, then gates on the trading state: ACTIVE lets everything through, REDUCING and HALTED let
 * only risk-reducing orders through (HALTED also sets the exposure multiplier to 0 upstream, so the
 * trader flattens — a halted book must still be able to get flat, unlike Nautilus' HALTED).
 *
 * An order is risk-reducing when it shrinks the absolute position in its symbol without flipping
 * its sign: sell qty ≤ long qty, or buy qty ≤ |short qty|.
 */
import { bindingVarOf, horizonReturns } from '../research/stats.js';
import { ACCEPT, deny, type Order, type RiskCheck, type RiskDecision, type RiskSnapshot } from './types.js';

const EPS = 1e-9;

export function signedQty(order: Pick<Order, 'side' | 'qty'>): number {
  return order.side === 'buy' ? order.qty : -order.qty;
}

export function isReducing(order: Order, snapshot: Pick<RiskSnapshot, 'positions'>): boolean {
  const pos = snapshot.positions[order.symbol]?.qty ?? 0;
  if (pos === 0) return false;
  const after = pos + signedQty(order);
  return Math.sign(after) !== -Math.sign(pos) && Math.abs(after) < Math.abs(pos) + EPS;
}

/** Market value per symbol after the order (order priced at its own price, others at their marks). */
export function valuesAfter(order: Order | undefined, snapshot: RiskSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  const positions = snapshot.positions;
  for (const s in positions) out[s] = positions[s]!.qty * positions[s]!.price;
  if (order) {
    const pos = snapshot.positions[order.symbol];
    const qty = (pos?.qty ?? 0) + signedQty(order);
    out[order.symbol] = qty * order.price;
  }
  return out;
}

export function grossExposure(values: Readonly<Record<string, number>>, equity: number): number {
  return Object.values(values).reduce((a, v) => a + Math.abs(v), 0) / equity;
}

const startsWithDigit = (s: string): boolean => s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57;

/** The order's symbol's market value after it: valuesAfter(order, snapshot)[order.symbol], without the others'. */
function valueAfter(order: Order, snapshot: RiskSnapshot): number {
  return ((snapshot.positions[order.symbol]?.qty ?? 0) + signedQty(order)) * order.price;
}

/**
 * grossExposure(valuesAfter(order, snapshot), equity), summed in the same order (the positions',
 * then the order's symbol when it is new), with no object in between: it runs on every order.
 */
function grossAfter(order: Order | undefined, snapshot: RiskSnapshot): number {
  const positions = snapshot.positions;
  const isNew = order !== undefined && !Object.hasOwn(positions, order.symbol);
  // A new symbol that may be an array index ("123") comes first in valuesAfter's object, not last.
  if (isNew && startsWithDigit(order.symbol)) return grossExposure(valuesAfter(order, snapshot), snapshot.equity);
  let a = 0;
  for (const s in positions) {
    const p = positions[s]!;
    a += Math.abs(order && s === order.symbol ? valueAfter(order, snapshot) : p.qty * p.price);
  }
  if (isNew) a += Math.abs(valueAfter(order, snapshot));
  return a / snapshot.equity;
}

/**
 * Forecast portfolio VaR (loss fraction of equity) for holdings `values`: scenario returns
 * p_t = Σ_i (value_i / equity) · r_{i,t} over the last L common days (L = shortest history among
 * the held symbols); daily VaR = max(historical, Gaussian) of p at the configured confidence;
 * weekly VaR = the same on overlapping 5-day compounded scenario returns. Null when a held symbol
 * has fewer than `minHistory` returns.
 */
export function forecastVar(values: Readonly<Record<string, number>>, snapshot: RiskSnapshot): { daily: number; weekly: number } | { missing: string } {
  const returns = snapshot.returns ?? {};
  const held: string[] = [];
  for (const s in values) if (Math.abs(values[s]!) > EPS) held.push(s);
  if (held.length === 0) return { daily: 0, weekly: 0 };
  let L = Number.POSITIVE_INFINITY;
  for (const s of held) {
    const r = returns[s];
    if (!r || r.length < snapshot.limits.minHistory) return { missing: s };
    L = Math.min(L, r.length);
  }
  const p: number[] = new Array<number>(L).fill(0);
  for (const s of held) {
    const r = returns[s] ?? [];
    const w = values[s]! / snapshot.equity;
    for (let t = 0; t < L; t++) p[t] = (p[t] ?? 0) + w * (r[r.length - L + t] ?? 0);
  }
  const c = snapshot.limits.varConfidence;
  const daily = bindingVarOf(p, 2, c) ?? 0;
  const weekly = bindingVarOf(horizonReturns(p, 5), 2, c) ?? daily * Math.sqrt(5);
  return { daily, weekly };
}

const positiveFinite = (x: number): boolean => Number.isFinite(x) && x > 0;

export const checkOrderValid: RiskCheck = (o) => {
  const bad = !positiveFinite(o.qty) ? 'qty' : !positiveFinite(o.price) ? 'price' : !positiveFinite(o.notional) ? 'notional' : undefined;
  if (bad) return deny('ORDER_INVALID', `${bad} is ${o[bad]}; accepted: a finite number > 0`);
  if (Math.abs(o.qty * o.price - o.notional) > 1e-6 * Math.max(1, o.notional)) {
    return deny('ORDER_INVALID', `notional ${o.notional} differs from qty × price = ${o.qty * o.price}`);
  }
  return ACCEPT;
};

export const checkEquity: RiskCheck = (o, s) =>
  Number.isFinite(s.equity) && s.equity > 0 ? ACCEPT : deny('EQUITY_NOT_POSITIVE', `equity is ${s.equity}; no order can be sized against it`);

export const checkNotional: RiskCheck = (o, s) =>
  o.notional <= s.limits.maxNotionalPerOrder
    ? ACCEPT
    : deny('NOTIONAL_EXCEEDS_MAX_PER_ORDER', `${o.symbol} notional ${o.notional.toFixed(2)} > max per order ${s.limits.maxNotionalPerOrder}`);

export const checkVolatilitySpike: RiskCheck = (o, s) =>
  !s.volatilitySpike || isReducing(o, s) ? ACCEPT : deny('VOLATILITY_SPIKE', `volatility-spike stop is active; only reducing orders pass (${o.side} ${o.symbol} would add risk)`);

export const checkPositionWeight: RiskCheck = (o, s) => {
  if (isReducing(o, s)) return ACCEPT;
  const w = Math.abs(valueAfter(o, s)) / s.equity;
  return w <= s.limits.maxPositionWeight + EPS ? ACCEPT : deny('POSITION_WEIGHT_EXCEEDED', `${o.symbol} weight after the order ${(w * 100).toFixed(2)} % > cap ${(s.limits.maxPositionWeight * 100).toFixed(0)} %`);
};

export const checkExposureCap: RiskCheck = (o, s) => {
  if (isReducing(o, s)) return ACCEPT;
  const before = grossAfter(undefined, s);
  const after = grossAfter(o, s);
  if (after <= s.exposureCap + EPS || after <= before + EPS) return ACCEPT;
  return deny('EXPOSURE_CAP_EXCEEDED', `gross exposure after the order ${(after * 100).toFixed(2)} % > cap ${(s.exposureCap * 100).toFixed(2)} % of equity`);
};

export const checkVar: RiskCheck = (o, s) => {
  if (s.returns === undefined || isReducing(o, s)) return ACCEPT;
  const after = forecastVar(valuesAfter(o, s), s);
  if ('missing' in after) return deny('VAR_HISTORY_MISSING', `${after.missing} has fewer than ${s.limits.minHistory} daily returns; VaR cannot be forecast`);
  // Within both budgets the order passes whatever the book's VaR was before it: that forecast
  // (two more VaR sets) is made only when one of them is exceeded.
  if (after.daily <= s.limits.varBudgetDaily && after.weekly <= s.limits.varBudgetWeekly) return ACCEPT;
  const before = forecastVar(valuesAfter(undefined, s), s);
  const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
  const conf = `${s.limits.varConfidence * 100} %`;
  const adds = (a: number, b: { daily: number; weekly: number } | { missing: string }, k: 'daily' | 'weekly'): boolean => 'missing' in b || a > b[k] + EPS;
  if (after.daily > s.limits.varBudgetDaily && adds(after.daily, before, 'daily')) {
    return deny('VAR_BUDGET_EXCEEDED', `daily ${conf} VaR after the order ${pct(after.daily)} > budget ${pct(s.limits.varBudgetDaily)}`);
  }
  if (after.weekly > s.limits.varBudgetWeekly && adds(after.weekly, before, 'weekly')) {
    return deny('VAR_BUDGET_EXCEEDED', `weekly ${conf} VaR after the order ${pct(after.weekly)} > budget ${pct(s.limits.varBudgetWeekly)}`);
  }
  return ACCEPT;
};

/** The default ordered check list: cheap structural checks first, the VaR forecast last. */
export const DEFAULT_CHECKS: readonly RiskCheck[] = [checkOrderValid, checkEquity, checkNotional, checkVolatilitySpike, checkPositionWeight, checkExposureCap, checkVar];

/**
 * The one engine: the first denial among the checks wins; then the trading-state gate — under
 * REDUCING/HALTED a non-reducing order is denied with the gate's code (the root cause), with the
 * check's denial, if any, appended to the detail.
 */
export function runRiskChecks(order: Order, snapshot: RiskSnapshot, checks: readonly RiskCheck[] = DEFAULT_CHECKS): RiskDecision {
  let denied: RiskDecision = ACCEPT;
  for (const check of checks) {
    denied = check(order, snapshot);
    if (!denied.ok) break;
  }
  if (snapshot.tradingState === 'ACTIVE' || isReducing(order, snapshot)) return denied;
  // The gate is the root cause when the book is halted or reducing: report it, keep the check's detail.
  const also = denied.ok ? '' : ` (also ${denied.code}: ${denied.detail})`;
  return snapshot.tradingState === 'HALTED'
    ? deny('TRADING_HALTED', `trading is HALTED; ${order.side} ${order.symbol} would open or add risk${also}`)
    : deny('REDUCING_ONLY', `trading is REDUCING; only orders that shrink a position pass (${order.side} ${order.symbol} does not)${also}`);
}
