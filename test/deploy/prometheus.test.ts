/**
 * deploy/prometheus: the config passes `promtool check config`, the alert rules pass `promtool
 * check rules` and their unit tests (`promtool test rules`), every NeoLight metric a rule names is
 * one the real /metrics exports, and a real Prometheus with this scrape config scrapes a real API
 * server that requires the token: up with the config's bearer token, 401 without it. Broken
 * copies (a syntax error, a changed `for`, a misspelt metric, no authorization) are rejected.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { freePort } from '../helpers/net.js';
import { exportedNames, metricsServer, referencedNames, TOKEN, type MetricsServer } from './exported-metrics.js';

const PROM = join(resolve(import.meta.dirname, '../..'), 'deploy/prometheus');
const missing = spawnSync('promtool', ['--version']).status === 0 ? null : 'promtool is not installed (apt-get install prometheus; .ci/run installs it)';
if (missing) console.warn(`SKIPPED Prometheus checks: ${missing}`);

/** A copy of deploy/prometheus with the scrape token file the config reads; `edit` changes files first. */
function copy(edit: (dir: string) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'neolight-prom-'));
  cpSync(PROM, dir, { recursive: true });
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'secrets', 'NEOLIGHT_API_TOKEN'), TOKEN);
  edit(dir);
  return dir;
}
const promtool = (dir: string, ...args: string[]): { ok: boolean; out: string } => {
  const r = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
};
const editFile = (dir: string, file: string, from: string | RegExp, to: string): void => {
  const text = readFileSync(join(dir, file), 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`broken copy: ${String(from)} not found in ${file}`);
  writeFileSync(join(dir, file), next);
};

describe.skipIf(missing !== null)('deploy/prometheus', () => {
  const dirs: string[] = [];
  const tmp = (edit?: (dir: string) => void): string => {
    const d = copy(edit);
    dirs.push(d);
    return d;
  };
  let server: MetricsServer;
  let exported: Set<string>;
  beforeAll(async () => {
    server = await metricsServer();
    const r = await server.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.statusCode).toBe(200);
    exported = exportedNames(r.body);
  }, 180_000);
  afterAll(async () => {
    await server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('passes promtool check config, check rules and test rules', () => {
    const dir = tmp();
    for (const args of [['check', 'config', 'prometheus.yml'], ['check', 'rules', 'rules/neolight.rules.yml'], ['test', 'rules', 'tests/neolight.test.yml']]) {
      const r = promtool(dir, ...args);
      expect(r.ok, r.out).toBe(true);
    }
  });

  it('alerts on agent down, restarts, drawdown tier, halt and stale data, each on metrics /metrics exports', () => {
    const rules = parse(readFileSync(join(PROM, 'rules/neolight.rules.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.map((r) => r.alert)).toEqual(expect.arrayContaining(['NeoLightAgentDown', 'NeoLightAgentRestartsRising', 'NeoLightDrawdownTier', 'NeoLightTradingHalted', 'NeoLightRiskDataStale']));
    const named = all.flatMap((r) => referencedNames(r.expr));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !exported.has(n))).toEqual([]);
    expect(exported.has('neolight_agent_upp')).toBe(false);
    expect(referencedNames('neolight_agent_upp == 0').filter((n) => !exported.has(n))).toEqual(['neolight_agent_upp']);
  });

  it('rejects broken copies: a PromQL syntax error, a changed `for`, a config without the token file', () => {
    const syntax = tmp((d) => editFile(d, 'rules/neolight.rules.yml', 'expr: neolight_agent_up == 0', 'expr: neolight_agent_up == == 0'));
    expect(promtool(syntax, 'check', 'rules', 'rules/neolight.rules.yml').ok).toBe(false);
    const slower = tmp((d) => editFile(d, 'rules/neolight.rules.yml', /(expr: neolight_agent_up == 0\n\s+for: )5m/, '$115m'));
    expect(promtool(slower, 'check', 'rules', 'rules/neolight.rules.yml').ok).toBe(true);
    expect(promtool(slower, 'test', 'rules', 'tests/neolight.test.yml').ok).toBe(false);
    const noToken = tmp((d) => rmSync(join(d, 'secrets'), { recursive: true }));
    expect(promtool(noToken, 'check', 'config', 'prometheus.yml').out).toMatch(/NEOLIGHT_API_TOKEN/);
  });

  describe('a real Prometheus scraping a real API server', () => {
    let prom: ChildProcess | undefined;
    afterAll(() => {
      if (prom?.exitCode === null) prom.kill('SIGKILL');
    });

    it('is up with the configured bearer token and gets 401 without it', async () => {
      const port = await freePort();
      await server.app.listen({ host: '127.0.0.1', port });
      const dir = tmp((d) => {
        const config = parse(readFileSync(join(d, 'prometheus.yml'), 'utf8')) as { global: Record<string, string>; scrape_configs: Record<string, unknown>[] };
        config.global.scrape_interval = '1s';
        const job = config.scrape_configs[0]!;
        job.static_configs = [{ targets: [`127.0.0.1:${port}`] }];
        const withoutToken: Record<string, unknown> = { ...structuredClone(job), job_name: 'neolight-without-token' };
        delete withoutToken.authorization;
        config.scrape_configs.push(withoutToken);
        writeFileSync(join(d, 'prometheus.yml'), stringify(config));
      });
      const web = await freePort();
      prom = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${web}`], { stdio: 'ignore' });
      type Target = { labels: { job: string }; health: string; lastError: string };
      let targets: Target[] = [];
      // Generous: on a loaded machine Prometheus takes a while to start and make its first scrapes.
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        try {
          const r = (await (await fetch(`http://127.0.0.1:${web}/api/v1/targets`)).json()) as { data: { activeTargets: Target[] } };
          targets = r.data.activeTargets;
          // A slow first scrape can time out on a loaded machine: wait for the verdicts that count.
          const job = (name: string): Target | undefined => targets.find((t) => t.labels.job === name);
          if (job('neolight')?.health === 'up' && /401/.test(job('neolight-without-token')?.lastError ?? '')) break;
        } catch {
          // Prometheus still starting
        }
      }
      const byJob = Object.fromEntries(targets.map((t) => [t.labels.job, t]));
      expect(byJob.neolight?.health, JSON.stringify(targets)).toBe('up');
      expect(byJob['neolight-without-token']?.health).toBe('down');
      expect(byJob['neolight-without-token']?.lastError).toMatch(/401/);
    }, 180_000);
  });
});
