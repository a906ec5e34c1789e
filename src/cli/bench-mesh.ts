/**
 * The bench's mesh leg: `neolight up` on a fresh data dir as a child process, every agent of the
 * default simulated mesh, measured once each agent has ticked: the resident memory of the guardian
 * and of each agent as `GET /status` reports it (the guardian reads /proc/<pid>/status on Linux).
 * Each figure is the largest of a few samples a second apart, after every agent's first tick.
 * Figures are per process: an agent with a process of its own under its name, a shared host
 * (NEOLIGHT_AGENT_PROCESSES=shared, the default) once, as `host:<name>`.
 * Beside them, each agent's own peak since it started (VmHWM, Linux): a burst at start (the sports
 * analytics fit) is over before the first tick, so the samples alone would miss it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statusDocument, type StatusDocument } from '../contracts/status.js';

export interface MeshMemory {
  /** Guardian plus every agent process, MB. */
  total_mb: number;
  guardian_mb: number;
  /** Agent process (an agent's name, or `host:<name>` for a shared host) → MB. */
  agents: Record<string, number>;
  max_agent_mb: number;
  /**
   * Sum of the processes' proportional set sizes (Linux, /proc/<pid>/smaps_rollup), MB: the node
   * binary's and libraries' pages that every process maps are counted once across them, not once
   * per process as in the RSS sum; null where there is no /proc.
   */
  pss_mb: number | null;
  /** Agent process → its peak resident memory since it started (VmHWM), MB; empty where there is no /proc. */
  agents_peak: Record<string, number>;
  /** The largest of those peaks, or null where there is no /proc. */
  max_agent_peak_mb: number | null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function status(port: number): Promise<StatusDocument | undefined> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/status`);
    if (!r.ok) return undefined;
    const parsed = statusDocument.safeParse(await r.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function pssMb(pids: readonly number[]): number | null {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (!m) return null;
      kb += Number(m[1]);
    } catch {
      return null;
    }
  }
  return Math.round(kb / 102.4) / 10;
}

/** VmHWM of `pid` in MB, or null without /proc or once the process is gone. */
function peakMb(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** The process an agent runs in, by name: its own, or its shared host's. */
const processOf = (a: StatusDocument['guardian']['agents'][number]): string => (a.host ? `host:${a.host}` : a.name);

function peaksOf(doc: StatusDocument): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of doc.guardian.agents) {
    const mb = a.pid === null ? null : peakMb(a.pid);
    if (mb !== null) out[processOf(a)] = mb;
  }
  return out;
}

function memoryOf(doc: StatusDocument): MeshMemory | undefined {
  const agents: Record<string, number> = {};
  for (const a of doc.guardian.agents) {
    if (a.rss_mb === null || a.rss_mb === undefined || a.last_tick_at === null) return undefined;
    agents[processOf(a)] = a.rss_mb;
  }
  const guardian = doc.guardian.rss_mb;
  if (guardian === undefined) return undefined;
  const sum = Object.values(agents).reduce((x, y) => x + y, 0);
  const pids = [...new Set([doc.guardian.pid, ...doc.guardian.agents.flatMap((a) => (a.pid === null ? [] : [a.pid]))])];
  const peaks = peaksOf(doc);
  const peakValues = Object.values(peaks);
  return {
    total_mb: Math.round((guardian + sum) * 10) / 10,
    guardian_mb: guardian,
    agents,
    max_agent_mb: Math.max(...Object.values(agents)),
    pss_mb: pssMb(pids),
    agents_peak: peaks,
    max_agent_peak_mb: peakValues.length ? Math.max(...peakValues) : null,
  };
}

/** Runs the default mesh from `cli` and measures it; throws when it does not come up within `timeoutMs`. */
export async function measureMesh(cli: string, timeoutMs = 120_000, samples = 10): Promise<MeshMemory> {
  const home = mkdtempSync(join(tmpdir(), 'neolight-bench-mesh-'));
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'up', '--home', home, '--port', String(port), '--duration', String(Math.ceil(timeoutMs / 1000) + 30)], {
    stdio: 'ignore',
    env: { ...process.env, NEOLIGHT_MODE: 'sim' },
  });
  try {
    const end = Date.now() + timeoutMs;
    let first: MeshMemory | undefined;
    while (!first) {
      if (Date.now() > end) throw new Error(`the mesh did not report every agent's first tick and memory within ${timeoutMs / 1000} s`);
      if (child.exitCode !== null) throw new Error(`neolight up exited with ${child.exitCode} before the mesh was measured`);
      await sleep(500);
      const doc = await status(port);
      first = doc && memoryOf(doc);
    }
    // Each figure is its largest over the samples: the total of the heaviest sample, each process's own peak.
    const peak = first;
    for (let k = 0; k < samples; k++) {
      await sleep(1000);
      const doc = await status(port);
      const m = doc && memoryOf(doc);
      if (!m) continue;
      peak.total_mb = Math.max(peak.total_mb, m.total_mb);
      peak.guardian_mb = Math.max(peak.guardian_mb, m.guardian_mb);
      if (m.pss_mb !== null) peak.pss_mb = Math.max(peak.pss_mb ?? 0, m.pss_mb);
      for (const [name, mb] of Object.entries(m.agents)) peak.agents[name] = Math.max(peak.agents[name] ?? 0, mb);
      for (const [name, mb] of Object.entries(m.agents_peak)) peak.agents_peak[name] = Math.max(peak.agents_peak[name] ?? 0, mb);
    }
    const peaks = Object.values(peak.agents_peak);
    peak.max_agent_peak_mb = peaks.length ? Math.max(...peaks) : null;
    peak.max_agent_mb = Math.max(...Object.values(peak.agents));
    return peak;
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    rmSync(home, { recursive: true, force: true });
  }
}
