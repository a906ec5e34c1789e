/**
 * Reclaiming the API port from a stale guardian of our own data dir. The guardian never kills a
 * process it did not start, so the only holder it may stop is a NeoLight `up` of this same data
 * dir that no longer holds the guardian lock (its lock was deleted, e.g. with runtime/, and we have
 * just taken a new one): that process is a guardian the user already meant to replace. Anything
 * else holding the port is reported and left alone. The judgement is a pure function of what
 * /proc says about the holder (readers injected); the signals and waiting are at the edge.
 */
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { hasExited, portOwner, procReaders, type ProcReaders } from './port-owner.js';

/** What the judgement compares the port holder with. */
export interface OurGuardian {
  /** Our data dir (config.home, absolute). */
  home: string;
  /** Our CLI entry point (dist/cli/main.js). */
  cliPath: string;
  selfPid: number;
  /** The pid runtime/.guardian.lock names now (undefined when there is none). */
  lockPid: number | undefined;
}

export type HolderVerdict =
  | { stale: true; pid: number; home: string }
  | { stale: false; pid: number; code: NotStaleCode; detail: string };

export type NotStaleCode = 'LOCK_NOT_OURS' | 'HOLDS_OUR_LOCK' | 'UNREADABLE' | 'NOT_NEOLIGHT_UP' | 'HOME_UNKNOWN' | 'OTHER_HOME';

const notStale = (pid: number, code: NotStaleCode, detail: string): HolderVerdict => ({ stale: false, pid, code, detail });

/** Node options whose value is the next argument: skipped when looking for the script. */
const NODE_OPTIONS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--title', '--env-file', '--inspect-port']);

/** Is process `pid` (which holds our port) a stale NeoLight guardian of our data dir? */
export function judgePortHolder(pid: number, ours: OurGuardian, proc: ProcReaders): HolderVerdict {
  // Only the lock holder may act for the data dir, and never against the lock holder itself.
  if (ours.lockPid !== ours.selfPid) return notStale(pid, 'LOCK_NOT_OURS', `this guardian does not hold ${ours.home}'s lock`);
  if (pid === ours.lockPid) return notStale(pid, 'HOLDS_OUR_LOCK', "it holds this data dir's guardian lock");
  const argv = proc.cmdline(pid);
  const cwd = proc.cwd(pid);
  if (!argv || cwd === undefined) return notStale(pid, 'UNREADABLE', 'its command line or working directory cannot be read');

  const script = scriptIndex(argv);
  const isNode = /^node/.test(basename(argv[0] ?? ''));
  if (!isNode || script === undefined || !isNeoLightCli(resolve(cwd, argv[script]!), ours.cliPath, proc) || argv[script + 1] !== 'up') {
    return notStale(pid, 'NOT_NEOLIGHT_UP', 'it is not a NeoLight guardian');
  }
  const home = homeOf(argv.slice(script + 2), argv.slice(1, script), cwd, proc.environ(pid), proc);
  if ('unknown' in home) return notStale(pid, 'HOME_UNKNOWN', `it is a NeoLight guardian whose data dir cannot be told (${home.unknown})`);
  if (proc.realpath(home.path) !== proc.realpath(ours.home)) return notStale(pid, 'OTHER_HOME', `it is the NeoLight guardian of another data dir (${home.path})`);
  return { stale: true, pid, home: home.path };
}

/** Index of the script node runs: the first argument that is neither a node option nor its value. */
function scriptIndex(argv: readonly string[]): number | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (NODE_OPTIONS_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) return i;
  }
  return undefined;
}

const packageJson = z.object({ name: z.string() });

/** Our own CLI, or the CLI of another install of the neolight package (e.g. before an upgrade). */
function isNeoLightCli(script: string, cliPath: string, proc: ProcReaders): boolean {
  const real = proc.realpath(script);
  if (real === proc.realpath(cliPath)) return true;
  if (!real.endsWith('/dist/cli/main.js')) return false;
  const text = proc.readText(join(dirname(real), '..', '..', 'package.json'));
  if (text === undefined) return false;
  try {
    const parsed = packageJson.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.name === 'neolight';
  } catch {
    return false;
  }
}

const configHome = z.object({ home: z.string().min(1) }).or(z.object({ NEOLIGHT_HOME: z.string().min(1) }));

/**
 * The holder's data dir, resolved as src/config/config.ts resolves it: `--home` flag, then a
 * non-empty NEOLIGHT_HOME, then `home` in the config file (NEOLIGHT_CONFIG, else
 * ./neolight-data/neolight.config.json), then ./neolight-data — relative paths against its cwd.
 */
