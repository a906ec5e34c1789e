/**
 * `--json` writes the fill and trade rows as it makes them (json-out.ts RowStream): the bytes must
 * be those of the document holding the arrays, and a stream that emits a different number of rows
 * than it announced must fail rather than print a broken list.
 */
import { describe, expect, it } from 'vitest';
import { figures, tradeRows } from '../../src/backtest/figures.js';
import { writeJsonDocument, type RowStream } from '../../src/backtest/json-out.js';
import { fillRows, runBacktest } from '../../src/backtest/run.js';

function written(doc: object, streams?: Record<string, RowStream>): string {
  const parts: string[] = [];
  writeJsonDocument(doc, (c) => parts.push(c), streams);
  return parts.join('');
}

const stream = (rows: unknown[], length = rows.length): RowStream => ({ length, each: (emit) => rows.forEach(emit) });

describe('row streams', () => {
  it('write the bytes of the array they stand for, at, below and past a run of rows', () => {
    for (const n of [0, 1, 4095, 4096, 4097, 9000]) {
      const rows = Array.from({ length: n }, (_, i) => ({ t: `x${i}"`, v: i / 3, n: i % 5 === 0 ? null : [i, { a: [] }] }));
      const doc = { a: 1, list: rows, tail: { b: [] } };
      expect(written({ ...doc, list: [] }, { list: stream(rows) }), String(n)).toBe(`${JSON.stringify(doc, null, 2)}\n`);
      const last = { a: 1, list: rows };
      expect(written({ a: 1, list: [] }, { list: stream(rows) }), `${n} last`).toBe(`${JSON.stringify(last, null, 2)}\n`);
    }
  });

  it('refuse a stream that emits fewer or more rows than its length', () => {
    const rows = [{ a: 1 }, { a: 2 }];
    expect(() => written({ list: [] }, { list: stream(rows, 3) })).toThrow(/2 of its 3/);
    expect(() => written({ list: [] }, { list: stream(rows, 1) })).toThrow(/more than its 1/);
    expect(() => written({ list: [] }, { list: stream(rows, 0) })).toThrow(/length 0/);
  });

  it('make the fill and trade rows a run gives as arrays (target sizing, fees, three symbols)', async () => {
    const spec = { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, symbols: ['SPY', 'QQQ', 'BTC-USD'], from: Date.UTC(2022, 0, 1), to: Date.UTC(2023, 11, 31), seed: 7, scenario: 'none', fill: 'next-open', feesBps: 10, cash: 100_000, size: 'target' } as const;
    const out = await runBacktest(spec);
    expect(out.summary.fills.length).toBeGreaterThan(50);
    const fig = figures(out, 'target', null, null);
    const collect = (s: RowStream): unknown[] => {
      const got: unknown[] = [];
      s.each((r) => got.push(r));
      expect(got.length).toBe(s.length);
      return got;
    };
    expect(collect(fillRows(out.result.fills))).toEqual(out.summary.fills);
    expect(collect(tradeRows(out, 'target'))).toEqual(fig.trade_list);
    expect(fig.trade_list.some((t) => t.realized_pnl !== null && t.fee > 0)).toBe(true);
    // Without rows the run and the figures leave the lists to the streams.
    expect((await runBacktest({ ...spec, fillRows: false })).summary.fills).toEqual([]);
    expect(figures(out, 'target', null, null, { rows: false }).trade_list).toEqual([]);
  });
});
