#!/usr/bin/env node
/**
 * `npm run bench`: full-pipeline backtest throughput (strategy, risk checks, broker, accounting,
 * equity curve, drawdown guard) on 1,000,000 one-minute bars of one asset and of several, beside
 * a minimal hand-written SMA-crossover loop over the same arrays (both best of three after a
 * warm-up), plus peak memory.
 * Then what a user waits for, as child processes: `startup_ms` (median of `neolight --help`) beside
 * `bare_node_ms` (`node -e 0`), and `end_to_end`: `neolight backtest --data` on a 1,000,000-bar daily
 * CSV, process start to JSON printed, with the child's peak RSS, and `end_to_end_floor`: the least
 * work that reads that CSV and prints as much (bench-floor.ts), the machine's floor for the leg; `end_to_end_multi`: `backtest --datadir`
 * on nine pairs of 1,000,000 one-minute bars (bench-e2e.ts; each leg the median of NEOLIGHT_BENCH_RUNS
 * runs, default 3); and `mesh_rss_mb` (bench-mesh.ts).
 * `--json` prints {"single": {"bars_per_second", "peak_rss_mb"}, "multi": {...},
 * "minimal": {"bars_per_second"}, "ratio_to_minimal", "startup_ms", "bare_node_ms",
 * "end_to_end": {"bars", "seconds", "bars_per_second", "peak_rss_mb", "runs_seconds"},
 * "end_to_end_floor": {"seconds", "runs_seconds", "bytes"},
 * "end_to_end_multi": {"assets", "bars", "seconds", "bars_per_second", "asset_bars_per_second", "peak_rss_mb", "runs_seconds"},
 * "mesh_rss_mb", "mesh": {"guardian_rss_mb", "max_agent_rss_mb", "agent_rss_mb", "pss_mb"}}; `mesh_rss_mb` is
 * the resident memory of the default simulated mesh (guardian and every agent) once each agent has ticked.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runEngine, type BarData } from '../backtest/engine.js';
import { smaCross } from '../intelligence/strategy-lab/strategies.js';
import { instrument, SYMBOLS } from '../market/instruments.js';
import { simulateBars, simulatedSpreadBps } from '../market/simulator.js';
import { traderSchema } from '../config/trader.js';
import { endToEnd, multiAsset } from './bench-e2e.js';
import { smaCrossEquity } from './bench-minimal.js';
import { measureMesh } from './bench-mesh.js';

const BARS = Number(process.env.NEOLIGHT_BENCH_BARS ?? 1_000_000);
const FROM = Date.parse('2025-01-06T00:00:00Z');
const json = process.argv.includes('--json');
const say = (s: string): void => void (json ? process.stderr : process.stdout).write(`${s}\n`);
const rssMb = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

/** One symbol at a time, keeping only the columns the engine reads, so high, low and volume are freed. */
function data(symbols: string[]): BarData & { open: Float64Array[]; close: Float64Array[] } {
  let ts: Float64Array = new Float64Array(0);
  const open: Float64Array[] = [];
  const close: Float64Array[] = [];
  const tradable: Uint8Array[] = [];
  for (const s of symbols) {
    const b = simulateBars(1, [s], FROM, 60_000, BARS);
    ts = b.ts;
    open.push(b.symbols[s]!.open);
    close.push(b.symbols[s]!.close);
    tradable.push(b.symbols[s]!.tradable);
  }
  return { symbols, ts, open, close, tradable };
}

const spreadCache = new Map<number, number>();

function pipeline(d: BarData): { seconds: number; trades: number } {
  const cfg = traderSchema.parse({});
  const t0 = performance.now();
  const r = runEngine(d, {
    strategy: smaCross(d.symbols.length, 10, 30),
    fill: 'next-open',
    size: 'target',
    cash: 500_000,
    costs: { slippageBps: cfg.slippage_bps, slippageBpsPer100k: cfg.slippage_bps_per_100k },
    cfg,
    instrument,
    drawdownGuard: true,
    // The simulator's spread, sampled once a UTC day per symbol: quote generation is the data
    // feed's cost, not the pipeline's, and a full simulated quote per order would dominate.
    quote: (j, i, price) => {
      const s = d.symbols[j]!;
      const day = Math.floor(d.ts[i]! / 86_400_000);
      const key = day * 64 + j;
      let bps = spreadCache.get(key);
      if (bps === undefined) {
        bps = simulatedSpreadBps(1, s, day * 86_400_000 + 15 * 3_600_000);
        spreadCache.set(key, bps);
      }
      const half = (price * bps) / 20_000;
      return { symbol: s, ts: d.ts[i]!, bid: price - half, ask: price + half, last: price, volume: 0, open: d.tradable![j]![i] === 1 };
    },
  });
  return { seconds: (performance.now() - t0) / 1000, trades: r.fills.length };
}

/** The minimal loop's time (bench-minimal.ts), its equity column included. */
function minimal(close: Float64Array): number {
  const t0 = performance.now();
  const eq = smaCrossEquity(close, 1_000_000);
  if (!(eq[eq.length - 1]! > 0)) throw new Error('minimal loop produced no equity');
  return (performance.now() - t0) / 1000;
}

