/**
 * Reading the inputs the risk agents share from the store (the I/O edge; decisions stay pure):
 * the equity curve from `state/performance_metrics.csv`, net holdings from
 * `state/pnl_history.csv`, the calendars of the book, and the combined risk state. An unreadable
 * ledger is reported with its reason code (EQUITY_HISTORY_CORRUPT), never as an empty, calm book.
 */
import type { Config } from '../config/config.js';
import { revenueByAgent } from '../contracts/revenue.js';
import { drawdownGuard, riskGovernor } from '../contracts/risk.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { allocationsOverride } from '../contracts/weights.js';
import { MS } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { CalendarId } from '../core/market.js';
import type { Logger } from '../log/logger.js';
import { instrument, isUniverseSymbol } from '../market/instruments.js';
import { dailyCloses, periodsPerYear, simpleReturns, type EquityPoint, type PeriodsPerYear } from '../research/stats.js';
import type { ReadResult } from '../store/documents.js';
import type { StateStore } from '../store/file-store.js';
import { riskSection } from './config.js';
import { hedgeWealth } from './hedge-book-store.js';
import { readInventoryMarks, unrealisedInventory } from './venture-wealth.js';
import { combineRiskState, STALE_AFTER_INTERVALS, type CombinedRiskState, type RiskDocRead } from './risk-state.js';

export interface EquityCurve {
  points: EquityPoint[];
  /** Daily simple returns between the book's daily closes (see `dailyCloses`). */
  dailyReturns: number[];
  lastTs: number | null;
  /** True when the ledger could not be read: the curve is empty because it is unknown, not flat. */
  corrupt: boolean;
}

/** The equity curve; `periods` (the book's annualisation) decides whether weekends are periods. */
export function readEquityCurve(store: StateStore, log: Logger, periods: PeriodsPerYear = 365): EquityCurve {
  try {
    const rows = store.ledger(performanceMetrics).readAll();
    const points = rows.map((r) => ({ ts: Date.parse(r.ts), equity: r.equity }));
    const closes = dailyCloses(points, periods);
    return { points, dailyReturns: simpleReturns(closes.map((p) => p.equity)), lastTs: points.length ? (points[points.length - 1]?.ts ?? null) : null, corrupt: false };
  } catch (err) {
    log.warn({ err: describeError(err), reason: 'EQUITY_HISTORY_CORRUPT' }, 'cannot read state/performance_metrics.csv: equity history unknown, reduce-only');
    return { points: [], dailyReturns: [], lastTs: null, corrupt: true };
  }
}

/** Net signed quantity and last fill price per symbol from the fills ledger; `corrupt` when it cannot be read (holdings unknown, not empty). */
export function readHoldings(store: StateStore, log: Logger): { qty: Record<string, number>; lastPrice: Record<string, number>; corrupt: boolean } {
  const qty: Record<string, number> = {};
  const lastPrice: Record<string, number> = {};
  try {
    for (const r of store.ledger(pnlHistory).readAll()) {
      qty[r.symbol] = (qty[r.symbol] ?? 0) + (r.side === 'buy' ? r.qty : -r.qty);
      lastPrice[r.symbol] = r.price;
    }
  } catch (err) {
    log.warn({ err: describeError(err) }, 'cannot read state/pnl_history.csv; holdings unknown');
    return { qty: {}, lastPrice: {}, corrupt: true };
  }
  for (const s of Object.keys(qty)) if (Math.abs(qty[s] ?? 0) < 1e-12) delete qty[s];
  return { qty, lastPrice, corrupt: false };
}

/** Calendars of the symbols the book holds or is allocated to (symbols outside the universe are skipped). */
export function bookCalendars(symbols: Iterable<string>): CalendarId[] {
  return [...new Set([...symbols].filter(isUniverseSymbol).map((s) => instrument(s).calendar))];
}

