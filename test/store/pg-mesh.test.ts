/**
 * Two data directories (two "hosts") share one PostgreSQL store: an agent runs from one, and the
 * other's `neolight status` shows it running with its heartbeat; a second copy of the agent is
 * refused by the advisory lock; and nothing is written to either file store's state/ or runtime/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SETTINGS } from '../../src/config/settings.js';
import { meshAgent } from '../../src/contracts/status.js';
import { freshStoreUrl, PG_ABSENT } from './pg-helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const cli = join(ROOT, 'dist', 'cli', 'main.js');
const AGENT = 'intelligence_orchestrator';
const settingNames = new Set<string>(SETTINGS.map((s) => s.env));
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !settingNames.has(k)));
const storeStatus = z.object({ guardian: z.null(), mesh: z.object({ store: z.string(), agents: z.array(meshAgent) }) });

const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((h) => rmSync(h, { recursive: true, force: true })));
const tempHome = (): string => {
  const h = mkdtempSync(join(tmpdir(), 'nl-pgmesh-'));
  homes.push(h);
  return h;
};
/** Files under state/ and runtime/ of a data directory. */
const stateFiles = (home: string): string[] =>
  ['state', 'runtime'].flatMap((d) => (existsSync(join(home, d)) ? readdirSync(join(home, d), { recursive: true, encoding: 'utf8' }).map((f) => `${d}/${f}`) : []));

describe.skipIf(PG_ABSENT !== undefined)('a mesh across two data directories on one PostgreSQL store', () => {
  it("one runs an agent, the other's status shows it; a second copy is refused; no state files are written", async () => {
    const url = freshStoreUrl();
    const env = { ...baseEnv, NEOLIGHT_STORE: url, NEOLIGHT_TIME_SCALE: '600' };
    const hostA = tempHome();
    const hostB = tempHome();
    const status = () => {
      const r = spawnSync(process.execPath, [cli, 'status', '--home', hostB, '--json'], { env, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return storeStatus.parse(JSON.parse(r.stdout)).mesh;
    };
    const agentOf = (mesh: ReturnType<typeof status>) => mesh.agents.find((a) => a.name === AGENT)!;

    expect(agentOf(status())).toMatchObject({ running: false, ticks: 0 });
    const child = spawn(process.execPath, [cli, 'agent', AGENT, '--home', hostA], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let childErr = '';
    child.stderr.on('data', (d: Buffer) => (childErr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 30_000;
      let seen = agentOf(status());
      while (!(seen.running && seen.ticks >= 1)) {
        if (Date.now() > deadline) throw new Error(`the agent never showed up in the other host's status: ${JSON.stringify(seen)}; agent stderr: ${childErr}`);
        await new Promise((r) => setTimeout(r, 300));
        seen = agentOf(status());
      }
      expect(seen.pid).toBe(child.pid);
      expect(seen.owner).toContain(`pid ${child.pid}`);
      expect(status().store).toContain('schema=nl_test_');

      const second = spawnSync(process.execPath, [cli, 'agent', AGENT, '--home', hostB, '--once'], { env, encoding: 'utf8' });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`agent ${AGENT} already runs (neolight`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const after = agentOf(status());
    expect(after.running).toBe(false);
    expect(after.ticks).toBeGreaterThanOrEqual(1);
    // The store holds the state: the data directories hold logs only.
    expect(stateFiles(hostA)).toEqual([]);
    expect(stateFiles(hostB)).toEqual([]);
  });
});
