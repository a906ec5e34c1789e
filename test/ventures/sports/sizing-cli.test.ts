/** `neolight sports sizing` through the built CLI: JSON and text carry the same figures, the evaluation is saved, bad flags exit 2 naming the flag. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../../dist/cli/main.js');
const home = mkdtempSync(join(tmpdir(), 'nl-sizing-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'sports', 'sizing', '--home', home, ...args], { encoding: 'utf8', env: { ...process.env, NEOLIGHT_STORE: '' } });
const quick = ['--data', 'nfl', '--train-seasons', '2005-2006', '--test-seasons', '2007-2008', '--iterations', '2', '--population', '4', '--seed', '3'];

interface Fig { bets: number; staked: number; profit: number; commission: number; yield: number | null; log_growth: number; max_drawdown: number }

describe('neolight sports sizing', () => {
  it('--json prints the saved evaluation: both policies out of sample, seed and seasons; the text shows the same figures', () => {
    const r = run(...quick, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { seed: number; train_seasons: number[]; test_seasons: number[]; simulated: boolean; saved_to: string; elapsed_ms: number; test: { kelly: Fig; learned: Fig }; comparison: { log_growth_difference: number; learned_beats_kelly: boolean; margin: number }; policy: { params: number[] }; limits: { kelly_fraction: number } };
    expect([doc.seed, doc.train_seasons, doc.test_seasons, doc.simulated, doc.limits.kelly_fraction]).toEqual([3, [2005, 2006], [2007, 2008], true, 0.25]);
    expect(doc.test.kelly.bets).toBeGreaterThan(0);
    expect(doc.test.kelly.commission).toBeGreaterThan(0);
    expect(doc.comparison.log_growth_difference).toBeCloseTo(doc.test.learned.log_growth - doc.test.kelly.log_growth, 12);
    expect(doc.comparison.learned_beats_kelly).toBe(doc.comparison.log_growth_difference >= doc.comparison.margin);
    const { saved_to: savedTo, elapsed_ms: _ms, ...figures } = doc;
    expect(savedTo).toBe('state/sports_models/sizing.json');
    expect(JSON.parse(readFileSync(join(home, savedTo), 'utf8'))).toEqual(figures);

    const text = run(...quick);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('SIMULATED');
    expect(text.stdout).toContain('seed 3');
    for (const f of [doc.test.kelly, doc.test.learned]) {
      expect(text.stdout).toContain(`$${f.staked.toFixed(2)}`);
      expect(text.stdout).toContain(`$${f.profit.toFixed(2)}`);
      expect(text.stdout).toContain(f.log_growth.toFixed(4));
    }
    expect(text.stdout).toContain(doc.policy.params.map((p) => p.toFixed(3))[0] as string);
    expect(text.stdout).toMatch(doc.comparison.learned_beats_kelly ? /learned policy BEAT/ : /learned policy did NOT beat/);
    // Same seed, same policy.
    expect(JSON.parse(readFileSync(join(home, savedTo), 'utf8')).policy).toEqual(doc.policy);
  }, 300_000);

  it('exits 2 naming the flag, the value and what is accepted; has --help', () => {
    const cases: [string[], RegExp][] = [
      [['--train-seasons', '2010'], /--train-seasons "2010" is not accepted: expected FROM-TO/],
      [['--data', 'nba'], /--data "nba" is not accepted: expected nfl or football/],
      [['--data', 'nfl', '--test-seasons', '2003-2004'], /--test-seasons "2003-2004" is not accepted: expected FROM-TO after the training seasons \(2009\)/],
      [['--data', 'nfl', '--train-seasons', '1920-1930'], /--train-seasons "1920-1930" is not accepted/],
      [['--seed', '-4'], /--seed "-4" is not accepted/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const flag of ['--data', '--train-seasons', '--test-seasons', '--seed', '--margin', '--json']) expect(help.stdout).toContain(flag);
  }, 300_000);
});
