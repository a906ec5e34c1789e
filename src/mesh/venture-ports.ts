/**
 * Each venture's own ports, by agent name: its marketplace (or betting exchange, or publisher) —
 * the deterministic simulator by default, a real connector when the mode and its settings say so.
 * The one place that chooses them, beside ports.ts for the trader's venue; an agent that is not a
 * venture gets nothing from here.
 */
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { AgentPorts } from '../core/ports.js';

type VenturePortsFactory = (config: Config, clock: Clock) => Partial<AgentPorts>;

const FACTORIES: Readonly<Record<string, VenturePortsFactory>> = {};

export function venturePorts(agent: string | undefined, config: Config, clock: Clock): Partial<AgentPorts> {
  const make = agent === undefined ? undefined : FACTORIES[agent];
  return make ? make(config, clock) : {};
}
