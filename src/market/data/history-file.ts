/**
 * One entry point for every history file format, chosen by extension, all returning the columnar
 * shape loadCsvHistory returns: `.csv` (csv-history.ts), `.parquet`, freqtrade's `.json` and
 * `.json.gz`. `.feather` (Arrow IPC) has no reader here: the error names the conversion. Plus the
 * freqtrade data directory lookup: a symbol as freqtrade names it and a timeframe → its file.
 */
import { access } from 'node:fs/promises';
import { NeoLightError } from '../../core/errors.js';
import { loadCsvHistory, type ColumnPool, type OpenCloseHistory } from '../csv-history.js';
import { DATA_EXTENSIONS, pairDataPath, type DataExtension } from './freqtrade-layout.js';
import type { OhlcvHistory } from './ohlcv.js';

export function extensionOf(path: string): DataExtension | null {
  const lower = path.toLowerCase();
  return DATA_EXTENSIONS.find((e) => lower.endsWith(`.${e}`)) ?? null;
}

export function featherError(path: string): NeoLightError {
  return new NeoLightError(
    'NL_ERR_DATA',
    `${path}: Feather (Arrow IPC) files cannot be read here; convert them to JSON or Parquet first, e.g. ` +
      '`freqtrade convert-data --format-from feather --format-to parquet` (or --format-to json), or in pandas: pd.read_feather(p).to_parquet(q)',
    { source: path, format: 'feather' },
  );
}

/**
 * Load any supported history file by its extension. With a `pool`, a CSV is read into the pool's
 * columns (csv-reader.ts `ColumnPool`): the history is a view of them until the next pooled read.
 */
export async function loadHistoryFile(path: string, opts: { symbol: string; columns?: 'all' }, pool?: ColumnPool): Promise<OhlcvHistory>;
/** `columns: 'open-close'`: a CSV's high, low and volume are checked but not kept (csv-reader.ts `columns`). */
export async function loadHistoryFile(path: string, opts: { symbol: string; columns?: 'all' | 'open-close' }, pool?: ColumnPool): Promise<OpenCloseHistory>;
export async function loadHistoryFile(path: string, opts: { symbol: string; columns?: 'all' | 'open-close' }, pool?: ColumnPool): Promise<OpenCloseHistory> {
  switch (extensionOf(path)) {
    case 'csv':
      return loadCsvHistory(path, opts, pool);
    // The Parquet and JSON readers (and hyparquet) load only for their files: a CSV run starts faster.
    case 'parquet':
      return (await import('./parquet-history.js')).loadParquetHistory(path, opts);
    case 'json':
    case 'json.gz':
      return (await import('./freqtrade-json.js')).loadFreqtradeJson(path, opts);
    case 'feather':
      throw featherError(path);
    case null:
      throw new NeoLightError('NL_ERR_DATA', `${path}: unknown history file type; accepted extensions: ${DATA_EXTENSIONS.map((e) => `.${e}`).join(', ')}`, { source: path });
  }
}

export interface PairLocation {
  readonly datadir: string;
  readonly exchange: string;
  /** As freqtrade names it: BTC/USDT, BTC/USDT:USDT; or a Yahoo ticker under exchange "yahoo". */
  readonly pair: string;
  readonly timeframe: string;
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** The first existing file for a pair, trying parquet, json, json.gz, feather, csv in that order. */
export async function findPairFile(loc: PairLocation): Promise<string> {
  const tried = DATA_EXTENSIONS.map((ext) => pairDataPath(loc.datadir, loc.exchange, loc.pair, loc.timeframe, ext));
  for (const p of tried) if (await exists(p)) return p;
  throw new NeoLightError('NL_ERR_DATA', `no ${loc.timeframe} data for ${loc.pair} on ${loc.exchange} in ${loc.datadir}; looked for ${tried.join(', ')}`, {
    pair: loc.pair, timeframe: loc.timeframe, tried,
  });
}

/** Resolve a pair in a freqtrade data directory and load it; the history's symbol is the pair. */
export async function loadPairHistory(loc: PairLocation): Promise<OhlcvHistory> {
  return loadHistoryFile(await findPairFile(loc), { symbol: loc.pair });
}
