/** `neolight agent NAME`: run one agent in the foreground (the guardian runs each agent this way). */
import { summaryOf } from './index.js';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { clockFromEnv } from '../../mesh/mesh-clock.js';
import { portsForNeeds } from '../../mesh/agent-ports.js';
import { agentNames, loadAgent } from '../../mesh/registry.js';
import { compactAfterBurst, heapSize, ONCE_BURST_BYTES, runAgent, type RunOptions } from '../../mesh/runtime.js';
import type { AgentDefinition } from '../../core/agent.js';
import type { Clock } from '../../core/clock.js';
import { action, parseIntFlag } from '../run.js';

/** Build the ports `def` needs, then run it (`neolight agent` and each agent of a shared host). */
export async function runWithPorts(def: AgentDefinition, opts: Omit<RunOptions, 'ports'> & { clock: Clock }): Promise<number> {
  const heapBeforePorts = heapSize();
  const ports = await portsForNeeds(opts.config, def.needs, opts.clock, def.name);
  // Building a port can be a burst of its own (the sports venue parses the shipped match data):
  // give it back before the agent's start adds its own, or the two peaks stack.
  compactAfterBurst(heapBeforePorts, undefined, ONCE_BURST_BYTES);
  return runAgent(def, { ...opts, ports });
}

export function registerAgent(program: Command): void {
  program
    .command('agent')
    .argument('<name>', `agent to run: ${agentNames().join(', ')}`)
    .description(summaryOf('agent'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--once', 'run a single tick and exit (scheduled jobs)')
    .option('--health-port <n>', 'answer GET /healthz on this port at NEOLIGHT_API_HOST while the agent runs (a container probe)', parseIntFlag('--health-port', 1, 65535))
    .action(
      action(async (name: string, opts: { home?: string; once?: boolean; healthPort?: number }) => {
        const def = await loadAgent(name);
        const config = loadConfig({ home: opts.home });
        const clock = clockFromEnv(config.timeScale);
        // node:http only for a container probe, not in every agent the guardian starts.
        const health = opts.healthPort === undefined ? undefined : await (await import('../../mesh/agent-health.js')).serveAgentHealth(def.name, config.apiHost, opts.healthPort);
        const code = await runWithPorts(def, { config, clock, once: opts.once, stderr: process.env.NEOLIGHT_SUPERVISED !== '1' });
        health?.close();
        process.exit(code);
      }),
    );
}
