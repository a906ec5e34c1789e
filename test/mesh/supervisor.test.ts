import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { MeshEvent } from '../../src/contracts/status.js';
import { silentLogger } from '../../src/log/logger.js';
import { runRepair } from '../../src/mesh/repair.js';
import { createSupervisor, type ChildSpec, type RepairRequest, type Supervisor } from '../../src/mesh/supervisor.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/mesh');
const homes: string[] = [];
let sup: Supervisor | undefined;

function tempHome(): string {
  const h = mkdtempSync(join(tmpdir(), 'neolight-sup-'));
  homes.push(h);
  return h;
}

function spec(id: string, script: string, home: string): ChildSpec {
  return { id, start: { command: process.execPath, args: [join(fixtures, script), home, id] }, restart: 'permanent', shutdownMs: 2000, log: `${id}.log` };
}

const until = async (cond: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

afterEach(async () => {
  await sup?.stop();
  sup = undefined;
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

describe('supervisor', () => {
  it('restarts a failing agent after 2, 4, 8 s (scaled ×20) and repairs once after the third failure', async () => {
    const home = tempHome();
    const config = loadConfig({ home }, {});
    const repairs: RepairRequest[] = [];
    const bundles: string[] = [];
    const events: { at: number; e: MeshEvent }[] = [];
    sup = createSupervisor([spec('crashy', 'crashy-agent.mjs', home)], {
      log: silentLogger(),
      delayScale: 20,
      onRepair: async (req) => {
        repairs.push(req);
        bundles.push(await runRepair(req, config, silentLogger()));
      },
    });
    sup.subscribe((e) => events.push({ at: Date.now(), e }));
    sup.start();
    await until(() => sup!.delays('crashy').length >= 4);
    expect(sup.delays('crashy').slice(0, 4)).toEqual([2000, 4000, 8000, 16000]);

    // Measured real gaps between each crash and the next start follow the scaled ladder.
    const crashes = events.filter((x) => x.e.type === 'agent' && x.e.to === 'backoff').map((x) => x.at);
    const starts = events.filter((x) => x.e.type === 'agent' && x.e.trigger === 'retry').map((x) => x.at);
    for (const [i, expected] of [100, 200, 400].entries()) {
      const gap = starts[i]! - crashes[i]!;
      expect(gap).toBeGreaterThanOrEqual(expected - 5);
      expect(gap).toBeLessThan(expected + 250);
    }
    await until(() => bundles.length === 1);
    expect(repairs).toHaveLength(1);
    expect(repairs[0]!.failures).toBe(3);
    const bundle = JSON.parse(readFileSync(bundles[0]!, 'utf8')) as { agent: string; error: string; exits: unknown[]; config: Record<string, unknown> };
    expect(bundle.agent).toBe('crashy');
    expect(bundle.error).toContain('boom from the crashy fixture');
    expect(bundle.exits.length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(join(home, 'state', 'repairs'))).toHaveLength(1);
    const status = sup.agents()[0]!;
    expect(status.consecutive_failures).toBeGreaterThanOrEqual(4);
    expect(status.restarts).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('restarts an agent killed with SIGKILL and counts the restart', async () => {
    const home = tempHome();
    sup = createSupervisor([spec('sleepy', 'sleepy-agent.mjs', home)], { log: silentLogger(), delayScale: 20 });
    sup.start();
    await until(() => sup!.agents()[0]!.state === 'running' && sup!.agents()[0]!.pid !== null);
    const pid = sup.agents()[0]!.pid!;
    process.kill(pid, 'SIGKILL');
    await until(() => sup!.agents()[0]!.restarts === 1 && sup!.agents()[0]!.state === 'running');
    const a = sup.agents()[0]!;
    expect(a.pid).not.toBe(pid);
    expect(a.last_exit?.signal).toBe('SIGKILL');
    expect(a.consecutive_failures).toBe(1);
  });

  it('stops children in reverse start order and leaves none alive', async () => {
    const home = tempHome();
    sup = createSupervisor([spec('a', 'sleepy-agent.mjs', home), spec('b', 'sleepy-agent.mjs', home)], { log: silentLogger() });
    const order: string[] = [];
    sup.subscribe((e) => e.type === 'agent' && e.to === 'stopping' && order.push(e.agent));
    sup.start();
    await until(() => sup!.agents().every((a) => a.state === 'running'));
    const pids = sup.agents().map((a) => a.pid!);
    await sup.stop();
    expect(order).toEqual(['b', 'a']);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(sup.agents().every((a) => a.state === 'stopped')).toBe(true);
  });

  it('stops six children that each take a second to finish in about one second, not six', async () => {
    const home = tempHome();
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const ready = new Set<string>();
    sup = createSupervisor(
      ids.map((id) => spec(id, 'slow-stop-agent.mjs', home)),
      { log: silentLogger(), onOutput: (id, line) => line === 'ready' && ready.add(id) },
    );
    sup.start();
    // Running and past start-up: each has its SIGTERM handler.
    await until(() => ready.size === ids.length);
    const t0 = performance.now();
    await sup.stop();
    const took = performance.now() - t0;
    expect(took).toBeGreaterThan(900);
    expect(took).toBeLessThan(4000);
    // Each finished by itself (exit 0), none needed SIGKILL.
    expect(sup.agents().map((a) => a.last_exit?.code)).toEqual(ids.map(() => 0));
  });
});
