/**
 * The Guardian (`neolight up`): holds runtime/.guardian.lock, starts every enabled agent as a
 * supervised child process, runs the scheduled one-shot jobs, serves the status API, and on
 * SIGINT/SIGTERM (or after --duration) stops all the children at once within 5 s and
 * removes its lock. It never kills a process it did not start: orphans of a crashed guardian are
 * known from runtime/guardian_children.json and checked by command line before they are stopped,
 * and a stale guardian of this data dir holding the API port is recognised before it is stopped
 * (port-reclaim.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { secretValues } from '../config/config.js';
import type { MeshEvent } from '../contracts/status.js';
import { NeoLightError } from '../core/errors.js';
import { createLogger, type Logger } from '../log/logger.js';
import { LOG_NAMES } from '../log/logger.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { LockContent } from '../contracts/guardian.js';
import { isPidAlive, readLock, tryAcquireLock, type HeldLock } from '../store/lock.js';
import { openStore } from '../store/open.js';
import type { StateStore } from '../store/state-store.js';
import { readHeartbeat } from './heartbeat.js';
import { heartbeatRss, processRssMb } from './process-memory.js';
import { anchorEnv, clockOf, startMeshClock, touchMeshClock } from './mesh-clock.js';
import { stopOrphans, type OrphanStop } from './orphans.js';
import { createAutoPatch } from './autopatch.js';
import { runRepair } from './repair.js';
import { loadSchedules, startScheduler } from './scheduler.js';
import { createHostPool } from './host-pool.js';
import { hostOf } from './registry.js';
import { createSupervisor, type ChildSpec, type Supervisor } from './supervisor.js';
import type { BackoffPolicy } from './backoff.js';

export const LOCK_PATH = 'runtime/.guardian.lock';
const CHILDREN_PATH = 'runtime/guardian_children.json';

export interface GuardianView {
  readonly pid: number;
  readonly startedAt: string;
  readonly supervisor: Supervisor;
  readonly config: Config;
  readonly log: Logger;
}

export interface GuardianOptions {
  agents: readonly string[];
  /** Stop by itself after this many real seconds. */
  durationSec?: number;
  /** Path of the CLI entry point the children run. */
  cliPath: string;
  /** Starts the status API; returns its URL and a close function. Injected by the CLI so mesh/ does not depend on api/. */
  serve: (view: GuardianView) => Promise<{ url: string; close: () => Promise<void> }>;
  backoff?: BackoffPolicy;
  delayScale?: number;
  /** Told once the mesh is up (the CLI prints the URL). */
  onReady?: (url: string) => void;
}

/**
 * V8 flags of every agent process. An agent allocates little between ticks, so V8's default young
 * generation (semi-spaces growing to 16 MB) mostly holds garbage; 1 MB semi-spaces cost a few more
 * scavenges and keep each agent 7-13 MB lighter. `--optimize-for-size` makes V8 give back the heap
 * a burst of work grew (the sports analytics fit: 129 → 94 MB, healthcare 81 → 67 MB) for a
 * slower burst (docs/guardian.md, "Memory of the mesh"). `--expose-gc` lets the runtime compact the
 * heap right after a tick that grew it (runtime.ts, compactAfterBurst). `--single-threaded`: no
 * V8 helper threads for concurrent marking and compilation, whose stacks, arenas and compiler zones
 * cost every agent 1-2 MB and a burst more (healthcare 76 → 70 MB); twenty-odd agents on a few
 * cores gain nothing from them, and an agent's tick pays its own collection and compilation.
 */
export const AGENT_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size', '--expose-gc', '--single-threaded'];

/**
 * glibc gives each thread that allocates its own malloc arena, and an arena keeps what it once
 * held; node's few threads need no more than two (the sports analytics agent: 95 → 83 MB).
 * A value the user set in the environment wins.
 */
const AGENT_MALLOC_ENV: Record<string, string> = process.env.MALLOC_ARENA_MAX ? {} : { MALLOC_ARENA_MAX: '2' };

