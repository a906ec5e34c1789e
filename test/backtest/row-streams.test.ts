/**
 * `--json` writes the fill and trade rows as it makes them (json-out.ts RowStream): the bytes must
 * be those of the document holding the arrays, and a stream that emits a different number of rows
 * than it announced must fail rather than print a broken list.
 */
import { describe, expect, it } from 'vitest';
import { comparisonOf, figureRows, figures, runDays, tradeRows } from '../../src/backtest/figures.js';
import { benchmarkSeries, parseBenchmark } from '../../src/backtest/benchmark.js';
import { writeJsonDocument, type RowStream } from '../../src/backtest/json-out.js';
import { fillRows, runBacktest, type BacktestSpec } from '../../src/backtest/run.js';

function written(doc: object, streams?: Record<string, RowStream>): string {
  const parts: string[] = [];
  writeJsonDocument(doc, (c) => parts.push(Buffer.from(c).toString('utf8')), streams);
  return parts.join('');
}

const stream = (rows: unknown[], length = rows.length): RowStream => ({ length, each: (emit) => rows.forEach(emit) });

/** The rows a stream emits, as values: a stream of JSON text gives each row's text as the document prints it. */
function rowsOf(s: RowStream): unknown[] {
  const got: unknown[] = [];
  s.each((r) => {
    if (!s.json) return got.push(r);
    const value: unknown = JSON.parse(r as string);
    expect(r).toBe(JSON.stringify(value, null, 2).replace(/^/gm, '    '));
    return got.push(value);
  });
  expect(got.length).toBe(s.length);
  return got;
}

describe('row streams', () => {
  it('write the bytes of the array they stand for, at, below and past a run of rows', () => {
    for (const n of [0, 1, 511, 512, 513, 4097, 9000]) {
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
    expect(() => written({ other: [] }, { list: stream(rows) })).toThrow(/no key/);
  });

  it('make the fill and trade rows a run gives as arrays (target sizing, fees, three symbols)', async () => {
    const spec = { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, symbols: ['SPY', 'QQQ', 'BTC-USD'], from: Date.UTC(2022, 0, 1), to: Date.UTC(2023, 11, 31), seed: 7, scenario: 'none', fill: 'next-open', feesBps: 10, cash: 100_000, size: 'target' } satisfies BacktestSpec;
    const out = await runBacktest(spec);
    expect(out.summary.fills.length).toBeGreaterThan(50);
    const fig = figures(out, 'target', null, null);
    expect(rowsOf(fillRows(out.result.fills))).toEqual(out.summary.fills);
    expect(rowsOf(tradeRows(out, 'target'))).toEqual(fig.trade_list);
    expect(fig.trade_list.some((t) => t.realized_pnl !== null && t.fee > 0)).toBe(true);
    // Without rows the run and the figures leave the lists to the streams.
    expect((await runBacktest({ ...spec, fillRows: false })).summary.fills).toEqual([]);
    expect(figures(out, 'target', null, null, { rows: false }).trade_list).toEqual([]);
  });

  it('make the lists figures gives, benchmark and comparison run included, and the document bytes are the same', async () => {
    const spec = { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, symbols: ['SPY', 'QQQ'], from: Date.UTC(2021, 0, 1), to: Date.UTC(2023, 11, 31), seed: 11, scenario: 'none', fill: 'next-open', feesBps: 10, cash: 50_000, size: 'target' } satisfies BacktestSpec;
    const without = comparisonOf(await runBacktest({ ...spec, riskLayer: false }));
    const out = await runBacktest(spec);
    const b = parseBenchmark('SPY', undefined)!;
    const bench = await benchmarkSeries(b, spec, out, runDays(out));
    const full = figures(out, 'target', bench, without);
    const lean = figures(out, 'target', bench, without, { rows: false });
    const streams = figureRows(out, 'target', bench, without);
    expect(full.rolling_beta.length).toBeGreaterThan(5);
    for (const [key, rows] of Object.entries(streams)) {
      expect(rowsOf(rows), key).toEqual(full[key as keyof typeof full]);
      expect(lean[key as keyof typeof lean], key).toEqual([]);
    }
    // Everything else is the same in both.
    const rest = (f: typeof full): object => Object.fromEntries(Object.entries(f).filter(([k]) => !(k in streams)));
    expect(rest(lean)).toEqual(rest(full));
    expect(written({ ...lean, fills: [] }, { ...streams, fills: fillRows(out.result.fills) })).toBe(`${JSON.stringify({ ...full, fills: out.summary.fills }, null, 2)}\n`);
  });

  it('sample the equity curve at month ends past 20,000 days as figures does', async () => {
    const spec = { strategy: 'sma-cross', params: {}, symbols: ['BTC-USD'], from: Date.UTC(1971, 0, 1), to: Date.UTC(2027, 11, 31), seed: 3, scenario: 'none', fill: 'next-open', feesBps: 10, cash: 10_000, size: 'all-in' } satisfies BacktestSpec;
    const out = await runBacktest(spec);
    const full = figures(out, 'all-in', null, null);
    expect(full.equity_curve_sampling).toBe('month_end');
    const rows = figureRows(out, 'all-in', null, null);
    for (const key of ['equity_curve', 'monthly_returns', 'rolling_sharpe', 'rolling_volatility', 'rolling_beta', 'trade_list'] as const) {
      expect(rowsOf(rows[key]!), key).toEqual(full[key]);
    }
  });
});
