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
import type { TraderConfig } from '../trading/trader-config.js';

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
  final: Book;
}

const DAY = 86_400_000;

export function runEngine(data: BarData, o: EngineOptions): EngineResult {
  const n = data.symbols.length;
  const count = data.ts.length;
  const equity = new Float64Array(count);
  const closes = new Float64Array(n);
  /** Quantity held per symbol, mirrored from the book after each rebalance for the per-bar mark. */
  const held = new Float64Array(n);
  const fills: BacktestFill[] = [];
  const events: EngineResult['events'] = [];
  let book: Book = emptyBook(o.cash);
  let traded = 0;
  let pending = false;
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
      pending = false;
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
    for (const sk of r.skipped) if (sk.reason === 'MARKET_CLOSED') waitingFor.push(data.symbols.indexOf(sk.order.symbol));
    pending = false;
  };

  for (let i = 0; i < count; i++) {
    const d = Math.floor(data.ts[i]! / DAY);
    if (d !== day) {
      day = d;
      // Like the SmartTrader's ticks, a target book is checked for drift once a day, not only on signals.
      if (o.size === 'target' && i > 0) pending = true;
    }
    if (waitingFor.length > 0 && (!data.tradable || waitingFor.some((j) => data.tradable![j]![i] === 1))) pending = true;
    if (pending && o.fill === 'next-open') execute(i, true);
    for (let j = 0; j < n; j++) closes[j] = data.close[j]![i]!;
    if (o.strategy.onBar(closes)) pending = true;
    if (pending && o.fill === 'close') execute(i, false);

    let e: number;
    if (o.size === 'all-in') e = cashCents / 100 + units * closes[0]!;
    else {
      e = book.cashCents / 100;
      for (let j = 0; j < n; j++) e += held[j]! * closes[j]!;
    }
    equity[i] = e;

    if (o.drawdownGuard && guardDay !== d) {
      guardDay = d;
      const before = guard.events.length;
      const prevMultiplier = guard.multiplier;
      guard = drawdownStep(guard, { ts: data.ts[i]!, equity: e });
      for (const ev of guard.events.slice(before)) events.push({ ts: data.ts[i]!, label: `${ev.type}: ${ev.detail}` });
      // A lower multiplier means smaller targets: rebalance now rather than at the next signal.
      if (guard.multiplier !== prevMultiplier) pending = true;
    }
    if (o.onProgress && (i & 0xffff) === 0) o.onProgress(i);
  }
  const avg = equity.reduce((a, b) => a + b, 0) / Math.max(1, count);
  const final = o.size === 'all-in' ? { ...emptyBook(0), cashCents, positions: units > 0 ? { [data.symbols[0]!]: { qty: units, avgPrice: 0 } } : {} } : book;
  return { equity, fills, fees: fills.reduce((a, f) => a + f.fee, 0), turnover: avg > 0 ? traded / avg : 0, events, final };
}
