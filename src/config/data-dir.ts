/**
 * Is the data directory usable? Checked when the configuration loads, before anything creates a
 * folder: Node's recursive mkdir spins forever under /proc, and a file in the way used to surface
 * as "unexpected error: ENOTDIR". Nothing is created here; the nearest existing ancestor decides.
 */
import { accessSync, constants, statSync, statfsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { NeoLightError } from '../core/errors.js';

/** statfs magic numbers of kernel pseudo file systems (linux/magic.h): nothing we write there persists. */
const PSEUDO_FS: Readonly<Record<number, string>> = {
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x1cd1: 'devpts',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
  0xcafe4a11: 'bpf',
  0x62656570: 'configfs',
  0x6165676c: 'pstore',
};
/** Where statfs is unavailable or lies (containers), the mount points themselves still say it. */
const PSEUDO_ROOTS = ['/proc', '/sys'];

/**
 * Throw NL_ERR_BAD_CONFIG (exit 2) when `home` (absolute) cannot be the data directory; `named` is
 * where it was set (`--home`, `NEOLIGHT_HOME`, the config file's key).
 */
export function checkDataDir(home: string, named: string, source: string): void {
  const problem = dataDirProblem(home);
  if (problem === undefined) return;
  throw new NeoLightError('NL_ERR_BAD_CONFIG', `${named}=${JSON.stringify(home)} cannot be the data directory: ${problem}; accepted: a writable directory on a real file system, or a path where one can be created`, {
    setting: 'NEOLIGHT_HOME',
    source,
    path: home,
  });
}

/** Why `home` (absolute) cannot be the data directory, or undefined when it can. */
export function dataDirProblem(home: string): string | undefined {
  const root = PSEUDO_ROOTS.find((r) => home === r || home.startsWith(`${r}${sep}`));
  if (root) return `it is under ${root}, a kernel pseudo file system`;
  let existing = home;
  for (;;) {
    const kind = kindOf(existing);
    if (kind === 'missing') {
      const up = dirname(existing);
      if (up === existing) return 'no part of the path exists';
      existing = up;
      continue;
    }
    if (kind !== 'directory') return existing === home ? `it is not a directory (it is a ${kind})` : `${existing} is not a directory (it is a ${kind})`;
    break;
  }
  const fs = pseudoFs(existing);
  if (fs) return `it is on ${fs}, a kernel pseudo file system`;
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    return existing === home ? 'it is not writable by this user' : `it does not exist and ${existing} is not writable by this user, so it cannot be created`;
  }
  if (existing === home) {
    for (const sub of ['state', 'runtime', 'logs']) {
      const kind = kindOf(join(home, sub));
      if (kind !== 'missing' && kind !== 'directory') return `${join(home, sub)} is not a directory (it is a ${kind})`;
    }
  }
  return undefined;
}

function kindOf(path: string): 'missing' | 'directory' | 'file' | 'special file' {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'special file';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a file sits higher up the path; the walk upwards finds and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    return 'special file';
  }
}

function pseudoFs(dir: string): string | undefined {
  try {
    return PSEUDO_FS[statfsSync(dir).type];
  } catch {
    return undefined;
  }
}
