/**
 * A small multi-asset `backtest --datadir` run with fees, its figures fixed: three pairs of hourly
 * bars (one with gaps, so the union grid carries closes forward), target sizing with the risk layer
 * and the risk-layer-free comparison, 10 bps. The headline figures are pinned to what the engine
 * gave before its memory work (prices held as scaled units, fills as columns); the money is checked
 * independently here: each fill's notional and fee in whole cents, and the final equity replayed
 * from the fills in integer cents and marked at the files' last closes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BacktestFillJson } from '../../src/backtest/run.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const PAIRS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'] as const;
const HOURS = 2_400;
const FROM = Date.UTC(2024, 0, 1);

/** A seeded walk as freqtrade-layout CSV rows (4 decimals, as exchanges print them); bars in `skip` left out. */
function walk(seed: number, skip: (i: number) => boolean): { csv: string; close: Map<number, number> } {
  const lines = ['date,open,high,low,close,volume'];
  const close = new Map<number, number>();
  let p = 100;
  let x = seed;
  for (let i = 0; i < HOURS; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    const o = p;
    p = Math.max(1, p * (1 + (x / 2_147_483_648 - 0.5) * 0.01));
    if (skip(i)) continue;
    const c = Number(p.toFixed(4));
    close.set(FROM + i * 3_600_000, c);
    lines.push(`${FROM + i * 3_600_000},${o.toFixed(4)},${(Math.max(o, p) * 1.001).toFixed(4)},${(Math.min(o, p) * 0.999).toFixed(4)},${c.toFixed(4)},1000`);
  }
  return { csv: `${lines.join('\n')}\n`, close };
}

function dataDir(): { dir: string; closes: Map<number, number>[] } {
  const dir = mkdtempSync(join(tmpdir(), 'neolight-multi-figures-'));
  mkdirSync(join(dir, 'binance'));
  const closes = PAIRS.map((pair, k) => {
    const w = walk(42 + k * 7919, (i) => k === 2 && i % 17 === 5);
    writeFileSync(join(dir, 'binance', `${pair.replace('/', '_')}-1h.csv`), w.csv);
    return w.close;
  });
  return { dir, closes };
}


/** Dollars to whole cents, half up, written here rather than imported. */
const cents = (usd: number): number => Math.floor(usd * 100 + 0.5 + 1e-9);

describe('multi-asset backtest figures', () => {
  const { dir, closes } = dataDir();
  const r = spawnSync(process.execPath, [cli, 'backtest', '--datadir', dir, '--symbols', PAIRS.join(','), '--timeframe', '1h', '--strategy', 'sma-cross', '--fees', '10', '--cash', '10000', '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const doc = JSON.parse(r.stdout || '{}') as Record<string, unknown> & { fills: BacktestFillJson[]; without_risk_layer: Record<string, unknown>; window: { bars: number } };

  it('gives the figures it gave before the memory work', () => {
    expect(r.status, r.stderr).toBe(0);
    const pick = (o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, o[k]]));
    const keys = ['final_equity', 'trades', 'fees', 'turnover', 'total_return', 'sharpe', 'max_drawdown', 'skipped_orders', 'win_rate', 'profit_factor', 'exposure_time', 'closed_trades'] as const;
    expect(doc.window.bars).toBe(PINNED.bars);
    expect(pick(doc, keys)).toEqual(PINNED.run);
    expect(pick(doc.without_risk_layer, keys)).toEqual(PINNED.without);
  });

  it('settles every fill in whole cents at 10 bps, and its final equity is the fills replayed in cents', () => {
    expect(doc.fills.length).toBeGreaterThan(20);
    let cashCents = 10_000 * 100;
    let feesCents = 0;
    const held = new Map<string, number>();
    for (const f of doc.fills) {
      const notionalCents = cents(f.qty * f.price);
      expect(Math.round(f.notional * 100)).toBe(notionalCents);
      const feeCents = Math.floor((notionalCents * 10) / 10_000 + 0.5);
      expect(Math.round(f.fee * 100)).toBe(feeCents);
      feesCents += feeCents;
      cashCents += f.side === 'buy' ? -notionalCents - feeCents : notionalCents - feeCents;
      held.set(f.symbol, (held.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
    }
    expect(cashCents).toBeGreaterThanOrEqual(0);
    expect(Math.round((doc.fees as number) * 100)).toBe(feesCents);
    // Marked at each pair's last close at or before the grid's last bar (the gapped pair carries its close).
    const last = Math.max(...closes.map((c) => Math.max(...c.keys())));
    let equity = cashCents / 100;
    PAIRS.forEach((pair, j) => {
      const t = Math.max(...[...closes[j]!.keys()].filter((k) => k <= last));
      equity += (held.get(pair) ?? 0) * closes[j]!.get(t)!;
    });
    expect(doc.final_equity).toBe(Math.round(equity * 100) / 100);
  });
});

/** Figures of this run as the engine gave them before fills became columns and prices scaled units. */
const PINNED = {
  bars: 2400,
  run: {
    final_equity: 9069.05, trades: 213, fees: 537.46, turnover: 55.63958374125602, total_return: -0.09309482306399963, sharpe: -3.920268765190922, max_drawdown: 0.10769876616386764,
    skipped_orders: { VAR_HISTORY_MISSING: 119, EXPOSURE_CAP_EXCEEDED: 8 }, win_rate: 0.24299065420560748, profit_factor: 0.5186495786985041, exposure_time: 0.6183333333333333, closed_trades: 107,
  },
  without: {
    final_equity: 8277.78, trades: 283, fees: 847.66, turnover: 93.88113694860002, total_return: -0.1722216073456001, sharpe: -5.327740880861938, max_drawdown: 0.1776232417297997,
    skipped_orders: { EXPOSURE_CAP_EXCEEDED: 1 }, win_rate: 0.22695035460992907, profit_factor: 0.4431974545582845, exposure_time: 0.7791666666666667, closed_trades: 141,
  },
};
