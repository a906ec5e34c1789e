/**
 * The backtest engine: the Strategy Lab's bar strategies, the SmartTrader's rebalance (execute.ts
 * sizing, spread gate, risk checks; order-flow.ts) and the drawdown guard, run in one process over
 * columnar arrays, as fast as the CPU goes. Every order of both sizing modes goes through one
 * simulated venue (paper-venue.ts, named 'backtest') — the paper broker's fill rule, money settled
 * in whole cents — so there is no second fill loop. No I/O and no per-bar allocation on the hot
 * path: orders are planned only when the strategy's targets change, the guard steps once per UTC
 * day, and the engine uses the venue's synchronous entry points, so the loop never waits on a promise.
 *
 * Two sizing rules: `target` (the SmartTrader's path) and `all-in` (classic single-asset
 * convention: buy the largest whole number of lots — shares, or a crypto pair's smallest unit —
 * whose notional plus fee fits in the cash, sell them all; no risk checks), for comparison with
 * other backtesters on the same CSV.
 */
import type { DrawdownGuardState } from '../contracts/risk.js';
import type { BarStrategy } from '../intelligence/strategy-lab/strategies.js';
import type { Instrument, Quote } from '../core/market.js';
import { DEFAULT_REBALANCE_THRESHOLD } from '../contracts/drift.js';
import { addedEvents, drawdownStep, initialDrawdownState } from '../risk/drawdown.js';
import { planRebalance, type GateInputs } from '../trading/execute.js';
import { NeoLightError } from '../core/errors.js';
import { submitPlanned, type FillFeed, type OrderSink } from '../trading/order-flow.js';
import { allInQty, emptyBook, type Book, type Costs } from '../trading/paper-broker.js';
import { createPaperVenue } from '../trading/paper-venue.js';
import type { TraderConfig } from '../config/trader.js';
import { priceAt, type PriceColumn } from './prices.js';
import { FillLog } from './fill-log.js';

export interface BarData {
  symbols: readonly string[];
  ts: Float64Array;
  /** Plain doubles, or exact scaled units (prices.ts) for files read compactly. */
  open: readonly PriceColumn[];
  close: readonly PriceColumn[];
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
  /** Fee and notional as settled, in whole cents; `fee` is feeCents / 100. */
  fee: number;
  feeCents: number;
  notionalCents: number;
}

export interface EngineResult {
  equity: Float64Array;
  /** Columnar (fill-log.ts): a minute-bar run makes hundreds of thousands. */
  fills: FillLog;
  /** Sum of the fills' fees in whole cents; `fees` is feesCents / 100. */
  feesCents: number;
  fees: number;
  /** Traded notional over average equity. */
  turnover: number;
  events: { ts: number; label: string }[];
  /** Orders the risk checks, the spread gate or the broker refused, by reason code (closed markets retry, not counted). */
  skipped: Record<string, number>;
  final: Book;
}

const DAY = 86_400_000;

/**
 * String(t) of a time in ms, made from two small integers when it is a large whole number: V8
 * prints a number past 2^31 through its double-to-text path, ~0.3 µs, and a nine-pair minute-bar
 * run prints one per order-sending bar (~370,000).
 */
export function msText(t: number): string {
  const a = Math.abs(t);
  if (!Number.isSafeInteger(a) || a < 1e9) return String(t);
  const hi = Math.floor(a / 1e6);
  const lo = a - hi * 1e6;
  const text = `${hi}${lo >= 1e5 ? lo : String(lo).padStart(6, '0')}`;
  return t < 0 ? `-${text}` : text;
}

