/**
 * One rebalance, pure: the decision path the SmartTrader runs each tick and the backtester runs on
 * each rebalance bar. Target weights from the allocator's portfolioTargets; the portfolio trades
 * only when its total drift is over the rebalance threshold — the allocator's verdict when its
 * report is fresh and was built on these same targets, else the same drift report computed here.
 * Then orders come from sizing.ts; an order is skipped when its market is closed or its spread is
 * too wide, denied by the risk checks, or rejected by the paper broker; the rest fill. Because both
 * the agent and the backtester call this, a backtest and the mesh make the same fills.
 */
import type { Instrument, Quote } from '../market/types.js';
import { spreadBps } from '../market/types.js';
import { riskTargets, totalDrift } from '../risk/allocator.js';
import { runRiskChecks } from '../risk/checks.js';
import type { CombinedRiskState } from '../risk/risk-state.js';
import { DEFAULT_LIMITS, type RiskSnapshot } from '../risk/types.js';
import { equityOf, fillMarketOrder, fillPrice, type Book, type Costs, type Fill } from './paper-broker.js';
import { rebalanceOrders, type PlannedOrder } from './sizing.js';
import type { TraderConfig } from '../config/trader.js';

export interface RebalanceInputs {
  book: Book;
  quotes: Readonly<Record<string, Quote>>;
  allocations: Readonly<Record<string, number>>;
  riskScaler: number;
  risk: Pick<CombinedRiskState, 'tradingState' | 'exposureCap' | 'multiplier' | 'volatilitySpike'>;
  /** Daily returns per symbol for the order-level VaR check; omitted, that check is skipped. */
  returns?: Readonly<Record<string, readonly number[]>>;
  cfg: Pick<TraderConfig, 'drift_threshold' | 'max_spread_bps' | 'max_order_notional' | 'max_gross'>;
  /** Trade only when total drift ((Σ|d| + |Σd|) / 2, allocator.ts) is over this (the allocator's threshold). */
  rebalanceThreshold: number;
  /** The allocator's latest report, if fresh; its verdict counts only when its targets are ours. */
  allocatorReport?: { targets: Readonly<Record<string, number>>; total_drift: number; rebalance_needed: boolean };
  costs: Costs;
  instrument: (symbol: string) => Instrument;
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

export interface RebalanceResult {
  book: Book;
  fills: (Fill & { drift: number })[];
  skipped: Skipped[];
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
  for (const [s, q] of Object.entries(quotes)) m[s] = (q.bid + q.ask) / 2;
  return m;
}

export function rebalance(inp: RebalanceInputs): RebalanceResult {
  const marks = marksOf(inp.quotes);
  const equityBefore = equityOf(inp.book, marks);
  const holdings = Object.fromEntries(Object.entries(inp.book.positions).map(([s, p]) => [s, p.qty]));
  const targets = riskTargets(inp.allocations, inp.riskScaler, inp.risk, inp.cfg.max_gross);
  const a = inp.allocatorReport;
  let trigger: Trigger;
  if (a && sameTargets(a.targets, targets)) trigger = { by: 'allocator', total_drift: a.total_drift, rebalance: a.rebalance_needed };
  else {
    const total = totalDrift(targets, holdings, marks, equityBefore);
    trigger = { by: 'trader', total_drift: total, rebalance: total > inp.rebalanceThreshold };
  }
  let book = inp.book;
  const fills: RebalanceResult['fills'] = [];
  const skipped: Skipped[] = [];
  if (!trigger.rebalance) return { book, fills, skipped, equityBefore, trigger };
  const orders = rebalanceOrders({ equity: equityBefore, holdings, prices: marks, targets, driftThreshold: inp.cfg.drift_threshold, instrument: inp.instrument });
  for (const o of orders) {
    const q = inp.quotes[o.symbol];
    if (!q || !q.open) {
      skipped.push({ order: o, reason: 'MARKET_CLOSED', detail: `${o.symbol} is not trading` });
      continue;
    }
    const spread = spreadBps(q);
    if (spread > inp.cfg.max_spread_bps) {
      skipped.push({ order: o, reason: 'SPREAD_TOO_WIDE', detail: `spread ${spread.toFixed(1)} bp > ${inp.cfg.max_spread_bps} bp` });
      continue;
    }
    const price = fillPrice(o.side, o.qty, q, inp.costs);
    const snapshot: RiskSnapshot = {
      equity: equityOf(book, marks),
      positions: Object.fromEntries(Object.entries(book.positions).map(([s, p]) => [s, { qty: p.qty, price: marks[s] ?? p.avgPrice }])),
      ...(inp.returns ? { returns: inp.returns } : {}),
      tradingState: inp.risk.tradingState,
      exposureCap: inp.risk.exposureCap,
      volatilitySpike: inp.risk.volatilitySpike,
      limits: { ...DEFAULT_LIMITS, maxNotionalPerOrder: inp.cfg.max_order_notional },
    };
    const decision = runRiskChecks({ symbol: o.symbol, side: o.side, qty: o.qty, price, notional: o.qty * price }, snapshot);
    if (!decision.ok) {
      skipped.push({ order: o, reason: decision.code, detail: decision.detail });
      continue;
    }
    const r = fillMarketOrder(book, o, q, inp.instrument(o.symbol), inp.cfg.max_order_notional, inp.costs);
    if (!r.ok) {
      skipped.push({ order: o, reason: r.code, detail: r.detail });
      continue;
    }
    book = r.book;
    fills.push({ ...r.fill, drift: o.drift });
  }
  return { book, fills, skipped, equityBefore, trigger };
}