say(`NeoLight bench: ${BARS.toLocaleString('en-US')} one-minute bars (simulated market)`);
const single = data(['BTC-USD']);
/** Best of `runs` after one warm-up, for both loops alike: the JIT keeps optimising over the first runs. */
function best<T extends { seconds: number }>(runs: number, f: () => T): T {
  f();
  let b = f();
  for (let k = 1; k < runs; k++) {
    const r = f();
    if (r.seconds < b.seconds) b = r;
  }
  return b;
}
const s = best(3, () => pipeline(single));
const singleRss = rssMb();
const minimalSeconds = best(3, () => ({ seconds: minimal(single.close[0]!) })).seconds;
const multiSymbols = [...SYMBOLS];
const multiData = data(multiSymbols);
const m = pipeline(multiData);
// Before the child-process legs: building their CSV would count in this process's peak.
const multiRss = rssMb();
/** Median wall time of a child process, in ms (the first run warms the disk cache and is dropped). */
function medianMs(args: string[], runs = 7): number {
  spawnSync(process.execPath, args);
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return Math.round(t[Math.floor(runs / 2)]! * 10) / 10;
}
const cli = join(import.meta.dirname, 'main.js');
const startupMs = medianMs([cli, '--help']);
const bareNodeMs = medianMs(['-e', '0']);

const { floor: e2eFloor, ...e2e } = endToEnd(cli, BARS);
const e2eMulti = multiAsset(cli, BARS);
const mesh = await measureMesh(cli);

const result = {
  single: { bars_per_second: Math.round(BARS / s.seconds), peak_rss_mb: singleRss, trades: s.trades },
  multi: { assets: multiSymbols.length, bars_per_second: Math.round(BARS / m.seconds), asset_bars_per_second: Math.round((BARS * multiSymbols.length) / m.seconds), peak_rss_mb: multiRss, trades: m.trades },
  minimal: { bars_per_second: Math.round(BARS / minimalSeconds) },
  ratio_to_minimal: Math.round((BARS / minimalSeconds / (BARS / s.seconds)) * 10) / 10,
  startup_ms: startupMs,
  bare_node_ms: bareNodeMs,
  end_to_end: e2e,
  end_to_end_floor: e2eFloor,
  end_to_end_multi: e2eMulti,
  mesh_rss_mb: mesh.total_mb,
  mesh: { guardian_rss_mb: mesh.guardian_mb, max_agent_rss_mb: mesh.max_agent_mb, agent_rss_mb: mesh.agents, pss_mb: mesh.pss_mb },
};
if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  say(`single asset (full pipeline): ${result.single.bars_per_second.toLocaleString('en-US')} bars/s, ${s.trades} trades, peak RSS ${result.single.peak_rss_mb} MB`);
  say(`${multiSymbols.length} assets (full pipeline):    ${result.multi.bars_per_second.toLocaleString('en-US')} bars/s (${result.multi.asset_bars_per_second.toLocaleString('en-US')} asset-bars/s), peak RSS ${result.multi.peak_rss_mb} MB`);
  say(`minimal hand-written loop:    ${result.minimal.bars_per_second.toLocaleString('en-US')} bars/s`);
  say(`full pipeline is ${result.ratio_to_minimal}× slower than the minimal loop (target: within 20×, ≥ 1,000,000 bars/s, < 500 MB)`);
  say(`start-up: neolight --help ${startupMs} ms, bare node ${bareNodeMs} ms (${(startupMs / bareNodeMs).toFixed(1)}×; target ≤ 3×)`);
  say(`mesh: ${Object.keys(mesh.agents).length} agents and the guardian hold ${mesh.total_mb} MB RSS (guardian ${mesh.guardian_mb} MB, largest agent ${mesh.max_agent_mb} MB${mesh.pss_mb === null ? '' : `; ${mesh.pss_mb} MB proportional set size, shared pages counted once`}; target every agent ≤ 80 MB, mesh ≤ 1,024 MB)`);
  say(`end to end, ${e2eMulti.assets} pairs from a data dir: backtest --datadir on ${e2eMulti.assets} × ${BARS.toLocaleString('en-US')} one-minute bars in ${e2eMulti.seconds} s (median of ${e2eMulti.runs_seconds.join(', ')} s; ${e2eMulti.asset_bars_per_second.toLocaleString('en-US')} asset-bars/s), peak RSS ${e2eMulti.peak_rss_mb} MB (target ≥ 1,000,000 bars/s across the ${e2eMulti.assets}, < 300 MB)`);
  say(`end to end: backtest --data on a ${BARS.toLocaleString('en-US')}-bar daily CSV in ${e2e.seconds} s (median of ${e2e.runs_seconds.join(', ')} s; ${e2e.bars_per_second.toLocaleString('en-US')} bars/s), peak RSS ${e2e.peak_rss_mb} MB (target ≥ 2,000,000 bars/s, ≤ 250 MB); its floor on this machine (reading the CSV and printing as much, nothing else) ${e2eFloor.seconds} s (median of ${e2eFloor.runs_seconds.join(', ')} s)`);
}
