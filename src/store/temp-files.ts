/**
 * Start-up cleanup of the temp files writeFileAtomic leaves when its writer is killed between
 * create and rename. The whole tree under a folder is searched (runtime/agents/ holds documents
 * too), only names of our own pattern are touched, and only when the writer cannot still be
 * writing: its pid is dead, or the file is older than the process now holding that pid (a pid
 * reused after a restart, as in containers).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_NAME } from './atomic.js';
import { isPidAlive } from './lock.js';

/** Folders deeper than this are not ours: the store never nests documents that far. */
const MAX_DEPTH = 8;

/** Remove stale temp files anywhere under `dir`; returns the paths removed. */
export function removeStaleTempFiles(dir: string): string[] {
  const removed: string[] = [];
  const walk = (folder: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(folder, e.name);
      // Dirent types do not follow symlinks, so a link out of the data dir is never walked.
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) walk(path, depth + 1);
        continue;
      }
      const m = e.isFile() ? TEMP_NAME.exec(e.name) : null;
      if (!m || writerMayBeAlive(Number(m[1]), path)) continue;
      rmSync(path, { force: true });
      removed.push(path);
    }
  };
  walk(dir, 0);
  return removed;
}

function writerMayBeAlive(pid: number, file: string): boolean {
  if (pid === process.pid) return false; // writes are synchronous: none of ours is in flight while we clean
  if (!isPidAlive(pid)) return false;
  const started = processStartMs(pid);
  if (started === undefined) return true; // cannot tell: leave it
  try {
    return statSync(file).mtimeMs >= started;
  } catch {
    return true;
  }
}

/** When `pid` started, in epoch ms, from /proc (Linux); undefined elsewhere. */
export function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) follows the command name, which may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!Number.isFinite(ticks) || !btime) return undefined;
    // USER_HZ is 100 on every Linux ABI Node supports.
    return Number(btime[1]) * 1000 + ticks * 10;
  } catch {
    return undefined;
  }
}
