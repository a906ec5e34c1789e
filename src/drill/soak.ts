/**
 * Soak: 24 hours of market time with every agent at a high time scale, sampling the resident
 * memory and open file descriptors of the guardian and each agent once a second; the least-squares
 * slope of RSS over market hours (over the second half: V8 grows its heap for a while before
 * its first major collections, faster the faster the clock) must stay under RSS_SLOPE_LIMIT and fd
 * counts must not grow by more than FD_GROWTH_LIMIT. Then 500 concurrent keep-alive clients
 * of /status for a bounded number of requests: every answer a 200; req/s and p99 reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { checkHome } from './home-checks.js';
import { cleanup, DRILL_EQUITY, makeDrillHome } from './drill-home.js';
import { loadStatus } from './load.js';
import { childPids, freePort, reapAll, sleep, startMesh, stopMesh, waitExit } from './mesh.js';
import { progress, slope, type Finding, type SoakReport } from './report.js';

/** MB of resident memory per market hour, per process (documented in docs/drill.md). */
export const RSS_SLOPE_LIMIT = 2;
/** Open descriptors a process may gain between the end of the warm-up and the end of the soak. */
export const FD_GROWTH_LIMIT = 10;

export function sampleProcess(pid: number): { rssMb: number; fds: number } | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { rssMb: m ? Number(m[1]) / 1024 : 0, fds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return undefined;
  }
}

interface Series {
  name: string;
  points: { h: number; rss: number; fds: number }[];
}

export async function runSoak(o: { marketHours: number; timeScale: number; statusClients: number; requests: number; keep: boolean }): Promise<SoakReport> {
  const home = makeDrillHome('soak');
  const detail: Finding[] = [];
  const series = new Map<number, Series>();
  const realSeconds = (o.marketHours * 3600) / o.timeScale;
  progress(`soak: ${o.marketHours} market hours at ×${o.timeScale} (${realSeconds.toFixed(0)} s), then ${o.statusClients} /status clients`);
  let load = { req_per_s: 0, p99_ms: 0, requests: 0 };
  try {
    const port = await freePort();
    const mesh = await startMesh(home, { timeScale: o.timeScale, port });
    const t0 = Date.now();
    while (Date.now() - t0 < realSeconds * 1000) {
      await sleep(1000);
      const h = ((Date.now() - t0) / 1000) * (o.timeScale / 3600);
      const pids: [number, string][] = [[mesh.guardian.pid ?? 0, 'guardian'], ...childPids(home).map((p): [number, string] => [p, commandName(p)])];
      for (const [pid, name] of pids) {
        const s = sampleProcess(pid);
        if (!s) continue;
        const ser = series.get(pid) ?? { name, points: [] };
        ser.points.push({ h, rss: s.rssMb, fds: s.fds });
        series.set(pid, ser);
      }
    }
    progress(`soak: sampled ${series.size} processes; load test of /status`);
    const l = await loadStatus(port, o.statusClients, o.requests);
    load = { req_per_s: l.req_per_s, p99_ms: l.p99_ms, requests: l.requests };
    if (l.errors > 0) detail.push({ check: 'soak.status_load', detail: `${l.errors} of ${l.requests} /status requests failed (first: ${l.firstError})` });
    await stopMesh(home);
    await waitExit(mesh.guardian, 30_000);
  } catch (err) {
    detail.push({ check: 'soak.run', detail: (err as Error).message });
  }
  await reapAll(home);
  let worstSlope = 0;
  let worstFd = 0;
  for (const [pid, s] of series) {
    const warm = s.points.slice(Math.floor(s.points.length / 2));
    if (warm.length < 5) continue;
    const k = slope(warm.map((p) => ({ x: p.h, y: p.rss })));
    const fd = warm.at(-1)!.fds - warm[0]!.fds;
    worstSlope = Math.max(worstSlope, k);
    worstFd = Math.max(worstFd, fd);
    if (k > RSS_SLOPE_LIMIT) detail.push({ check: 'soak.rss_slope', detail: `${s.name} (pid ${pid}): RSS grows ${k.toFixed(2)} MB per market hour (${warm[0]!.rss.toFixed(0)} → ${warm.at(-1)!.rss.toFixed(0)} MB), limit ${RSS_SLOPE_LIMIT}` });
    if (fd > FD_GROWTH_LIMIT) detail.push({ check: 'soak.fd_growth', detail: `${s.name} (pid ${pid}): ${fd} more open descriptors at the end (${warm[0]!.fds} → ${warm.at(-1)!.fds}), limit ${FD_GROWTH_LIMIT}` });
  }
  for (const f of checkHome(home, DRILL_EQUITY).findings) detail.push({ check: `soak.${f.check}`, detail: f.detail });
  cleanup(home, o.keep || detail.length > 0);
  progress(`soak: worst RSS slope ${worstSlope.toFixed(2)} MB/market hour, fd growth ${worstFd}, ${load.req_per_s.toFixed(0)} req/s, p99 ${load.p99_ms.toFixed(1)} ms`);
  return {
    market_hours: o.marketHours,
    rss_slope_mb_per_hour: Number(worstSlope.toFixed(3)),
    rss_slope_threshold_mb_per_hour: RSS_SLOPE_LIMIT,
    fd_growth: worstFd,
    status_clients: o.statusClients,
    requests: load.requests,
    req_per_s: Number(load.req_per_s.toFixed(1)),
    p99_ms: Number(load.p99_ms.toFixed(1)),
    violations: detail.length,
    detail,
  };
}

function commandName(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const h = args.indexOf('--host');
    if (args.includes('agent-host') && h >= 0) return `host:${args[h + 1] ?? '?'}`;
    const i = args.indexOf('agent');
    return i >= 0 ? (args[i + 1] ?? 'agent') : 'process';
  } catch {
    return 'process';
  }
}
