/**
 * `neolight backtest --equity-curve FILE`: the whole equity curve as CSV (date,equity), every day
 * even past the 20,000 days after which `--json` keeps month ends, with the values `--json`
 * carries for the days it keeps, ending at the run's final equity (fees charged: 10 bps).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dailySeries } from '../../src/backtest/daily.js';
import { equityCurveCsv, equityRows } from '../../src/backtest/figures.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'neolight-equity-curve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'backtest', ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: '' } });

/** `days` daily bars from 1950 of a wavy price (unix seconds), as a ccxt-style CSV. */
function dailyCsv(name: string, days: number): string {
  const rows = ['timestamp,open,high,low,close,volume'];
  for (let k = 0; k < days; k++) {
    const c = 50 * Math.exp(0.15 * Math.sin(k / 40) + 0.03 * Math.sin(k / 7));
    const o = c * (1 + 0.002 * Math.sin(k / 3));
    rows.push(`${-631_152_000 + k * 86_400},${o.toFixed(4)},${(Math.max(o, c) * 1.01).toFixed(4)},${(Math.min(o, c) * 0.99).toFixed(4)},${c.toFixed(4)},1000`);
  }
  const f = join(dir, name);
  writeFileSync(f, `${rows.join('\n')}\n`);
  return f;
}

type Doc = { final_equity: number; equity_curve: { date: string; equity: number }[]; equity_curve_sampling: string; window: { bars: number } };

describe('backtest --equity-curve', () => {
  it('writes every day of a run longer than the --json curve keeps, matching --json where both have the day', () => {
    const data = dailyCsv('long.csv', 25_000);
    const curve = join(dir, 'curve.csv');
    const r = run('--data', data, '--size', 'all-in', '--fees', '10', '--equity-curve', curve, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.equity_curve_sampling).toBe('month_end');
    const lines = readFileSync(curve, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('date,equity');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(25_000);
    expect(rows[0]![0]).toBe('1950-01-01');
    expect(rows.at(-1)![0]).toBe(new Date((-631_152_000 + 24_999 * 86_400) * 1000).toISOString().slice(0, 10));
    const byDate = new Map(rows.map(([d, e]) => [d!, Number(e)]));
    expect(doc.equity_curve.length).toBeLessThan(1000);
    for (const p of doc.equity_curve) expect(byDate.get(p.date), p.date).toBe(p.equity);
    expect(Number(rows.at(-1)![1])).toBe(doc.final_equity);
    // The fees made the curve move: not a flat line at the starting cash.
    expect(new Set(rows.map((x) => x[1])).size).toBeGreaterThan(100);
  });

  it('equals equityRows (the --json rows) for every day of an intraday curve', () => {
    const ts = Float64Array.from({ length: 500 }, (_, i) => Date.UTC(2020, 0, 1) + i * 7 * 3_600_000);
    const eq = Float64Array.from(ts, (_, i) => 10_000 + Math.sin(i / 9) * 1234.5678);
    const days = dailySeries(ts, eq);
    let text = '';
    equityCurveCsv(days, (chunk) => (text += chunk));
    expect(text).toBe(`date,equity\n${equityRows(days, null, null).map((p) => `${p.date},${p.equity}\n`).join('')}`);
  });

  it('names the file it cannot write, exit 2', () => {
    const r = run('--data', dailyCsv('short.csv', 100), '--equity-curve', join(dir, 'no-such-dir', 'curve.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--equity-curve .*no-such-dir\/curve\.csv cannot be written/);
  });
});
