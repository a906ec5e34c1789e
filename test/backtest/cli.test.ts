import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'neolight-bt-'));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'backtest', ...args], { encoding: 'utf8', timeout: 60_000 });

const KEYS = ['periods', 'total_return', 'annual_return', 'annual_volatility', 'sharpe', 'sortino', 'calmar', 'max_drawdown', 'var_95', 'cvar_95', 'var_99', 'cvar_99', 'gaussian_var_95', 'gaussian_cvar_95', 'gaussian_var_99', 'gaussian_cvar_99', 'final_equity', 'trades', 'fees', 'turnover', 'skipped_orders', 'fills'];

describe('neolight backtest', () => {
  it('prints one JSON document with the tearsheet keys', () => {
    const r = run('--symbols', 'SPY,GLD,BTC-USD', '--strategy', 'inverse-vol', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(KEYS);
    expect(doc.trades).toBeGreaterThan(0);
    // Refused orders by reason code; every count a positive whole number.
    expect(Object.values(doc.skipped_orders as Record<string, number>).every((n) => Number.isInteger(n) && n > 0)).toBe(true);
  });

  it('shows the drawdown guard’s tiers, halt and recovery in the crash scenario, in the output and the report', () => {
    const report = join(dir, 'crash.html');
    const r = run('--scenario', 'crash', '--report', report);
    expect(r.status).toBe(0);
    for (const word of ['tier_1', 'tier_2', 'tier_3', 'halt', 'recovery_entered', 'SIMULATED']) expect(r.stdout).toContain(word);
    // The VaR gate refuses new risk in the crash, and the output says so with the reason code.
    expect(r.stdout).toMatch(/Orders not placed .*VAR_BUDGET_EXCEEDED \d+/);
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('halt: drawdown');
    expect(html).toContain('<svg id="equity"');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('rejects bad flags with exit 2 naming the flag and what is accepted', () => {
    expect(run('--strategy', 'nope').stderr).toMatch(/--strategy "nope".*buy-hold/);
    expect(run('--fill', 'later').status).toBe(2);
    expect(run('--symbols', 'DOGE').stderr).toMatch(/--symbols "DOGE"/);
    expect(run('--from', 'yesterday').stderr).toMatch(/--from "yesterday"/);
    expect(run('--data', join(dir, 'missing.csv')).status).toBe(2);
  });
});
