/**
 * Pure derivations for the views: the equity and drawdown curves, today's change, positions (from
 * the SmartTrader's state document, or rebuilt from fills before it exists) and allocation drift
 * against targets before the allocator has written its own report.
 */
import { driftReport } from '../../src/contracts/drift.js';
import type { MetricsRow, PnlRow, SmartTraderState } from './api/endpoints.js';
import type { ChartPoint } from './components/TimeChart.js';

export function equityCurve(rows: readonly MetricsRow[]): { equity: ChartPoint[]; drawdown: ChartPoint[] } {
  const equity: ChartPoint[] = [];
  const drawdown: ChartPoint[] = [];
  for (const r of rows) {
    const t = Date.parse(r.ts);
    equity.push({ t, value: r.equity });
    // Drawn below zero so a deeper drawdown reads as a deeper dip.
    drawdown.push({ t, value: -r.drawdown });
  }
  return { equity, drawdown };
}

export interface Headline {
  equity: number;
  dailyPnl: number;
  /** Today's change as a fraction of the equity at the start of the day; null if that was 0. */
  dailyChange: number | null;
  drawdown: number;
  sharpe: number | null;
  exposure: number;
  cash: number;
  at: string;
}

/** The newest equity row's headline numbers, or null when the curve is empty. */
export function headline(rows: readonly MetricsRow[]): Headline | null {
  const last = rows.at(-1);
  if (!last) return null;
  const startOfDay = last.equity - last.daily_pnl;
  return {
    equity: last.equity,
    dailyPnl: last.daily_pnl,
    dailyChange: startOfDay !== 0 ? last.daily_pnl / startOfDay : null,
    drawdown: last.drawdown,
    sharpe: last.sharpe === '' ? null : last.sharpe,
    exposure: last.exposure,
    cash: last.cash,
    at: last.ts,
  };
}

export interface Position {
  symbol: string;
  qty: number;
  avgPrice: number;
  lastPrice: number;
  marketValue: number;
  /** (last − average price) · quantity. */
  unrealizedPnl: number;
}

/** The SmartTrader's book, flat positions left out, in symbol order. */
export function positionsFromState(state: SmartTraderState): Position[] {
  return Object.entries(state.positions)
    .filter(([, p]) => p.qty !== 0)
    .map(([symbol, p]) => ({
      symbol,
      qty: p.qty,
      avgPrice: p.avg_price,
      lastPrice: p.last_price,
      marketValue: p.market_value,
      unrealizedPnl: (p.last_price - p.avg_price) * p.qty,
    }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}

/**
 * Net positions from fills: buys add at their price to the average cost, sells reduce quantity at
 * the average cost. The last fill price stands in for the market price (fills are all we know).
 */
export function positionsFromFills(fills: readonly PnlRow[]): Position[] {
  const book = new Map<string, { qty: number; cost: number; last: number }>();
  const ordered = [...fills].sort((a, b) => a.seq - b.seq);
  for (const f of ordered) {
    const p = book.get(f.symbol) ?? { qty: 0, cost: 0, last: f.price };
    p.last = f.price;
    if (f.side === 'buy') {
      p.qty += f.qty;
      p.cost += f.qty * f.price;
    } else {
      const avg = p.qty > 0 ? p.cost / p.qty : 0;
      p.qty -= f.qty;
      p.cost -= f.qty * avg;
      if (Math.abs(p.qty) < 1e-12) {
        p.qty = 0;
        p.cost = 0;
      }
    }
    book.set(f.symbol, p);
  }
  return [...book.entries()]
    .filter(([, p]) => p.qty !== 0)
    .map(([symbol, p]) => {
      const avg = p.cost / p.qty;
      return { symbol, qty: p.qty, avgPrice: avg, lastPrice: p.last, marketValue: p.qty * p.last, unrealizedPnl: (p.last - avg) * p.qty };
    })
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}

/**
 * One row of the allocations table: the allocator's asset row (state/allocator_drift.json), with
 * the holding side null when no equity is known yet to weigh it against.
 */
export interface DriftRow {
  symbol: string;
  target_weight: number;
  current_weight: number | null;
  /** current − target, as a fraction of equity. */
  drift: number | null;
  /** Signed notional to trade to reach the target (positive buys). */
  trade_notional: number | null;
}

/**
 * Drift of the positions against `targets` before the allocator has reported, computed by the
 * allocator's own driftReport so the total is its definition, (Σ|d_i| + |Σd_i|) / 2 with cash as
 * the balancing asset, and the page never shows a figure the allocator would not. Without an
 * equity the weights are unknown: targets only, total null.
 */
export function derivedDrift(targets: Readonly<Record<string, number>>, positions: readonly Position[], equity: number | null): { rows: DriftRow[]; total: number | null } {
  if (equity === null || !(equity > 0)) {
    const rows = Object.keys(targets)
      .sort()
      .map((symbol) => ({ symbol, target_weight: targets[symbol] ?? 0, current_weight: null, drift: null, trade_notional: null }));
    return { rows, total: null };
  }
  const qty: Record<string, number> = {};
  const prices: Record<string, number> = {};
  for (const p of positions) {
    qty[p.symbol] = p.qty;
    prices[p.symbol] = p.lastPrice;
  }
  const report = driftReport(targets, qty, prices, equity);
  return { rows: report.assets, total: report.total_drift };
}
