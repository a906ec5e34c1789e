/**
 * freqtrade's data directory layout, so a NeoLight data dir and a freqtrade `user_data/data` are
 * interchangeable: `<datadir>/<exchange>/<PAIR>-<timeframe>.<ext>` for spot and
 * `<datadir>/<exchange>/futures/<PAIR>-<timeframe>-futures.<ext>` for futures, where PAIR is the
 * ccxt symbol with `/`, `:` and the other characters freqtrade's pair_to_filename replaces turned
 * into `_` (BTC/USDT → BTC_USDT, BTC/USDT:USDT → BTC_USDT_USDT). Pure path arithmetic; no I/O.
 */
import { join } from 'node:path';

export const DATA_EXTENSIONS = ['parquet', 'json', 'json.gz', 'feather', 'csv'] as const;
export type DataExtension = (typeof DATA_EXTENSIONS)[number];

/** freqtrade's pair_to_filename, plus `=` and `^` so Yahoo tickers (EURUSD=X, ^GSPC) are safe too. */
export function pairToFilename(pair: string): string {
  return pair.replace(/[/ .@$+:=^]/g, '_');
}

/** A futures symbol in ccxt's notation carries its settle currency after a colon: BTC/USDT:USDT. */
export function isFuturesPair(pair: string): boolean {
  return pair.includes(':');
}

/** The file freqtrade would read for this pair and timeframe. */
export function pairDataPath(datadir: string, exchange: string, pair: string, timeframe: string, ext: DataExtension): string {
  const stem = pairToFilename(pair);
  return isFuturesPair(pair)
    ? join(datadir, exchange, 'futures', `${stem}-${timeframe}-futures.${ext}`)
    : join(datadir, exchange, `${stem}-${timeframe}.${ext}`);
}

export interface DataFileName {
  readonly stem: string;
  readonly timeframe: string;
  /** 'spot', or freqtrade's candle type after the timeframe (futures, mark, index, premiumIndex, funding_rate). */
  readonly candleType: string;
  readonly ext: DataExtension;
}

const FILE_RE = /^([A-Za-z0-9_^=-]+?)-(\d+[mhdwMy])(?:-(futures|mark|index|premiumIndex|funding_rate))?\.(parquet|json\.gz|json|feather|csv)$/;

/** Split a data file's name into its parts, or null when it is not a data file of this layout. */
export function parseDataFileName(name: string): DataFileName | null {
  const m = FILE_RE.exec(name);
  if (!m) return null;
  return { stem: m[1] as string, timeframe: m[2] as string, candleType: m[3] ?? 'spot', ext: m[4] as DataExtension };
}

/**
 * The symbol a file stands for, as freqtrade names it: BTC_USDT → BTC/USDT, futures
 * BTC_USDT_USDT → BTC/USDT:USDT. Yahoo files keep their ticker (no base/quote split).
 */
export function pairFromFileName(exchange: string, file: DataFileName): string {
  if (exchange === 'yahoo') return file.stem;
  const parts = file.stem.split('_');
  if (file.candleType !== 'spot' && parts.length >= 3) return `${parts.slice(0, -2).join('_')}/${parts[parts.length - 2]}:${parts[parts.length - 1]}`;
  if (parts.length >= 2) return `${parts[0]}/${parts.slice(1).join('_')}`;
  return file.stem;
}
