/**
 * Lock files: a JSON file created exclusively (O_EXCL) holding the owner's pid and start time.
 * A lock whose pid is dead is stale and taken over; a live one is refused with a message naming
 * the pid. Used for the Guardian's single instance and, held briefly, for ledger appends.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { lockContent, type LockContent } from '../contracts/guardian.js';
import { NeoLightError } from '../core/errors.js';

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(path: string): LockContent | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const parsed = lockContent.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // torn or foreign content: treated as stale
  }
}

export interface HeldLock {
  readonly path: string;
  readonly content: LockContent;
  release(): void;
}

export interface LockOptions {
  port?: number;
  command?: string;
  /** What the lock protects, for the error message ("guardian", "ledger state/pnl_history.csv"). */
  what?: string;
}

/** Take the lock or throw NL_ERR_LOCK_HELD naming the live owner's pid. */
export function acquireLock(path: string, opts: LockOptions = {}): HeldLock {
  const held = tryAcquireLock(path, opts);
  if ('owner' in held) {
    const o = held.owner;
    throw new NeoLightError(
      'NL_ERR_LOCK_HELD',
      `${opts.what ?? path} is already held by pid ${o.pid} (started ${o.started_at}${o.port ? `, port ${o.port}` : ''}); stop it first (neolight stop) or use another --home`,
      { path, pid: o.pid, started_at: o.started_at },
    );
  }
  return held;
}

/** Take the lock if free or stale; otherwise report the live owner. */
export function tryAcquireLock(path: string, opts: LockOptions = {}): HeldLock | { owner: LockContent } {
  mkdirSync(dirname(path), { recursive: true });
  const content: LockContent = {
    pid: process.pid,
    started_at: new Date().toISOString(),
    hostname: hostname(),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.command !== undefined ? { command: opts.command } : {}),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, JSON.stringify(content));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return {
        path,
        content,
        release: () => {
          const now = readLock(path);
          if (now && now.pid === process.pid && now.started_at === content.started_at) rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readLock(path);
    if (owner && owner.pid !== process.pid && isPidAlive(owner.pid)) return { owner };
    if (owner && owner.pid === process.pid) return { owner };
    if (!owner && lockAgeMs(path) < 2000) {
      // Being written right now by its creator (created but not yet filled): wait for it.
      sleepMs(20);
      continue;
    }
    // Stale: move it aside atomically so exactly one contender wins the takeover.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      rmSync(`${path}.stale-${process.pid}`, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const owner = readLock(path);
  if (owner) return { owner };
  throw new NeoLightError('NL_ERR_LOCK_HELD', `could not take lock ${path} after repeated contention`, { path });
}

function lockAgeMs(path: string): number {
  try {
    const { mtimeMs } = statSync(path);
    return Date.now() - mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Block the thread briefly; only for short lock waits, where an await would complicate callers. */
export function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
