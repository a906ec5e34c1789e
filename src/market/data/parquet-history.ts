/**
 * OHLCV history from Parquet (freqtrade's `--data-format-ohlcv parquet`, pandas/polars/pyarrow
 * exports) through hyparquet, straight into the columnar shape csv-history.ts returns. Columns
 * are found by name like the CSV reader's (date/timestamp/time/datetime, open/high/low/close/
 * volume, any case); times may be TIMESTAMP/DATE logical types, INT96, epoch s/ms/µs/ns as
 * numbers or INT64 BigInts, or ISO strings. Snappy is read natively, GZIP and BROTLI through
 * node:zlib, ZSTD through node:zlib where the Node version has it; any other codec is a clear
 * error naming the conversion. Every row is validated (ohlcv.ts); none is skipped.
 */
import * as zlib from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type Compressors, type FileMetaData } from 'hyparquet';
import { describeError, NeoLightError } from '../../core/errors.js';
import { acceptedNames, cellToNumber, sniffColumns, timeToMs } from './columns.js';
import { allocColumns, fileError, toHistory, validateColumns, type OhlcvColumns, type OhlcvField, type OhlcvHistory } from './ohlcv.js';

type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

/** node:zlib's zstd (Node >= 22.15), looked up at run time because Node 20 lacks it. */
function zstd(): Decompress | undefined {
  const fn: unknown = Reflect.get(zlib, 'zstdDecompressSync');
  if (typeof fn !== 'function') return undefined;
  return (input) => new Uint8Array(Reflect.apply(fn, zlib, [input]) as Buffer);
}

function compressors(): Compressors {
  const out: Compressors = {
    GZIP: (input) => new Uint8Array(zlib.gunzipSync(input)),
    BROTLI: (input) => new Uint8Array(zlib.brotliDecompressSync(input)),
  };
  const z = zstd();
  if (z) out.ZSTD = z;
  return out;
}

/** Codecs this reader decodes: hyparquet's own plus the node:zlib ones above. */
export function readableCodecs(): string[] {
  return ['UNCOMPRESSED', 'SNAPPY', ...Object.keys(compressors())];
}

const CONVERT_HINT =
  "re-save it with snappy compression (pandas: df.to_parquet(path, compression='snappy'); polars: df.write_parquet(path, compression='snappy'); " +
  'freqtrade: freqtrade convert-data --format-from parquet --format-to json)';

function checkCodecs(source: string, meta: FileMetaData, columns: readonly string[]): void {
  const ok = readableCodecs();
  for (const [g, group] of meta.row_groups.entries()) {
    for (const chunk of group.columns) {
      const name = chunk.meta_data?.path_in_schema[0];
      const codec = chunk.meta_data?.codec;
      if (name === undefined || codec === undefined || !columns.includes(name)) continue;
      if (!ok.includes(codec)) {
        throw fileError(source, `column ${name} (row group ${g}) is compressed with ${codec}, which this reader cannot decode (readable: ${ok.join(', ')}); ${CONVERT_HINT}`, {
          codec, column: name,
        });
      }
    }
  }
}

/** Parquet physical types that cannot hold a price (a string column would be read as NaN). */
function checkTypes(source: string, meta: FileMetaData, names: Partial<Record<OhlcvField, string>>): void {
  const leaves = parquetSchema(meta).children;
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const name = names[field];
    const el = leaves.find((c) => c.element.name === name)?.element;
    if (!el) continue;
    if (el.type === 'BYTE_ARRAY' || el.type === 'BOOLEAN' || (el.type === 'FIXED_LEN_BYTE_ARRAY' && el.converted_type !== 'DECIMAL')) {
      throw fileError(source, `column ${name} has Parquet type ${el.type}${el.converted_type ? ` (${el.converted_type})` : ''}; expected numbers (DOUBLE, FLOAT, INT32, INT64 or DECIMAL)`, {
        column: name, type: el.type,
      });
    }
  }
}