/**
 * Agents run at a lower scheduling priority than the guardian: when their work saturates the
 * machine (a model fit, a catch-up at a high time scale), supervision and the status API still
 * answer at once. The agents keep equal priority among themselves.
 */
export const AGENT_NICENESS = 5;

/** Run the guardian until stopped; resolves to the exit code. */
export async function runGuardian(config: Config, opts: GuardianOptions): Promise<number> {
  const log = createLogger(config.home, LOG_NAMES.guardian, { level: config.logLevel, secrets: secretValues(config), stdout: config.logStdout });
  const taken = takeGuardianLock(config, log);
  let lock = taken.held;
  const startedAt = new Date().toISOString();
  let stopScheduler = (): void => undefined;
  /** Scheduled one-shot runs still going: a stop ends them too, so nothing of the mesh outlives it. */
  const runningJobs = new Set<ChildProcess>();
  let stopAutopatch = (): void => undefined;
  let api: { url: string; close: () => Promise<void> } | undefined;
  let supervisor: Supervisor | undefined;
  let store: StateStore | undefined;
  try {
    // Only for the agents' heartbeats: with PostgreSQL they live in the shared store.
    const heartbeats = (store = openStore({ home: config.home, storeUrl: config.store }));
    const anchor = startMeshClock(config.home, config.timeScale);
    const clock = clockOf(anchor);
    const childEnv = {
      ...AGENT_MALLOC_ENV,
      NEOLIGHT_HOME: config.home,
      NEOLIGHT_MODE: config.mode,
      NEOLIGHT_TIME_SCALE: String(config.timeScale),
      NEOLIGHT_SEED: String(config.seed),
      ...anchorEnv(anchor),
      // A store named in the config file reaches the children as if it were in the environment.
      ...(config.store ? { NEOLIGHT_STORE: config.store } : {}),
    };
    // On stdout an agent's own JSON line passes through unchanged (it carries its `agent` label
    // already); wrapping it in a guardian line would hide it from the log shipper.
    const passOn = (child: string, line: string): unknown => (config.logStdout && line.startsWith('{') ? process.stdout.write(`${line}\n`) : log.info({ child }, line));
    const spec = (name: string): ChildSpec => ({
      id: name,
      start: { command: process.execPath, args: [...AGENT_NODE_FLAGS, opts.cliPath, 'agent', name], env: childEnv },
      restart: 'permanent',
      shutdownMs: 5000,
      log: `${name}.log`,
      niceness: AGENT_NICENESS,
      host: config.agentProcesses === 'shared' ? hostOf(name) : undefined,
    });
    const hosts = createHostPool({
      spawnHost: (id) => {
        const proc = spawn(process.execPath, [...AGENT_NODE_FLAGS, opts.cliPath, 'agent-host', '--host', id], {
          env: { ...process.env, ...childEnv, NEOLIGHT_SUPERVISED: '1', NEOLIGHT_GUARDIAN_PID: String(process.pid) },
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        });
        proc.once('spawn', () => lowerPriority(proc.pid, log));
        return proc;
      },
      onOutput: (id, line) => passOn(`host:${id}`, line),
      warn: (msg) => log.warn(msg),
    });
    const autopatch = createAutoPatch({ home: config.home, configFile: config.configFile ?? join(config.home, 'neolight.config.json'), log, supervisor: () => supervisor });
    supervisor = createSupervisor(
      opts.agents.map((a) => spec(a)),
      {
        log,
        backoff: opts.backoff,
        delayScale: opts.delayScale,
        onRepair: (req) => autopatch.onRepair(req).catch((err: unknown) => log.error({ err, child: req.id }, 'configuration rollback failed')).then(() => runRepair(req, config, log)).then(() => undefined),
        onOutput: passOn,
        lastTickAt: (id) => readHeartbeat(heartbeats, id)?.last_tick_at ?? null,
        rssMb: (id, pid) => processRssMb(pid) ?? heartbeatRss(readHeartbeat(heartbeats, id), pid),
        hosts,
      },
    );
    const sup = supervisor;
    const recordChildren = (): void =>
      writeFileAtomic(join(config.home, CHILDREN_PATH), JSON.stringify({ guardian_pid: process.pid, pids: [...new Set(sup.agents().flatMap((a) => (a.pid === null ? [] : [a.pid])))] }));
    sup.subscribe((e: MeshEvent) => e.type === 'agent' && recordChildren());

    api = await opts.serve({ pid: process.pid, startedAt, supervisor: sup, config, log });
    sup.start();
    let lostTo: ((why: string) => void) | undefined;
    const clockTimer = setInterval(() => {
      const kept = keepLock(lock, config, log);
      if ('owner' in kept) return lostTo?.(`the guardian lock now names pid ${kept.owner.pid}: another guardian owns ${config.home}`);
      lock = kept;
      touchMeshClock(config.home, anchor);
    }, 5000);
    clockTimer.unref();
    const autopatchTimer = setInterval(() => {
      try {
        autopatch.tick();
      } catch (err) {
        log.warn({ err }, 'configuration versioning failed');
      }
    }, 1000);
    autopatchTimer.unref();
    stopAutopatch = () => clearInterval(autopatchTimer);

    const jobs = loadSchedules(config, knownAgents(opts), log, clock.now()).filter((j) => {
      const running = opts.agents.includes(j.agent);
      if (running) log.info({ child: j.agent }, `${j.agent} already runs continuously; its schedule adds nothing`);
      return !running;
    });
    stopScheduler = startScheduler(jobs, clock, (agent) => {
      const job = runOnce(opts.cliPath, agent, childEnv, log);
      runningJobs.add(job);
      job.once('exit', () => runningJobs.delete(job));
    });

    log.info({ url: api.url, agents: opts.agents }, `guardian up: ${api.url}`);
    opts.onReady?.(api.url);

    await new Promise<void>((resolve) => {
      const done = (why: string): void => {
        log.info({ why }, 'guardian stopping');
        resolve();
      };
      lostTo = done;
      process.once('SIGINT', () => done('SIGINT'));
      process.once('SIGTERM', () => done('SIGTERM'));
      if (opts.durationSec !== undefined) setTimeout(() => done(`--duration ${opts.durationSec}s elapsed`), opts.durationSec * 1000).unref();
    });
    clearInterval(clockTimer);
    // A guardian whose lock was deleted and taken by a newer guardian (which stops us to reclaim
    // the port) must not write its market clock over the newer one's.
    if (lock.owned() || readLock(lock.path) === undefined) touchMeshClock(config.home, anchor);
    else log.warn({ lock: lock.path }, 'the guardian lock now names another guardian; leaving the data dir to it');
    return 0;
  } finally {
    stopScheduler();
    const jobsDone = stopJobs(runningJobs);
    stopAutopatch();
    await supervisor?.stop();
    await jobsDone;
    taken.orphans?.finish();
    await api?.close().catch((err: unknown) => log.warn({ err }, 'API close failed'));
    removeOwnChildrenList(config.home);
    lock.release();
    store?.close();
    log.info('guardian stopped');
    log.flush?.();
  }
}

