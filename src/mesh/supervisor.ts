/**
 * The supervisor: OTP-style child specs run as child processes, restarted by policy with
 * exponential backoff (2 s doubling to 60 s, reset after a healthy run), a consecutive-failure
 * count per child, and the repair step exactly once when a streak reaches the third failure.
 * Every state change goes through the lifecycle transition table and is published as an event.
 * Children start in order; on stop all are signalled at once, in reverse order, and each gets
 * SIGKILL after its own shutdown time, so a stop takes one shutdown time, not one per child.
 */
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import type { AgentStatus, MeshEvent } from '../contracts/status.js';
import type { Logger } from '../log/logger.js';
import { backoffDelayMs, DEFAULT_BACKOFF, isAbnormalExit, nextFailureCount, shouldRestart, type BackoffPolicy, type RestartPolicy } from './backoff.js';
import { onLines } from './child-lines.js';
import type { ChildHandle, HostPool } from './host-pool.js';
import { transition, type Trigger } from './lifecycle.js';

export interface ChildSpec {
  id: string;
  start: { command: string; args: readonly string[]; env?: Record<string, string> };
  restart: RestartPolicy;
  shutdownMs: number;
  /** Log file name shown in the status (e.g. smart_trader.log). */
  log: string;
  /** Scheduling niceness of the child (0 = the supervisor's own); see AGENT_NICENESS in guardian.ts. */
  niceness?: number;
  /** Run in this shared process of `SupervisorOptions.hosts` instead of `start` (host-pool.ts). */
  host?: string;
}

export interface ExitRecord {
  code: number | null;
  signal: string | null;
  at: string;
  upMs: number;
}

export interface RepairRequest {
  id: string;
  failures: number;
  exits: readonly ExitRecord[];
}

export interface SupervisorOptions {
  log: Logger;
  backoff?: BackoffPolicy;
  /** Real delays are logical delays divided by this (tests run the 2/4/8 s ladder faster). */
  delayScale?: number;
  onRepair?: (req: RepairRequest) => void | Promise<void>;
  /** Where children's stdout/stderr go (one line at a time, prefixed with the child id). */
  onOutput?: (id: string, line: string) => void;
  /** Last tick time of a child, from its heartbeat. */
  lastTickAt?: (id: string) => string | null;
  /** Resident memory of a running child in MB, or null when it cannot be told. */
  rssMb?: (id: string, pid: number) => number | null;
  /** The shared processes children with a `host` run in. */
  hosts?: HostPool;
}

interface Child {
  spec: ChildSpec;
  status: AgentStatus;
  proc: ChildHandle | undefined;
  startedMs: number;
  timer: NodeJS.Timeout | undefined;
  exits: ExitRecord[];
  repaired: boolean;
  exited: Promise<void> | undefined;
}

export interface Supervisor {
  start(): void;
  stop(): Promise<void>;
  agents(): AgentStatus[];
  subscribe(listener: (e: MeshEvent) => void): () => void;
  /** Logical delays (ms) chosen before each restart, per child: what the backoff test checks. */
  delays(id: string): readonly number[];
  /**
   * Restart a child waiting in backoff now, with a fresh failure streak (after a configuration
   * rollback, the old streak says nothing about the restored configuration); false if it was not waiting.
   */
  restartNow(id: string, rollback?: NonNullable<AgentStatus['last_rollback']>): boolean;
}

