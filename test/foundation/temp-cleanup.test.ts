/** Start-up cleanup finds temp files a SIGKILLed writer left anywhere under state/ and runtime/. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/store/file-store.js';
import { processStartMs } from '../../src/store/temp-files.js';
import { tempHome } from './helpers.js';

/** A pid that certainly belonged to a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;
const tempName = (target: string, pid: number): string => `.${target}.tmp-${pid}-0123abcd`;

const children: { kill: () => void }[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

describe('stale temp files', () => {
  it('are removed from every subfolder of state/ and runtime/ when their writer is dead', () => {
    const home = tempHome();
    const dead = deadPid();
    const files = [join(home, 'runtime', 'agents', tempName('smart_trader.json', dead)), join(home, 'state', 'a', 'b', tempName('x.json', dead)), join(home, 'state', tempName('top.json', dead))];
    for (const f of files) {
      mkdirSync(join(f, '..'), { recursive: true });
      writeFileSync(f, '{"half":');
    }
    // Not ours: another name, or ours but in logs/ (not a store folder).
    const foreign = join(home, 'runtime', 'agents', 'notes.tmp');
    writeFileSync(foreign, 'x');
    openFileStore(home);
    for (const f of files) expect(existsSync(f), f).toBe(false);
    expect(existsSync(foreign)).toBe(true);
  });

  it('keep a live writer’s file, and remove one older than the process that now has that pid', () => {
    const home = tempHome();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push({ kill: () => child.kill('SIGKILL') });
    const pid = child.pid!;
    const live = join(home, 'runtime', 'agents', tempName('live.json', pid));
    const reused = join(home, 'runtime', 'agents', tempName('old.json', pid));
    mkdirSync(join(live, '..'), { recursive: true });
    writeFileSync(live, 'x');
    writeFileSync(reused, 'x');
    const started = processStartMs(pid);
    expect(started).toBeDefined();
    // Written an hour before the pid's current owner started: a previous incarnation's leftover.
    const before = new Date(started! - 3_600_000);
    utimesSync(reused, before, before);
    openFileStore(home);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(reused)).toBe(false);
  });
});
