/** Every agent of the risk, intelligence and telemetry area, for the mesh registry and the backtester. */
import { orchestratorAgent } from '../intelligence/orchestrator-agent.js';
import { weightsBridgeAgent } from '../intelligence/weights-bridge.js';
import type { AgentDefinition } from '../mesh/agent.js';
import { telemetryAgent } from '../telemetry/telemetry-agent.js';
import { allocatorAgent } from './allocator-agent.js';
import { drawdownGuardAgent } from './drawdown-agent.js';
import { riskGovernorAgent } from './governor-agent.js';

export const RISK_AGENTS: readonly AgentDefinition[] = [orchestratorAgent, weightsBridgeAgent, riskGovernorAgent, drawdownGuardAgent, allocatorAgent, telemetryAgent];
