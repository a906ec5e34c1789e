/**
 * `neolight agent NAME --health-port N`: the probe endpoint of an agent running in its own
 * container answers GET /healthz with the agent's name while the agent runs, 404 elsewhere, and
 * goes away when SIGTERM stops the agent; a bad port is refused with exit 2 naming the flag.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveAgentHealth } from '../../src/mesh/agent-health.js';
import { freePort } from '../helpers/net.js';

const CLI = resolve(import.meta.dirname, '../../dist/cli/main.js');
const homes: string[] = [];
const home = (): string => {
  const h = mkdtempSync(join(tmpdir(), 'neolight-agent-health-'));
  homes.push(h);
  return h;
};
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

describe('agent health endpoint', () => {
  it('answers GET /healthz with the agent and 404 for anything else', async () => {
    const server = await serveAgentHealth('risk_governor', '127.0.0.1', 0);
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ok = await fetch(`${base}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true, agent: 'risk_governor' });
      expect((await fetch(`${base}/status`)).status).toBe(404);
      expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('serves /healthz while `neolight agent` runs and stops with it on SIGTERM', async () => {
    const port = await freePort();
    const proc = spawn(process.execPath, [CLI, 'agent', 'revenue_rollup', '--health-port', String(port), '--home', home()], {
      env: { ...process.env, NEOLIGHT_API_HOST: '127.0.0.1', NEOLIGHT_SUPERVISED: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
    }
    expect(status).toBe(200);
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses a port out of range with exit 2, naming the flag', () => {
    const r = spawnSync(process.execPath, [CLI, 'agent', 'revenue_rollup', '--health-port', '70000', '--home', home()], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--health-port "70000" is not accepted/);
  });
});
