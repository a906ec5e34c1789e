/**
 * Each venture's own ports, by agent name: its marketplace (or betting exchange, or publisher) —
 * the deterministic simulator by default, a real connector when the mode and its settings say so.
 * The one place that chooses them, beside ports.ts for the trader's venue; an agent that is not a
 * venture gets nothing from here.
 */
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { AgentPorts } from '../core/ports.js';
import { dropshipMarketplaceFor } from '../ventures/dropship/marketplace-for.js';
import { ticketOwnSettings } from '../ventures/tickets/settings.js';
import { simulatedTicketMarketplace } from '../ventures/tickets/simulator.js';

type VenturePortsFactory = (config: Config, clock: Clock) => Partial<AgentPorts>;

const FACTORIES: Readonly<Record<string, VenturePortsFactory>> = {
  dropship_agent: (config) => ({ marketplace: dropshipMarketplaceFor(config) }),
  // No ticket exchange offers a documented public API for buying resale tickets: the simulator in every mode.
  ticket_arbitrage: (config) => ({ marketplace: simulatedTicketMarketplace({ seed: config.seed, sellerFee: ticketOwnSettings(config).costs.sellerFee }) }),
};

export function venturePorts(agent: string | undefined, config: Config, clock: Clock): Partial<AgentPorts> {
  const make = agent === undefined ? undefined : FACTORIES[agent];
  return make ? make(config, clock) : {};
}
