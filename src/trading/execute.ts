/**
 * One rebalance, planned purely: the decision path the SmartTrader runs each tick and the
 * backtester runs on each rebalance bar. Target weights from the allocator's riskTargets; the
 * portfolio trades only when its total drift is over the rebalance threshold — the allocator's
 * verdict when its report is fresh and was built on these same targets, else the same drift report
 * computed here. Orders come from sizing.ts; before an order goes to the venue, `gateOrder` skips it
 * when its market is closed or its spread is too wide, or denies it by the ordered risk checks
 * against the book as it stands after the orders before it (order-flow.ts runs that loop). Because
 * the agent and the backtester share both, a backtest and the mesh make the same fills.
 */
import type { Quote } from '../core/market.js';
import { spreadBps } from '../core/market.js';
import { totalDrift } from '../contracts/drift.js';
import { riskTargets } from '../risk/allocator.js';
import { runRiskChecks } from '../risk/checks.js';
import type { CombinedRiskState } from '../risk/risk-state.js';
import { DEFAULT_LIMITS, type Position, type RiskLimits, type RiskSnapshot } from '../risk/types.js';
import { equityOf, fillPrice, type Book, type Costs } from './paper-broker.js';
import { rebalanceOrders, type PlannedOrder } from './sizing.js';
import { sizingCapital } from './budget-cap.js';
import type { Instrument } from '../core/market.js';
import type { TraderConfig } from '../config/trader.js';

type Risk = Pick<CombinedRiskState, 'tradingState' | 'exposureCap' | 'multiplier' | 'volatilitySpike'>;
type Cfg = Pick<TraderConfig, 'drift_threshold' | 'max_spread_bps' | 'max_order_notional' | 'max_gross'>;

export interface PlanInputs {
  book: Book;
  quotes: Readonly<Record<string, Quote>>;
  allocations: Readonly<Record<string, number>>;
  riskScaler: number;
  risk: Risk;
  cfg: Cfg;
  /** Trade only when total drift ((Σ|d| + |Σd|) / 2, allocator.ts) is over this (the allocator's threshold). */
  rebalanceThreshold: number;
  /** The allocator's latest report, if fresh; its verdict counts only when its targets are ours. */
  allocatorReport?: { targets: Readonly<Record<string, number>>; total_drift: number; rebalance_needed: boolean };
  instrument: (symbol: string) => Instrument;
  /** The capital governor's budget, dollars: targets are sized on min(equity, budget) (budget-cap.ts). */
  budget?: number;
}

/** What every order is checked against before it reaches the venue. */
export interface GateInputs {
  quotes: Readonly<Record<string, Quote>>;
  /** Mid prices of `quotes`, when the caller has them already (the plan's). */
  marks?: Readonly<Record<string, number>>;
  risk: Risk;
  /** Daily returns per symbol for the order-level VaR check; omitted, that check is skipped (the caller then trades reduce-only). */
  returns?: Readonly<Record<string, readonly number[]>>;
  cfg: Cfg;
  costs: Costs;
  /** The capital governor's budget, dollars: a buy that would take gross exposure over it is skipped. */
  budget?: number;
}

/** Why this rebalance traded or held, and on whose drift report. */
export interface Trigger {
  by: 'allocator' | 'trader';
  total_drift: number;
  rebalance: boolean;
}

export interface Skipped {
  order: PlannedOrder;
  reason: 'MARKET_CLOSED' | 'SPREAD_TOO_WIDE' | string;
  detail: string;
}

export interface Plan {
  orders: PlannedOrder[];
  /** Mid prices the plan was made on. */
  marks: Record<string, number>;
  equityBefore: number;
  trigger: Trigger;
}

/** Same symbols, same weights (to rounding): the report was built for the book we would trade to. */
export function sameTargets(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a).filter((s) => a[s] !== 0);
  const kb = Object.keys(b).filter((s) => b[s] !== 0);
  return ka.length === kb.length && ka.every((s) => Math.abs(a[s]! - (b[s] ?? 0)) <= 1e-9);
}

export function marksOf(quotes: Readonly<Record<string, Quote>>): Record<string, number> {
  const m: Record<string, number> = {};
  for (const s in quotes) {
    const q = quotes[s]!;
    m[s] = (q.bid + q.ask) / 2;
  }
  return m;
}

