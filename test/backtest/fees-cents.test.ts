/**
 * Done-when check for fees in the backtest: `neolight backtest --data FILE.csv --fees 10 --size
 * all-in --json` on a generated CSV (a seeded random walk of 3,000 weekdays from 2000) makes exactly
 * the fills, fees and final equity of an independent loop written here in integer cents: the
 * classic sma-cross 10/30 signal on a close, filled at the next open; a buy takes the largest whole
 * number of units whose notional plus fee fits in the cash; every notional and fee settles in whole
 * cents, half up; a sell sells everything.
 *
 * Regressions: the old engine charged notional × bps / 100 (100× too much) and sized buys so that
 * cash could go below zero once the fee was paid.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'neolight-fees-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FEE_BPS = 10;
const CASH_CENTS = 1_000_000;

interface Bar {
  date: string;
  openCents: number;
  closeCents: number;
}

/** A seeded random walk with prices in whole cents (mulberry32), one bar per weekday from 2000-01-03. */
function randomWalk(seed: number, count: number): Bar[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const bars: Bar[] = [];
  let close = 10_000;
  for (let day = Date.parse('2000-01-03T00:00:00Z'); bars.length < count; day += 86_400_000) {
    const dow = new Date(day).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const open = Math.max(100, Math.round(close * (1 + (rand() - 0.5) * 0.01)));
    close = Math.max(100, Math.round(open * (1 + (rand() - 0.5) * 0.04)));
    bars.push({ date: new Date(day).toISOString().slice(0, 10), openCents: open, closeCents: close });
  }
  return bars;
}

const dollars = (c: number): string => (c / 100).toFixed(2);

/** Fee in whole cents of a notional in whole cents, half up, in integers only. */
const feeCents = (notionalCents: number): number => Math.floor((notionalCents * FEE_BPS + 5_000) / 10_000);

/** The reference: integer cents throughout, no code under test. */
function referenceLoop(bars: readonly Bar[]) {
  const close = bars.map((b) => b.closeCents);
  const sma = (i: number, n: number): number => close.slice(i - n + 1, i + 1).reduce((x, y) => x + y, 0) / n;
  let cash = CASH_CENTS;
  let units = 0;
  let signal = false;
  const fills: { date: string; side: 'buy' | 'sell'; qty: number; priceCents: number; feeCents: number }[] = [];
  for (let i = 0; i < bars.length; i++) {
    const px = bars[i]!.openCents;
    if (i > 0 && signal && units === 0) {
      const cost = (q: number): number => q * px + feeCents(q * px);
      let q = Math.floor(cash / (px * (1 + FEE_BPS / 10_000)));
      while (q > 0 && cost(q) > cash) q--;
      while (cost(q + 1) <= cash) q++;
      if (q > 0) {
        cash -= cost(q);
        units = q;
        fills.push({ date: bars[i]!.date, side: 'buy', qty: q, priceCents: px, feeCents: feeCents(q * px) });
      }
    } else if (i > 0 && !signal && units > 0) {
      cash += units * px - feeCents(units * px);
      fills.push({ date: bars[i]!.date, side: 'sell', qty: units, priceCents: px, feeCents: feeCents(units * px) });
      units = 0;
    }
    expect(cash).toBeGreaterThanOrEqual(0);
    if (i >= 29) signal = sma(i, 10) > sma(i, 30);
  }
  return { fills, finalCents: cash + units * close[close.length - 1]!, feesCents: fills.reduce((x, f) => x + f.feeCents, 0) };
}

/** Buy signals: bars where sma10 > sma30 turns true (from false, or at the first full window) with a next bar to buy at. */
function buySignals(bars: readonly Bar[]): number {
  const close = bars.map((b) => b.closeCents);
  const sma = (i: number, n: number): number => close.slice(i - n + 1, i + 1).reduce((x, y) => x + y, 0) / n;
  let signal = false;
  let count = 0;
  for (let i = 29; i < bars.length - 1; i++) {
    const next = sma(i, 10) > sma(i, 30);
    if (next && !signal) count++;
    signal = next;
  }
  return count;
}

