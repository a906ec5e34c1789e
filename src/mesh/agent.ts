/**
 * What an agent is: a named unit with an interval in market time, a `tick`, and the contracts it
 * consumes and produces. The runtime (mesh) or the backtester gives it a context of ports — clock,
 * store, logger, market data — so the same agent code runs in a backtest, the simulated mesh,
 * paper and live mode. Agents never ask which mode they are in.
 */
import type { Config } from '../config/config.js';
import type { Contract } from '../contracts/contract.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../store/file-store.js';

export interface AgentContext {
  readonly name: string;
  readonly clock: Clock;
  readonly store: StateStore;
  readonly log: Logger;
  readonly config: Config;
  /** Mode-specific adapters picked by the composition root (market data, venues, notifiers...). */
  readonly ports: Readonly<Record<string, unknown>>;
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
  create(ctx: AgentContext): AgentInstance | Promise<AgentInstance>;
}