/** Time types decoded straight to epoch ms numbers instead of hyparquet's default Date objects (a million Dates cost more than the decode). */
const PARSERS = {
  timestampFromMilliseconds: (b: bigint): number => Number(b),
  timestampFromMicroseconds: (b: bigint): number => Number(b / 1000n),
  timestampFromNanoseconds: (b: bigint): number => Number(b / 1_000_000n),
  dateFromDays: (d: number): number => d * 86_400_000,
};

/** True when the time column carries a TIMESTAMP/DATE type (or is INT96), so PARSERS already gave ms. */
function hasTimeType(meta: FileMetaData, name: string): boolean {
  const el = parquetSchema(meta).children.find((c) => c.element.name === name)?.element;
  if (!el) return false;
  const lt = el.logical_type?.type;
  return el.type === 'INT96' || lt === 'TIMESTAMP' || lt === 'DATE' || el.converted_type === 'TIMESTAMP_MILLIS' || el.converted_type === 'TIMESTAMP_MICROS' || el.converted_type === 'DATE';
}

async function openFile(path: string): Promise<AsyncBuffer> {
  try {
    return await asyncBufferFromFile(path);
  } catch (err) {
    throw new NeoLightError('NL_ERR_DATA', `cannot read Parquet file ${path}: ${describeError(err)}`, { source: path }, { cause: err });
  }
}

/** Read a Parquet OHLCV file into validated columns. `source` names the file in errors. */
export async function readParquetColumns(file: AsyncBuffer, source: string): Promise<{ columns: OhlcvColumns; names: Record<OhlcvField, string> }> {
  let meta: FileMetaData;
  try {
    meta = await parquetMetadataAsync(file);
  } catch (err) {
    throw fileError(source, `not a readable Parquet file: ${describeError(err)}`);
  }
  const top = parquetSchema(meta).children.map((c) => c.element.name);
  const { names, missing } = sniffColumns(top);
  if (missing.length > 0) {
    throw fileError(source, `missing column(s) ${missing.join(', ')}; the file has ${top.join(', ')}; accepted names: ${acceptedNames(missing)}`, { missing });
  }
  const selected = (['ts', 'open', 'high', 'low', 'close', 'volume'] as const).flatMap((f) => (names[f] === undefined ? [] : [names[f]]));
  checkCodecs(source, meta, selected);
  checkTypes(source, meta, names);
  const n = Number(meta.num_rows);
  const cols = allocColumns(n);
  for (const a of Object.values(cols)) a.fill(Number.NaN);
  if (names.volume === undefined) cols.volume.fill(0);
  const typedTime = hasTimeType(meta, names.ts as string);
  const target = new Map<string, { arr: Float64Array; conv: (v: unknown) => number }>();
  for (const f of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) {
    const name = names[f];
    // A column with a time type arrives in ms from PARSERS; a bare number or string goes through the magnitude rule.
    if (name !== undefined) target.set(name, { arr: cols[f], conv: f !== 'ts' ? cellToNumber : typedTime ? cellToNumber : timeToMs });
  }
  try {
    await parquetRead({
      file,
      metadata: meta,
      columns: selected,
      compressors: compressors(),
      parsers: PARSERS,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const t = target.get(columnName);
        if (!t) return;
        const count = Math.min(columnData.length, n - rowStart);
        if (columnData instanceof Float64Array && t.conv === cellToNumber) {
          t.arr.set(columnData.subarray(0, count), rowStart);
          return;
        }
        for (let k = 0; k < count; k++) t.arr[rowStart + k] = t.conv(columnData[k]);
      },
    });
  } catch (err) {
    throw fileError(source, `cannot decode: ${describeError(err)}`);
  }
  const full: Record<OhlcvField, string> = {
    ts: names.ts as string, open: names.open as string, high: names.high as string, low: names.low as string, close: names.close as string,
    volume: names.volume ?? 'volume',
  };
  validateColumns(cols, source, full);
  return { columns: cols, names: full };
}

/** Load a Parquet OHLCV file into the same shape loadCsvHistory returns. */
export async function loadParquetHistory(path: string, opts: { symbol: string }): Promise<OhlcvHistory> {
  const { columns } = await readParquetColumns(await openFile(path), path);
  return toHistory(opts.symbol, columns);
}
