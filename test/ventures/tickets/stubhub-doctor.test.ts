/**
 * `neolight doctor` says where the ticket agent sells: the StubHub line (mapped events, listings
 * unpublished, purchases SIMULATED) with paper mode and both StubHub credentials — the secret never
 * printed, in text or --json — and the simulator otherwise.
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
const KEYS = { STUBHUB_CLIENT_ID: 'stubhub-client-id', STUBHUB_CLIENT_SECRET: 'stubhub-secret-value-xyz' };

describe('doctor: ticket marketplace', () => {
  it('shows StubHub listings in paper mode with both credentials, the simulator otherwise, and never the secret', () => {
    const home = tempHome('nl-stubhub-doctor-');
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ ventures: { ticket_arbitrage: { stubhub_events: { 'sim-e-62104': { event_id: 103949, section: '101' } } } } }));
    const paper = run(['doctor'], { NEOLIGHT_HOME: home, NEOLIGHT_MODE: 'paper', ...KEYS });
    expect(paper.status).toBe(0);
    expect(paper.stdout).toMatch(/ticket_arbitrage\s+stubhub\+tickets-sim\s+lots of 1 mapped event \(sim-e-62104\) listed on StubHub \(unpublished until a person publishes them\); lots of other events list on the simulator, SIMULATED; purchases SIMULATED/);
    expect(paper.stdout).not.toContain(KEYS.STUBHUB_CLIENT_SECRET);
    const json = run(['doctor', '--json'], { NEOLIGHT_HOME: home, NEOLIGHT_MODE: 'paper', ...KEYS });
    expect(json.stdout).not.toContain(KEYS.STUBHUB_CLIENT_SECRET);
    const report = JSON.parse(json.stdout) as { venture_marketplaces: { agent: string; marketplace: string; simulated: boolean }[] };
    expect(report.venture_marketplaces.find((m) => m.agent === 'ticket_arbitrage')).toMatchObject({ marketplace: 'stubhub+tickets-sim', simulated: true });
    const sim = JSON.parse(run(['doctor', '--json'], { NEOLIGHT_HOME: home, ...KEYS }).stdout) as typeof report;
    expect(sim.venture_marketplaces.find((m) => m.agent === 'ticket_arbitrage')).toMatchObject({ marketplace: 'tickets-sim', simulated: true });
  });
});
