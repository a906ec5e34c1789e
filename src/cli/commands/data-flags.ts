/**
 * The flags of `neolight data download`, checked into a plan before any request is sent: each
 * bad value is NL_ERR_BAD_FLAG (exit 2) naming the flag, the value and what is accepted. Each
 * symbol is routed to its source: ccxt pairs (BTC/USDT, BTC/USDT:USDT, BTC-USD) to the exchange,
 * Yahoo tickers (SPY, BRK-B, ^GSPC, EURUSD=X, EURUSD) to Yahoo.
 */
import { NeoLightError } from '../../core/errors.js';
import { WRITE_FORMATS, type WriteFormat } from '../../market/data/download/download.js';
import { parseTimeframe, type Timeframe } from '../../market/data/timeframes.js';
import { instrument, isUniverseSymbol } from '../../market/instruments.js';

export interface DownloadFlags {
  symbols: string;
  timeframe: string;
  from: string;
  to?: string;
  format: string;
  datadir?: string;
  exchange: string;
  json?: boolean;
}

export interface SymbolPlan {
  readonly symbol: string;
  readonly source: 'yahoo' | 'ccxt';
  /** The name its file is saved under. */
  readonly pair: string;
}

export interface DownloadPlan {
  readonly symbols: readonly SymbolPlan[];
  readonly timeframe: Timeframe;
  readonly fromMs: number;
  readonly toMs: number;
  readonly format: WriteFormat;
  readonly exchange: string;
}

const DAY = 86_400_000;
const CCXT_PAIR = /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}(:[A-Z0-9]{1,20})?$/;
const YAHOO_TICKER = /^\^?[A-Z0-9][A-Z0-9.-]{0,14}(=X|=F)?$/;

function badFlag(flag: string, value: string, accepted: string): NeoLightError {
  return new NeoLightError('NL_ERR_BAD_FLAG', `${flag} "${value}" is not accepted: expected ${accepted}`, { field: flag, value });
}

export function planSymbol(raw: string): SymbolPlan {
  const symbol = raw.trim();
  if (CCXT_PAIR.test(symbol)) return { symbol, source: 'ccxt', pair: symbol };
  if (isUniverseSymbol(symbol) && instrument(symbol).assetClass === 'crypto') return { symbol, source: 'ccxt', pair: symbol.replace('-', '/') };
  if (YAHOO_TICKER.test(symbol)) return { symbol, source: 'yahoo', pair: symbol };
  throw badFlag('--symbols', symbol, 'a ccxt pair in capitals (BTC/USDT, futures BTC/USDT:USDT) or a Yahoo ticker (SPY, BRK-B, ^GSPC, EURUSD=X)');
}

/** A date flag: YYYY-MM-DD (UTC midnight) or an ISO date-time with a zone. */
export function parseDateFlag(flag: string, v: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw badFlag(flag, v, 'a date YYYY-MM-DD or an ISO date-time with a zone (2024-01-02T14:30:00Z)');
  return ms;
}

/** Check every flag; `now` caps --to. A date-only --to includes that whole day. */
export function planDownload(f: DownloadFlags, now: number): DownloadPlan {
  const list = f.symbols.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw badFlag('--symbols', f.symbols, 'a comma-separated list such as SPY,QQQ or BTC/USDT,ETH/USDT');
  const symbols = list.map(planSymbol);
  const timeframe = parseTimeframe('--timeframe', f.timeframe);
  const format = WRITE_FORMATS.find((x) => x === f.format);
  if (!format) {
    const why = f.format === 'parquet' ? ' (writing Parquet needs a Parquet writer, which NeoLight does not ship; Parquet files from freqtrade or pandas are read)' : '';
    throw badFlag('--format', f.format, `csv or json (freqtrade's JSON)${why}`);
  }
  const fromMs = parseDateFlag('--from', f.from);
  const toRaw = f.to === undefined ? now : /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? parseDateFlag('--to', f.to) + DAY : parseDateFlag('--to', f.to);
  const toMs = Math.min(toRaw, now);
  if (fromMs >= toMs) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--from ${f.from} must be before --to ${f.to ?? 'now'}${toRaw > now ? ' (and before now)' : ''}`, { field: '--from', value: f.from });
  }
  if (!/^[a-z0-9]+$/.test(f.exchange)) throw badFlag('--exchange', f.exchange, 'a ccxt exchange id in lower case (binance, kraken, okx, bybit, ...)');
  return { symbols, timeframe, fromMs, toMs, format, exchange: f.exchange };
}
