/**
 * The tradable universe: tick size, lot size, taker fee, trading calendar and annualisation
 * factor of each instrument. Figures are the defaults of /work/shared/reference/markets.md
 * ("Spreads and fees", "Ticks, lots, calendars", "Annualisation"); docs/market.md has the table.
 */
import { NeoLightError } from '../core/errors.js';
import type { Instrument } from '../core/market.js';

/** Symbols in the order the simulator's correlation tree and reports use. */
export const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SPY', 'QQQ', 'GLD', 'SLV', 'EURUSD', 'GBPUSD', 'USDJPY'] as const;
export type UniverseSymbol = (typeof SYMBOLS)[number];

// Crypto: price tick 0.01 USD, size increment 1e-8, Coinbase lowest-tier taker 0.60 %.
const crypto = (symbol: string): Instrument => ({
  symbol,
  assetClass: 'crypto',
  quoteCurrency: 'USD',
  tickSize: 0.01,
  lotSize: 1e-8,
  feeBps: 60,
  calendar: 'crypto_24_7',
  periodsPerYear: 365,
});

// US-listed ETFs: $0.01 tick, 1 share, $0 commission (regulatory fees on sells are the broker's).
const etf = (symbol: string, assetClass: 'equity' | 'commodity'): Instrument => ({
  symbol,
  assetClass,
  quoteCurrency: 'USD',
  tickSize: 0.01,
  lotSize: 1,
  feeBps: 0,
  calendar: 'us_equity',
  periodsPerYear: 252,
});

// FX: quotes to a tenth of a pip (pip 0.0001, JPY pairs 0.01), micro lot of 1,000 units,
// commission ≈ 0.2 bp of value at a large broker (its $2 minimum is the broker's concern).
const fx = (symbol: string, quoteCurrency: string, pip: number): Instrument => ({
  symbol,
  assetClass: 'forex',
  quoteCurrency,
  tickSize: pip / 10,
  lotSize: 1000,
  feeBps: 0.2,
  calendar: 'forex_24_5',
  periodsPerYear: 252,
});

export const UNIVERSE: readonly Instrument[] = Object.freeze([
  crypto('BTC-USD'),
  crypto('ETH-USD'),
  etf('SPY', 'equity'),
  etf('QQQ', 'equity'),
  etf('GLD', 'commodity'),
  etf('SLV', 'commodity'),
  fx('EURUSD', 'USD', 0.0001),
  fx('GBPUSD', 'USD', 0.0001),
  fx('USDJPY', 'JPY', 0.01),
]);

const BY_SYMBOL = new Map(UNIVERSE.map((i) => [i.symbol, i]));

export function isUniverseSymbol(symbol: string): symbol is UniverseSymbol {
  return BY_SYMBOL.has(symbol);
}

/** The instrument for a symbol; throws NL_ERR_BAD_INPUT naming the symbol and the accepted ones. */
export function instrument(symbol: string): Instrument {
  const found = BY_SYMBOL.get(symbol);
  if (!found) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `unknown symbol "${symbol}"; accepted: ${SYMBOLS.join(', ')}`, {
      field: 'symbol',
      value: symbol,
      accepted: [...SYMBOLS],
    });
  }
  return found;
}

/** Round a price to the instrument's tick (nearest), keeping float noise out of the result. */
export function roundToTick(inst: Instrument, price: number): number {
  const ticks = Math.round(price / inst.tickSize);
  return Number((ticks * inst.tickSize).toFixed(decimals(inst.tickSize)));
}

/** Round a quantity down to a whole number of lots. */
export function roundToLot(inst: Pick<Instrument, 'lotSize'>, qty: number): number {
  const lots = Math.floor(Math.abs(qty) / inst.lotSize + 1e-9);
  return Math.sign(qty) * lotsQty(inst, lots);
}

/** The quantity of `lots` whole lots, with no float noise past the lot's decimals (3 lots of 1e-8: 3e-8). */
export function lotsQty(inst: Pick<Instrument, 'lotSize'>, lots: number): number {
  return Number((lots * inst.lotSize).toFixed(decimals(inst.lotSize)));
}

function decimals(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}
