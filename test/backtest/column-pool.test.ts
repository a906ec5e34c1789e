/**
 * Reading many files into one set of columns (the multi-asset loader's ColumnPool): what a read
 * keeps is its own copy, so the next file read into the same buffers changes nothing of it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFileCompact } from '../../src/backtest/multi-file.js';
import { pricesFloat64 } from '../../src/backtest/prices.js';
import type { ColumnPool } from '../../src/market/csv-history.js';

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
});
