/**
 * Mesh parity: one seed through the real mesh and through the backtest engine gives the same fills.
 *
 * `neolight up --agents smart_trader` runs as a child process on a temp data dir with a scaled
 * clock (30 market hours every 125 ms, until the agent has ticked 60 times), so the SmartTrader is
 * a supervised process ticking on the guardian's mesh clock. Afterwards the engine runs over exactly the market times the agent ticked
 * at (its equity points in state/performance_metrics.csv), with the simulator's quotes at those
 * times, the same trader config, allocations and risk_scaler, and the VaR returns the agent fetches.
 * The ticks fall on distinct UTC days, so the engine's once-a-day drift check and the agent's
 * every-tick rebalance are the same schedule.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEngine } from '../../src/backtest/engine.js';
import { utcDay } from '../../src/core/clock.js';
import { allocationsOverride, atlasBrain, drawdownGuard, performanceMetrics, pnlHistory, riskGovernor } from '../../src/contracts/index.js';
import type { BarStrategy } from '../../src/intelligence/strategy-lab/strategies.js';
import { instrument } from '../../src/market/instruments.js';
import { simulatedMarket, simulatedQuote } from '../../src/market/simulator.js';
import { dailyReturns } from '../../src/risk/returns-history.js';
import { openFileStore } from '../../src/store/file-store.js';
import { traderSchema } from '../../src/config/trader.js';
import { freePort } from '../helpers/net.js';
import { freshRiskDocs, STILL_FRESH_CONFIG } from '../helpers/risk-docs.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));

const SEED = 7;
const CASH = 10_000;
/** Crypto trades around the clock, the ETFs only in NYSE hours: drift, closed markets and reopenings. */
const ALLOCATIONS = { 'BTC-USD': 0.15, 'ETH-USD': 0.1, GLD: 0.2, QQQ: 0.15, SLV: 0.15, SPY: 0.25 };
/**
 * A tick every 30 market hours: consecutive ticks always land on different UTC days even if a timer
 * fires a few real milliseconds early. A 0.5 % drift threshold makes the book rebalance often.
 */
const TRADER = { interval_seconds: 108_000, drift_threshold: 0.005 };
/** The portfolio-level trigger (total drift), low for the same reason. */
const REBALANCE_THRESHOLD = 0.01;
/** Market ms per real ms: 30 market hours every 125 real ms (an integer, so tick times are whole ms). */
const SCALE = (TRADER.interval_seconds * 1000) / 125;
/** Ticks to wait for: counted, not timed, so a loaded machine only makes the test slower. */
const TICKS = 60;
const DURATION_S = 60;

