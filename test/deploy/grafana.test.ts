/**
 * deploy/grafana/neolight-dashboard.json: typed as @grafana/schema's Dashboard (a misspelt or
 * mistyped field fails), with the panels the issue asks for, and every query naming only metrics
 * the real /metrics exports and parsing as PromQL (promtool, where installed). Broken copies are
 * rejected.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exportedNames, metricsServer, referencedNames, TOKEN, type MetricsServer } from './exported-metrics.js';
import { typeErrors } from './typed-literals.js';

const FILE = join(resolve(import.meta.dirname, '../..'), 'deploy/grafana/neolight-dashboard.json');
interface Panel {
  title: string;
  type: string;
  gridPos: { w: unknown };
  targets?: { expr: string }[];
  [k: string]: unknown;
}
interface Dashboard {
  panels: Panel[];
}
const load = (): Dashboard => JSON.parse(readFileSync(FILE, 'utf8')) as Dashboard;
const typed = (d: Dashboard): string[] => typeErrors([{ label: 'neolight-dashboard.json', from: '@grafana/schema', type: 'Dashboard', value: d }]);
const queries = (d: Dashboard): string[] => d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

/** Queries naming a metric /metrics does not export, or naming none at all. */
function unknownMetrics(d: Dashboard, exported: ReadonlySet<string>): string[] {
  return queries(d).flatMap((q) => {
    const names = referencedNames(q);
    if (names.length === 0) return [`${q}: names no NeoLight metric`];
    return names.filter((n) => !exported.has(n)).map((n) => `${q}: ${n} is not exported`);
  });
}

/** promtool's verdict on each query, as recording rules; null when promtool is absent. */
function promqlErrors(exprs: readonly string[]): string | null {
  if (spawnSync('promtool', ['--version']).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'neolight-promql-'));
  try {
    writeFileSync(join(dir, 'q.yml'), stringify({ groups: [{ name: 'dashboard', rules: exprs.map((expr, i) => ({ record: `dashboard:q${i}`, expr })) }] }));
    const r = spawnSync('promtool', ['check', 'rules', 'q.yml'], { cwd: dir, encoding: 'utf8' });
    return r.status === 0 ? '' : `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('deploy/grafana/neolight-dashboard.json', { timeout: 300_000 }, () => {
  let server: MetricsServer;
  let exported: Set<string>;
  beforeAll(async () => {
    server = await metricsServer();
    exported = exportedNames((await server.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body);
  }, 180_000);
  afterAll(async () => server.close());

  it('is a @grafana/schema Dashboard with agents, equity, drawdown, revenue by agent and tick latency', () => {
    const d = load();
    expect(typed(d)).toEqual([]);
    const titles = d.panels.map((p) => p.title);
    for (const t of ['Agent up', 'Equity', 'Drawdown', 'Revenue by agent', 'Tick latency']) expect(titles).toContain(t);
  });

  it('queries only metrics the real /metrics exports, in valid PromQL', () => {
    const d = load();
    expect(queries(d).length).toBeGreaterThanOrEqual(15);
    expect(unknownMetrics(d, exported)).toEqual([]);
    const promql = promqlErrors(queries(d));
    if (promql === null) console.warn('SKIPPED the PromQL syntax check: promtool is not installed');
    else expect(promql).toBe('');
  });

  it('rejects broken copies: a misspelt field, a mistyped field, an unexported metric, bad PromQL', () => {
    const misspelt = load();
    misspelt.panels[1]!.gridPoss = misspelt.panels[1]!.gridPos;
    expect(typed(misspelt).join('\n')).toMatch(/gridPoss/);
    const mistyped = load();
    mistyped.panels[1]!.gridPos.w = 'twelve';
    expect(typed(mistyped).join('\n')).toMatch(/string/);
    const unexported = load();
    unexported.panels.find((p) => p.title === 'Equity')!.targets![0]!.expr = 'neolight_equity_dollars';
    expect(unknownMetrics(unexported, exported)).toEqual(['neolight_equity_dollars: neolight_equity_dollars is not exported']);
    const bad = promqlErrors(['rate(neolight_agent_ticks_total[5m]']);
    if (bad !== null) expect(bad).not.toBe('');
  });
});