let registryNames: readonly string[] = [];
/** The names the scheduler may run (set by the CLI from the registry). */
export function setKnownAgents(names: readonly string[]): void {
  registryNames = names;
}
function knownAgents(opts: GuardianOptions): readonly string[] {
  return registryNames.length > 0 ? registryNames : opts.agents;
}

/** SIGTERM to each running scheduled job (it finishes its tick), SIGKILL after 5 s; resolves once all are gone. */
function stopJobs(jobs: ReadonlySet<ChildProcess>): Promise<void> {
  return Promise.all(
    [...jobs].map((job) => {
      if (job.exitCode !== null || job.signalCode !== null) return undefined;
      const exited = new Promise<void>((resolve) => job.once('exit', () => resolve()));
      job.kill('SIGTERM');
      const killer = setTimeout(() => job.kill('SIGKILL'), 5000);
      return exited.then(() => clearTimeout(killer));
    }),
  ).then(() => undefined);
}

function runOnce(cliPath: string, agent: string, env: Record<string, string>, log: Logger): ChildProcess {
  log.info({ agent }, `scheduled run of ${agent}`);
  const child = spawn(process.execPath, [...AGENT_NODE_FLAGS, cliPath, 'agent', agent, '--once'], { env: { ...process.env, ...env, NEOLIGHT_SUPERVISED: '1', NEOLIGHT_GUARDIAN_PID: String(process.pid) }, stdio: 'ignore' });
  child.once('spawn', () => lowerPriority(child.pid));
  child.once('exit', (code) => log.info({ agent, code }, `scheduled run of ${agent} exited with ${code}`));
  return child;
}

