/**
 * The fused CSV fast path (csv-fast.ts) against an independent reading of every field with
 * Number() and Date.parse: rows it takes and spellings it must hand to the general path (spaces,
 * quotes, exponents, 16+ digits, compact dates, ISO date-times) mixed at random,
 * and each refused row named at its own line and column after thousands of fast rows.
 */
import { describe, expect, it } from 'vitest';
import { parseCsvHistory } from '../../src/market/csv-history.js';

/** A deterministic generator (LCG) so a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

const DAY = 86_400;
const T0 = 946_857_600; // 2000-01-03 in unix seconds

/** One field written in one of several spellings Number() reads as `v`. */
function spell(v: number, r: number): string {
  if (r < 0.6) return v.toFixed(4);
  if (r < 0.7) return ` ${v.toFixed(2)} `;
  if (r < 0.8) return `"${v.toFixed(3)}"`;
  if (r < 0.85) return v.toExponential(6);
  if (r < 0.9) return `00000000000000${v.toFixed(4)}`;
  return `+${v.toFixed(5)}`;
}

function time(i: number, r: number): { text: string; ms: number } {
  const s = T0 + i * DAY;
  const iso = new Date(s * 1000).toISOString();
  if (r < 0.5) return { text: String(s), ms: s * 1000 };
  if (r < 0.7) return { text: iso.slice(0, 10), ms: s * 1000 };
  if (r < 0.8) return { text: iso.slice(0, 10).replaceAll('-', ''), ms: s * 1000 };
  if (r < 0.9) return { text: `${iso.slice(0, 10)} 00:00:00`, ms: s * 1000 };
  return { text: String(s * 1000), ms: s * 1000 };
}

describe('CSV fused fast path', () => {
  it('reads mixed spellings exactly as Number() and the time rules read them', () => {
    const rand = rng(7);
    const lines = ['timestamp,open,high,low,close,volume'];
    const want = { ts: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
    for (let i = 0; i < 20_000; i++) {
      const o = 50 + rand() * 100;
      const c = 50 + rand() * 100;
      const h = Math.max(o, c) + rand();
      const l = Math.min(o, c) - rand();
      const t = time(i, rand());
      const f = [o, h, l, c].map((v) => spell(v, rand()));
      const vol = rand() < 0.3 ? `0.00${Math.floor(rand() * 1000)}` : String(Math.floor(rand() * 1e6));
      want.ts.push(t.ms);
      f.forEach((x, k) => want[(['open', 'high', 'low', 'close'] as const)[k]!].push(Number(x.trim().replace(/^"(.*)"$/, '$1'))));
      want.volume.push(Number(vol));
      lines.push([t.text, ...f, vol].join(',') + (rand() < 0.2 ? '\r' : ''));
    }
    const got = parseCsvHistory(`${lines.join('\n')}\n`, { symbol: 'X' });
    expect(Array.from(got.ts)).toEqual(want.ts);
    for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) expect(Array.from(got[k])).toEqual(want[k]);
  });

  it('names the line and column of a refused row that follows fast rows', () => {
    const good = Array.from({ length: 5000 }, (_, i) => `${T0 + i * DAY},10.5,11,10,10.75,100`);
    const bad: [string, RegExp][] = [
      [`${T0 + 5000 * DAY},10.5,9,10,10.75,100`, /line 5002 column 3 \(high\): high 9 is below low 10/],
      [`${T0 + 4999 * DAY},10.5,11,10,10.75,100`, /line 5002 column 1 \(time\): duplicate bar/],
      [`${T0 + 5000 * DAY},10.5,11,10,0,100`, /line 5002 column 5 \(close\)/],
      [`${T0 + 5000 * DAY},10.5,11,10,10.75,-1`, /line 5002 column 6 \(volume\)/],
      [`${T0 + 5000 * DAY},10.5,11,10`, /line 5002: malformed row/],
      [`${T0 + 5000 * DAY},10.5,11,11.00000000000001,10.75,100`, /line 5002 column 3 \(high\): high 11 is below low 11.00000000000001/],
    ];
    for (const [row, message] of bad) {
      const text = `timestamp,open,high,low,close,volume\n${good.join('\n')}\n${row}\n`;
      expect(() => parseCsvHistory(text, { symbol: 'X', source: 'f.csv' }), row).toThrow(message);
      // Not keeping high, low and volume does not stop checking them.
      expect(() => parseCsvHistory(text, { symbol: 'X', source: 'f.csv', columns: 'open-close' }), `${row} open-close`).toThrow(message);
    }
  });

  it('keeps time, open and close with columns open-close exactly as a full read, on fast and general rows alike', () => {
    const rand = rng(11);
    const rows = Array.from({ length: 40_000 }, (_, i) => {
      const o = 50 + rand() * 100;
      const c = 50 + rand() * 100;
      const f = [o, Math.max(o, c) + 1, Math.min(o, c) - 1, c].map((v) => spell(v, rand()));
      return [T0 + i * DAY, ...f, Math.floor(rand() * 1e6)].join(',');
    });
    const text = `timestamp,open,high,low,close,volume\n${rows.join('\n')}\n`;
    const all = parseCsvHistory(text, { symbol: 'X' });
    const kept = parseCsvHistory(text, { symbol: 'X', columns: 'open-close' });
    for (const k of ['ts', 'open', 'close'] as const) expect(Array.from(kept[k])).toEqual(Array.from(all[k]));
    expect([kept.high.length, kept.low.length, kept.volume.length]).toEqual([0, 0, 0]);
  });

  it('hands a headerless row short of the first row’s volume column to the general path (no stale volume)', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${T0 + i * DAY},10.5,11,10,10.75,${100 + i}`);
    rows.push(`${T0 + 3000 * DAY},10.5,11,10,10.75`);
    expect(() => parseCsvHistory(`${rows.join('\n')}\n`, { symbol: 'X', source: 'h.csv' })).toThrow(/h\.csv line 3001 column 6 \(volume\): malformed volume ""/);
  });
});
