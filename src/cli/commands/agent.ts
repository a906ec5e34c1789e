/** `neolight agent NAME`: run one agent in the foreground (the guardian runs each agent this way). */
import { summaryOf } from './index.js';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { clockFromEnv } from '../../mesh/mesh-clock.js';
import { portsFor } from '../../mesh/ports.js';
import { agentRegistry, findAgent } from '../../mesh/registry.js';
import { runAgent } from '../../mesh/runtime.js';
import { action } from '../run.js';

export function registerAgent(program: Command): void {
  program
    .command('agent')
    .argument('<name>', `agent to run: ${agentRegistry().map((a) => a.name).join(', ')}`)
    .description(summaryOf('agent'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--once', 'run a single tick and exit (scheduled jobs)')
    .action(
      action(async (name: string, opts: { home?: string; once?: boolean }) => {
        const def = findAgent(name);
        const config = loadConfig({ home: opts.home });
        const clock = clockFromEnv(config.timeScale);
        const code = await runAgent(def, {
          config,
          ports: portsFor(config, clock, def.name),
          once: opts.once,
          clock,
          stderr: process.env.NEOLIGHT_SUPERVISED !== '1',
        });
        process.exit(code);
      }),
    );
}
