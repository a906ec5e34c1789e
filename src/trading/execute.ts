/**
 * One rebalance, pure: the decision path the SmartTrader runs each tick and the backtester runs on
 * each rebalance bar. Targets from sizing.ts; an order is skipped when its market is closed or its
 * spread is too wide, denied by the risk checks, or rejected by the paper broker; the rest fill.
 * Because both the agent and the backtester call this, a backtest and the mesh make the same fills.
 */
import type { Instrument, Quote } from '../market/types.js';
import { spreadBps } from '../market/types.js';
import { runRiskChecks } from '../risk/checks.js';
import type { CombinedRiskState } from '../risk/governor.js';
import { DEFAULT_LIMITS, type RiskSnapshot } from '../risk/types.js';
import { equityOf, fillMarketOrder, fillPrice, type Book, type Costs, type Fill } from './paper-broker.js';
import { rebalanceOrders, type PlannedOrder } from './sizing.js';
import type { TraderConfig } from './trader-config.js';

export interface RebalanceInputs {
  book: Book;
  quotes: Readonly<Record<string, Quote>>;
  allocations: Readonly<Record<string, number>>;
  riskScaler: number;
  risk: Pick<CombinedRiskState, 'tradingState' | 'exposureCap' | 'multiplier' | 'volatilitySpike'>;
  /** Daily returns per symbol for the order-level VaR check; omitted, that check is skipped. */
  returns?: Readonly<Record<string, readonly number[]>>;
  cfg: Pick<TraderConfig, 'drift_threshold' | 'max_spread_bps' | 'max_order_notional' | 'max_gross'>;
  costs: Costs;
  instrument: (symbol: string) => Instrument;
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
  const orders = rebalanceOrders({
    equity: equityBefore,
    holdings,
    prices: marks,
    allocations: inp.allocations,
    riskScaler: inp.riskScaler,
    multiplier: inp.risk.multiplier,
    driftThreshold: inp.cfg.drift_threshold,
    maxGross: inp.cfg.max_gross,
    instrument: inp.instrument,
    maxWeight: DEFAULT_LIMITS.maxPositionWeight,
  });
  let book = inp.book;
  const fills: RebalanceResult['fills'] = [];
  const skipped: Skipped[] = [];
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
  return { book, fills, skipped, equityBefore };
}
