/**
 * `neolight data download|list` as a user runs them (dist/cli/main.js, spawned), against a fake
 * Yahoo and a fake Kraken on 127.0.0.1: files land in the freqtrade layout, a second run adds
 * nothing, `list` shows bars and NYSE-calendar gaps, the CSV backtests, and bad flags exit 2.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKraken, startFakeYahoo, type FakeBar, type FakeKraken } from './fake-sources.js';
import type { FakeServer } from '../market/fake-server.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
interface Run { status: number; stdout: string; stderr: string }
let env: NodeJS.ProcessEnv = {};
const run = (...args: string[]): Promise<Run> =>
  new Promise((done) => {
    execFile(process.execPath, [cli, 'data', ...args], { env: { ...process.env, CI: '', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err && typeof err.code === 'number' ? err.code : err ? 1 : 0;
      done({ status: code, stdout, stderr });
    });
  });

const D = 86_400_000;
// SPY's July 2024 sessions (Jul 4 closed), with Jul 9 missing at the source: one gap.
const spyDays = ['01', '02', '03', '05', '08', '10', '11', '12'];
const spy: FakeBar[] = spyDays.map((d, i) => ({ ts: Date.parse(`2024-07-${d}T13:30:00Z`), open: 540 + i, high: 546 + i, low: 538 + i, close: 542 + i, volume: 4e7 }));
const btc: FakeBar[] = Array.from({ length: 40 }, (_, i) => ({ ts: Date.UTC(2024, 5, 25) + i * D, open: 60000 + 10 * i, high: 60500 + 10 * i, low: 59500 + 10 * i, close: 60100 + 10 * i, volume: 100 + i }));

let yahoo: FakeServer;
let kraken: FakeKraken;
const datadir = mkdtempSync(join(tmpdir(), 'nl-data-cli-'));

beforeAll(async () => {
  yahoo = await startFakeYahoo({ SPY: spy });
  kraken = await startFakeKraken({ bars: (interval) => (interval === 1440 ? btc : []), pageSize: 5 });
  env = { NEOLIGHT_YAHOO_BASE_URL: yahoo.baseUrl, NEOLIGHT_CCXT_BASE_URL: kraken.baseUrl };
});
afterAll(async () => {
  await yahoo.close();
  await kraken.close();
});

describe('neolight data', () => {
  it('downloads into the freqtrade layout, resumes to nothing new, lists gaps by the NYSE calendar', async () => {
    const args = ['download', '--symbols', 'SPY,BTC/USD', '--timeframe', '1d', '--from', '2024-07-01', '--to', '2024-07-12', '--datadir', datadir, '--json'];
    const r = await run(...args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { files: { symbol: string; path: string; added: number; bars: number; first: string; last: string }[] };
    expect(doc.files.map((f) => [f.symbol, f.path, f.added, f.bars, f.first, f.last])).toEqual([
      ['SPY', join(datadir, 'yahoo', 'SPY-1d.csv'), 8, 8, '2024-07-01T13:30:00.000Z', '2024-07-12T13:30:00.000Z'],
      ['BTC/USD', join(datadir, 'kraken', 'BTC_USD-1d.csv'), 12, 12, '2024-07-01T00:00:00.000Z', '2024-07-12T00:00:00.000Z'],
    ]);

    const again = await run(...args);
    expect(again.status).toBe(0);
    expect((JSON.parse(again.stdout) as { files: { added: number; bars: number }[] }).files.map((f) => [f.added, f.bars])).toEqual([[0, 8], [0, 12]]);

    const text = await run(...args.slice(0, -1));
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`SPY            yahoo    +0            8 bars  2024-07-01T13:30Z → 2024-07-12T13:30Z  ${join(datadir, 'yahoo', 'SPY-1d.csv')}`);
    expect(text.stdout).toContain('neolight backtest --data');

    const list = await run('list', '--datadir', datadir, '--json');
    expect(list.status).toBe(0);
    const files = (JSON.parse(list.stdout) as { files: Record<string, unknown>[] }).files;
    expect(files.map((f) => [f.exchange, f.symbol, f.timeframe, f.bars, f.gaps, f.calendar])).toEqual([
      ['kraken', 'BTC/USD', '1d', 12, 0, 'crypto_24_7'],
      ['yahoo', 'SPY', '1d', 8, 1, 'us_equity'],
    ]);
    const listed = await run('list', '--datadir', datadir);
    expect(listed.stdout).toMatch(/yahoo\s+SPY\s+1d\s+csv\s+2024-07-01T13:30:00.000Z\s+2024-07-12T13:30:00.000Z\s+8\s+1/);
  }, 60_000);

  it('writes what neolight backtest reads', async () => {
    const path = join(datadir, 'yahoo', 'SPY-1d.csv');
    const bt = await new Promise<Run>((done) =>
      execFile(process.execPath, [cli, 'backtest', '--data', path, '--symbols', 'SPY', '--from', '2024-07-01', '--to', '2024-07-13', '--strategy', 'buy-hold', '--json'], { timeout: 60_000 }, (err, stdout, stderr) =>
        done({ status: err ? 1 : 0, stdout, stderr })),
    );
    expect(bt.stderr).toBe('');
    expect(bt.status).toBe(0);
    expect((JSON.parse(bt.stdout) as { periods: number }).periods).toBe(7);
  }, 60_000);

  it('lists an unreadable file with its error and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-data-bad-'));
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(dir, 'binance'));
    writeFileSync(join(dir, 'binance', 'ETH_USDT-1h.json'), '[[1704067200000, 1, 2, 3, 1.5, 9]]');
    const r = await run('list', '--datadir', dir, '--json');
    expect(r.status).toBe(2);
    const f = (JSON.parse(r.stdout) as { files: { symbol: string; error: string }[] }).files[0];
    expect(f?.symbol).toBe('ETH/USDT');
    expect(f?.error).toMatch(/ETH_USDT-1h\.json row 1, column high \(2\): high 2 is below low 3/);
    expect(r.stderr).toMatch(/1 file\(s\) could not be read/);
  });

  it('rejects bad input with exit 2 naming the flag', async () => {
    const base = ['download', '--datadir', datadir, '--from', '2024-01-01'];
    const cases: [string[], RegExp][] = [
      [[...base, '--symbols', 'SPY', '--timeframe', '2h'], /--timeframe "2h" is not accepted: expected one of 1m, 5m, 15m, 30m, 1h, 1d/],
      [['download', '--datadir', datadir, '--symbols', 'SPY', '--from', '2024-02-01', '--to', '2024-01-01'], /--from 2024-02-01 must be before --to 2024-01-01/],
      [[...base, '--symbols', 'btc/usdt'], /--symbols "btc\/usdt" is not accepted: expected a ccxt pair in capitals/],
      [[...base, '--symbols', 'SPY', '--format', 'parquet'], /--format "parquet" is not accepted: expected csv or json/],
      [[...base, '--symbols', 'SPY', '--from', '01/02/2024'], /--from "01\/02\/2024" is not accepted: expected a date YYYY-MM-DD/],
      [[...base, '--symbols', 'BTC/USD', '--exchange', 'nosuchex'], /--exchange "nosuchex" is not accepted/],
      [['download', '--from', '2024-01-01'], /required option '--symbols <list>' not specified/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  }, 60_000);

  it('has --help for each subcommand', async () => {
    const d = await run('download', '--help');
    expect(d.status).toBe(0);
    for (const flag of ['--symbols', '--timeframe', '--from', '--to', '--format', '--datadir', '--exchange', '--json']) expect(d.stdout).toContain(flag);
    const l = await run('list', '--help');
    expect(l.status).toBe(0);
    expect(l.stdout).toContain('--datadir');
  });
});
