/**
 * SmartTrader sizing, pure. Target value of each symbol = equity × weight × risk_scaler × risk
 * multiplier, scaled down together so the book never needs more than `maxGross` of equity (the
 * paper book is cash-only). Only drift above `driftThreshold` (a fraction of equity) trades, and
 * quantities round down to the instrument's lot, so a rebalance never overshoots.
 */
import type { Instrument } from '../market/types.js';

export interface SizingInputs {
  equity: number;
  /** Current quantity per symbol. */
  holdings: Readonly<Record<string, number>>;
  /** Mid price per symbol. */
  prices: Readonly<Record<string, number>>;
  allocations: Readonly<Record<string, number>>;
  riskScaler: number;
  multiplier: number;
  driftThreshold: number;
  maxGross: number;
  instrument: (symbol: string) => Instrument;
  /** Largest weight of one symbol (the risk checks' position cap); targets are clamped just under it. */
  maxWeight?: number;
}

export interface PlannedOrder {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  /** Target minus current value, as a fraction of equity. */
  drift: number;
}

export function targetValues(inp: Pick<SizingInputs, 'equity' | 'allocations' | 'riskScaler' | 'multiplier' | 'maxGross' | 'maxWeight'>): Record<string, number> {
  const raw: Record<string, number> = {};
  let gross = 0;
  for (const [s, w] of Object.entries(inp.allocations)) {
    const weight = Math.min(w * inp.riskScaler * inp.multiplier, (inp.maxWeight ?? Number.POSITIVE_INFINITY) * 0.99);
    raw[s] = Math.max(0, inp.equity * weight);
    gross += raw[s];
  }
  const cap = Math.max(0, inp.equity * inp.maxGross);
  const k = gross > cap && gross > 0 ? cap / gross : 1;
  for (const s of Object.keys(raw)) raw[s] = raw[s]! * k;
  return raw;
}

/** Orders that move the book to its targets: sells first (they free cash), then buys. */
export function rebalanceOrders(inp: SizingInputs): PlannedOrder[] {
  if (!(inp.equity > 0)) return [];
  const targets = targetValues(inp);
  const symbols = new Set([...Object.keys(targets), ...Object.keys(inp.holdings).filter((s) => (inp.holdings[s] ?? 0) > 0)]);
  const orders: PlannedOrder[] = [];
  for (const s of symbols) {
    const price = inp.prices[s];
    if (!(price !== undefined && price > 0)) continue;
    const have = (inp.holdings[s] ?? 0) * price;
    const want = targets[s] ?? 0;
    const drift = (want - have) / inp.equity;
    if (Math.abs(drift) < inp.driftThreshold) continue;
    const lot = inp.instrument(s).lotSize;
    const held = inp.holdings[s] ?? 0;
    let qty = Math.floor(Math.abs(want - have) / price / lot + 1e-9) * lot;
    if (drift < 0) qty = want === 0 ? held : Math.min(qty, held);
    qty = Number(qty.toFixed(10));
    if (qty > 0) orders.push({ symbol: s, side: drift > 0 ? 'buy' : 'sell', qty, drift });
  }
  return orders.sort((a, b) => (a.side === b.side ? a.symbol.localeCompare(b.symbol) : a.side === 'sell' ? -1 : 1));
}
