/**
 * AutoPatch: a configuration change that makes an agent crash is rolled back after the third
 * consecutive failure to the last configuration that agent ran clean under; the agent restarts
 * and runs, and the rollback is in /status, in state/config_rollbacks.csv and in state/repairs/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashOf, planRollback, type ConfigVersion } from '../../src/mesh/config-versions.js';
import { freePort } from '../helpers/net.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const homes: string[] = [];
const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
const readJson = (f: string): unknown => {
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    return undefined;
  }
};

describe('planRollback (pure)', () => {
  const v = (n: number, config: unknown): ConfigVersion => ({ version: n, sha256: hashOf(config), saved_at: '2026-01-01T00:00:00.000Z', config });
  const versions = [v(1, { a: 1 }), v(2, { a: 2 })];
  it('rolls back to the last version the agent ran clean under', () => {
    const p = planRollback('lab', versions[1], { lab: 1 }, versions);
    expect(p).toMatchObject({ rollback: true, from: { version: 2 }, to: { version: 1 } });
  });
  it('does not roll back when the agent already ran clean under the current version (not a config problem)', () => {
    expect(planRollback('lab', versions[1], { lab: 2 }, versions).rollback).toBe(false);
  });
  it('does not roll back an agent that never ran clean', () => {
    expect(planRollback('lab', versions[1], { other: 1 }, versions).rollback).toBe(false);
  });
});

describe('AutoPatch in the running guardian', () => {
  it('restores the last clean configuration after three failures, restarts the agent and records it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nl-rollback-'));
    homes.push(home);
    const file = join(home, 'neolight.config.json');
    const good = { strategy_lab: { interval_seconds: 3600 } };
    writeFileSync(file, JSON.stringify(good));
    const port = await freePort();
    const up = spawn(process.execPath, [cli, 'up', '--home', home, '--port', String(port), '--agents', 'strategy_lab', '--time-scale', '600'], { stdio: 'ignore' });
    procs.push(up);
    const versions = join(home, 'runtime', 'config_versions');
    await until('strategy_lab to run clean under v1', () => (readJson(join(versions, 'clean.json')) as Record<string, number> | undefined)?.strategy_lab === 1);

    // A configuration change that makes strategy_lab fail at start (interval must be > 0).
    writeFileSync(file, JSON.stringify({ strategy_lab: { interval_seconds: -1 } }));
    await until('v2 to be recorded', () => existsSync(join(versions, '2.json')));
    const pid = await until('the agent pid', () => (readJson(join(home, 'runtime', 'guardian_children.json')) as { pids?: number[] } | undefined)?.pids?.[0]);
    process.kill(pid, 'SIGKILL'); // failure 1; the restarts under v2 are failures 2 and 3

    const ledger = join(home, 'state', 'config_rollbacks.csv');
    await until('the rollback row', () => existsSync(ledger) && readFileSync(ledger, 'utf8').includes('strategy_lab'), 60_000);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(good);
    const row = readFileSync(ledger, 'utf8').trim().split('\n')[1]!.split(',');
    expect(row.slice(3, 6)).toEqual(['strategy_lab', '2', '1']);
    expect(readdirSync(join(home, 'state', 'repairs')).some((f) => f.includes('strategy_lab') && f.endsWith('-rollback.json'))).toBe(true);

    let agent: { state: string; last_rollback?: { from_version: number; to_version: number } } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(10_000) });
        const doc = (await res.json()) as { guardian: { agents: { name: string; state: string; last_rollback?: { from_version: number; to_version: number } }[] } };
        agent = doc.guardian.agents.find((a) => a.name === 'strategy_lab');
      } catch {
        // a slow answer on a loaded machine: ask again
      }
      if (agent?.state === 'running' && agent.last_rollback) break;
      await sleep(300);
    }
    expect(agent?.state).toBe('running');
    expect(agent?.last_rollback).toMatchObject({ from_version: 2, to_version: 1 });
    up.kill('SIGTERM');
    await new Promise((r) => up.once('exit', r));
  }, 120_000);
});
