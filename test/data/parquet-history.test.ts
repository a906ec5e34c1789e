/**
 * The Parquet reader against tiny files made with hyparquet-writer (fixtures/make-parquet-fixtures.mjs):
 * every time encoding lands on the same epoch-ms column, every malformed file fails with
 * NL_ERR_DATA naming the file, the row and the column, and an unreadable codec names the fix.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetMetadataAsync, asyncBufferFromFile } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { loadParquetHistory } from '../../src/market/data/parquet-history.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'parquet');
const f = (name: string): string => join(DIR, name);
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);
const TIMES = [0, 1, 2, 3, 4].map((i) => T0 + i * DAY);

describe('Parquet OHLCV reader', () => {
  it.each([
    ['epoch-ms-int64.parquet', 'SNAPPY'],
    ['freqtrade-ns-uncompressed.parquet', 'UNCOMPRESSED'],
    ['epoch-seconds-mixed-case.parquet', 'SNAPPY'],
    ['timestamp-millis-gzip.parquet', 'GZIP'],
    ['micros-logical.parquet', 'SNAPPY'],
    ['row-groups.parquet', 'SNAPPY'],
  ])('reads %s (%s) into typed columns with epoch-ms times', async (name, codec) => {
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(f(name)));
    expect(meta.row_groups[0]?.columns[1]?.meta_data?.codec).toBe(codec);
    const h = await loadParquetHistory(f(name), { symbol: 'SPY' });
    expect(h.symbol).toBe('SPY');
    expect(h.ts).toBeInstanceOf(Float64Array);
    expect([...h.ts]).toEqual(TIMES);
    expect([...h.open]).toEqual([100, 101, 102, 103, 104]);
    expect([...h.high]).toEqual([101, 102.5, 103, 104, 105]);
    expect([...h.low]).toEqual([99, 100, 101, 102, 103]);
    expect([...h.close]).toEqual([100.5, 102, 102.5, 103.5, 104.5]);
    expect([...h.volume]).toEqual([1000, 1100, 1200, 1300, 1400]);
  });

  it('reads ISO date strings, a BROTLI file, and gives volume 0 when the file has none', async () => {
    const h = await loadParquetHistory(f('iso-strings-brotli-no-volume.parquet'), { symbol: 'X' });
    expect([...h.ts]).toEqual(TIMES);
    expect([...h.volume]).toEqual([0, 0, 0, 0, 0]);
  });

  it.each([
    ['bad-nan-close.parquet', 3, 'close', /close is NaN or missing/],
    ['bad-nan-in-third-row-group.parquet', 5, 'close', /close is NaN or missing/],
    ['bad-null-open.parquet', 2, 'open', /open is NaN or missing/],
    ['bad-zero-low.parquet', 2, 'low', /low 0 is not accepted: expected a finite price > 0 and < 1e12/],
    ['bad-negative-close.parquet', 5, 'close', /close -5 is not accepted/],
    ['bad-huge-high.parquet', 4, 'high', /high 1000000000000 is not accepted/],
    ['bad-infinite-open.parquet', 1, 'open', /open Infinity is not accepted/],
    ['bad-high-below-low.parquet', 3, 'high', /high 100 is below low 101/],
    ['bad-negative-volume.parquet', 2, 'volume', /volume -1 is not accepted/],
    ['bad-unsorted.parquet', 3, 'date', /timestamps not sorted: 2024-01-03T00:00:00.000Z comes after 2024-01-04T00:00:00.000Z \(row 2\)/],
    ['bad-duplicate.parquet', 3, 'date', /duplicate timestamp 2024-01-03T00:00:00.000Z \(same as row 2\)/],
  ])('%s fails at row %i, column %s', async (name, row, column, message) => {
    const err = await loadParquetHistory(f(name), { symbol: 'X' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NL_ERR_DATA', detail: { source: f(name), row, column } });
    expect((err as Error).message).toContain(`${f(name)} row ${row}, column ${column}: `);
    expect((err as Error).message).toMatch(message);
  });

  it('tells unsorted from duplicate timestamps in the error detail', async () => {
    await expect(loadParquetHistory(f('bad-unsorted.parquet'), { symbol: 'X' })).rejects.toMatchObject({ detail: { kind: 'unsorted' } });
    await expect(loadParquetHistory(f('bad-duplicate.parquet'), { symbol: 'X' })).rejects.toMatchObject({ detail: { kind: 'duplicate' } });
  });

  it('names a missing column and the accepted names', async () => {
    await expect(loadParquetHistory(f('bad-missing-close.parquet'), { symbol: 'X' })).rejects.toThrow(
      /bad-missing-close\.parquet: missing column\(s\) close; the file has date, open, high, low, volume; accepted names: close: close\/c/,
    );
  });

  it('refuses a string price column instead of reading it as NaN', async () => {
    await expect(loadParquetHistory(f('bad-string-close.parquet'), { symbol: 'X' })).rejects.toThrow(/column close has Parquet type BYTE_ARRAY \(UTF8\); expected numbers/);
  });

  it('names an unreadable codec and the conversion to do', async () => {
    const err = await loadParquetHistory(f('bad-codec-lz4.parquet'), { symbol: 'X' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NL_ERR_DATA', detail: { codec: 'LZ4_RAW' } });
    expect((err as Error).message).toMatch(/compressed with LZ4_RAW, which this reader cannot decode \(readable: UNCOMPRESSED, SNAPPY, GZIP, BROTLI/);
    expect((err as Error).message).toMatch(/re-save it with snappy compression/);
  });

  it('reports a file that is not Parquet, and a missing file, as NL_ERR_DATA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-pq-'));
    writeFileSync(join(dir, 'x.parquet'), 'date,open\n1,2\n');
    await expect(loadParquetHistory(join(dir, 'x.parquet'), { symbol: 'X' })).rejects.toThrow(/x\.parquet: not a readable Parquet file/);
    await expect(loadParquetHistory(join(dir, 'nope.parquet'), { symbol: 'X' })).rejects.toMatchObject({ code: 'NL_ERR_DATA' });
  });
});
