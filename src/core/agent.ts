/**
 * What an agent is: a named unit with an interval in market time, a `tick`, the contracts it
 * consumes and produces, and the ports it needs. The composition root (mesh, backtest, CLI) gives
 * it a context of typed ports — clock, store, logger, market data, venue — so the same agent code
 * runs in a backtest, the simulated mesh, paper and live mode. Agents never ask which mode they are in.
 *
 * Context types come from their own modules as types only: core holds no behaviour of theirs.
 */
import type { Config } from '../config/config.js';
import type { Contract } from '../contracts/contract.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../store/file-store.js';
import type { Clock } from './clock.js';
import { NeoLightError } from './errors.js';
import type { AgentPorts, PortName } from './ports.js';

export interface AgentContext {
  readonly name: string;
  readonly clock: Clock;
  readonly store: StateStore;
  readonly log: Logger;
  readonly config: Config;
  readonly ports: AgentPorts;
  /**
   * Aborted when the agent is asked to stop (signal, or its guardian gone). A tick that computes
   * for long (the tuner's grid search) checks it between units of work and gives up, so a stop
   * never waits for minutes of CPU.
   */
  readonly signal?: AbortSignal;
  /**
   * A one-line note about the agent's recent ticks for `/status` and the Agents view (a venture's
   * reason for buying nothing); null clears it. Written with the next heartbeat.
   */
  readonly report?: (note: string | null) => void;
}

export interface AgentInstance {
  /** One unit of work at market time `now`. A throw is logged and ends the process (the guardian decides). */
  tick(now: number): Promise<void> | void;
  /** Called once on SIGINT/SIGTERM after the current tick finished. */
  stop?(): Promise<void> | void;
}

export interface AgentDefinition {
  /** Also the log file name: logs/<name>.log (smart_trader, intelligence_orchestrator, ...). */
  readonly name: string;
  readonly description: string;
  /** Interval between ticks in market milliseconds. */
  intervalMs(config: Config): number;
  readonly consumes: readonly Contract[];
  readonly produces: readonly Contract[];
  /** Ports the agent cannot run without; a missing one is a start-up error. */
  readonly needs: readonly PortName[];
  create(ctx: AgentContext): AgentInstance | Promise<AgentInstance>;
}

/** The port `name` of the context; a missing one is a start-up error naming the agent and the port. */
export function requirePort<K extends PortName>(ctx: Pick<AgentContext, 'name' | 'ports'>, name: K): NonNullable<AgentPorts[K]> {
  const port = ctx.ports[name];
  if (port === undefined) throw new NeoLightError('NL_ERR_BAD_CONFIG', `agent ${ctx.name} needs the "${name}" port, and its composition root gave none`);
  return port as NonNullable<AgentPorts[K]>;
}
