/**
 * `neolight doctor` says truthfully what the luxury agent trades on: eBay listings (and how its
 * token is kept) in paper mode with eBay credentials and settings, the simulator otherwise, never
 * the secrets; half-set refresh settings or a mapping eBay cannot sell is a failed check naming it.
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
const EBAY = { merchant_location_key: 'nl-vault-1', fulfillment_policy_id: '1', payment_policy_id: '2', return_policy_id: '3', listings: { 'watch:cartier-tank-must-wsta0041': { category_id: '31387', image_urls: ['https://img.example/1.jpg'] } } };
const home = (listings: object = EBAY.listings): string => {
  const h = tempHome('nl-ebay-doctor-');
  writeFileSync(join(h, 'neolight.config.json'), JSON.stringify({ ventures: { luxury_agent: { ebay: { ...EBAY, listings } } } }));
  return h;
};
type Report = { ok: boolean; checks: { name: string; ok: boolean; detail: string }[]; venture_marketplaces: { agent: string; marketplace: string; simulated: boolean; detail: string }[] };

describe('doctor: luxury marketplace', () => {
  it('shows eBay listings in paper mode with a token, the simulator otherwise, and never the secrets', () => {
    const h = home();
    const paper = run(['doctor'], { NEOLIGHT_HOME: h, NEOLIGHT_MODE: 'paper', EBAY_CLIENT_ID: 'app-id', EBAY_CLIENT_SECRET: 'ebay-secret-1', EBAY_REFRESH_TOKEN: 'ebay-refresh-secret' });
    expect(paper.status).toBe(0);
    expect(paper.stdout).toMatch(/luxury_agent\s+ebay\+luxury-sim\s+listings of 1 mapped reference on eBay \(Sell Inventory\/Fulfillment APIs, User token renewed from EBAY_REFRESH_TOKEN\); purchases, asks, comps and authentication SIMULATED/);
    for (const v of ['ebay-secret-1', 'ebay-refresh-secret']) expect(paper.stdout).not.toContain(v);
    const sim = JSON.parse(run(['doctor', '--json'], { NEOLIGHT_HOME: h, EBAY_ACCESS_TOKEN: 'ebay-token-secret' }).stdout) as Report;
    expect(sim.venture_marketplaces.find((m) => m.agent === 'luxury_agent')).toMatchObject({ marketplace: 'luxury-sim', simulated: true, detail: expect.stringContaining('SIMULATED') as string });
  });

  it('fails a check naming what is wrong: half-set refresh settings, a reference eBay does not sell', () => {
    const half = JSON.parse(run(['doctor', '--json'], { NEOLIGHT_HOME: home(), NEOLIGHT_MODE: 'live', EBAY_CLIENT_ID: 'app-id' }).stdout) as Report;
    expect(half.checks.find((c) => c.name === 'luxury_agent marketplace')).toMatchObject({ ok: false, detail: expect.stringContaining('set EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN too') as string });
    const r = run(['doctor', '--json'], { NEOLIGHT_HOME: home({ 'watch:tudor-bb58-m79030n': { category_id: '31387', image_urls: ['https://img.example/1.jpg'] } }), NEOLIGHT_MODE: 'paper', EBAY_ACCESS_TOKEN: 't' });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.find((c) => c.name === 'luxury_agent marketplace')).toMatchObject({ ok: false, detail: expect.stringContaining('"watch:tudor-bb58-m79030n" is a chrono24 reference') as string });
  });
});