/** Run a process the guardian started at AGENT_NICENESS (a platform without priorities runs it at ours). */
function lowerPriority(pid: number | undefined, log?: Logger): void {
  try {
    if (pid) setPriority(pid, AGENT_NICENESS);
  } catch (err) {
    log?.warn({ pid, err }, `could not lower the scheduling priority of pid ${pid}`);
  }
}

/**
 * Take the single-instance lock; on a stale lock, stop the dead guardian's orphaned agents first
 * (`orphans`: killed at the latest when this guardian stops).
 */
function takeGuardianLock(config: Config, log: Logger): { held: HeldLock; orphans?: OrphanStop } {
  const path = join(config.home, LOCK_PATH);
  const previous = readLock(path);
  const held = tryAcquireLock(path, { port: config.apiPort, command: 'neolight up', what: 'guardian' });
  if ('owner' in held) {
    const o = held.owner;
    throw new NeoLightError('NL_ERR_LOCK_HELD', `a guardian already runs on ${config.home}: pid ${o.pid} (started ${o.started_at}${o.port ? `, port ${o.port}` : ''}); stop it with 'neolight stop --home ${config.home}'`, {
      pid: o.pid,
    });
  }
  if (previous && previous.pid !== process.pid) {
    log.warn({ pid: previous.pid }, `took over the stale lock of dead guardian pid ${previous.pid}`);
    return { held, orphans: stopOrphans(readChildrenList(config.home)?.pids ?? [], log) };
  }
  return { held };
}

/**
 * Every 5 s: a lock a user deleted (or one left by a dead process) is written again, so a second
 * `neolight up` is still refused; a lock a live guardian took is theirs, and we stop.
 */
function keepLock(lock: HeldLock, config: Config, log: Logger): HeldLock | { owner: LockContent } {
  if (lock.owned()) return lock;
  const now = readLock(lock.path);
  if (now && now.pid !== process.pid && isPidAlive(now.pid)) return { owner: now };
  const again = tryAcquireLock(lock.path, { port: config.apiPort, command: 'neolight up', what: 'guardian' });
  if (!('owner' in again)) log.warn({ lock: lock.path }, `${LOCK_PATH} was removed while the guardian ran; restored it`);
  return again;
}

/** Remove runtime/guardian_children.json if it is ours: a newer guardian of this data dir may have written its own. */
function removeOwnChildrenList(home: string): void {
  if (readChildrenList(home)?.guardianPid === process.pid) rmSync(join(home, CHILDREN_PATH), { force: true });
}

function readChildrenList(home: string): { guardianPid: unknown; pids: number[] } | undefined {
  try {
    const j = JSON.parse(readFileSync(join(home, CHILDREN_PATH), 'utf8')) as { guardian_pid?: unknown; pids?: unknown };
    return { guardianPid: j.guardian_pid, pids: Array.isArray(j.pids) ? j.pids.filter((p): p is number => Number.isInteger(p)) : [] };
  } catch {
    return undefined;
  }
}