/** The drift trigger and the orders that move the book to its targets (pure). */
export function planRebalance(inp: PlanInputs): Plan {
  const marks = marksOf(inp.quotes);
  const equityBefore = equityOf(inp.book, marks);
  // The capital the targets are fractions of: the equity, capped at the governor's budget.
  const capital = sizingCapital(equityBefore, inp.budget);
  const holdings: Record<string, number> = {};
  for (const s in inp.book.positions) holdings[s] = inp.book.positions[s]!.qty;
  const targets = riskTargets(inp.allocations, inp.riskScaler, inp.risk, inp.cfg.max_gross);
  const a = inp.allocatorReport;
  let trigger: Trigger;
  if (inp.budget !== undefined && !(capital > 0) && equityBefore > 0) {
    // A budget of nothing: every holding goes, whatever the drift threshold says.
    const orders = Object.entries(holdings).filter(([, q]) => q > 0).sort(([x], [y]) => x.localeCompare(y)).map(([symbol, qty]) => ({ symbol, side: 'sell' as const, qty, drift: -1 }));
    return { orders, marks, equityBefore, trigger: { by: 'trader', total_drift: orders.length ? 1 : 0, rebalance: orders.length > 0 } };
  }
  // The allocator's verdict is on the whole equity: it counts only when the budget does not cap.
  if (a && capital === equityBefore && sameTargets(a.targets, targets)) trigger = { by: 'allocator', total_drift: a.total_drift, rebalance: a.rebalance_needed };
  else {
    const total = totalDrift(targets, holdings, marks, capital);
    trigger = { by: 'trader', total_drift: total, rebalance: total > inp.rebalanceThreshold };
  }
  if (!trigger.rebalance) return { orders: [], marks, equityBefore, trigger };
  const orders = rebalanceOrders({ equity: capital, holdings, prices: marks, targets, driftThreshold: inp.cfg.drift_threshold, instrument: inp.instrument });
  return { orders, marks, equityBefore, trigger };
}

let lastLimits: RiskLimits = DEFAULT_LIMITS;

/** The default limits with the trader's per-order cap: one object while the cap stays the same, not one per order. */
function limitsFor(maxNotionalPerOrder: number): RiskLimits {
  if (lastLimits.maxNotionalPerOrder !== maxNotionalPerOrder) lastLimits = { ...DEFAULT_LIMITS, maxNotionalPerOrder };
  return lastLimits;
}

/** Undefined when the order may go to the venue; else why not (pure). */
export function gateOrder(o: PlannedOrder, book: Book, g: GateInputs, marks: Readonly<Record<string, number>> = g.marks ?? marksOf(g.quotes)): Skipped | undefined {
  const q = g.quotes[o.symbol];
  if (!q || !q.open) return { order: o, reason: 'MARKET_CLOSED', detail: `${o.symbol} is not trading` };
  const spread = spreadBps(q);
  if (spread > g.cfg.max_spread_bps) return { order: o, reason: 'SPREAD_TOO_WIDE', detail: `spread ${spread.toFixed(1)} bp > ${g.cfg.max_spread_bps} bp` };
  const price = fillPrice(o.side, o.qty, q, g.costs);
  if (o.side === 'buy' && g.budget !== undefined) {
    const gross = Object.entries(book.positions).reduce((a, [s, p]) => a + Math.abs(p.qty * (marks[s] ?? p.avgPrice)), 0);
    const after = gross + o.qty * price;
    if (after > g.budget + 0.005) return { order: o, reason: 'CAPITAL_BUDGET_EXCEEDED', detail: `gross exposure would be $${after.toFixed(2)} > budget $${g.budget.toFixed(2)} (state/capital_budgets.json)` };
  }
  const positions: Record<string, Position> = {};
  for (const s in book.positions) {
    const p = book.positions[s]!;
    positions[s] = { qty: p.qty, price: marks[s] ?? p.avgPrice };
  }
  // One shape whether or not there are returns (absent: undefined, which the VaR check skips).
  const snapshot: RiskSnapshot = {
    equity: equityOf(book, marks),
    positions,
    returns: g.returns,
    tradingState: g.risk.tradingState,
    exposureCap: g.risk.exposureCap,
    volatilitySpike: g.risk.volatilitySpike,
    limits: limitsFor(g.cfg.max_order_notional),
  };
  const decision = runRiskChecks({ symbol: o.symbol, side: o.side, qty: o.qty, price, notional: o.qty * price }, snapshot);
  return decision.ok ? undefined : { order: o, reason: decision.code, detail: decision.detail };
}
