/**
 * SmartTrader order planning, pure. Target value of each symbol = equity × its target weight
 * (the allocator's portfolioTargets: weight × risk_scaler × risk multiplier, within the gross cap).
 * Only drift above `driftThreshold` (a fraction of equity) trades, and quantities round down to
 * the instrument's lot, so a rebalance never overshoots.
 */
import type { Instrument } from '../core/market.js';

export interface SizingInputs {
  equity: number;
  /** Current quantity per symbol. */
  holdings: Readonly<Record<string, number>>;
  /** Mid price per symbol. */
  prices: Readonly<Record<string, number>>;
  /** Target weight per symbol, a fraction of equity. */
  targets: Readonly<Record<string, number>>;
  driftThreshold: number;
  instrument: (symbol: string) => Instrument;
}

export interface PlannedOrder {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  /** Target minus current value, as a fraction of equity. */
  drift: number;
}

/** Orders that move the book to its targets: sells first (they free cash), then buys. */
export function rebalanceOrders(inp: SizingInputs): PlannedOrder[] {
  if (!(inp.equity > 0)) return [];
  const orders: PlannedOrder[] = [];
  // Every target, then every other holding of a positive quantity (no set or spread of keys: this
  // runs on each rebalance, hundreds of thousands of times in a minute-bar backtest).
  for (const s in inp.targets) orderFor(inp, s, orders);
  for (const s in inp.holdings) if ((inp.holdings[s] ?? 0) > 0 && !Object.hasOwn(inp.targets, s)) orderFor(inp, s, orders);
  return orders.sort((a, b) => (a.side === b.side ? a.symbol.localeCompare(b.symbol) : a.side === 'sell' ? -1 : 1));
}

/** The order that moves `s` to its target, pushed onto `orders` when its drift is over the threshold. */
function orderFor(inp: SizingInputs, s: string, orders: PlannedOrder[]): void {
  const price = inp.prices[s];
  if (!(price !== undefined && price > 0)) return;
  const have = (inp.holdings[s] ?? 0) * price;
  const want = inp.equity * (inp.targets[s] ?? 0);
  const drift = (want - have) / inp.equity;
  if (Math.abs(drift) < inp.driftThreshold) return;
  const lot = inp.instrument(s).lotSize;
  const held = inp.holdings[s] ?? 0;
  let qty = Math.floor(Math.abs(want - have) / price / lot + 1e-9) * lot;
  if (drift < 0) qty = want === 0 ? held : Math.min(qty, held);
  qty = Number(qty.toFixed(10));
  if (qty > 0) orders.push({ symbol: s, side: drift > 0 ? 'buy' : 'sell', qty, drift });
}