function sameWeights(a: Float64Array, b: Float64Array): boolean {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

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
  /** Quantity held per symbol, mirrored from the book after each execution for the per-bar mark. */
  const held = new Float64Array(n);
  const fills = new FillLog(data.symbols);
  const events: EngineResult['events'] = [];
  const skipped: Record<string, number> = {};
  const allIn = o.size === 'all-in';
  // An instrument is a function of its symbol: made once per symbol, not once per order and quote.
  const instruments = new Map<string, Instrument>();
  const instrumentOf = (symbol: string): Instrument => {
    let inst = instruments.get(symbol);
    if (!inst) instruments.set(symbol, (inst = o.instrument(symbol)));
    return inst;
  };
  /** The quotes of the bar being executed: the venue fills at exactly what the planner saw. */
  let barQuotes: Record<string, Quote> = {};
  const venue = createPaperVenue({
    name: 'backtest',
    book: emptyBook(o.cash),
    quote: (s) => barQuotes[s]!,
    instrument: instrumentOf,
    costs: o.costs,
    // All-in is the classic comparison convention: no risk layer, so no per-order cap either.
    maxOrderNotional: allIn ? Number.POSITIVE_INFINITY : o.cfg.max_order_notional,
  });
  // The same venue, answered synchronously: the bar loop never waits on a promise.
  const sink: OrderSink = { submit: venue.submitNow, fillsSince: venue.fillsSinceNow };
  const feed: FillFeed = { cursor: undefined };
  let book: Book = venue.book();
  let traded = 0;
  let feesCents = 0;
  const waitingFor: number[] = [];
  let guard: DrawdownGuardState = initialDrawdownState(data.ts[0] ?? 0);
  let day = -1;
  let guardDay = -1;

  const symbolIndex = new Map(data.symbols.map((s, j) => [s, j]));
  /** Book the run's fills and refusals; closed markets wait for the next bar their symbol trades. */
  const settle = (result: ReturnType<typeof submitPlanned>): void => {
    if (result instanceof Promise) throw new NeoLightError('NL_ERR_INTERNAL', 'the backtest venue answered asynchronously');
    book = result.book;
    // Every fill is read and no id repeats (each carries its bar's time): the venue need not keep
    // them. Dropped at once (kept for a thousand rebalances, they outlived the young generation
    // and the peak memory of a run grew by 10-17 MB).
    venue.forget();
    for (const f of result.fills) {
      // Only a filled symbol's quantity changed.
      held[symbolIndex.get(f.symbol)!] = book.positions[f.symbol]?.qty ?? 0;
      traded += f.notionalCents / 100;
      feesCents += f.feeCents;
      fills.add(f);
    }
    waitingFor.length = 0;
    for (const sk of result.skipped) {
      if (sk.reason === 'MARKET_CLOSED') waitingFor.push(symbolIndex.get(sk.order.symbol)!);
      else skipped[sk.reason] = (skipped[sk.reason] ?? 0) + 1;
    }
  };

  /**
   * The time of the bar whose orders are being sent: their ids (`bt-<time>-<symbol>-<side>`) carry
   * it. Its text is made at the bar's first order: most rebalance checks send none, and a time in
   * ms is no small integer, so its text is one of the dearer things a check would make.
   */
  let orderTs = 0;
  let orderPrefix = '';
  const hooks = {
    clientOrderId: (p: { symbol: string; side: string }): string => {
      if (orderPrefix === '') orderPrefix = `bt-${msText(orderTs)}-`;
      return `${orderPrefix}${p.symbol}-${p.side}`;
    },
  };
  /** The risk state of the guard's current step (it steps once a day), made on the first plan of each step. */
  let riskOf: DrawdownGuardState | undefined;
  let risk = { tradingState: guard.trading_state, exposureCap: 1, multiplier: 1, volatilitySpike: false };
  const weights = o.strategy.weights;
  /**
   * The planner's allocations (the positive weights by symbol), made again only when the weights
   * differ from those it was made of: most rebalance checks (a new day, a retried closed market, a
   * signal on one symbol of nine) keep them, and a record keyed by symbol cost more to build than
   * the check that reads it. The planner only reads it.
   */
  let allocations: Record<string, number> = {};
  const allocatedWeights = new Float64Array(n);
  /** Nothing held and nothing wanted: every target is 0 and so is every drift (below). */
  const idle = (multiplier: number): boolean => {
    for (let j = 0; j < n; j++) if (held[j] !== 0) return false;
    if (multiplier === 0) return true;
    for (let j = 0; j < n; j++) if (weights[j]! > 0) return false;
    return true;
  };

  const execute = (i: number, atOpen: boolean): void => {
    const prices = atOpen ? data.open : data.close;
    const quotes: Record<string, Quote> = {};
    orderTs = data.ts[i]!;
    orderPrefix = '';
    waitingFor.length = 0;
    if (allIn) {
      const s = data.symbols[0]!;
      const q = (quotes[s] = o.quote(0, i, priceAt(prices[0]!, i)));
      const units = book.positions[s]?.qty ?? 0;
      const want = weights[0]! > 0;
      const qty = want && units === 0 ? allInQty(book.cashCents, q, instrumentOf(s), o.costs) : !want && units > 0 ? units : 0;
      if (qty <= 0) {
        // A buy signal whose cash does not reach one lot is an order not placed, and says why, as
        // the target path's refusals do: a run that has lost nearly everything, or a $10,000 account
        // on a $600,000 share, otherwise ended with no trade and no reason.
        if (want && units === 0) skipped.INSUFFICIENT_CASH = (skipped.INSUFFICIENT_CASH ?? 0) + 1;
        return;
      }
      barQuotes = quotes;
      // The classic convention has no pre-trade gate: the order goes straight to the venue.
      settle(submitPlanned(sink, [{ symbol: s, side: want ? 'buy' : 'sell', qty, drift: 0 }], book, undefined, feed, hooks));
      return;
    }
    const multiplier = o.drawdownGuard ? guard.multiplier : 1;
    // An empty book whose targets are all 0 (no weight, or the guard's multiplier at 0) has no
    // drift, so planRebalance would plan nothing (test/backtest/engine-idle.test.ts): a halted
    // minute-bar run spends half its rebalance checks here.
    if (idle(multiplier)) return;
    if (!sameWeights(weights, allocatedWeights)) {
      allocations = {};
      for (let j = 0; j < n; j++) if (weights[j]! > 0) allocations[data.symbols[j]!] = weights[j]!;
      allocatedWeights.set(weights);
    }
    for (let j = 0; j < n; j++) {
      // held[j] is 0 exactly when the book has no position in s (a sale to zero removes it), and
      // reads a typed array where book.positions[s] was a keyed look-up on a changing shape.
      if (weights[j]! > 0 || held[j] !== 0) quotes[data.symbols[j]!] = o.quote(j, i, priceAt(prices[j]!, i));
    }
    if (riskOf !== guard) {
      riskOf = guard;
      // As combineRiskState without a governor: the exposure cap is the drawdown multiplier.
      risk = { tradingState: guard.trading_state, exposureCap: multiplier, multiplier, volatilitySpike: false };
    }
    const plan = planRebalance({ book, quotes, allocations, riskScaler: o.riskScaler ?? 1, risk, cfg: o.cfg, rebalanceThreshold: o.rebalanceThreshold ?? DEFAULT_REBALANCE_THRESHOLD, instrument: instrumentOf });
    if (plan.orders.length === 0) return;
    const returns = o.returnsAt?.(i);
    barQuotes = quotes;
    const gate: GateInputs = { quotes, marks: plan.marks, risk, ...(returns ? { returns } : {}), cfg: o.cfg, costs: o.costs };
    settle(submitPlanned(sink, plan.orders, book, gate, feed, hooks));
  };

  // The per-bar loop touches only locals and arrays: state the execute closure mutates (book,
  // waiting orders) is copied into locals after each execute, not read every bar.
  const ts = data.ts;
  // Each close column as doubles or as scaled units, split once so the loop reads a typed array.
  const closeF64 = data.close.map((c) => (c instanceof Float64Array ? c : undefined));
  const closeUnits = data.close.map((c) => (c instanceof Float64Array ? undefined : c.units));
  const closeDiv = Float64Array.from(data.close, (c) => (c instanceof Float64Array ? 1 : c.divisor));
  const tradable = data.tradable;
  const heldNow = held;
  const atNextOpen = o.fill === 'next-open';
  const guardOn = o.drawdownGuard === true;
  const strategy = o.strategy;
  const onProgress = o.onProgress;
  const cashOf = (): number => book.cashCents / 100;
  // Not captured by any closure, so they stay in registers (a captured `i` would even be
  // re-allocated every iteration).
  let pending = false;
  let waiting = false;
  let cashNow = o.cash;
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
      pending = false;
      waiting = waitingFor.length > 0;
      cashNow = cashOf();
    }
    for (let j = 0; j < n; j++) {
      const u = closeUnits[j];
      closes[j] = u ? u[i]! / closeDiv[j]! : closeF64[j]![i]!;
    }
    if (strategy.onBar(closes)) pending = true;
    if (pending && !atNextOpen) {
      execute(i, false);
      pending = false;
      waiting = waitingFor.length > 0;
      cashNow = cashOf();
    }

    let e = cashNow;
    for (let j = 0; j < n; j++) e += heldNow[j]! * closes[j]!;
    equity[i] = e;

    if (guardOn && guardDay !== d) {
      guardDay = d;
      const prev = guard;
      const prevMultiplier = guard.multiplier;
      guard = drawdownStep(guard, { ts: ts[i]!, equity: e });
      for (const ev of addedEvents(prev, guard)) events.push({ ts: ts[i]!, label: `${ev.type}: ${ev.detail}` });
      // A lower multiplier means smaller targets: rebalance now rather than at the next signal.
      if (guard.multiplier !== prevMultiplier) pending = true;
    }
    if (onProgress && (i & 0xffff) === 0) onProgress(i);
  }
  const avg = meanEquity(equity);
  return { equity, fills, feesCents, fees: feesCents / 100, turnover: avg > 0 ? traded / avg : 0, events, skipped, final: book };
}

/**
 * The mean of the equity column, in a function of its own: code after the bar loop has no type
 * feedback when V8 compiles the loop on stack, so a sum there deoptimised the run as the loop ended
 * and then ran its million additions in the interpreter.
 */
function meanEquity(equity: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < equity.length; i++) sum += equity[i]!;
  return sum / Math.max(1, equity.length);
}
