/**
 * Lock files: a JSON file created exclusively (O_EXCL) holding the owner's pid and start time.
 * A lock whose pid is dead is stale and taken over; a live one is refused with a message naming
 * the pid. Used for the Guardian's single instance and, held briefly, for ledger appends.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
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
  /** Whether the file still names us: a user may delete it, and a newer owner may then take it. */
  owned(): boolean;
  /** Remove the file, but only while it still names us, so a newer owner's lock is never removed. */
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

/** Lock files this process holds now: a lock naming our pid that is not here is a previous incarnation's. */
const heldHere = new Set<string>();

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
    if (createExclusive(path, JSON.stringify(content))) {
      heldHere.add(path);
      const owned = (): boolean => {
        const now = readLock(path);
        return now !== undefined && now.pid === process.pid && now.started_at === content.started_at;
      };
      return {
        path,
        content,
        owned,
        release: () => {
          if (!owned()) return;
          rmSync(path, { force: true });
          heldHere.delete(path);
        },
      };
    }
    const owner = readLock(path);
    if (owner && isLive(path, owner)) return { owner };
    if (!owner) {
      const age = lockAgeMs(path);
      // Released since the create failed: take it on the next attempt.
      if (age === undefined) continue;
      if (age < 2000) {
        // Being written right now by its creator (created but not yet filled): wait for it.
        sleepMs(20);
        continue;
      }
    }
    removeIfStill(path, owner);
  }
  const owner = readLock(path);
  if (owner) return { owner };
  throw new NeoLightError('NL_ERR_LOCK_HELD', `could not take lock ${path} after repeated contention`, { path });
}

/**
 * A lock is live when its pid runs, unless the pid is ours and we do not hold it: then it was
 * written by an earlier process that had our pid (pids repeat across container restarts).
 */
function isLive(path: string, owner: LockContent): boolean {
  if (owner.pid === process.pid) return heldHere.has(path);
  return isPidAlive(owner.pid);
}

function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Remove a stale lock, but only if it still is the one judged stale. Two contenders could both
 * see the same dead owner; without this the slower one would delete the lock the faster one has
 * just taken. A short-lived guard file makes the check-and-remove a critical section.
 */
function removeIfStill(path: string, judged: LockContent | undefined): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    // Another process is taking over; a guard left by a process killed inside it expires.
    if ((lockAgeMs(guard) ?? 0) > 2000) rmSync(guard, { force: true });
    else sleepMs(1);
    return;
  }
  try {
    const now = readLock(path);
    const same = judged === undefined ? now === undefined : now !== undefined && now.pid === judged.pid && now.started_at === judged.started_at;
    // A lock without content is removed only while it is there and old: one that is not there was
    // released, and removing "it" would remove the lock its next owner may have created meanwhile
    // (two appenders then both held a ledger's lock and wrote the same seq).
    const age = now === undefined ? lockAgeMs(path) : undefined;
    if (same && (now === undefined ? age !== undefined && age >= 2000 : !isLive(path, now))) rmSync(path, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

/** How long ago the file was last written, in ms; undefined when there is no file (unreadable: as old as can be). */
function lockAgeMs(path: string): number | undefined {
  try {
    const { mtimeMs } = statSync(path);
    return Date.now() - mtimeMs;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : Number.POSITIVE_INFINITY;
  }
}

/** Spin until a short-held lock is ours (30 s at most): for locks held for one write. */
export function spinForLock(path: string, what: string): HeldLock {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return acquireLock(path, { what });
    } catch (err) {
      if (!(err instanceof NeoLightError) || err.code !== 'NL_ERR_LOCK_HELD' || Date.now() > deadline) throw err;
      sleepMs(1 + Math.floor(Math.random() * 3));
    }
  }
}

/** Run `fn` holding the short-held lock file `path`. */
export function holdLockWhile<T>(path: string, what: string, fn: () => T): T {
  const lock = spinForLock(path, what);
  try {
    return fn();
  } finally {
    lock.release();
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Block the thread briefly; only for short lock waits, where an await would complicate callers. */
export function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