describe('backtest --fees with --size all-in, to the cent', () => {
  it('counts each buy signal whose cash cannot buy one unit as INSUFFICIENT_CASH, and trades nothing', () => {
    const bars = randomWalk(20_000_103, 600);
    const file = join(dir, 'poor.csv');
    writeFileSync(file, ['Date,Open,High,Low,Close,Volume', ...bars.map((b) => `${b.date},${dollars(b.openCents)},${dollars(Math.max(b.openCents, b.closeCents))},${dollars(Math.min(b.openCents, b.closeCents))},${dollars(b.closeCents)},1000`)].join('\n') + '\n');
    // $1.00 of cash against prices of ~$100: no unit is ever affordable.
    expect(Math.min(...bars.map((b) => b.openCents))).toBeGreaterThan(100);
    const signals = buySignals(bars);
    expect(signals).toBeGreaterThan(5);
    const r = spawnSync(process.execPath, [cli, 'backtest', '--data', file, '--fees', String(FEE_BPS), '--size', 'all-in', '--cash', '1', '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { trades: number; final_equity: number; skipped_orders: Record<string, number> };
    expect([doc.trades, doc.final_equity]).toEqual([0, 1]);
    expect(doc.skipped_orders).toEqual({ INSUFFICIENT_CASH: signals });
    // The text says it too.
    const text = spawnSync(process.execPath, [cli, 'backtest', '--data', file, '--fees', String(FEE_BPS), '--size', 'all-in', '--cash', '1'], { encoding: 'utf8', timeout: 120_000 });
    expect(text.stdout).toContain(`INSUFFICIENT_CASH ${signals}`);
  });

  it('matches an independent integer-cents loop: every fill, the fee total and the final equity', () => {
    const bars = randomWalk(20_000_103, 3_000);
    const file = join(dir, 'walk.csv');
    writeFileSync(file, ['Date,Open,High,Low,Close,Volume', ...bars.map((b) => `${b.date},${dollars(b.openCents)},${dollars(Math.max(b.openCents, b.closeCents))},${dollars(Math.min(b.openCents, b.closeCents))},${dollars(b.closeCents)},1000`)].join('\n') + '\n');
    const ref = referenceLoop(bars);
    expect(ref.fills.length).toBeGreaterThan(40);

    // Explicit --from/--to cover the whole file (the default window is another engineer's change).
    const r = spawnSync(process.execPath, [cli, 'backtest', '--data', file, '--from', '2000-01-01', '--to', '2099-12-31', '--fees', String(FEE_BPS), '--size', 'all-in', '--cash', dollars(CASH_CENTS), '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { final_equity: number; fees: number; trades: number; skipped_orders: Record<string, number>; fills: { ts: string; side: string; qty: number; price: number; fee: number; notional: number }[] };

    const got = doc.fills.map((f) => ({ date: f.ts.slice(0, 10), side: f.side, qty: f.qty, priceCents: Math.round(f.price * 100), feeCents: Math.round(f.fee * 100) }));
    expect(got).toEqual(ref.fills);
    for (const f of doc.fills) expect(Math.round(f.notional * 100)).toBe(f.qty * Math.round(f.price * 100));
    expect(doc.trades).toBe(ref.fills.length);
    expect(Math.round(doc.fees * 100)).toBe(ref.feesCents);
    expect(Math.round(doc.final_equity * 100)).toBe(ref.finalCents);

    expect(doc.skipped_orders).toEqual({});

    // Cash never goes below zero: replay the CLI's own fills in cents.
    let cash = CASH_CENTS;
    for (const f of got) {
      cash += (f.side === 'buy' ? -1 : 1) * f.qty * f.priceCents - f.feeCents;
      expect(cash).toBeGreaterThanOrEqual(0);
    }
  });
});
