/**
 * The guardian's side of the agent hosts: one process per shared group, started when the first of
 * its agents is launched and told to leave once none of its agents runs. Each agent in a host gets
 * a handle that behaves as its own child process would for the supervisor: `spawn` once it runs
 * there, `exit` with its own exit code, `kill` stopping it alone. Only SIGKILL (a stop that timed
 * out) has to take the whole host, and a host that dies ends each of its agents with its signal,
 * so each restarts on its own backoff and the next launch starts a new host.
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { onLines } from './child-lines.js';
import { hostReport, type HostCommand } from './host-protocol.js';

/** What the supervisor uses of a child process; a hosted agent's handle provides the same. */
export interface ChildHandle extends EventEmitter {
  readonly pid?: number | undefined;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface HostPool {
  launch(host: string, agent: string): ChildHandle;
  /**
   * Resolves once every host process has exited (each is told to leave once its agents are gone);
   * one still running after `graceMs` is killed.
   */
  close(graceMs: number): Promise<void>;
}

export interface HostPoolOptions {
  /** Start the process of `host` with an IPC channel (stdio[3] = 'ipc'). */
  spawnHost(host: string): ChildProcess;
  /** A line the host wrote on stdout or stderr. */
  onOutput(host: string, line: string): void;
  warn(msg: string): void;
}

class HostedAgent extends EventEmitter implements ChildHandle {
  pid: number | undefined = undefined;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly stdout = null;
  readonly stderr = null;
  constructor(
    private readonly host: Host,
    readonly agent: string,
  ) {
    super();
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.exitCode !== null || this.signalCode !== null) return false;
    if (signal === 'SIGKILL') return this.host.proc.kill('SIGKILL');
    return send(this.host, { op: 'stop', agent: this.agent });
  }
  started(): void {
    this.pid = this.host.proc.pid;
    this.emit('spawn');
  }
  ended(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exitCode !== null || this.signalCode !== null) return;
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
  }
}

interface Host {
  id: string;
  proc: ChildProcess;
  agents: Map<string, HostedAgent>;
  /** Commands held until the host says it listens. */
  queued: HostCommand[] | undefined;
}

function send(h: Host, m: HostCommand): boolean {
  if (!h.proc.connected) return false;
  if (h.queued) h.queued.push(m);
  // An error here means the host just died; its 'exit' ends its agents.
  else h.proc.send(m, () => undefined);
  return true;
}

export function createHostPool(o: HostPoolOptions): HostPool {
  const hosts = new Map<string, Host>();
  /** Every host process not yet exited, the leaving ones included. */
  const live = new Map<ChildProcess, Promise<void>>();

  const startHost = (id: string): Host => {
    const proc = o.spawnHost(id);
    const h: Host = { id, proc, agents: new Map(), queued: [] };
    hosts.set(id, h);
    live.set(
      proc,
      new Promise((resolve) =>
        proc.once('exit', () => {
          live.delete(proc);
          resolve();
        }),
      ),
    );
    for (const stream of [proc.stdout, proc.stderr]) onLines(stream, (line) => o.onOutput(id, line));
    proc.on('message', (m: unknown) => {
      const r = hostReport.safeParse(m);
      if (!r.success) return o.warn(`agent host ${id} sent a message the guardian does not understand: ${JSON.stringify(m).slice(0, 200)}`);
      if (r.data.op === 'leaving') return;
      if (r.data.op === 'ready') {
        const queued = h.queued ?? [];
        h.queued = undefined;
        for (const c of queued) send(h, c);
        return;
      }
      const a = h.agents.get(r.data.agent);
      if (!a) return;
      if (r.data.op === 'started') return a.started();
      h.agents.delete(a.agent);
      a.ended(r.data.code, null);
      if (h.agents.size === 0) leave(h);
    });
    proc.once('error', (err) => {
      o.warn(`agent host ${id} could not start: ${err.message}`);
      // A process that never ran emits no 'exit': end its agents here.
      if (proc.pid === undefined) hostGone(h, 1, null);
    });
    proc.once('exit', (code, signal) => hostGone(h, code === 0 ? 1 : code, signal));
    return h;
  };

  /** The host is gone: every agent it still ran ends as it would have (a clean host exit with agents left is a failure). */
  const hostGone = (h: Host, code: number | null, signal: NodeJS.Signals | null): void => {
    if (hosts.get(h.id) === h) hosts.delete(h.id);
    const left = [...h.agents.values()];
    h.agents.clear();
    for (const a of left) a.ended(code, signal);
  };

  /** A host told to leave is out of `hosts`: the next launch for its group starts a new process. */
  const leave = (h: Host): void => {
    if (hosts.get(h.id) === h) hosts.delete(h.id);
    send(h, { op: 'exit' });
  };

  return {
    launch(host, agent) {
      let h = hosts.get(host);
      if (!h || !h.proc.connected) h = startHost(host);
      const a = new HostedAgent(h, agent);
      h.agents.set(agent, a);
      send(h, { op: 'start', agent });
      return a;
    },
    async close(graceMs) {
      for (const h of hosts.values()) if (h.agents.size === 0) leave(h);
      await Promise.all(
        [...live].map(([proc, exited]) => {
          const killer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
          return exited.then(() => clearTimeout(killer));
        }),
      );
    },
  };
}
