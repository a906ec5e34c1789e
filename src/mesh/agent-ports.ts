/**
 * The ports of one agent process: only those its definition needs, importing only their modules.
 * An agent that needs a venue (the SmartTrader) gets the full set from ports.ts, market and venue
 * sharing the quote the order was priced on; an agent that needs market data gets the mode's
 * market alone (the simulator, or the live feeds in paper and live mode); the rest get the
 * universe only. So the trading, venue and exchange modules load in the trader's process and no
 * other (test/mesh/agent-imports.test.ts checks it).
 */
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import type { MarketData } from '../core/market.js';
import type { AgentPorts, PortName } from '../core/ports.js';
import { SYMBOLS } from '../market/instruments.js';
import { venturePorts } from './venture-ports.js';

export async function portsForNeeds(config: Config, needs: readonly PortName[], clock: Clock, agent?: string): Promise<AgentPorts> {
  // A venture's own ports (its marketplace, exchange or publisher), and the tuner's engine, load only in that agent.
  // The tuner walks forward on the mode's market history (real in paper and live mode).
  const tuning = needs.includes('walkForward') ? { walkForward: (await import('./tuning-port.js')).engineWalkForward(config, await marketFor(config)) } : {};
  const own: AgentPorts = { ...(await venturePorts(agent, config, clock)), ...tuning };
  if (needs.includes('venue')) return { ...(await (await import('./ports.js')).portsFor(config, clock)), ...own };
  if (!needs.includes('market')) return { universe: SYMBOLS, ...own };
  return { universe: SYMBOLS, market: await marketFor(config), ...own };
}

/** The simulator's scenario: the crash of NEOLIGHT_SIM_CRASH_AT when set, none otherwise. */
export function simulatorOptions(config: Pick<Config, 'simCrashAt'>): { scenario?: 'crash'; crashStartMs?: number } {
  return config.simCrashAt === undefined ? {} : { scenario: 'crash', crashStartMs: config.simCrashAt };
}

async function marketFor(config: Config): Promise<MarketData> {
  switch (config.mode) {
    case 'sim':
    case 'backtest':
      return (await import('../market/simulator.js')).simulatedMarket(config.seed, simulatorOptions(config));
    case 'paper':
    case 'live':
      return (await import('./live-market.js')).liveMarket(config);
  }
}
