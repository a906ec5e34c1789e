/** `backtest --json` written in pieces is byte for byte JSON.stringify(doc, null, 2) + '\n'. */
import { describe, expect, it } from 'vitest';
import { writeJsonDocument } from '../../src/backtest/json-out.js';

function written(doc: object): { text: string; chunks: number } {
  const parts: string[] = [];
  writeJsonDocument(doc, (c) => parts.push(c));
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
});
