/**
 * The bench's end-to-end legs: what a user waits for, measured as child processes (process start
 * to JSON printed) under /usr/bin/time for the peak RSS. `endToEnd`: `neolight backtest --data` on
 * a 1,000,000-bar daily CSV (one asset, sma-cross, all-in, 10 bps). `multiAsset`: `neolight
 * backtest --datadir` on nine pairs of 1,000,000 one-minute bars each in freqtrade's layout (CSV
 * files, sma-cross, target sizing with the risk layer and the risk-layer-free comparison run, 10 bps).
 * Each leg runs RUNS times (NEOLIGHT_BENCH_RUNS, default 3) and reports the median wall time, each
 * run's time (`runs_seconds`) and the highest peak RSS: two runs of one command on a shared 2-core
 * machine can differ by 15 %, and one run made a goal look met or missed by chance. The single-asset
 * leg also reports its floor (bench-floor.ts), run after each of its runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { percentile } from '../research/stats.js';

export interface EndToEnd {
  bars: number;
  /** The median of the runs. */
  seconds: number;
  bars_per_second: number;
  /** The highest of the runs. */
  peak_rss_mb: number;
  runs_seconds: number[];
}

const RUNS = Number(process.env.NEOLIGHT_BENCH_RUNS ?? 3);

/**
 * A seeded random walk as OHLCV CSV rows, each bar moving up to ±step/2; `time(i)` writes bar i's
 * time field. Minute bars take a smaller step, so a day moves about 1 % as markets do (at the daily
 * step a day of minutes would move ~40 % and the VaR gate would refuse every order).
 */
function walkCsv(bars: number, seed: number, step: number, time: (i: number) => string): string {
  const lines = ['date,open,high,low,close,volume'];
  let p = 100;
  let x = seed;
  for (let i = 0; i < bars; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    const o = p;
    p = Math.max(1, p * (1 + (x / 2_147_483_648 - 0.5) * step));
    lines.push(`${time(i)},${o.toFixed(4)},${(Math.max(o, p) * 1.001).toFixed(4)},${(Math.min(o, p) * 0.999).toFixed(4)},${p.toFixed(4)},1000`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs a script under /usr/bin/time; wall seconds, the child's peak RSS and the bytes it printed. */
function timedOnce(script: string, args: string[]): { seconds: number; peakRssMb: number; bytes: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, script, ...args], { maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t0) / 1000;
  const stderr = r.stderr.toString('utf8');
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${stderr.slice(-500)}`);
  const kb = Number(stderr.trim().split('\n').at(-1));
  return { seconds, peakRssMb: Math.round(kb / 102.4) / 10, bytes: r.stdout.length };
}

interface Timed {
  seconds: number;
  peakRssMb: number;
  runs: number[];
}

/** The median wall time of runs, every run's, and the highest peak RSS. */
function summary(all: { seconds: number; peakRssMb: number }[]): Timed {
  const runs = all.map((t) => t.seconds);
  return { seconds: percentile(runs, 50), peakRssMb: Math.max(...all.map((t) => t.peakRssMb)), runs };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

const figures = (bars: number, t: Timed): EndToEnd => ({
  bars,
  seconds: round2(t.seconds),
  bars_per_second: Math.round(bars / t.seconds),
  peak_rss_mb: t.peakRssMb,
  runs_seconds: t.runs.map(round2),
});

/** bench-floor.ts on the same file, printing as many bytes: what the machine takes for the least of the same work. */
export interface Floor {
  seconds: number;
  runs_seconds: number[];
  bytes: number;
}

/**
 * A `bars`-bar daily CSV (a seeded random walk from 1900), backtested by the CLI as a user runs it,
 * each run followed by a run of the floor (bench-floor.ts) printing as many bytes, so both meet the
 * same machine.
 */
export function endToEnd(cli: string, bars: number): EndToEnd & { floor: Floor } {
  const dir = mkdtempSync(join(tmpdir(), 'neolight-bench-'));
  try {
    const file = join(dir, 'daily.csv');
    writeFileSync(file, walkCsv(bars, 42, 0.02, (i) => String(-2_208_988_800 + i * 86_400)));
    const floorScript = join(dirname(cli), 'bench-floor.js');
    const runs: ReturnType<typeof timedOnce>[] = [];
    const floors: ReturnType<typeof timedOnce>[] = [];
    for (let k = 0; k < Math.max(1, RUNS); k++) {
      const run = timedOnce(cli, ['backtest', '--data', file, '--strategy', 'sma-cross', '--size', 'all-in', '--fees', '10', '--json']);
      runs.push(run);
      floors.push(timedOnce(floorScript, [file, String(run.bytes)]));
    }
    const floor = summary(floors);
    return { ...figures(bars, summary(runs)), floor: { seconds: round2(floor.seconds), runs_seconds: floor.runs.map(round2), bytes: runs[0]!.bytes } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MULTI_PAIRS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BNB/USDT', 'XRP/USDT', 'ADA/USDT', 'DOGE/USDT', 'AVAX/USDT', 'DOT/USDT'] as const;

/** Nine pairs of `bars` one-minute bars in a freqtrade-layout data dir, backtested together. */
export function multiAsset(cli: string, bars: number): EndToEnd & { assets: number; asset_bars_per_second: number } {
  const dir = mkdtempSync(join(tmpdir(), 'neolight-bench-datadir-'));
  try {
    mkdirSync(join(dir, 'binance'));
    const from = Date.parse('2024-01-01T00:00:00Z');
    MULTI_PAIRS.forEach((pair, k) => writeFileSync(join(dir, 'binance', `${pair.replace('/', '_')}-1m.csv`), walkCsv(bars, 42 + k * 7919, 0.001, (i) => String(from + i * 60_000))));
    const t = summary(Array.from({ length: Math.max(1, RUNS) }, () => timedOnce(cli, ['backtest', '--datadir', dir, '--symbols', MULTI_PAIRS.join(','), '--timeframe', '1m', '--strategy', 'sma-cross', '--fees', '10', '--json'])));
    const n = MULTI_PAIRS.length;
    return { assets: n, ...figures(bars, t), asset_bars_per_second: Math.round((bars * n) / t.seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
