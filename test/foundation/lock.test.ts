/** Single-instance lock files: stale locks taken over, live ones refused naming the pid, release only our own. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NeoLightError } from '../../src/core/errors.js';
import { acquireLock, isPidAlive, readLock, tryAcquireLock } from '../../src/store/index.js';
import { tempHome } from './helpers.js';

/** A pid that certainly belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  if (r.pid === undefined) throw new Error('could not spawn');
  return r.pid;
}

const lockAt = (pid: number, started_at = '2025-01-01T00:00:00.000Z'): string => JSON.stringify({ pid, started_at, hostname: 'h' });

describe('lock files', () => {
  it('takes a free lock, writing pid, start time and port', () => {
    const path = join(tempHome(), 'runtime', '.guardian.lock');
    const held = acquireLock(path, { port: 8100, command: 'neolight up' });
    expect(readLock(path)).toEqual(held.content);
    expect(held.content.pid).toBe(process.pid);
    expect(held.content.port).toBe(8100);
    held.release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a stale lock whose pid is dead', () => {
    const path = join(tempHome(), '.guardian.lock');
    const pid = deadPid();
    expect(isPidAlive(pid)).toBe(false);
    writeFileSync(path, lockAt(pid));
    const held = acquireLock(path);
    expect(readLock(path)?.pid).toBe(process.pid);
    held.release();
  });

  it('takes over a lock left by an earlier process with our own pid', () => {
    const path = join(tempHome(), '.guardian.lock');
    writeFileSync(path, lockAt(process.pid));
    const held = acquireLock(path);
    expect(readLock(path)?.started_at).toBe(held.content.started_at);
    // while we hold it, a second attempt in this process is refused
    expect(() => acquireLock(path)).toThrow(new RegExp(`held by pid ${process.pid}`));
    held.release();
  });

  it('refuses a live lock, naming the pid', async () => {
    const path = join(tempHome(), '.guardian.lock');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const pid = child.pid ?? 0;
      writeFileSync(path, JSON.stringify({ pid, started_at: '2025-01-01T00:00:00.000Z', hostname: 'h', port: 8100 }));
      let err: unknown;
      try {
        acquireLock(path, { what: 'guardian' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(NeoLightError);
      expect((err as NeoLightError).code).toBe('NL_ERR_LOCK_HELD');
      expect((err as NeoLightError).message).toMatch(new RegExp(`guardian is already held by pid ${pid} .*port 8100`));
      const r = tryAcquireLock(path);
      expect('owner' in r && r.owner.pid).toBe(pid);
      expect(readLock(path)?.pid).toBe(pid);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // once the owner is gone the same lock is stale
    acquireLock(path).release();
  });

  it('release removes only our own lock', () => {
    const path = join(tempHome(), '.guardian.lock');
    const held = acquireLock(path);
    const someoneElse = lockAt(process.pid + 1, '2025-02-02T00:00:00.000Z');
    writeFileSync(path, someoneElse); // e.g. taken over after we were judged dead
    held.release();
    expect(readFileSync(path, 'utf8')).toBe(someoneElse);
  });

  it('knows when it no longer owns its lock: deleted by a user, or since taken by someone else', () => {
    const path = join(tempHome(), '.guardian.lock');
    const held = acquireLock(path);
    expect(held.owned()).toBe(true);
    rmSync(path);
    expect(held.owned()).toBe(false);
    writeFileSync(path, lockAt(process.pid + 1));
    expect(held.owned()).toBe(false);
    held.release();
    expect(readLock(path)?.pid).toBe(process.pid + 1);
  });

  it('treats unreadable content as stale only once it is old enough', () => {
    const path = join(tempHome(), '.guardian.lock');
    writeFileSync(path, '');
    // fresh and empty: its creator may be writing it right now
    expect(() => tryAcquireLock(path)).toThrow(/could not take lock/);
    expect(readFileSync(path, 'utf8')).toBe('');
    const old = new Date(Date.now() - 10_000);
    utimesSync(path, old, old);
    const held = acquireLock(path);
    expect(readLock(path)?.pid).toBe(process.pid);
    held.release();
  });
});
