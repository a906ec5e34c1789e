/** Every agent the mesh can run, in start order (producers before their consumers). */
import { NeoLightError } from '../core/errors.js';
import { knowledgeIntegratorAgent } from '../intelligence/knowledge-integrator.js';
import { strategyLabAgent } from '../intelligence/strategy-lab/agent.js';
import { orchestratorAgent } from '../intelligence/orchestrator-agent.js';
import { weightsBridgeAgent } from '../intelligence/weights-bridge.js';
import { allocatorAgent } from '../risk/allocator-agent.js';
import { drawdownGuardAgent } from '../risk/drawdown-agent.js';
import { riskGovernorAgent } from '../risk/governor-agent.js';
import { telemetryAgent } from '../telemetry/telemetry-agent.js';
import { smartTraderAgent } from '../trading/smart-trader.js';
import { revenueRollupAgent } from '../ventures/revenue-rollup.js';
import { sportsAnalyticsAgent } from '../ventures/sports/analytics-agent.js';
import { sportsBettingAgent } from '../ventures/sports/betting-agent.js';
import type { AgentDefinition } from '../core/agent.js';

export function agentRegistry(): readonly AgentDefinition[] {
  return [
    knowledgeIntegratorAgent,
    strategyLabAgent,
    orchestratorAgent,
    weightsBridgeAgent,
    riskGovernorAgent,
    drawdownGuardAgent,
    allocatorAgent,
    smartTraderAgent,
    telemetryAgent,
    sportsAnalyticsAgent,
    sportsBettingAgent,
    revenueRollupAgent,
  ];
}

export function findAgent(name: string): AgentDefinition {
  const all = agentRegistry();
  const def = all.find((a) => a.name === name);
  if (!def) throw new NeoLightError('NL_ERR_UNKNOWN_AGENT', `unknown agent "${name}"; known agents: ${all.map((a) => a.name).join(', ')}`);
  return def;
}
