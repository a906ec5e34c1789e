/**
 * Reading the inputs the risk agents share from the store (the I/O edge; decisions stay pure):
 * the equity curve from `state/performance_metrics.csv` and net holdings from
 * `state/pnl_history.csv`. A corrupt ledger is reported, not fatal: the agent works with nothing.
 */
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../store/file-store.js';
import { dailyCloses, simpleReturns, type EquityPoint } from './stats.js';

export interface EquityCurve {
  points: EquityPoint[];
  /** Daily simple returns from the last equity of each UTC day. */
  dailyReturns: number[];
  lastTs: number | null;
}

export function readEquityCurve(store: StateStore, log: Logger): EquityCurve {
  try {
    const rows = store.ledger(performanceMetrics).readAll();
    const points = rows.map((r) => ({ ts: Date.parse(r.ts), equity: r.equity }));
    const closes = dailyCloses(points);
    return { points, dailyReturns: simpleReturns(closes.map((p) => p.equity)), lastTs: points.length ? (points[points.length - 1]?.ts ?? null) : null };
  } catch (err) {
    log.error({ err: describeError(err) }, 'cannot read state/performance_metrics.csv; using an empty equity curve');
    return { points: [], dailyReturns: [], lastTs: null };
  }
}

/** Net signed quantity and last fill price per symbol from the fills ledger. */
export function readHoldings(store: StateStore, log: Logger): { qty: Record<string, number>; lastPrice: Record<string, number> } {
  const qty: Record<string, number> = {};
  const lastPrice: Record<string, number> = {};
  try {
    for (const r of store.ledger(pnlHistory).readAll()) {
      qty[r.symbol] = (qty[r.symbol] ?? 0) + (r.side === 'buy' ? r.qty : -r.qty);
      lastPrice[r.symbol] = r.price;
    }
  } catch (err) {
    log.error({ err: describeError(err) }, 'cannot read state/pnl_history.csv; holdings unknown');
  }
  for (const s of Object.keys(qty)) if (Math.abs(qty[s] ?? 0) < 1e-12) delete qty[s];
  return { qty, lastPrice };
}
