/**
 * Who listens on a TCP port, from /proc (Linux): the socket's inode in /proc/net/tcp{,6}, then the
 * process holding that inode. Lets the guardian say "port 8100 is held by pid 1234 (nginx)"
 * instead of a bare EADDRINUSE. Returns undefined where /proc is not available. Also the /proc
 * readers that port-reclaim.ts judges a port holder with, so that judgement stays pure.
 */
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { isPidAlive } from '../store/lock.js';

export function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1];
      if (!local || f[3] !== '0A') continue; // 0A = LISTEN
      if (parseInt(local.split(':')[1] ?? '', 16) === port && f[9]) inodes.add(f[9]);
    }
  }
  return inodes;
}

export function portOwner(port: number): { pid: number; command: string } | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return { pid: Number(pid), command: commandOf(Number(pid)) };
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

function nulSeparated(pid: number, file: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

export function commandOf(pid: number): string {
  return nulSeparated(pid, 'cmdline')?.join(' ') ?? '?';
}

/** What port-reclaim.ts may learn about another process; each answers undefined when it cannot tell. */
export interface ProcReaders {
  /** The process's argv. */
  cmdline(pid: number): string[] | undefined;
  /** The environment the process was started with. */
  environ(pid: number): Record<string, string> | undefined;
  /** The process's working directory. */
  cwd(pid: number): string | undefined;
  /** A file's text (a package.json, a config file). */
  readText(path: string): string | undefined;
  /** A path with symlinks resolved; the path itself when it cannot be resolved. */
  realpath(path: string): string;
}

export const procReaders: ProcReaders = {
  cmdline: (pid) => nulSeparated(pid, 'cmdline'),
  environ: (pid) => {
    const entries = nulSeparated(pid, 'environ');
    if (!entries) return undefined;
    const env: Record<string, string> = {};
    for (const e of entries) {
      const at = e.indexOf('=');
      if (at > 0) env[e.slice(0, at)] = e.slice(at + 1);
    }
    return env;
  },
  cwd: (pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      return undefined;
    }
  },
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  realpath: (path) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};

/**
 * Whether a process has exited. A zombie counts as exited: it holds no socket any more, and a
 * process that is not our child stays a zombie until its own parent reaps it.
 */
export function hasExited(pid: number): boolean {
  if (!isPidAlive(pid)) return true;
  try {
    // The state is the field after the parenthesised command name, which may itself hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}
