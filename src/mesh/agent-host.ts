/**
 * An agent host: one process running several agents on one event loop, as the guardian asks
 * (`neolight agent-host`, host-protocol.ts). The agents share the process's modules (node, zod,
 * pino, config, store, the market simulator's model), which is most of what a process of their
 * own would hold; each keeps its own runtime: clock ticks, logger, store handle, single-instance
 * lock and heartbeat. The host never decides a restart: it reports each exit and the guardian's
 * supervisor applies the agent's own backoff.
 */
import { describeError, NeoLightError } from '../core/errors.js';
import { hostCommand, type HostReport } from './host-protocol.js';

export interface AgentHostOptions {
  /** Runs one agent until `stopSignal` resolves; resolves to the exit code its own process would have. */
  run(name: string, stopSignal: Promise<void>): Promise<number>;
  report(r: HostReport): void;
  /** End the host process with this code (after its last report went out). */
  exit(code: number): void;
  /** A line for the host's stderr, which the guardian logs under the host's name. */
  warn(line: string): void;
}

export interface AgentHost {
  /** One message from the guardian (validated here: the channel carries whatever a peer sent). */
  command(message: unknown): void;
  /** The guardian is gone: stop every agent; the host ends once none runs. */
  disconnected(): void;
  running(): string[];
}

export function createAgentHost(o: AgentHostOptions): AgentHost {
  const agents = new Map<string, () => void>();
  let leaving = false;
  const leaveIfIdle = (): void => {
    if (leaving && agents.size === 0) o.exit(0);
  };

  const start = (name: string): void => {
    if (agents.has(name)) {
      o.warn(`agent ${name} already runs in this host; the second start is ignored`);
      return;
    }
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    agents.set(name, stop);
    o.report({ op: 'started', agent: name });
    void o
      .run(name, stopSignal)
      .catch((err: unknown) => {
        // Before the agent's runtime (and its log) exists: its configuration, its module or its
        // ports. The code is the one `neolight agent` would have exited with (2 for a bad config).
        o.warn(`agent ${name} could not start: ${describeError(err)}`);
        return err instanceof NeoLightError ? err.exitCode : 1;
      })
      .then((code) => {
        agents.delete(name);
        o.report({ op: 'exited', agent: name, code });
        leaveIfIdle();
      });
  };

  return {
    command(message) {
      const parsed = hostCommand.safeParse(message);
      if (!parsed.success) {
        o.warn(`ignored a message the host does not understand: ${JSON.stringify(message).slice(0, 200)}`);
        return;
      }
      const m = parsed.data;
      if (m.op === 'start') start(m.agent);
      else if (m.op === 'stop') agents.get(m.agent)?.();
      else {
        leaving = true;
        leaveIfIdle();
      }
    },
    disconnected() {
      leaving = true;
      for (const stop of agents.values()) stop();
      leaveIfIdle();
    },
    running: () => [...agents.keys()],
  };
}
