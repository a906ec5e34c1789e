/**
 * Resident memory (RSS) of mesh processes, for `neolight status`, the status API and the bench.
 * On Linux the guardian reads a child's current VmRSS from /proc/<pid>/status; elsewhere there is no
 * such file, and the figure is the one the agent wrote in its heartbeat at its last tick, when that
 * heartbeat is the running process's own.
 */
import { readFileSync } from 'node:fs';
import type { Heartbeat } from './heartbeat.js';

export const rssMb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

/** VmRSS of `pid` in MB from /proc, or null when /proc is absent or the process is gone. */
export function processRssMb(pid: number): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return m ? rssMb(Number(m[1]) * 1024) : null;
}

/** The heartbeat's figure, when the heartbeat was written by process `pid` (not a previous run). */
export function heartbeatRss(hb: Heartbeat | undefined, pid: number): number | null {
  return hb?.pid === pid && hb.rss_mb !== undefined ? hb.rss_mb : null;
}
