/**
 * Live quotes for paper and live mode: Yahoo for equities, ETFs and FX, ccxt (Kraken) for crypto,
 * each at its base URL setting (NEOLIGHT_YAHOO_BASE_URL, NEOLIGHT_CCXT_BASE_URL). The feeds import
 * their client libraries on the first request, so an agent that never asks for a quote never loads them.
 */
import type { Config } from '../config/config.js';
import type { MarketData } from '../core/market.js';
import { ccxtMarketData } from '../market/feeds/ccxt.js';
import { yahooMarketData } from '../market/feeds/yahoo.js';
import { instrument } from '../market/instruments.js';

export function liveMarket(config: Config): MarketData {
  return routedMarket(
    yahooMarketData(config.yahooBaseUrl ? { baseUrl: config.yahooBaseUrl } : {}),
    ccxtMarketData(config.ccxtBaseUrl ? { baseUrl: config.ccxtBaseUrl } : {}),
  );
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
