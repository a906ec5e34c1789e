/**
 * A large CSV read by two threads (csv-history.ts cuts it a little past the middle, csv-worker.ts
 * reads the far part) gives exactly the columns, and for a bad row exactly the error (file, line,
 * column, reason), of one reader over the whole file: bad rows in the worker's part, on both sides
 * of the cut and at the first row after it (times that do not follow on across the cut).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsvHistory, MAIN_SHARE } from '../../src/market/csv-history.js';

const dir = mkdtempSync(join(tmpdir(), 'neolight-csv-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400;
const T0 = 946_857_600; // 2000-01-03 in unix seconds
const N = 80_000; // about 3.3 MB: the first read (1 MB) ends well before the cut

/** Rows of uneven length; every 97th spelled so the fast path hands it to the general one. */
function lines(): string[] {
  return Array.from({ length: N }, (_, i) => {
    const c = 100 + (i % 977) / 7;
    const close = i % 97 === 0 ? ` "${c.toExponential(5)}" ` : c.toFixed(1 + (i % 6));
    return `${T0 + i * DAY},${c.toFixed(2)},${(c + 1).toFixed(3)},${(c - 1).toFixed(2)},${close},${i % 5000}`;
  });
}

const both = async (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  const splits: boolean[] = [];
  const outcome = (p: Promise<unknown>) => p.then((h) => ({ h, err: undefined }), (err: unknown) => ({ h: undefined, err: err as Error }));
  return {
    one: await outcome(loadCsvHistory(path, { symbol: 'X' }, { parallelMinBytes: Number.POSITIVE_INFINITY })),
    two: await outcome(loadCsvHistory(path, { symbol: 'X' }, { parallelMinBytes: 0, onSplit: (_at, used) => splits.push(used) })),
    /** Whether the worker's columns were used (one entry when the file was cut). */
    splits,
  };
};

/** Index of the first row after the cut (the worker's first row) in a file of these lines. */
function firstWorkerRow(text: string, rows: string[], headerLines: number): number {
  const bytes = Buffer.from(text);
  const at = bytes.indexOf(0x0a, Math.floor(bytes.length * MAIN_SHARE)) + 1;
  const linesBefore = bytes.subarray(0, at).toString().split('\n').length - 1;
  expect(linesBefore - headerLines).toBeLessThan(rows.length);
  return linesBefore - headerLines;
}

describe('CSV read by two threads', () => {
  it('gives every column exactly as one thread, with a BOM, CRLF line ends and blank lines', async () => {
    const rows = lines();
    rows[N - 3] = '';
    rows[N - 2] = '  ';
    const text = `\uFEFFtimestamp,open,high,low,close,volume\r\n${rows.join('\r\n')}\r\n`;
    const { one, two, splits } = await both('ok.csv', text);
    expect(splits).toEqual([true]);
    expect(one.err).toBeUndefined();
    expect(two.err).toBeUndefined();
    const a = one.h as Record<string, Float64Array>;
    const b = two.h as Record<string, Float64Array>;
    expect(a.ts!.length).toBe(N - 2);
    for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume']) expect(Array.from(b[k]!)).toEqual(Array.from(a[k]!));
    // No trailing line end on the last row.
    const bare = await both('bare.csv', `timestamp,open,high,low,close,volume\n${lines().join('\n')}`);
    expect(Array.from((bare.two.h as Record<string, Float64Array>).close!)).toEqual(Array.from((bare.one.h as Record<string, Float64Array>).close!));
  });

  it('names the same line and column for a bad row anywhere in the worker’s part', async () => {
    const header = 'timestamp,open,high,low,close,volume';
    const base = lines();
    const cut = firstWorkerRow(`${header}\n${base.join('\n')}\n`, base, 1);
    const cases: [string, number, (cells: string[], i: number) => void, RegExp][] = [
      ['nan', cut + 5000, (c) => (c[4] = 'NaN'), / column 5 \(close\): malformed close "NaN"/],
      ['zero', N - 1, (c) => (c[3] = '0'), / column 4 \(low\): low "0"/],
      ['negative', cut + 1, (c) => (c[1] = '-2'), / column 2 \(open\): open "-2"/],
      ['hilo', cut + 10, (c) => (c[2] = '1'), / column 3 \(high\): high 1 is below low/],
      ['short', cut + 20, (c) => c.splice(3), /: malformed row .*: 3 fields, expected 6/],
      ['dup-in-part', cut + 30, (c, i) => (c[0] = String(T0 + (i - 1) * DAY)), / column 1 \(time\): duplicate bar at /],
      ['dup-at-cut', cut, (c, i) => (c[0] = String(T0 + (i - 1) * DAY)), / column 1 \(time\): duplicate bar at /],
      ['unsorted-at-cut', cut, (c) => (c[0] = String(T0)), / column 1 \(time\): timestamps not sorted: 2000-01-03T00:00:00.000Z comes after /],
      ['before-cut', cut - 1, (c) => (c[4] = 'x'), / column 5 \(close\): malformed close "x"/],
    ];
    for (const [name, i, edit, message] of cases) {
      const rows = [...base];
      const cells = rows[i]!.split(',');
      edit(cells, i);
      rows[i] = cells.join(',');
      const { one, two, splits } = await both(`${name}.csv`, `${header}\n${rows.join('\n')}\n`);
      // A bad row in the worker's part: this thread read that part again for the error's line.
      if (i >= cut) expect(splits, name).toEqual([false]);
      expect(one.err?.message, name).toMatch(new RegExp(`${name}\\.csv line ${i + 2}${message.source}`));
      expect(two.err?.message, name).toBe(one.err?.message);
      expect((two.err as { code?: string }).code).toBe('NL_ERR_DATA');
    }
  });

  it('reads a headerless file the same way', async () => {
    const { one, two, splits } = await both('headerless.csv', `${lines().join('\n')}\n`);
    expect(splits).toEqual([true]);
    expect(Array.from((two.h as Record<string, Float64Array>).ts!)).toEqual(Array.from((one.h as Record<string, Float64Array>).ts!));
    expect((one.h as Record<string, Float64Array>).ts!.length).toBe(N);
  });
});
