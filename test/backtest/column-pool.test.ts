/**
 * Reading many files into one set of columns (the multi-asset loader's ColumnPool): what a read
 * keeps is its own copy, so the next file read into the same buffers changes nothing of it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFileColumns, loadFileCompact } from '../../src/backtest/multi-file.js';
import { pricesFloat64 } from '../../src/backtest/prices.js';
import { releaseColumnPool, type ColumnPool } from '../../src/market/csv-history.js';
import { Column } from '../../src/market/csv-columns.js';

const dir = mkdtempSync(join(tmpdir(), 'nl-column-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV of `n` minute bars from `t0`; `exact` false gives prices no scaled column can hold (kept as doubles). */
function csv(name: string, n: number, t0: number, base: number, exact: boolean): string {
  const rows = ['date,open,high,low,close,volume'];
  for (let i = 0; i < n; i++) {
    const p = exact ? (base + i / 100).toFixed(2) : String(base + i / 3);
    rows.push(`${t0 + i * 60_000},${p},${p},${p},${p},1`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('column pool', () => {
  it('keeps each file its own times and prices, doubles and scaled alike, when the next file reuses the buffers', async () => {
    const a = csv('a.csv', 500, 1_700_000_000_000, 10, false);
    const b = csv('b.csv', 700, 1_700_000_060_000, 50, true);
    const c = csv('c.csv', 300, 1_600_000_000_000, 90, false);
    const alone = await Promise.all([a, b, c].map((f, j) => loadFileCompact(f, `S${j}`, undefined)));
    const pool: ColumnPool = {};
    const pooled = [];
    for (const [j, f] of [a, b, c].entries()) pooled.push(await loadFileCompact(f, `S${j}`, undefined, pool));
    for (let j = 0; j < 3; j++) {
      expect(Array.from(pooled[j]!.ts!)).toEqual(Array.from(alone[j]!.ts!));
      expect(Array.from(pricesFloat64(pooled[j]!.open))).toEqual(Array.from(pricesFloat64(alone[j]!.open)));
      expect(Array.from(pricesFloat64(pooled[j]!.close))).toEqual(Array.from(pricesFloat64(alone[j]!.close)));
    }
    // The pool's buffers were reused: the last read left its own rows in them.
    expect(pool.ts!.data[0]).toBe(1_600_000_000_000);
  });

  it('hands its memory back on release, leaving what each read kept intact', async () => {
    const a = csv('ra.csv', 400, 1_700_000_000_000, 10, true);
    const b = csv('rb.csv', 900, 1_700_000_000_000, 20, false);
    const alone = await Promise.all([a, b].map((f, j) => loadFileCompact(f, `S${j}`, undefined)));
    const pool: ColumnPool = {};
    const pooled = [];
    for (const [j, f] of [a, b].entries()) pooled.push(await loadFileCompact(f, `S${j}`, undefined, pool));
    const column = pool.close!;
    releaseColumnPool(pool);
    expect(pool).toEqual({});
    expect(column.data.length).toBe(0);
    for (let j = 0; j < 2; j++) {
      expect(Array.from(pooled[j]!.ts!)).toEqual(Array.from(alone[j]!.ts!));
      expect(Array.from(pricesFloat64(pooled[j]!.close))).toEqual(Array.from(pricesFloat64(alone[j]!.close)));
    }
    // The multi-file loader releases its pool itself: its columns are copies.
    const both = await loadFileColumns([a, b], ['A', 'B']);
    expect(Array.from(pricesFloat64(both.close[1]!)).slice(0, 400)).toEqual(Array.from(pricesFloat64(alone[1]!.close)).slice(0, 400));
  });

  it('keeps the values of a releasable column that grows past its capacity', () => {
    const c = new Column(16, true);
    for (let i = 0; i < 100; i++) c.push(i * 1.5);
    expect(Array.from(c.done())).toEqual(Array.from({ length: 100 }, (_, i) => i * 1.5));
    c.release();
    expect(c.done().length).toBe(0);
  });
});