export function createSupervisor(specs: readonly ChildSpec[], opts: SupervisorOptions): Supervisor {
  const policy = opts.backoff ?? DEFAULT_BACKOFF;
  const scale = opts.delayScale ?? 1;
  const listeners = new Set<(e: MeshEvent) => void>();
  const delays = new Map<string, number[]>();
  let stopping = false;
  const children: Child[] = specs.map((spec) => ({
    spec,
    status: {
      name: spec.id,
      pid: null,
      state: 'stopped',
      restarts: 0,
      consecutive_failures: 0,
      started_at: null,
      last_tick_at: null,
      last_exit: null,
      next_restart_at: null,
      log: spec.log,
    },
    proc: undefined,
    startedMs: 0,
    timer: undefined,
    exits: [],
    repaired: false,
    exited: undefined,
  }));

  const emit = (e: MeshEvent): void => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        opts.log.warn({ err }, 'event listener failed');
      }
    }
  };

  const apply = (c: Child, trigger: Trigger): boolean => {
    const r = transition(c.status.state, trigger);
    if (!r.ok) {
      opts.log.warn({ child: c.spec.id, state: r.from, trigger }, 'rejected lifecycle trigger');
      return false;
    }
    c.status.state = r.to;
    opts.log.info({ child: c.spec.id, from: r.from, to: r.to, trigger }, `${c.spec.id}: ${r.from} → ${r.to} (${trigger})`);
    emit({ type: 'agent', at: new Date().toISOString(), agent: c.spec.id, from: r.from, to: r.to, trigger });
    return true;
  };

  const launch = (c: Child, trigger: 'start' | 'retry'): void => {
    if (stopping || !apply(c, trigger)) return;
    c.status.next_restart_at = null;
    const proc: ChildHandle =
      c.spec.host !== undefined && opts.hosts
        ? opts.hosts.launch(c.spec.host, c.spec.id)
        : spawn(c.spec.start.command, [...c.spec.start.args], {
            env: { ...process.env, ...c.spec.start.env, NEOLIGHT_SUPERVISED: '1', NEOLIGHT_GUARDIAN_PID: String(process.pid) },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
    c.proc = proc;
    c.startedMs = Date.now();
    c.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    for (const stream of [proc.stdout, proc.stderr]) onLines(stream, (line) => opts.onOutput?.(c.spec.id, line));
    proc.once('spawn', () => {
      // A host's priority is set once, by whoever started the host.
      if (c.spec.niceness && proc.pid && c.spec.host === undefined) {
        try {
          setPriority(proc.pid, c.spec.niceness);
        } catch (err) {
          opts.log.warn({ child: c.spec.id, err }, `${c.spec.id}: could not lower its scheduling priority`);
        }
      }
      c.status.pid = proc.pid ?? null;
      c.status.started_at = new Date(c.startedMs).toISOString();
      apply(c, 'spawned');
    });
    proc.once('error', (err: Error) => opts.log.error({ child: c.spec.id, err }, `${c.spec.id}: could not start`));
    proc.once('exit', (code: number | null, signal: NodeJS.Signals | null) => onExit(c, code, signal));
  };

  const onExit = (c: Child, code: number | null, signal: NodeJS.Signals | null): void => {
    const upMs = Date.now() - c.startedMs;
    const rec: ExitRecord = { code, signal, at: new Date().toISOString(), upMs };
    c.exits = [...c.exits.slice(-9), rec];
    c.status.last_exit = { code, signal, at: rec.at };
    c.status.pid = null;
    c.proc = undefined;
    if (c.status.state === 'stopping') {
      apply(c, 'terminated');
      return;
    }
    const abnormal = isAbnormalExit(code, signal);
    const failures = nextFailureCount(c.status.consecutive_failures, abnormal, upMs, policy);
    if (failures < c.status.consecutive_failures || failures === 0) c.repaired = false;
    c.status.consecutive_failures = failures;
    opts.log[abnormal ? 'warn' : 'info']({ child: c.spec.id, code, signal, upMs, failures }, `${c.spec.id} exited (code ${code}, signal ${signal})`);
    if (failures >= policy.repairAfter && !c.repaired) {
      c.repaired = true;
      void Promise.resolve(opts.onRepair?.({ id: c.spec.id, failures, exits: c.exits })).catch((err) => opts.log.error({ err }, 'repair step failed'));
    }
    if (stopping || !shouldRestart(c.spec.restart, abnormal)) {
      apply(c, abnormal ? 'give_up' : 'exit_clean');
      return;
    }
    const delay = abnormal ? backoffDelayMs(failures, policy) : policy.initialMs;
    delays.set(c.spec.id, [...(delays.get(c.spec.id) ?? []), delay]);
    apply(c, 'crash');
    c.status.next_restart_at = new Date(Date.now() + delay / scale).toISOString();
    c.timer = setTimeout(() => {
      c.timer = undefined;
      if (stopping) return;
      c.status.restarts++;
      launch(c, 'retry');
    }, delay / scale);
  };

  return {
    start() {
      for (const c of children) launch(c, 'start');
    },
    async stop() {
      stopping = true;
      // Every child is signalled (in reverse start order) before any is awaited: one at a time, 21
      // agents each finishing a tick on a loaded machine took longer than `neolight stop` waits.
      const exits: Promise<void>[] = [];
      for (const c of [...children].reverse()) {
        if (c.timer) {
          clearTimeout(c.timer);
          c.timer = undefined;
          apply(c, 'stop');
          c.status.next_restart_at = null;
          continue;
        }
        const proc = c.proc;
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) continue;
        apply(c, 'stop');
        proc.kill('SIGTERM');
        const killer = setTimeout(() => proc.kill('SIGKILL'), c.spec.shutdownMs);
        exits.push((c.exited ?? Promise.resolve()).then(() => clearTimeout(killer)));
      }
      await Promise.all(exits);
      // A host process outlives its last agent by a message: the stop is over when it is gone too.
      await opts.hosts?.close(Math.max(0, ...specs.map((sp) => sp.shutdownMs)));
    },
    agents() {
      return children.map((c) => ({
        ...c.status,
        last_tick_at: opts.lastTickAt?.(c.spec.id) ?? c.status.last_tick_at,
        rss_mb: c.status.pid !== null && opts.rssMb ? opts.rssMb(c.spec.id, c.status.pid) : null,
        host: c.spec.host !== undefined && opts.hosts ? c.spec.host : null,
      }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    delays: (id) => delays.get(id) ?? [],
    restartNow(id, rollback) {
      const c = children.find((x) => x.spec.id === id);
      if (!c) return false;
      if (rollback) c.status.last_rollback = rollback;
      if (stopping || !c.timer) return false;
      clearTimeout(c.timer);
      c.timer = undefined;
      c.status.consecutive_failures = 0;
      c.repaired = false;
      c.status.restarts++;
      launch(c, 'retry');
      return true;
    },
  };
}
