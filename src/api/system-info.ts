/** Host figures for `/status.system`: CPU, memory, disk of the data directory, uptimes. */
import { statfsSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, uptime } from 'node:os';
import type { StatusDocument } from '../contracts/status.js';

const MB = 1024 * 1024;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export function systemInfo(home: string, guardianStartedAt: string, now = Date.now()): StatusDocument['system'] {
  const cores = Math.max(1, cpus().length);
  const load = loadavg()[0] ?? 0;
  const total = totalmem();
  const used = total - freemem();
  let disk = { path: home, total_mb: 0, free_mb: 0, percent: 0 };
  try {
    const s = statfsSync(home);
    const t = s.blocks * s.bsize;
    const f = s.bavail * s.bsize;
    disk = { path: home, total_mb: round(t / MB), free_mb: round(f / MB), percent: t > 0 ? round(((t - f) / t) * 100) : 0 };
  } catch {
    // a data dir on an exotic file system: report zeros rather than fail /status
  }
  return {
    cpu: { cores, load_1m: round(load, 2), percent: round(Math.min(100, (load / cores) * 100)) },
    memory: { total_mb: round(total / MB), used_mb: round(used / MB), percent: round((used / total) * 100) },
    disk,
    uptime: { system_seconds: Math.round(uptime()), guardian_seconds: Math.max(0, Math.round((now - Date.parse(guardianStartedAt)) / 1000)) },
  };
}
