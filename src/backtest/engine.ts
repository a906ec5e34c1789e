/**
 * The backtest engine: the Strategy Lab's bar strategies, the SmartTrader's rebalance (execute.ts:
 * sizing, spread gate, risk checks, paper broker) and the drawdown guard, run in one process over
 * columnar arrays, as fast as the CPU goes. No I/O and no per-bar allocation on the hot path:
 * orders are planned only when the strategy's targets change, the guard steps once per UTC day.
 *
 * Two sizing modes: `target` (the SmartTrader's path) and `all-in` (classic single-asset
 * convention: buy floor(cash / price) whole units, sell them all), for comparison with other
 * backtesters on the same CSV.
 */
import type { DrawdownGuardState } from '../contracts/risk.js';
import type { BarStrategy } from '../intelligence/strategy-lab/strategies.js';
import type { Instrument, Quote } from '../market/types.js';
import { DEFAULT_REBALANCE_THRESHOLD } from '../risk/allocator.js';
import { drawdownStep, initialDrawdownState } from '../risk/drawdown.js';
import { rebalance } from '../trading/execute.js';
import { emptyBook, type Book, type Costs } from '../trading/paper-broker.js';
import type { TraderConfig } from '../config/trader.js';

export interface BarData {
  symbols: readonly string[];
  ts: Float64Array;
  open: readonly Float64Array[];
  close: readonly Float64Array[];
  /** 1 when the symbol trades in that bar (the simulator marks closed markets 0). */
  tradable?: readonly Uint8Array[];
}

export interface EngineOptions {
  strategy: BarStrategy;
  fill: 'next-open' | 'close';
  size: 'all-in' | 'target';
  cash: number;
  costs: Costs;
  cfg: Pick<TraderConfig, 'drift_threshold' | 'max_spread_bps' | 'max_order_notional' | 'max_gross'>;
  instrument: (symbol: string) => Instrument;
  /** The quote an order at bar i of symbol j sees at `price` (spread, open flag). */
  quote: (j: number, i: number, price: number) => Quote;
  riskScaler?: number;
  /** Portfolio-level trigger (total drift), as the allocator's; default 5 %. */
  rebalanceThreshold?: number;
  /** Apply the drawdown guard's tiers, halt and recovery to sizing (target mode). */
  drawdownGuard?: boolean;
  /** Daily returns per symbol known at bar i, for the order-level VaR check (as the SmartTrader fetches them). */
  returnsAt?: (i: number) => Readonly<Record<string, readonly number[]>> | undefined;
  onProgress?: (i: number) => void;
}

export interface BacktestFill {
  ts: number;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  fee: number;
}

export interface EngineResult {
  equity: Float64Array;
  fills: BacktestFill[];
  fees: number;
  /** Traded notional over average equity. */
  turnover: number;
  events: { ts: number; label: string }[];
  /** Orders the risk checks, the spread gate or the broker refused, by reason code (closed markets retry, not counted). */
  skipped: Record<string, number>;
  final: Book;
}

const DAY = 86_400_000;

/** Whether any symbol an order waits for trades in bar i (no tradable column: every bar trades). */
function anyTradable(waitingFor: readonly number[], tradable: readonly Uint8Array[] | undefined, i: number): boolean {
  if (!tradable) return true;
  for (const j of waitingFor) if (tradable[j]![i] === 1) return true;
  return false;
}

