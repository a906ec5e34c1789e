/** `neolight cash`: deposits and withdrawals are idempotent ledger rows the SmartTrader applies on its next start. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SETTINGS } from '../../src/config/settings.js';
import { openFileStore } from '../../src/store/file-store.js';
import { loadTraderState } from '../../src/trading/book-store.js';
import { DIST, ROOT, tempHome } from './helpers.js';

const cli = join(DIST, 'cli', 'main.js');
const settingNames = new Set<string>(SETTINGS.map((s) => s.env));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !settingNames.has(k)));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'cash', ...args], { cwd: ROOT, env, encoding: 'utf8' });
const result = z.object({ kind: z.string(), amount_cents: z.number(), key: z.string(), written: z.boolean(), seq: z.number().nullable(), cash_cents: z.number() });

describe('neolight cash', () => {
  it('deposits once per key, withdraws within the cash, and the trader applies both on start', () => {
    const home = tempHome();
    loadTraderState(openFileStore(home), 'smart_trader', Date.parse('2025-03-04T15:00:00Z'), 1_000, 'sim'); // opens the book with $1,000.00
    const dep = result.parse(JSON.parse(run('deposit', '250.05', '--home', home, '--key', 'wire-1', '--json').stdout));
    expect(dep).toMatchObject({ written: true, amount_cents: 250_05, cash_cents: 1_250_05 });
    const again = result.parse(JSON.parse(run('deposit', '250.05', '--home', home, '--key', 'wire-1', '--json').stdout));
    expect(again).toMatchObject({ written: false, cash_cents: 1_250_05 });
    const tooMuch = run('withdraw', '5000', '--home', home);
    expect(tooMuch.status).toBe(2);
    expect(tooMuch.stderr).toContain('the book holds $1250.05 in cash');
    expect(run('withdraw', '0.05', '--home', home).status).toBe(0);
    const loaded = loadTraderState(openFileStore(home), 'smart_trader', Date.parse('2025-03-04T15:00:00Z'), 1_000, 'sim');
    expect(loaded.state.cash_cents).toBe(1_000_00 + 250_05 - 5);
    const list = JSON.parse(run('list', '--home', home, '--json').stdout) as { movements: { kind: string }[]; cash_cents: number };
    expect(list.movements.map((m) => m.kind)).toEqual(['opening', 'deposit', 'withdrawal']);
    expect(list.cash_cents).toBe(1_250_00);
  });

  it.each([['1e3'], ['abc'], ['1.234'], ['0']])('refuses AMOUNT %s with exit 2 naming it', (amount) => {
    const r = run('deposit', amount, '--home', tempHome());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`AMOUNT "${amount}" is not accepted`);
  });
});
