/**
 * Whether the guardian may stop the process holding its API port: only a NeoLight `up` of the
 * same data dir that is not the lock holder. The /proc readers are fakes, so every way of naming
 * a data dir (flag, environment, config file, default) is checked without processes.
 */
import { describe, expect, it } from 'vitest';
import type { ProcReaders } from '../../src/mesh/port-owner.js';
import { judgePortHolder, stopProcess, type OurGuardian, type StopDeps } from '../../src/mesh/port-reclaim.js';

const CLI = '/opt/neolight/dist/cli/main.js';
const HOLDER = 4242;
const ours: OurGuardian = { home: '/srv/nl-data', cliPath: CLI, selfPid: 100, lockPid: 100 };

interface FakeProc {
  cmdline?: string[];
  environ?: Record<string, string>;
  cwd?: string;
  files?: Record<string, string>;
  links?: Record<string, string>;
}

function readers(p: FakeProc): ProcReaders {
  return {
    cmdline: (pid) => (pid === HOLDER ? p.cmdline : undefined),
    environ: (pid) => (pid === HOLDER ? p.environ : undefined),
    cwd: (pid) => (pid === HOLDER ? p.cwd : undefined),
    readText: (path) => p.files?.[path],
    realpath: (path) => p.links?.[path] ?? path,
  };
}

const judge = (p: FakeProc, o: OurGuardian = ours) => judgePortHolder(HOLDER, o, readers({ cwd: '/home/u', environ: {}, ...p }));
const up = (...args: string[]): string[] => ['/usr/bin/node', CLI, 'up', ...args];

describe('judgePortHolder: a stale guardian of our data dir', () => {
  it('is recognised by --home DIR and --home=DIR', () => {
    expect(judge({ cmdline: up('--home', '/srv/nl-data', '--port', '8100') })).toEqual({ stale: true, pid: HOLDER, home: '/srv/nl-data' });
    expect(judge({ cmdline: up('--port', '8100', '--home=/srv/nl-data') }).stale).toBe(true);
  });

  it('resolves a relative --home against the holder’s cwd, not ours', () => {
    expect(judge({ cmdline: up('--home', 'nl-data'), cwd: '/srv' }).stale).toBe(true);
    expect(judge({ cmdline: up('--home', 'nl-data'), cwd: '/home/u' })).toMatchObject({ stale: false, code: 'OTHER_HOME' });
  });

  it('is recognised by NEOLIGHT_HOME in its environment', () => {
    expect(judge({ cmdline: up(), environ: { NEOLIGHT_HOME: '/srv/nl-data' } }).stale).toBe(true);
    expect(judge({ cmdline: up(), environ: { NEOLIGHT_HOME: 'nl-data' }, cwd: '/srv' }).stale).toBe(true);
  });

  it('is recognised by the default ./neolight-data under its cwd', () => {
    const o = { ...ours, home: '/srv/app/neolight-data' };
    expect(judge({ cmdline: up(), cwd: '/srv/app' }, o).stale).toBe(true);
    // an empty NEOLIGHT_HOME counts as unset, as in src/config
    expect(judge({ cmdline: up(), cwd: '/srv/app', environ: { NEOLIGHT_HOME: '' } }, o).stale).toBe(true);
  });

  it('is recognised by `home` in its config file', () => {
    const files = { '/etc/nl.json': JSON.stringify({ home: '/srv/nl-data' }) };
    expect(judge({ cmdline: up(), environ: { NEOLIGHT_CONFIG: '/etc/nl.json' }, files }).stale).toBe(true);
    const dflt = { '/home/u/neolight-data/neolight.config.json': JSON.stringify({ NEOLIGHT_HOME: '/srv/nl-data' }) };
    expect(judge({ cmdline: up(), files: dflt }).stale).toBe(true);
  });

  it('sees through symlinks, node options and a relative script path', () => {
    const links = { '/data': '/srv/nl-data', '/usr/local/bin/neolight': CLI };
    expect(judge({ cmdline: ['node', '/usr/local/bin/neolight', 'up', '--home', '/data'], links }).stale).toBe(true);
    expect(judge({ cmdline: ['node', '--enable-source-maps', '-r', 'x.js', 'dist/cli/main.js', 'up', '--home', '/srv/nl-data'], cwd: '/opt/neolight' }).stale).toBe(true);
  });

  it('includes another install of the neolight package', () => {
    const files = { '/old/neolight/package.json': JSON.stringify({ name: 'neolight', version: '0.0.9' }) };
    expect(judge({ cmdline: ['node', '/old/neolight/dist/cli/main.js', 'up', '--home', '/srv/nl-data'], files }).stale).toBe(true);
  });
});

