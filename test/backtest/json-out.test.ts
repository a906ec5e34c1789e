/** `backtest --json` written in pieces is byte for byte JSON.stringify(doc, null, 2) + '\n'. */
import { describe, expect, it } from 'vitest';
import { round6Json } from '../../src/backtest/figures.js';
import { jsonRow, jsonScalar, writeJsonDocument, type RowStream } from '../../src/backtest/json-out.js';

function written(doc: object): { text: string; chunks: number } {
  const parts: string[] = [];
  writeJsonDocument(doc, (c) => parts.push(Buffer.from(c).toString('utf8')));
  return { text: parts.join(''), chunks: parts.length };
}

describe('writeJsonDocument', () => {
  it('equals JSON.stringify with two-space indent on nested, empty, null and odd values', () => {
    const doc = {
      a: 1, s: 'x\ny "q"', n: null, u: undefined, f: () => 1, empty: [], emptyObj: {}, nested: { b: [1, { c: [] }], d: 'e' },
      list: [{ x: 1, y: [2, 3] }, null, undefined, 'str', [], [[1]], { z: {} }], big: -0, nan: Number.NaN,
    };
    expect(written(doc).text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(written({}).text).toBe(`${JSON.stringify({}, null, 2)}\n`);
  });

  it('flushes a large document in several chunks', () => {
    const doc = { fills: Array.from({ length: 50_000 }, (_, i) => ({ ts: i, symbol: 'BTC/USDT', qty: i / 7 })) };
    const { text, chunks } = written(doc);
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(chunks).toBeGreaterThan(2);
  });

  it('equals JSON.stringify for long arrays cut into runs at and around the run length, with odd keys and elements', () => {
    for (const n of [511, 512, 513, 1025, 4095, 4096, 4097, 8192, 8193, 12_000]) {
      const el = (i: number): unknown => (i % 7 === 0 ? null : i % 11 === 0 ? [i, { a: [] }] : i % 13 === 0 ? undefined : { t: `x${i}\n"`, v: i / 3, nested: { list: [i, -0] } });
      const doc = { before: { a: 1 }, 'odd "key"\n[': Array.from({ length: n }, (_, i) => el(i)), 'a[': [1, 2], after: [] as unknown[], tail: 'z' };
      expect(written(doc).text, String(n)).toBe(`${JSON.stringify(doc, null, 2)}\n`);
      // A long array as the last key.
      const end = { x: 1, list: Array.from({ length: n }, (_, i) => el(i)) };
      expect(written(end).text, `${n} last`).toBe(`${JSON.stringify(end, null, 2)}\n`);
    }
  });

  it('writes rows given as JSON text (jsonRow, jsonScalar) as the bytes of the array of those rows', () => {
    const row = jsonRow(['date', 'odd "key"\n', 'x', 'flag', 'none']);
    const values = (i: number): [string, string, number, boolean, null] => [`d${i}`, i % 3 ? 'q"\\\u0001é' : '', [i / 7, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7][i % 6]!, i % 2 === 0, null];
    for (const n of [1, 511, 512, 513, 1500]) {
      const rows = Array.from({ length: n }, (_, i) => values(i));
      const objects = rows.map(([d, q, x, f, z]) => ({ date: d, 'odd "key"\n': q, x, flag: f, none: z }));
      const stream: RowStream = { length: n, json: true, each: (emit) => rows.forEach((r) => emit(row(r.map(jsonScalar)))) };
      const parts: string[] = [];
      writeJsonDocument({ a: 1, list: [], b: 'end' }, (c) => parts.push(Buffer.from(c).toString('utf8')), { list: stream });
      expect(parts.join(''), String(n)).toBe(`${JSON.stringify({ a: 1, list: objects, b: 'end' }, null, 2)}\n`);
    }
    expect(jsonRow([])([])).toBe(JSON.stringify({ l: [{}] }, null, 2).split('\n')[2]);
  });
});

describe('round6Json', () => {
  it('prints what String(Number(x.toFixed(6))) prints: random magnitudes, halves, zeros of both signs, the 1e9 edge, non-finite', () => {
    let s = 17;
    const u = (): number => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const xs = [0, -0, 1e-7, -1e-7, 5e-7, -5e-7, 4.9999999e-7, 0.0000015, 123.4565, 1.5, -2, 100, 999_999_999.999_999_5, 1e9, -1e9, 1e21, Number.NaN, Number.POSITIVE_INFINITY];
    for (let i = 0; i < 200_000; i++) xs.push((u() - 0.5) * 10 ** (u() * 14 - 9));
    for (let i = 0; i < 20_000; i++) xs.push(Math.round((u() - 0.5) * 2e7) / 1e6 + (u() - 0.5) * 1e-12);
    for (const x of xs) expect(round6Json(x), String(x)).toBe(Number.isFinite(x) ? String(Number(x.toFixed(6))) : 'null');
  });
});
