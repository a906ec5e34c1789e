/**
 * `neolight agent-host`: several agents in one process. The guardian starts one per shared group
 * (`--host core`) and drives it over IPC (mesh/agent-host.ts); run by hand with agent names, it
 * runs those agents in the foreground until Ctrl-C, as `neolight agent` runs one.
 */
import { summaryOf } from './index.js';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { NeoLightError } from '../../core/errors.js';
import { createAgentHost } from '../../mesh/agent-host.js';
import type { HostReport } from '../../mesh/host-protocol.js';
import { clockFromEnv } from '../../mesh/mesh-clock.js';
import { agentNames, loadAgent } from '../../mesh/registry.js';
import { action } from '../run.js';
import { runWithPorts } from './agent.js';

export function registerAgentHost(program: Command): void {
  program
    .command('agent-host')
    .argument('[agents...]', `agents to run in the foreground (without the guardian): ${agentNames().join(', ')}`)
    .description(summaryOf('agent-host'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--host <name>', 'the shared group this process is for (names the process for ps and the guardian\'s log)')
    .action(
      action(async (names: string[], opts: { home?: string; host?: string }) => {
        const supervised = typeof process.send === 'function';
        if (!supervised && names.length === 0) throw new NeoLightError('NL_ERR_BAD_FLAG', `agent-host: name at least one agent to run (known agents: ${agentNames().join(', ')}); the guardian starts hosts with none and sends them their agents`);
        if (supervised && names.length > 0) throw new NeoLightError('NL_ERR_BAD_FLAG', 'agent-host: under the guardian the agents come over the IPC channel; give no names');
        for (const n of names) await loadAgent(n); // an unknown name fails before any agent starts
        const clock = clockFromEnv(loadConfig({ home: opts.home }).timeScale);
        // Each agent's runtime listens for SIGINT and SIGTERM: a host of more than ten agents is
        // not a listener leak, so node's warning past ten listeners would only mislead.
        process.setMaxListeners(Math.max(process.getMaxListeners(), agentNames().length + 10));
        const run = async (name: string, stopSignal: Promise<void>): Promise<number> => {
          // Read at each start, as an agent's own process would: a restart after a configuration
          // change or rollback (AutoPatch) must run under the file as it is now.
          const config = loadConfig({ home: opts.home });
          return runWithPorts(await loadAgent(name), { config, clock, stopSignal, stderr: !supervised });
        };
        let worst = 0;
        const report = (r: HostReport): void => {
          if (r.op === 'exited') worst = Math.max(worst, r.code);
          if (supervised) process.send?.(r, undefined, undefined, () => undefined);
        };
        const exit = (code: number): void => {
          // The last report must reach the guardian before the channel closes with the process.
          if (supervised && process.connected) process.send?.({ op: 'leaving' }, undefined, undefined, () => process.exit(code));
          else process.exit(supervised ? code : worst);
        };
        const host = createAgentHost({ run, report, exit, warn: (line) => process.stderr.write(`${opts.host ?? 'agent-host'}: ${line}\n`) });
        if (supervised) {
          process.on('message', (m) => host.command(m));
          process.once('disconnect', () => host.disconnected());
          process.send?.({ op: 'ready' }, undefined, undefined, () => undefined);
          return;
        }
        for (const n of names) host.command({ op: 'start', agent: n });
        host.command({ op: 'exit' });
      }),
    );
}