/** Annualisation of the mesh's equity curve: `periodsPerYear` of every symbol held or allocated. */
export function bookPeriodsPerYear(store: StateStore, log: Logger): PeriodsPerYear {
  const held = Object.keys(readHoldings(store, log).qty);
  const allocated = Object.keys(store.get(allocationsOverride)?.allocations ?? {});
  return periodsPerYear(bookCalendars([...held, ...allocated]));
}

/** A document read as a risk input: ok, missing, or invalid with its last good version. */
export function docRead<T>(r: ReadResult<T>): RiskDocRead<T> {
  if (!r.ok) return { status: 'invalid', detail: r.error.message, ...(r.value ? { doc: r.value } : {}) };
  return r.value === undefined ? { status: 'missing' } : { status: 'ok', doc: r.value };
}

/** Staleness limits: 3 intervals of each producing agent (`risk.governor_interval`, `risk.drawdown_interval`, market seconds, default 60). */
export function riskStateMaxAge(config: Config): { governor: number; drawdown: number } {
  const r = riskSection(config);
  return { governor: STALE_AFTER_INTERVALS * (r.governor_interval ?? 60) * MS.second, drawdown: STALE_AFTER_INTERVALS * (r.drawdown_interval ?? 60) * MS.second };
}

/** The combined risk state from the store at market time `nowMs` (no logging: the status API's view). */
export function readRiskState(store: StateStore, config: Config, nowMs: number): CombinedRiskState {
  return combineRiskState(nowMs, { governor: docRead(store.read(riskGovernor)), drawdown: docRead(store.read(drawdownGuard)), maxAgeMs: riskStateMaxAge(config) });
}

/** A capital agent's reader of the combined risk state: logs at warn whenever the set of reason codes changes (at info when it clears). */
export function riskStateReader(store: StateStore, config: Config, log: Logger): (nowMs: number) => CombinedRiskState {
  let last = '';
  return (nowMs) => {
    const state = readRiskState(store, config, nowMs);
    const key = state.reasons.join(',');
    if (key !== last) {
      if (state.reasons.length) log.warn({ trading_state: state.tradingState, reasons: state.reasons, details: state.details }, `risk state ${state.tradingState}: ${key}`);
      else log.info({ trading_state: state.tradingState }, 'risk state clear: ACTIVE');
      last = key;
    }
    return state;
  };
}

/**
 * The mesh's total wealth now: the trader's last equity point (its starting equity before the
 * first) plus every other agent's profit from state/revenue_by_agent.json plus the valued
 * inventories marked to their valuation plus the hedge book's P&L (realised, and open hedges at their
 * last mark) — the same definition the drawdown guard measures every tick (venture-wealth.ts). An
 * unreadable inventory counts at cost, an unreadable hedge ledger at 0 (the guard fails closed on both).
 */
export function readTotalWealth(store: StateStore, log: Logger, startingEquity: number): { equity: number; ventureProfit: number; inventoryMark: number; hedgePnl: number; wealth: number } {
  const curve = readEquityCurve(store, log);
  const equity = curve.points[curve.points.length - 1]?.equity ?? startingEquity;
  const agents = store.get(revenueByAgent)?.agents ?? {};
  const ventureProfit = Object.entries(agents).reduce((a, [k, v]) => a + (k === 'smart_trader' ? 0 : (v?.profit ?? 0)), 0);
  let inventoryMark = 0;
  try {
    inventoryMark = unrealisedInventory(readInventoryMarks(store));
  } catch (err) {
    log.warn({ err: describeError(err) }, 'cannot read a venture inventory: counted at cost in total wealth');
  }
  let hedgePnl = 0;
  try {
    hedgePnl = hedgeWealth(store);
  } catch (err) {
    log.warn({ err: describeError(err) }, 'cannot read state/hedge_ledger.csv: the hedge book counted at 0 in total wealth');
  }
  return { equity, ventureProfit, inventoryMark, hedgePnl, wealth: equity + ventureProfit + inventoryMark + hedgePnl };
}