function homeOf(
  upArgs: readonly string[],
  nodeArgs: readonly string[],
  cwd: string,
  env: Record<string, string> | undefined,
  proc: ProcReaders,
): { path: string } | { unknown: string } {
  const at = (p: string): { path: string } => ({ path: isAbsolute(p) ? p : resolve(cwd, p) });
  let flag: string | undefined;
  for (let i = 0; i < upArgs.length; i++) {
    const a = upArgs[i]!;
    if (a === '--') break;
    if (a === '--home') flag = upArgs[++i];
    else if (a.startsWith('--home=')) flag = a.slice('--home='.length);
  }
  if (flag) return at(flag);
  // An --env-file sets variables after exec, where /proc/PID/environ does not show them.
  if (nodeArgs.some((a) => a.startsWith('--env-file'))) return { unknown: 'it was started with --env-file' };
  if (!env) return { unknown: 'its environment cannot be read' };
  if (env.NEOLIGHT_HOME) return at(env.NEOLIGHT_HOME);
  const file = env.NEOLIGHT_CONFIG ? resolve(cwd, env.NEOLIGHT_CONFIG) : resolve(cwd, 'neolight-data', 'neolight.config.json');
  const text = proc.readText(file);
  if (text !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { unknown: `its config file ${file} is not JSON` };
    }
    const parsed = configHome.safeParse(json);
    if (parsed.success) return at('home' in parsed.data ? parsed.data.home : parsed.data.NEOLIGHT_HOME);
  }
  return at('neolight-data');
}

export interface StopDeps {
  kill(pid: number, signal: 'SIGTERM' | 'SIGCONT' | 'SIGKILL'): void;
  exited(pid: number): boolean;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface StopTimes {
  /** How long the stale guardian gets to stop its agents and exit after SIGTERM. */
  graceMs: number;
  /** How long to wait for it to disappear after SIGKILL. */
  killWaitMs: number;
  pollMs: number;
}

export const STOP_TIMES: StopTimes = { graceMs: 10_000, killWaitMs: 3_000, pollMs: 100 };

/** SIGTERM, wait for the exit, SIGKILL after the grace period. */
export async function stopProcess(pid: number, deps: StopDeps, times: StopTimes = STOP_TIMES): Promise<'terminated' | 'killed' | 'survived'> {
  const waitExit = async (ms: number): Promise<boolean> => {
    const end = deps.now() + ms;
    for (;;) {
      if (deps.exited(pid)) return true;
      if (deps.now() >= end) return false;
      await deps.sleep(times.pollMs);
    }
  };
  const signal = (s: 'SIGTERM' | 'SIGCONT' | 'SIGKILL'): void => {
    try {
      deps.kill(pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  // A stopped process (SIGSTOP, a debugger) handles SIGTERM only once continued.
  signal('SIGCONT');
  if (await waitExit(times.graceMs)) return 'terminated';
  signal('SIGKILL');
  return (await waitExit(times.killWaitMs)) ? 'killed' : 'survived';
}

export type ReclaimResult =
  | { reclaimed: true; pid: number }
  | { reclaimed: false; owner: { pid: number; command: string } | undefined; why: string | undefined };

/**
 * The edge: find who holds `port`, judge it, and stop it when it is a stale guardian of ours.
 * `say` tells the user (and the log) before anything is signalled.
 */
export async function reclaimPort(port: number, ours: OurGuardian, say: (text: string) => void): Promise<ReclaimResult> {
  const owner = portOwner(port);
  if (!owner) return { reclaimed: false, owner, why: undefined };
  const verdict = judgePortHolder(owner.pid, ours, procReaders);
  if (!verdict.stale) return { reclaimed: false, owner, why: `${verdict.detail}, so it is left alone` };
  say(`port ${port} is held by a stale NeoLight guardian (pid ${owner.pid}) of this data dir; stopping it`);
  const deps: StopDeps = {
    kill: (pid, s) => process.kill(pid, s),
    exited: hasExited,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
  };
  const outcome = await stopProcess(owner.pid, deps);
  if (outcome === 'survived') return { reclaimed: false, owner, why: 'it is a stale NeoLight guardian of this data dir but did not exit after SIGTERM and SIGKILL' };
  say(`stale guardian pid ${owner.pid} ${outcome === 'terminated' ? 'stopped' : `killed after ${STOP_TIMES.graceMs / 1000} s`}; taking port ${port}`);
  return { reclaimed: true, pid: owner.pid };
}
