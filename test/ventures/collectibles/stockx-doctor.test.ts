/**
 * `neolight doctor` says which marketplace each commerce venture trades on: the StockX line appears
 * with paper mode and both credentials (secrets never printed), the simulator otherwise, and a
 * StockX mapping to a reference StockX does not sell is a failed check naming the key.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src/config/settings.js';
import { DIST, ROOT, tempHome } from '../../foundation/helpers.js';

const names = new Set<string>(SETTINGS.map((s) => s.env));
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [join(DIST, 'cli', 'main.js'), ...args], { cwd: ROOT, env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !names.has(k))), ...env }, encoding: 'utf8' });
const KEYS = { STOCKX_API_KEY: 'stockx-key-secret', STOCKX_ACCESS_TOKEN: 'stockx-token-secret' };

describe('doctor: venture marketplaces', () => {
  it('shows StockX listings in paper mode with both credentials, the simulator otherwise, and never the secrets', () => {
    const home = tempHome('nl-stockx-doctor-');
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ ventures: { collectibles_agent: { stockx_variants: { 'sneaker:jordan-1-high-og-lost-and-found:10': '98e2e748-8000-45bf-a624-5531d6a68318' } } } }));
    const paper = run(['doctor'], { NEOLIGHT_HOME: home, NEOLIGHT_MODE: 'paper', ...KEYS });
    expect(paper.status).toBe(0);
    expect(paper.stdout).toMatch(/collectibles_agent\s+stockx\+collectibles-sim\s+listings of 1 mapped reference on StockX \(asks inactive until a person activates them\); purchases, asks and comps SIMULATED/);
    expect(paper.stdout).toMatch(/luxury_agent\s+luxury-sim\s+SIMULATED/);
    for (const v of Object.values(KEYS)) expect(paper.stdout).not.toContain(v);
    const json = JSON.parse(run(['doctor', '--json'], { NEOLIGHT_HOME: home, ...KEYS }).stdout) as { venture_marketplaces: { agent: string; marketplace: string; simulated: boolean }[] };
    expect(json.venture_marketplaces.find((m) => m.agent === 'collectibles_agent')).toMatchObject({ marketplace: 'collectibles-sim', simulated: true });
  });

  it('fails a check naming the key when a StockX mapping names a reference StockX does not sell', () => {
    const home = tempHome('nl-stockx-doctor-');
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ ventures: { collectibles_agent: { stockx_variants: { 'card:pokemon-charizard-ex-199:nm': 'v-1' } } } }));
    const r = run(['doctor', '--json'], { NEOLIGHT_HOME: home, NEOLIGHT_MODE: 'live', ...KEYS });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'collectibles_agent marketplace')).toMatchObject({ ok: false, detail: expect.stringContaining('"card:pokemon-charizard-ex-199:nm" is a tcgplayer reference') as string });
  });
});
