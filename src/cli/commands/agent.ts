/** `neolight agent NAME`: run one agent in the foreground (the guardian runs each agent this way). */
import { summaryOf } from './index.js';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { serveAgentHealth } from '../../mesh/agent-health.js';
import { clockFromEnv } from '../../mesh/mesh-clock.js';
import { portsForNeeds } from '../../mesh/agent-ports.js';
import { agentNames, loadAgent } from '../../mesh/registry.js';
import { runAgent } from '../../mesh/runtime.js';
import { action, parseIntFlag } from '../run.js';

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
        const health = opts.healthPort === undefined ? undefined : await serveAgentHealth(def.name, config.apiHost, opts.healthPort);
        const code = await runAgent(def, {
          config,
          ports: await portsForNeeds(config, def.needs, clock, def.name),
          once: opts.once,
          clock,
          stderr: process.env.NEOLIGHT_SUPERVISED !== '1',
        });
        health?.close();
        process.exit(code);
      }),
    );
}
