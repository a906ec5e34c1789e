/**
 * Driving a real mesh from outside, as a user would: `neolight up` as a child process, its
 * runtime files for the agents' pids, `neolight stop` to end it. Every process the drill kills is
 * first checked to belong to the drill's own data directory (its NEOLIGHT_HOME), so a drill never
 * touches another mesh on a shared machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandOf } from '../mesh/port-owner.js';

export const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export interface RunningMesh {
  home: string;
  port: number;
  guardian: ChildProcess;
  /** Everything the guardian printed (stdout and stderr), for failure details. */
  output: () => string;
}

export interface MeshOptions {
  timeScale: number;
  port: number;
  env?: Record<string, string>;
  agents?: readonly string[];
  host?: string;
}

/** A TCP port free on 127.0.0.1 right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Start `neolight up` and wait until it prints its URL (or fail with its output). */
export async function startMesh(home: string, opts: MeshOptions, timeoutMs = 60_000): Promise<RunningMesh> {
  const args = [CLI, 'up', '--home', home, '--time-scale', String(opts.timeScale), '--port', String(opts.port)];
  if (opts.agents) args.push('--agents', opts.agents.join(','));
  if (opts.host) args.push('--host', opts.host);
  const guardian = spawn(process.execPath, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  guardian.stdout.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-20_000)));
  guardian.stderr.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-20_000)));
  const mesh: RunningMesh = { home, port: opts.port, guardian, output: () => out };
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('Dashboard and status API')) {
    if (guardian.exitCode !== null || guardian.signalCode !== null) throw new Error(`neolight up exited (${guardian.exitCode ?? guardian.signalCode}) before it was ready: ${out.trim().slice(-800)}`);
    if (Date.now() > deadline) {
      guardian.kill('SIGKILL');
      throw new Error(`neolight up was not ready within ${timeoutMs} ms: ${out.trim().slice(-800)}`);
    }
    await sleep(100);
  }
  return mesh;
}

/**
 * `neolight stop --home`: the clean stop a user runs. Asynchronous on purpose: the guardian is our
 * child, and a blocked event loop would leave it a zombie that `stop` still sees as alive.
 */
export async function stopMesh(home: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const p = spawn(process.execPath, [CLI, 'stop', '--home', home], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  p.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  p.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const killer = setTimeout(() => p.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => p.once('exit', (c) => resolve(c)));
  clearTimeout(killer);
  return { code, output };
}

/** Wait for a child process to exit; true when it did within the time. */
export async function waitExit(proc: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return true;
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), timeoutMs);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** The agent pids the guardian recorded in runtime/guardian_children.json. */
export function childPids(home: string): number[] {
  try {
    const j = JSON.parse(readFileSync(join(home, 'runtime', 'guardian_children.json'), 'utf8')) as { pids?: unknown };
    return Array.isArray(j.pids) ? j.pids.filter((p): p is number => Number.isInteger(p) && p > 0) : [];
  } catch {
    return [];
  }
}

/** True when pid is a live process started for this data directory (NEOLIGHT_HOME in its environment). */
export function belongsTo(pid: number, home: string): boolean {
  try {
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return env.includes(`NEOLIGHT_HOME=${home}`) || readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(home);
  } catch {
    return false;
  }
}

/** SIGKILL a process of this data directory; false when it was not ours or already gone. */
export function killOurs(pid: number, home: string, signal: NodeJS.Signals = 'SIGKILL'): boolean {
  if (!belongsTo(pid, home)) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Every live process of this data directory (agents orphaned by a killed guardian included). */
export function processesOf(home: string): number[] {
  const pids = readdirSync('/proc').filter((s) => /^\d+$/.test(s)).map(Number);
  return pids.filter((p) => p !== process.pid && belongsTo(p, home));
}

/**
 * Wait up to `ms` for the mesh's processes to exit by themselves: an agent told to stop finishes
 * the tick it is in first, which for a model-fitting agent can take seconds after its guardian left.
 */
export async function waitAllGone(home: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (processesOf(home).length > 0 && Date.now() < deadline) await sleep(250);
}

/**
 * Last resort at the end of a part: nothing of this data directory may outlive the drill. Returns
 * each process it had to kill, described (pid, command line, age) for the finding.
 */
export async function reapAll(home: string): Promise<string[]> {
  const left = processesOf(home);
  const described = left.map(describeProcess);
  for (const p of left) killOurs(p, home, 'SIGKILL');
  if (left.length > 0) await sleep(200);
  return described;
}

/** "pid 123 (node dist/cli/main.js agent smart_trader --once, up 41 s)" from /proc, or just the pid. */
export function describeProcess(pid: number): string {
  try {
    const cmd = commandOf(pid).replace(/\S*\/(dist\/)/g, '$1');
    const startTicks = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]);
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    const age = Math.round(uptime - startTicks / 100);
    return `pid ${pid} (${cmd}, up ${age} s)`;
  } catch {
    return `pid ${pid}`;
  }
}

/** GET a path of the mesh's API (loopback) with an optional token; the body parsed as JSON when it is. */
export async function apiGet(port: number, path: string, token?: string): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (metrics, html)
  }
  return { status: res.status, body, text };
}
