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
    // Without --symbols, a file named as freqtrade names it is that pair (not an equity called ASSET).
    const unnamed = run('--data', file, ...common);
    expect(unnamed.status, unnamed.stderr).toBe(0);
    const c = JSON.parse(unnamed.stdout) as Record<string, unknown>;
    expect(c.symbols).toEqual(['BTC/USDT']);
    for (const k of ['final_equity', 'fees', 'fills', 'periods_per_year']) expect(c[k]).toEqual(b[k]);
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

/** freqtrade JSON rows for a pair: a seeded walk of `n` days from day `start` of 2023, leaving out the days in `skip`. */
function pairRows(start: number, n: number, seed: number, skip: readonly number[]): number[][] {
  let p = 100 * seed;
  let x = seed;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    const o = p;
    p *= 1 + (x / 2_147_483_648 - 0.5) * 0.06;
    if (!skip.includes(i)) rows.push([Date.UTC(2023, 0, 1) + (start + i) * 86_400_000, Number(o.toFixed(4)), Number((Math.max(o, p) * 1.01).toFixed(4)), Number((Math.min(o, p) * 0.99).toFixed(4)), Number(p.toFixed(4)), 10]);
  }
  return rows;
}

describe('backtest --datadir with several pairs', () => {
  it('runs the pairs on one grid over the span both cover; each fill at its own pair\'s open, fees to the cent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neolight-datadir-multi-'));
    mkdirSync(join(dir, 'binance'));
    const btc = pairRows(0, 400, 3, []);
    // ETH starts ten days later and misses three days: those bars carry its last close and do not trade.
    const eth = pairRows(10, 400, 7, [50, 51, 200]);
    writeFileSync(join(dir, 'binance', 'BTC_USDT-1d.json'), JSON.stringify(btc));
    writeFileSync(join(dir, 'binance', 'ETH_USDT-1d.json'), JSON.stringify(eth));
    const r = run('--datadir', dir, '--symbols', 'BTC/USDT,ETH/USDT', '--strategy', 'sma-cross', '--fees', '10', '--cash', '100000', '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { symbols: string[]; window: { from: string; to: string; bars: number }; fees: number; fills: { ts: string; symbol: string; qty: number; price: number; notional: number; fee: number }[] };
    expect(doc.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    // From ETH's first day to the earlier last day (ETH's last is later): BTC's days from day 10.
    expect(doc.window).toEqual({ from: '2023-01-11', to: new Date(btc[btc.length - 1]![0]!).toISOString().slice(0, 10), bars: 390 });
    const openAt = new Map<string, Map<number, number>>([
      ['BTC/USDT', new Map(btc.map((b) => [b[0]!, b[1]!]))],
      ['ETH/USDT', new Map(eth.map((b) => [b[0]!, b[1]!]))],
    ]);
    expect(new Set(doc.fills.map((f) => f.symbol))).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    let feeCents = 0;
    for (const f of doc.fills) {
      // A pair fills only at a bar it has, at that bar's open (next-open), never at a carried close.
      expect(openAt.get(f.symbol)!.get(Date.parse(f.ts)), `${f.symbol} ${f.ts}`).toBe(f.price);
      const notionalCents = Math.round(f.qty * f.price * 100);
      expect(Math.round(f.notional * 100)).toBe(notionalCents);
      expect(Math.round(f.fee * 100)).toBe(Math.floor((notionalCents * 10) / 10_000 + 0.5));
      feeCents += Math.round(f.fee * 100);
    }
    expect(Math.round(doc.fees * 100)).toBe(feeCents);
  });

  it('names a pair the data dir lacks among several, and refuses a pair named twice', () => {
    const { dir } = freqtradeDir();
    const missing = run('--datadir', dir, '--symbols', 'BTC/USDT,SOL/USDT', '--json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no 1d data for SOL\/USDT on binance/);
    const twice = run('--datadir', dir, '--symbols', 'BTC/USDT,BTC/USDT', '--json');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/named twice/);
  });
});
