/**
 * Pure derivations from the ledgers for the views: the equity and drawdown curves, today's change,
 * positions rebuilt from fills (average-cost method), and allocation drift against targets.
 */
import type { MetricsRow, PnlRow } from './api/endpoints.js';
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
  avgPrice: number | null;
  lastPrice: number | null;
  marketValue: number | null;
  unrealizedPnl: number | null;
  realizedPnl: number | null;
}

/**
 * Net positions from fills: buys add at their price to the average cost, sells reduce quantity at
 * the average cost. The last fill price stands in for the market price (fills are all we know).
 */
export function positionsFromFills(fills: readonly PnlRow[]): Position[] {
  const book = new Map<string, { qty: number; cost: number; last: number; realized: number }>();
  const ordered = [...fills].sort((a, b) => a.seq - b.seq);
  for (const f of ordered) {
    const p = book.get(f.symbol) ?? { qty: 0, cost: 0, last: f.price, realized: 0 };
    p.last = f.price;
    p.realized += f.realized_pnl;
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
      const avg = p.qty !== 0 ? p.cost / p.qty : null;
      const mv = p.qty * p.last;
      return {
        symbol,
        qty: p.qty,
        avgPrice: avg,
        lastPrice: p.last,
        marketValue: mv,
        unrealizedPnl: avg === null ? null : (p.last - avg) * p.qty,
        realizedPnl: p.realized,
      };
    })
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}

export interface DriftRow {
  symbol: string;
  target: number | null;
  current: number | null;
  /** current − target, as a fraction of equity. */
  drift: number | null;
}

/**
 * Targets against current weights (market value / equity). Symbols held but not targeted show
 * a null target; targeted but not held show a current weight of 0.
 */
export function driftRows(targets: Readonly<Record<string, number>>, positions: readonly Position[], equity: number | null): DriftRow[] {
  const current = new Map<string, number>();
  if (equity && equity > 0) for (const p of positions) if (p.marketValue !== null) current.set(p.symbol, p.marketValue / equity);
  const symbols = [...new Set([...Object.keys(targets), ...current.keys()])].sort();
  return symbols.map((symbol) => {
    const target = targets[symbol] ?? null;
    const cur = equity && equity > 0 ? (current.get(symbol) ?? 0) : null;
    return { symbol, target, current: cur, drift: cur === null ? null : cur - (target ?? 0) };
  });
}

/** Total drift as half the sum of absolute differences (the share of the book to trade). */
export function totalDrift(rows: readonly DriftRow[]): number | null {
  if (rows.some((r) => r.drift === null)) return null;
  return rows.reduce((a, r) => a + Math.abs(r.drift ?? 0), 0) / 2;
}