export function runEngine(data: BarData, o: EngineOptions): EngineResult {
  const n = data.symbols.length;
  const count = data.ts.length;
  const equity = new Float64Array(count);
  const closes = new Float64Array(n);
  /** Quantity held per symbol, mirrored from the book after each rebalance for the per-bar mark. */
  const held = new Float64Array(n);
  const fills: BacktestFill[] = [];
  const events: EngineResult['events'] = [];
  const skipped: Record<string, number> = {};
  let book: Book = emptyBook(o.cash);
  let traded = 0;
  const waitingFor: number[] = [];
  let guard: DrawdownGuardState = initialDrawdownState(data.ts[0] ?? 0);
  let day = -1;
  let guardDay = -1;
  // All-in mode keeps its own whole-unit book: cash in cents, quantity in units.
  let cashCents = Math.round(o.cash * 100);
  let units = 0;
  const feeBps = o.costs.feeBps ?? 0;

  const execute = (i: number, atOpen: boolean): void => {
    const px = (j: number): number => (atOpen ? data.open[j]![i]! : data.close[j]![i]!);
    if (o.size === 'all-in') {
      const price = px(0);
      const want = o.strategy.weights[0]! > 0;
      if (want && units === 0) {
        const qty = Math.floor(cashCents / 100 / (price * (1 + feeBps / 10_000)));
        if (qty > 0) {
          const fee = Math.round(qty * price * feeBps) / 100;
          cashCents -= Math.round(qty * price * 100) + Math.round(fee * 100);
          units = qty;
          traded += qty * price;
          fills.push({ ts: data.ts[i]!, symbol: data.symbols[0]!, side: 'buy', qty, price, fee });
        }
      } else if (!want && units > 0) {
        const fee = Math.round(units * price * feeBps) / 100;
        cashCents += Math.round(units * price * 100) - Math.round(fee * 100);
        traded += units * price;
        fills.push({ ts: data.ts[i]!, symbol: data.symbols[0]!, side: 'sell', qty: units, price, fee });
        units = 0;
      }
      return;
    }
    const quotes: Record<string, Quote> = {};
    const allocations: Record<string, number> = {};
    for (let j = 0; j < n; j++) {
      const s = data.symbols[j]!;
      const w = o.strategy.weights[j]!;
      if (w > 0) allocations[s] = w;
      if (w > 0 || book.positions[s]) quotes[s] = o.quote(j, i, px(j));
    }
    const returns = o.returnsAt?.(i);
    const multiplier = o.drawdownGuard ? guard.multiplier : 1;
    const r = rebalance({
      book,
      quotes,
      allocations,
      ...(returns ? { returns } : {}),
      riskScaler: o.riskScaler ?? 1,
      // As combineRiskState without a governor: the exposure cap is the drawdown multiplier.
      risk: { tradingState: guard.trading_state, exposureCap: multiplier, multiplier, volatilitySpike: false },
      cfg: o.cfg,
      rebalanceThreshold: o.rebalanceThreshold ?? DEFAULT_REBALANCE_THRESHOLD,
      costs: o.costs,
      instrument: o.instrument,
    });
    book = r.book;
    for (let j = 0; j < n; j++) held[j] = book.positions[data.symbols[j]!]?.qty ?? 0;
    for (const f of r.fills) {
      traded += f.notional;
      fills.push({ ts: data.ts[i]!, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee: f.fee });
    }
    // An order that met a closed market tries again once that market trades (not on every closed bar).
    waitingFor.length = 0;
    for (const sk of r.skipped) {
      if (sk.reason === 'MARKET_CLOSED') waitingFor.push(data.symbols.indexOf(sk.order.symbol));
      else skipped[sk.reason] = (skipped[sk.reason] ?? 0) + 1;
    }
  };

  // The per-bar loop touches only locals and arrays: state the execute closure mutates (book,
  // cash, units, waiting orders) is copied into locals after each execute, not read every bar.
  const ts = data.ts;
  const closeCols = data.close;
  const tradable = data.tradable;
  const heldNow = held;
  const allIn = o.size === 'all-in';
  const atNextOpen = o.fill === 'next-open';
  const guardOn = o.drawdownGuard === true;
  const strategy = o.strategy;
  const onProgress = o.onProgress;
  const cashOf = (): number => (allIn ? cashCents / 100 : book.cashCents / 100);
  const unitsOf = (): number => units;
  // Not captured by any closure, so they stay in registers (a captured `i` would even be
  // re-allocated every iteration).
  let pending = false;
  let waiting = false;
  let cashNow = o.cash;
  let unitsNow = 0;
  for (let i = 0; i < count; i++) {
    const d = Math.floor(ts[i]! / DAY);
    if (d !== day) {
      day = d;
      // Like the SmartTrader's ticks, a target book is checked for drift once a day, not only on signals.
      if (!allIn && i > 0) pending = true;
    }
    if (waiting && anyTradable(waitingFor, tradable, i)) pending = true;
    if (pending && atNextOpen) {
      execute(i, true);
      [pending, waiting, cashNow, unitsNow] = [false, waitingFor.length > 0, cashOf(), unitsOf()];
    }
    for (let j = 0; j < n; j++) closes[j] = closeCols[j]![i]!;
    if (strategy.onBar(closes)) pending = true;
    if (pending && !atNextOpen) {
      execute(i, false);
      [pending, waiting, cashNow, unitsNow] = [false, waitingFor.length > 0, cashOf(), unitsOf()];
    }

    let e = cashNow;
    if (allIn) e += unitsNow * closes[0]!;
    else for (let j = 0; j < n; j++) e += heldNow[j]! * closes[j]!;
    equity[i] = e;

    if (guardOn && guardDay !== d) {
      guardDay = d;
      const before = guard.events.length;
      const prevMultiplier = guard.multiplier;
      guard = drawdownStep(guard, { ts: ts[i]!, equity: e });
      for (const ev of guard.events.slice(before)) events.push({ ts: ts[i]!, label: `${ev.type}: ${ev.detail}` });
      // A lower multiplier means smaller targets: rebalance now rather than at the next signal.
      if (guard.multiplier !== prevMultiplier) pending = true;
    }
    if (onProgress && (i & 0xffff) === 0) onProgress(i);
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += equity[i]!;
  const avg = sum / Math.max(1, count);
  const final = o.size === 'all-in' ? { ...emptyBook(0), cashCents, positions: units > 0 ? { [data.symbols[0]!]: { qty: units, avgPrice: 0 } } : {} } : book;
  return { equity, fills, fees: fills.reduce((a, f) => a + f.fee, 0), turnover: avg > 0 ? traded / avg : 0, events, skipped, final };
}