/** `neolight up` until the agent has ticked TICKS times (then SIGTERM); resolves with its exit code and output. */
function runMesh(home: string, port: number, ticked: () => number): Promise<{ code: number | null; output: string }> {
  // Only the settings this test means: a developer's NEOLIGHT_* (config file, mode, ...) stays out.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEOLIGHT_')));
  const args = [cli, 'up', '--home', home, '--port', String(port), '--agents', 'smart_trader', '--time-scale', String(SCALE), '--duration', String(DURATION_S)];
  const p = spawn(process.execPath, args, {
    env: { ...env, NEOLIGHT_SEED: String(SEED), NEOLIGHT_STARTING_EQUITY: String(CASH) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  p.stdout.on('data', (d: Buffer) => (output += d.toString()));
  p.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const kill = setTimeout(() => p.kill('SIGKILL'), (DURATION_S + 20) * 1000);
  const poll = setInterval(() => {
    if (ticked() >= TICKS) {
      clearInterval(poll);
      p.kill('SIGTERM');
    }
  }, 100);
  return new Promise((ok) =>
    p.once('exit', (code) => {
      clearTimeout(kill);
      clearInterval(poll);
      ok({ code, output });
    }),
  );
}

/** What the SmartTrader fetches at `now` for its VaR check: the same function on the same simulated market. */
async function varReturns(seed: number, symbols: readonly string[], now: number): Promise<Record<string, number[]>> {
  return (await dailyReturns(simulatedMarket(seed), symbols, now)) ?? {};
}

describe('mesh parity', () => {
  it('makes the same fills in the running mesh (scaled clock) as the backtest engine over the same ticks', async () => {
    const home = mkdtempSync(join(tmpdir(), 'neolight-mesh-parity-'));
    homes.push(home);
    // No scheduled orchestrator run: it would rewrite atlas_brain.json's risk_scaler mid-run.
    // Risk fails closed: the trader runs alone, so the test gives it clear risk documents that stay fresh.
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ trader: TRADER, risk: { rebalance_threshold: REBALANCE_THRESHOLD, ...STILL_FRESH_CONFIG }, schedules: [] }));
    const store = openFileStore(home);
    freshRiskDocs(store, Date.now());
    const riskDocs = { governor: store.get(riskGovernor), drawdown: store.get(drawdownGuard) };
    const at = new Date().toISOString();
    store.write(allocationsOverride, { allocations: ALLOCATIONS, updated_at: at });
    store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: at });

    const run = await runMesh(home, await freePort(), () => store.ledger(performanceMetrics).readAll().length);
    expect(run.code, run.output).toBe(0);

    // Nothing else wrote what the agent reads: the brain and the clear risk documents as written.
    expect(store.get(atlasBrain)?.risk_scaler).toBe(1);
    expect(store.get(allocationsOverride)?.allocations).toEqual(ALLOCATIONS);
    expect({ governor: store.get(riskGovernor), drawdown: store.get(drawdownGuard) }).toEqual(riskDocs);

    const ticks = store.ledger(performanceMetrics).readAll().map((r) => Date.parse(r.ts));
    expect(ticks.length).toBeGreaterThanOrEqual(TICKS);
    expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    // One tick per UTC day at most, in order: the engine's daily drift check sees every tick.
    expect(new Set(ticks.map(utcDay)).size).toBe(ticks.length);
    expect(ticks.every((t, i) => i === 0 || t > ticks[i - 1]!)).toBe(true);
    // Crypto pays 60 bp: fees > 0, compared to the cent.
    const mesh = store.ledger(pnlHistory).readAll().map((f) => ({ ts: Date.parse(f.ts), symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee_cents: Math.round(f.fee * 100) }));
    // A fill without its tick's equity point would mean a tick was cut short.
    expect(mesh.every((f) => ticks.includes(f.ts))).toBe(true);

    const symbols = Object.keys(ALLOCATIONS).sort();
    const ts = Float64Array.from(ticks);
    const mid = (s: string, t: number): number => {
      const q = simulatedQuote(SEED, s, t);
      return (q.bid + q.ask) / 2;
    };
    const mids = symbols.map((s) => Float64Array.from(ticks, (t) => mid(s, t)));
    const returnsAt = await Promise.all(ticks.map((t) => varReturns(SEED, symbols, t)));
    // The allocations document as a strategy: hold these weights from the first bar.
    let first = true;
    const fixed: BarStrategy = { name: 'fixed', weights: new Float64Array(symbols.map((s) => ALLOCATIONS[s as keyof typeof ALLOCATIONS])), onBar: () => (first ? ((first = false), true) : false) };
    const cfg = traderSchema.parse(TRADER);
    const engine = runEngine(
      { symbols, ts, open: mids, close: mids },
      {
        strategy: fixed,
        fill: 'close',
        size: 'target',
        cash: CASH,
        costs: { slippageBps: cfg.slippage_bps, slippageBpsPer100k: cfg.slippage_bps_per_100k },
        cfg,
        instrument,
        riskScaler: 1,
        rebalanceThreshold: REBALANCE_THRESHOLD,
        drawdownGuard: false,
        quote: (j, i) => simulatedQuote(SEED, symbols[j]!, ticks[i]!),
        returnsAt: (i) => returnsAt[i],
      },
    );
    const bt = engine.fills.map((f) => ({ ts: f.ts, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee_cents: f.feeCents }));
    expect(bt.some((f) => f.fee_cents > 0)).toBe(true);

    // Non-trivial: the first buys, then rebalances on several later ticks.
    expect(bt.length).toBeGreaterThanOrEqual(10);
    expect(new Set(bt.map((f) => f.ts)).size).toBeGreaterThanOrEqual(5);
    expect(mesh).toEqual(bt);
  });
});
