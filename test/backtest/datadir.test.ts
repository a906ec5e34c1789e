/** `backtest --datadir` runs on freqtrade's data layout: the same bars as `--data FILE` give the same run. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'backtest', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });

/** freqtrade's JSON: [[ms, open, high, low, close, volume], ...], one bar a day. */
function freqtradeDir(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'neolight-datadir-'));
  mkdirSync(join(dir, 'binance'));
  let p = 30_000;
  const rows = Array.from({ length: 400 }, (_, i) => {
    const o = p;
    p = p * (1 + 0.03 * Math.sin(i / 7) + 0.004);
    return [Date.UTC(2023, 0, 1) + i * 86_400_000, o, Math.max(o, p) * 1.01, Math.min(o, p) * 0.99, p, 12.5];
  });
  const file = join(dir, 'binance', 'BTC_USDT-1d.json');
  writeFileSync(file, JSON.stringify(rows));
  return { dir, file };
}

describe('backtest --datadir', () => {
  it('finds the pair as freqtrade names it and runs like --data on the same file, with 365 periods a year', () => {
    const { dir, file } = freqtradeDir();
    const common = ['--strategy', 'sma-cross', '--size', 'all-in', '--fees', '10', '--cash', '1000000', '--json'];
    const viaDir = run('--datadir', dir, '--symbols', 'BTC/USDT', '--timeframe', '1d', ...common);
    expect(viaDir.status, viaDir.stderr).toBe(0);
    const viaFile = run('--data', file, '--symbols', 'BTC/USDT', ...common);
    expect(viaFile.status, viaFile.stderr).toBe(0);
    const a = JSON.parse(viaDir.stdout) as Record<string, unknown>;
    const b = JSON.parse(viaFile.stdout) as Record<string, unknown>;
    expect((a.fills as unknown[]).length).toBeGreaterThan(0);
    for (const k of ['final_equity', 'fees', 'fills', 'window', 'sharpe']) expect(a[k]).toEqual(b[k]);
    expect(a.periods_per_year).toBe(365);
  });

  it('names what is missing: the pair file, the exchange folder, a bad timeframe', () => {
    const { dir } = freqtradeDir();
    const noPair = run('--datadir', dir, '--symbols', 'ETH/USDT', '--json');
    expect(noPair.status).toBe(2);
    expect(noPair.stderr).toMatch(/no 1d data for ETH\/USDT on binance/);
    mkdirSync(join(dir, 'kraken'));
    const two = run('--datadir', dir, '--symbols', 'BTC/USDT');
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/--exchange is needed.*binance, kraken|--exchange is needed.*kraken, binance/);
    const tf = run('--datadir', dir, '--exchange', 'binance', '--symbols', 'BTC/USDT', '--timeframe', '7x');
    expect(tf.status).toBe(2);
    expect(tf.stderr).toMatch(/--timeframe/);
  });
});
