/**
 * The composition root's choice of adapters for the mode: the one place that asks which mode the
 * mesh runs in. sim → the deterministic simulator; paper → live quotes (Yahoo for equities, ETFs
 * and FX; ccxt/Kraken for crypto) with simulated fills; live → refused until a real venue is
 * configured; backtest → the in-process backtester supplies its own ports.
 */
import type { Config } from '../config/config.js';
import { NeoLightError } from '../core/errors.js';
import type { AgentPorts } from '../core/ports.js';
import { ccxtMarketData } from '../market/feeds/ccxt.js';
import { yahooMarketData } from '../market/feeds/yahoo.js';
import { SYMBOLS, instrument } from '../market/instruments.js';
import { simulatedMarket } from '../market/simulator.js';
import type { MarketData } from '../market/types.js';

export type MeshPorts = AgentPorts & Required<Pick<AgentPorts, 'market' | 'universe'>>;

export function portsFor(config: Config): MeshPorts {
  switch (config.mode) {
    case 'sim':
    case 'backtest':
      return { market: simulatedMarket(config.seed), universe: SYMBOLS };
    case 'paper':
      return { market: routedMarket(yahooMarketData(), ccxtMarketData()), universe: SYMBOLS };
    case 'live':
      throw new NeoLightError(
        'NL_ERR_BAD_CONFIG',
        'NEOLIGHT_MODE=live needs a real venue connector, and none is configured in this version; use paper (live quotes, simulated fills) or sim',
      );
  }
}

/** Crypto from the crypto feed, everything else from the equities/FX feed. */
function routedMarket(equities: MarketData, crypto: MarketData): MarketData {
  const pick = (symbol: string): MarketData => (instrument(symbol).assetClass === 'crypto' ? crypto : equities);
  return {
    simulated: false,
    quote: (symbol, ts) => pick(symbol).quote(symbol, ts),
    bars: (symbol, from, to, interval) => pick(symbol).bars(symbol, from, to, interval),
  };
}
