/**
 * The engine makes each UTC day's last equity and the returns between them in its bar loop
 * (engine.ts `days`, `dayReturns`); they must be what daily.ts `dailySeries` and `returnsOf` make of
 * the per-bar equity: daily bars, several bars a day, and a first
 * bar on 1969-12-31 (day number -1).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dailySeries, returnsOf } from '../../src/backtest/daily.js';
import { runBacktest, type BacktestSpec } from '../../src/backtest/run.js';

const dir = mkdtempSync(join(tmpdir(), 'engine-days-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A random walk of `bars` bars `stepS` seconds apart from `fromS` (unix seconds). */
function csv(name: string, fromS: number, stepS: number, bars: number): string {
  const lines = ['timestamp,open,high,low,close,volume'];
  let p = 100;
  let x = 7;
  for (let i = 0; i < bars; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    const o = p;
    p = Math.max(1, p * (1 + (x / 2_147_483_648 - 0.5) * 0.04));
    lines.push(`${fromS + i * stepS},${o.toFixed(4)},${(Math.max(o, p) * 1.001).toFixed(4)},${(Math.min(o, p) * 0.999).toFixed(4)},${p.toFixed(4)},1000`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const spec = (data: string, size: 'all-in' | 'target'): BacktestSpec => ({ strategy: 'sma-cross', params: { fast: 3, slow: 8 }, data, symbols: ['X'], seed: 1, scenario: 'none', fill: 'next-open', size, cash: 10_000, feesBps: 10 });

describe('engine days', () => {
  it.each([
    ['daily bars', csv('daily.csv', 946_857_600, 86_400, 400), 'all-in'],
    ['hourly bars from 1969-12-31', csv('hourly.csv', -86_400 + 3600, 3600, 600), 'all-in'],
    ['hourly bars, target sizing', csv('hourly-target.csv', 946_857_600, 3600, 600), 'target'],
  ] as const)('equal dailySeries of the per-bar equity: %s', async (_name, file, size) => {
    const out = await runBacktest(spec(file, size));
    const want = dailySeries(out.data.ts, out.result.equity);
    expect(Array.from(out.result.days.day)).toEqual(Array.from(want.day));
    expect(Array.from(out.result.days.value)).toEqual(Array.from(want.value));
    expect(Array.from(out.result.dayReturns)).toEqual(Array.from(returnsOf(want.value)));
  });
});