describe('judgePortHolder: left alone', () => {
  it('a NeoLight guardian of another data dir', () => {
    expect(judge({ cmdline: up('--home', '/srv/other') })).toMatchObject({ stale: false, code: 'OTHER_HOME', detail: expect.stringContaining('/srv/other') });
    expect(judge({ cmdline: up('--home', '/srv/other'), environ: { NEOLIGHT_HOME: '/srv/nl-data' } }).stale).toBe(false); // the flag wins
    expect(judge({ cmdline: up(), environ: { NEOLIGHT_HOME: '/srv/other' } }).stale).toBe(false);
    expect(judge({ cmdline: up(), cwd: '/srv' }).stale).toBe(false); // default /srv/neolight-data
  });

  it('a process that is not NeoLight, or NeoLight but not `up`', () => {
    expect(judge({ cmdline: ['/usr/sbin/nginx', '-g', 'daemon off;'] })).toMatchObject({ stale: false, code: 'NOT_NEOLIGHT_UP' });
    expect(judge({ cmdline: ['node', '-e', 'require("net").createServer().listen(8100)'] }).stale).toBe(false);
    expect(judge({ cmdline: ['node', '/srv/other-app/server.js', 'up', '--home', '/srv/nl-data'] }).stale).toBe(false);
    expect(judge({ cmdline: ['node', CLI, 'agent', 'telemetry', '--home', '/srv/nl-data'] }).stale).toBe(false);
    expect(judge({ cmdline: ['python3', CLI, 'up', '--home', '/srv/nl-data'] }).stale).toBe(false);
    const files = { '/x/package.json': JSON.stringify({ name: 'not-neolight' }) };
    expect(judge({ cmdline: ['node', '/x/dist/cli/main.js', 'up', '--home', '/srv/nl-data'], files }).stale).toBe(false);
  });

  it('when its data dir cannot be told', () => {
    expect(judge({ cmdline: up(), environ: undefined })).toMatchObject({ stale: false, code: 'HOME_UNKNOWN' });
    expect(judge({ cmdline: ['node', '--env-file=.env', CLI, 'up'], cwd: '/srv/app' }, { ...ours, home: '/srv/app/neolight-data' })).toMatchObject({ stale: false, code: 'HOME_UNKNOWN' });
    expect(judge({ cmdline: up(), files: { '/home/u/neolight-data/neolight.config.json': '{' } })).toMatchObject({ stale: false, code: 'HOME_UNKNOWN' });
  });

  it('when /proc tells nothing about it', () => {
    expect(judge({ cmdline: undefined })).toMatchObject({ stale: false, code: 'UNREADABLE' });
    expect(judge({ cmdline: up('--home', '/srv/nl-data'), cwd: undefined })).toMatchObject({ stale: false, code: 'UNREADABLE' });
  });

  it('the lock holder, and anything while we do not hold the lock ourselves', () => {
    const cmdline = up('--home', '/srv/nl-data');
    expect(judge({ cmdline }, { ...ours, lockPid: HOLDER })).toMatchObject({ stale: false, code: 'LOCK_NOT_OURS' });
    expect(judge({ cmdline }, { ...ours, selfPid: HOLDER, lockPid: HOLDER })).toMatchObject({ stale: false, code: 'HOLDS_OUR_LOCK' });
    expect(judge({ cmdline }, { ...ours, lockPid: undefined })).toMatchObject({ stale: false, code: 'LOCK_NOT_OURS' });
  });
});

describe('stopProcess', () => {
  /** A fake process that exits `exitAfterMs` after the given signal; time advances only by sleeping. */
  function fake(exitsOn: 'SIGTERM' | 'SIGKILL' | 'never', exitAfterMs = 500) {
    let now = 0;
    let exitAt = Number.POSITIVE_INFINITY;
    const signals: { signal: string; at: number }[] = [];
    const deps: StopDeps = {
      kill: (_pid, signal) => {
        signals.push({ signal, at: now });
        if (signal === exitsOn) exitAt = Math.min(exitAt, now + exitAfterMs);
      },
      exited: () => now >= exitAt,
      sleep: async (ms) => void (now += ms),
      now: () => now,
    };
    return { deps, signals };
  }
  const times = { graceMs: 10_000, killWaitMs: 3_000, pollMs: 100 };

  it('sends SIGTERM and waits for the exit', async () => {
    const f = fake('SIGTERM', 2_000);
    expect(await stopProcess(1, f.deps, times)).toBe('terminated');
    expect(f.signals).toEqual([
      { signal: 'SIGTERM', at: 0 },
      { signal: 'SIGCONT', at: 0 },
    ]);
  });

  it('sends SIGKILL only after the 10 s grace period', async () => {
    const f = fake('SIGKILL', 0);
    expect(await stopProcess(1, f.deps, times)).toBe('killed');
    expect(f.signals).toEqual([
      { signal: 'SIGTERM', at: 0 },
      { signal: 'SIGCONT', at: 0 },
      { signal: 'SIGKILL', at: 10_000 },
    ]);
  });

  it('reports a process that survives both', async () => {
    expect(await stopProcess(1, fake('never').deps, times)).toBe('survived');
  });
});
