/**
 * Every agent the mesh can run, in start order (producers before their consumers), as a catalogue
 * of names with a loader each: an agent process imports only its own definition and what that
 * pulls in, never its siblings' modules, which keeps each child of the guardian near a bare
 * node's memory (docs/guardian.md, "Memory of the mesh"). Listing the names loads no agent.
 */
import { NeoLightError } from '../core/errors.js';
import type { AgentDefinition } from '../core/agent.js';

export interface AgentEntry {
  readonly name: string;
  /**
   * The shared process the guardian runs this agent in by default (agent-host.ts), or none: an
   * agent whose work is heavy (a model fit, the trader's books) keeps a process of its own.
   */
  readonly host?: AgentHost;
  load(): Promise<AgentDefinition>;
}

/**
 * The shared processes of the default mesh. Every node process holds ~57 MB before an agent's own
 * work (node, zod, pino, the config and store modules), which one process per agent paid 21 times;
 * the light agents add a few MB each to a process they share (docs/guardian.md, "Memory of the mesh").
 * Grouped by what they do, so one host's restart stops related work: the bookkeeping and risk
 * agents, the research and allocation agents, the commerce ventures.
 */
export const AGENT_HOSTS = ['core', 'research', 'ventures'] as const;
export type AgentHost = (typeof AGENT_HOSTS)[number];

export const AGENTS: readonly AgentEntry[] = [
  { name: 'knowledge_integrator', host: 'core', load: async () => (await import('../intelligence/knowledge-integrator.js')).knowledgeIntegratorAgent },
  { name: 'strategy_lab', host: 'research', load: async () => (await import('../intelligence/strategy-lab/agent.js')).strategyLabAgent },
  { name: 'intelligence_orchestrator', host: 'research', load: async () => (await import('../intelligence/orchestrator-agent.js')).orchestratorAgent },
  { name: 'weights_bridge', host: 'core', load: async () => (await import('../intelligence/weights-bridge.js')).weightsBridgeAgent },
  { name: 'risk_governor', host: 'core', load: async () => (await import('../risk/governor-agent.js')).riskGovernorAgent },
  { name: 'drawdown_guard', host: 'core', load: async () => (await import('../risk/drawdown-agent.js')).drawdownGuardAgent },
  { name: 'allocator', host: 'research', load: async () => (await import('../risk/allocator-agent.js')).allocatorAgent },
  { name: 'smart_trader', load: async () => (await import('../trading/smart-trader.js')).smartTraderAgent },
  { name: 'telemetry', host: 'core', load: async () => (await import('../telemetry/telemetry-agent.js')).telemetryAgent },
  { name: 'sports_analytics', load: async () => (await import('../ventures/sports/analytics-agent.js')).sportsAnalyticsAgent },
  { name: 'sports_betting', load: async () => (await import('../ventures/sports/betting-agent.js')).sportsBettingAgent },
  { name: 'dropship_agent', host: 'ventures', load: async () => (await import('../ventures/dropship/dropship-agent.js')).dropshipAgent },
  { name: 'ticket_arbitrage', host: 'ventures', load: async () => (await import('../ventures/tickets/ticket-agent.js')).ticketAgent },
  { name: 'collectibles_agent', host: 'ventures', load: async () => (await import('../ventures/collectibles/collectibles-agent.js')).collectiblesAgent },
  { name: 'luxury_agent', host: 'ventures', load: async () => (await import('../ventures/luxury/luxury-agent.js')).luxuryAgent },
  { name: 'content_agent', host: 'ventures', load: async () => (await import('../ventures/content/content-agent.js')).contentAgent },
  { name: 'healthcare_agent', load: async () => (await import('../ventures/healthcare/healthcare-agent.js')).healthcareAgent },
  { name: 'revenue_rollup', host: 'core', load: async () => (await import('../ventures/revenue-rollup.js')).revenueRollupAgent },
  { name: 'capital_governor', host: 'core', load: async () => (await import('../risk/capital-governor-agent.js')).capitalGovernorAgent },
  { name: 'hedge_engine', host: 'core', load: async () => (await import('../risk/hedge-agent.js')).hedgeEngineAgent },
  { name: 'neural_tuner', host: 'core', load: async () => (await import('../intelligence/tuner/agent.js')).neuralTunerAgent },
];

/** The shared process an agent runs in by default, or undefined when it has a process of its own. */
export function hostOf(name: string): AgentHost | undefined {
  return AGENTS.find((a) => a.name === name)?.host;
}

export function agentNames(): string[] {
  return AGENTS.map((a) => a.name);
}

/** The definition of one agent, importing only its module. */
export async function loadAgent(name: string): Promise<AgentDefinition> {
  const entry = AGENTS.find((a) => a.name === name);
  if (!entry) throw new NeoLightError('NL_ERR_UNKNOWN_AGENT', `unknown agent "${name}"; known agents: ${agentNames().join(', ')}`);
  const def = await entry.load();
  // The catalogue's name is what the guardian, the logs and the heartbeats use: it must be the agent's own.
  if (def.name !== name) throw new NeoLightError('NL_ERR_INTERNAL', `the agent catalogue lists "${name}" but its module defines "${def.name}"`);
  return def;
}

/** Every definition, in start order (loads every agent module: for tests and in-process runs). */
export async function agentRegistry(): Promise<AgentDefinition[]> {
  return Promise.all(AGENTS.map((a) => loadAgent(a.name)));
}
