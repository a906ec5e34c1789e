/**
 * Agents sharing a host process: the host's loop (start, stop, exit only when told and idle), and
 * the supervisor driving real host processes through the pool: each agent keeps its own lifecycle
 * and backoff, a failing agent restarts alone in the same process, a killed host restarts each of
 * its agents, a stop that times out kills the host, and nothing is left after a stop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createAgentHost } from '../../src/mesh/agent-host.js';
import { createHostPool } from '../../src/mesh/host-pool.js';
import type { HostReport } from '../../src/mesh/host-protocol.js';
import { createSupervisor, type ChildSpec, type Supervisor } from '../../src/mesh/supervisor.js';
import { isPidAlive } from '../../src/store/lock.js';

const fakeHost = resolve(import.meta.dirname, '../fixtures/mesh/fake-host.mjs');
const dirs: string[] = [];
let sup: Supervisor | undefined;

afterEach(async () => {
  await sup?.stop();
  sup = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const until = async (cond: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the host loop', () => {
  function host(): { h: ReturnType<typeof createAgentHost>; reports: HostReport[]; exits: number[]; warnings: string[]; finish: Map<string, (code: number) => void> } {
    const reports: HostReport[] = [];
    const exits: number[] = [];
    const warnings: string[] = [];
    const finish = new Map<string, (code: number) => void>();
    const h = createAgentHost({
      run: (name, stopSignal) =>
        new Promise<number>((resolve, reject) => {
          if (name === 'broken') reject(new Error('no such module'));
          finish.set(name, resolve);
          void stopSignal.then(() => resolve(0));
        }),
      report: (r) => reports.push(r),
      exit: (code) => exits.push(code),
      warn: (line) => warnings.push(line),
    });
    return { h, reports, exits, warnings, finish };
  }
  const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

  it('reports each start and exit with the agent’s own code, and leaves only when told and idle', async () => {
    const t = host();
    t.h.command({ op: 'start', agent: 'a' });
    t.h.command({ op: 'start', agent: 'b' });
    t.h.command({ op: 'start', agent: 'a' });
    expect(t.warnings[0]).toContain('agent a already runs in this host');
    expect(t.h.running()).toEqual(['a', 'b']);
    t.finish.get('a')!(1);
    await tick();
    t.h.command({ op: 'stop', agent: 'b' });
    await tick();
    expect(t.reports).toEqual([
      { op: 'started', agent: 'a' },
      { op: 'started', agent: 'b' },
      { op: 'exited', agent: 'a', code: 1 },
      { op: 'exited', agent: 'b', code: 0 },
    ]);
    // Idle is not leaving: the guardian may start an agent again (a restart after its backoff).
    expect(t.exits).toEqual([]);
    t.h.command({ op: 'exit' });
    expect(t.exits).toEqual([0]);
  });

  it('waits for running agents before leaving, ends an agent that could not start with code 1, and ignores junk', async () => {
    const t = host();
    t.h.command({ op: 'start', agent: 'broken' });
    t.h.command({ op: 'start', agent: 'c' });
    await tick();
    expect(t.reports).toContainEqual({ op: 'exited', agent: 'broken', code: 1 });
    expect(t.warnings.some((w) => w.includes('agent broken could not start: no such module'))).toBe(true);
    t.h.command({ op: 'exit' });
    expect(t.exits).toEqual([]);
    t.h.command({ op: 'launch', agent: 'x' });
    expect(t.warnings.at(-1)).toContain('does not understand');
    t.h.disconnected();
    await tick();
    expect(t.reports.at(-1)).toEqual({ op: 'exited', agent: 'c', code: 0 });
    expect(t.exits).toEqual([0]);
  });
});

describe('the supervisor with agents in shared hosts', () => {
  function setup(shutdownMs = 2000): { log: string; starts: () => string[][] } {
    const dir = mkdtempSync(join(tmpdir(), 'neolight-hosts-'));
    dirs.push(dir);
    const log = join(dir, 'starts.log');
    const starts = (): string[][] => {
      try {
        return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(' '));
      } catch {
        return [];
      }
    };
    const hosts = createHostPool({
      spawnHost: () => spawn(process.execPath, [fakeHost, log], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }),
      onOutput: () => undefined,
      warn: () => undefined,
    });
    const spec = (id: string, host?: string): ChildSpec => ({ id, start: { command: process.execPath, args: [] }, restart: 'permanent', shutdownMs, log: `${id}.log`, ...(host ? { host } : {}) });
    sup = createSupervisor([spec('steady-1', 'g'), spec('steady-2', 'g'), spec('crashy-1', 'g'), spec('steady-3', 'h')], { log: silentLogger(), delayScale: 20, hosts });
    return { log, starts };
  }
  const agent = (name: string) => sup!.agents().find((a) => a.name === name)!;

  it('runs a group in one process; a failing agent restarts alone there on its own backoff', async () => {
    const { starts } = setup();
    sup!.start();
    await until(() => ['steady-1', 'steady-2', 'steady-3'].every((n) => agent(n).state === 'running'));
    const g = agent('steady-1').pid!;
    expect(agent('steady-2').pid).toBe(g);
    expect(agent('steady-2').host).toBe('g');
    expect(agent('steady-3').pid).not.toBe(g);
    await until(() => agent('crashy-1').restarts >= 2);
    expect(sup!.delays('crashy-1').slice(0, 2)).toEqual([2000, 4000]);
    // Its siblings never stopped, and its restarts ran in the same host process.
    expect(agent('steady-1')).toMatchObject({ pid: g, restarts: 0, state: 'running' });
    // The supervisor counts a restart when it asks the host; the host logs the start when it has
    // made it, a moment later over IPC.
    const crashyStarts = (): string[][] => starts().filter(([, name]) => name === 'crashy-1');
    await until(() => crashyStarts().length >= 3);
    expect(crashyStarts().length).toBeGreaterThanOrEqual(3);
    expect(new Set(crashyStarts().map(([pid]) => Number(pid)))).toEqual(new Set([g]));
  }, 30_000);

  it('restarts every agent of a killed host in a new one, and leaves no process after a stop', async () => {
    setup();
    sup!.start();
    await until(() => ['steady-1', 'steady-2', 'steady-3'].every((n) => agent(n).state === 'running'));
    const g = agent('steady-1').pid!;
    const h = agent('steady-3').pid!;
    process.kill(g, 'SIGKILL');
    await until(() => ['steady-1', 'steady-2'].every((n) => agent(n).restarts === 1 && agent(n).state === 'running'));
    expect(agent('steady-1').last_exit?.signal).toBe('SIGKILL');
    const g2 = agent('steady-1').pid!;
    expect(g2).not.toBe(g);
    expect(agent('steady-2').pid).toBe(g2);
    expect(agent('steady-3')).toMatchObject({ pid: h, restarts: 0 });
    await sup!.stop();
    sup = undefined;
    await until(() => !isPidAlive(g2) && !isPidAlive(h), 5000);
  }, 30_000);

  it('kills the host when an agent in it does not stop within its shutdown time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neolight-hosts-'));
    dirs.push(dir);
    const hosts = createHostPool({ spawnHost: () => spawn(process.execPath, [fakeHost, join(dir, 'starts.log')], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }), onOutput: () => undefined, warn: () => undefined });
    const spec = (id: string): ChildSpec => ({ id, start: { command: process.execPath, args: [] }, restart: 'permanent', shutdownMs: 500, log: `${id}.log`, host: 'k' });
    sup = createSupervisor([spec('stuck-1'), spec('steady-1')], { log: silentLogger(), hosts });
    sup.start();
    await until(() => sup!.agents().every((a) => a.state === 'running'));
    const pid = sup.agents()[0]!.pid!;
    const t0 = Date.now();
    await sup.stop();
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(sup.agents().map((a) => a.state)).toEqual(['stopped', 'stopped']);
    await until(() => !isPidAlive(pid), 3000);
    sup = undefined;
  }, 20_000);
});
