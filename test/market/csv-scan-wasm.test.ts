/**
 * The fast path's WebAssembly scanner (wasm/csv-scan.ts, hosted by csv-fast.ts): the committed
 * module is the compiled source, and the scanner takes rows across its batch and input-piece
 * boundaries, reads ISO days of any year as Date.UTC does, and stops exactly at the first row it
 * must leave to the general path.
 */
import { describe, expect, it } from 'vitest';
import { fastRows, type FastLayout, type FastSink } from '../../src/market/csv-fast.js';
import { CSV_SCAN_WASM } from '../../src/market/csv-scan-wasm.js';
// @ts-expect-error: a plain ESM script without type declarations.
import { compile } from '../../scripts/build-wasm.mjs';

const LAYOUT: FastLayout = { sep: 44, width: 6, ts: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, maxPrice: 1e12, keepAll: true };

function sinkOf(rows: number): { sink: FastSink; cols: Float64Array[] } {
  const cols = Array.from({ length: 6 }, () => new Float64Array(rows));
  return { sink: { length: 0, reserve: () => cols }, cols };
}

function scan(text: string, rows: number, layout = LAYOUT): { next: number; taken: number; cols: Float64Array[]; bytes: Buffer } {
  const bytes = Buffer.from(text);
  const { sink, cols } = sinkOf(rows);
  const out = { taken: 0 };
  const next = fastRows(bytes, 0, bytes.length, layout, sink, out);
  return { next, taken: out.taken, cols, bytes };
}

describe('CSV scanner (WebAssembly)', () => {
  it('is the compiled wasm/csv-scan.ts', async () => {
    const wasm: Buffer = await compile('wasm/csv-scan.ts');
    expect(wasm.toString('base64'), 'run node scripts/build-wasm.mjs').toBe(CSV_SCAN_WASM);
  }, 60_000);

  it('takes 100,000 rows across batches and 1 MB input pieces, each field as Number() reads it', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const p = 1 + ((i * 7919) % 100_000) / 997;
      lines.push(`${1_600_000_000 + i * 60},${p.toFixed(4)},${(p + 1).toFixed(3)},${(p / 2).toFixed(5)},${p.toFixed(2)},${i % 3 === 0 ? '0.125' : String(i)}`);
    }
    const { next, taken, cols, bytes } = scan(`${lines.join('\n')}\n`, 100_000);
    expect([taken, next]).toEqual([100_000, bytes.length]);
    lines.forEach((line, i) => {
      const f = line.split(',').map(Number);
      expect([cols[0]![i], cols[1]![i], cols[2]![i], cols[3]![i], cols[4]![i], cols[5]![i]], line).toEqual([f[0]! * 1000, f[1], f[2], f[3], f[4], f[5]]);
    });
  });

  it('reads YYYY-MM-DD days from year 100 to 9999 as Date.UTC, and stops at a day that does not exist', () => {
    const days: string[] = [];
    for (let ms = Date.UTC(100, 0, 1); ms < Date.UTC(9999, 11, 31); ms += 86_400_000 * 1_013) days.push(new Date(ms).toISOString().slice(0, 10));
    days.push('2000-02-29', '2400-02-29');
    days.sort();
    const text = days.map((d) => `${d},1,1,1,1,1`).join('\n');
    const { taken, cols } = scan(`${text}\n`, days.length);
    expect(taken).toBe(days.length);
    days.forEach((d, i) => expect(cols[0]![i], d).toBe(Date.parse(`${d}T00:00:00Z`)));
    for (const bad of ['1900-02-29', '2023-04-31', '2023-13-01', '0099-01-01', '2023-1-015']) {
      const r = scan(`2020-01-01,1,1,1,1,1\n${bad},1,1,1,1,1\n`, 2);
      expect([r.taken, r.next], bad).toEqual([1, 21]);
    }
  });

  it('stops at the start of the first row it cannot take, in any batch', () => {
    const good = (i: number): string => `${1_600_000_000 + i * 60},10.5,11,10,10.75,100`;
    const odd = ['1,2', '10.5e1', ' 10.5', '"10.5"', '12345678901234567890', '1.00000000000000000000001', '-10.5', '0', '10.5\r'];
    for (const at of [0, 1, 16_383, 16_384, 40_000]) {
      for (const field of odd) {
        const lines = Array.from({ length: at + 5 }, (_, i) => good(i));
        lines[at] = `${1_600_000_000 + at * 60},${field},11,10,10.75,100`;
        const text = `${lines.join('\n')}\n`;
        const r = scan(text, at + 5);
        expect([r.taken, r.next], `${field} at row ${at}`).toEqual([at, text.indexOf(lines[at]!)]);
      }
    }
  });

  it('checks rows against each other across batches: a duplicate time at a batch edge stops the scan there', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `${1_600_000_000 + i * 60},10.5,11,10,10.75,100`);
    lines[16_384] = lines[16_383]!;
    const text = `${lines.join('\n')}\n`;
    const r = scan(text, 20_000);
    expect(r.taken).toBe(16_384);
    expect(r.next).toBe(text.indexOf(`\n${lines[16_384]}`) + lines[16_384]!.length + 2);
  });

  it('leaves a line longer than its input area to the general path', () => {
    const wide: FastLayout = { ...LAYOUT, width: 7 };
    const text = `1600000000,1,1,1,1,1,x\n1600000060,1,1,1,1,1,${'y'.repeat(1_100_000)}\n1600000120,1,1,1,1,1,z\n`;
    const r = scan(text, 3, wide);
    expect([r.taken, r.next]).toEqual([1, 23]);
    const firstLong = scan(`1600000060,1,1,1,1,1,${'y'.repeat(1_100_000)}\n1600000120,1,1,1,1,1,z\n`, 2, wide);
    expect([firstLong.taken, firstLong.next]).toEqual([0, 0]);
  });
});
