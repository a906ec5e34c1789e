/** `neolight up`: the supervised mesh — guardian, agents, scheduler, status API and dashboard. */
import { venturesSectionSchema } from '../../config/sections/ventures.js';
import { summaryOf } from './index.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { isSimulatedMode } from '../../contracts/contract.js';
import type { FastifyInstance } from 'fastify';
import { createApiServer } from '../../api/server.js';
import type { SupervisorView } from '../../api/supervisor-view.js';
import { configSection, loadConfig, secretValues } from '../../config/config.js';
import { createLogger, LOG_NAMES } from '../../log/logger.js';
import { NeoLightError } from '../../core/errors.js';
import { LOCK_PATH, runGuardian, setKnownAgents, type GuardianView } from '../../mesh/guardian.js';
import { portOwner } from '../../mesh/port-owner.js';
import { reclaimPort } from '../../mesh/port-reclaim.js';
import { agentNames } from '../../mesh/registry.js';
import { readLock } from '../../store/lock.js';
import { action, parseIntFlag, parseNumberFlag } from '../run.js';
import { liveVenueFromConfig } from '../../trading/venues/from-config.js';

interface UpFlags {
  home?: string;
  host?: string;
  port?: number;
  timeScale?: number;
  seed?: number;
  agents?: string;
  duration?: number;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description(summaryOf('up'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME, default ./neolight-data)')
    .option('--host <addr>', 'API bind address (NEOLIGHT_API_HOST, default 127.0.0.1; beyond loopback needs NEOLIGHT_API_TOKEN)')
    .option('--port <n>', 'API port (NEOLIGHT_API_PORT, default 8100)', parseIntFlag('--port', 1, 65535))
    .option('--time-scale <n>', 'market seconds per real second (NEOLIGHT_TIME_SCALE, default 60)', parseNumberFlag('--time-scale', 0, Number.POSITIVE_INFINITY, true))
    .option('--seed <n>', 'simulator seed (NEOLIGHT_SEED)', parseIntFlag('--seed', 0, 2 ** 32 - 1))
    .option('--agents <list>', 'comma-separated agents to run (default: all)')
    .option('--duration <seconds>', 'stop by itself after this many seconds', parseNumberFlag('--duration', 0, Number.POSITIVE_INFINITY, true))
    .action(
      action(async (flags: UpFlags) => {
        const config = loadConfig({ home: flags.home, apiHost: flags.host, apiPort: flags.port, timeScale: flags.timeScale, seed: flags.seed });
        const known = agentNames();
        // By default every agent but the ventures the config file turns off (`ventures.<agent>.enabled: false`).
        const ventures = configSection(config, 'ventures', venturesSectionSchema) as Record<string, { enabled?: boolean } | undefined>;
        const agents = flags.agents === undefined ? known.filter((a) => ventures[a]?.enabled !== false) : flags.agents.split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = agents.filter((a) => !known.includes(a));
        if (unknown.length > 0 || agents.length === 0) {
          throw new NeoLightError('NL_ERR_BAD_FLAG', `--agents "${flags.agents}" is not accepted: ${unknown.length ? `unknown ${unknown.join(', ')}` : 'empty list'}; known agents: ${known.join(', ')}`);
        }
        // Live mode: a listed venue without its keys stops here (exit 2), before any agent starts and fails one by one.
        if (config.mode === 'live') liveVenueFromConfig(config);
        setKnownAgents(known);
        const code = await runGuardian(config, {
          agents,
          durationSec: flags.duration,
          cliPath: cliPath(),
          serve,
          onReady: (url) => {
            const sim = config.mode === 'live' ? '' : ` — ${config.mode === 'paper' ? 'PAPER: live quotes, simulated fills' : 'SIMULATED venues'}`;
            process.stdout.write(`NeoLight mesh up: ${agents.length} agents${sim}, market time ×${config.timeScale}\n`);
            process.stdout.write(`Dashboard and status API: ${url}\n`);
            process.stdout.write(`Stop with Ctrl-C or 'neolight stop${flags.home ? ` --home ${flags.home}` : ''}'.\n`);
          },
        });
        process.exit(code);
      }),
    );
}

async function serve(view: GuardianView): Promise<{ url: string; close: () => Promise<void> }> {
  const { config } = view;
  const supervisorView: SupervisorView = {
    pid: view.pid,
    startedAt: view.startedAt,
    mode: config.mode,
    simulated: isSimulatedMode(config.mode),
    agents: () => view.supervisor.agents(),
    subscribe: (l) => view.supervisor.subscribe(l),
  };
  const logger = createLogger(config.home, LOG_NAMES.api, { level: config.logLevel, secrets: secretValues(config), stdout: config.logStdout });
  const listen = async (): Promise<FastifyInstance> => {
    const app = await createApiServer({ config, supervisor: supervisorView, logger });
    try {
      await app.listen({ host: config.apiHost, port: config.apiPort });
      return app;
    } catch (err) {
      await app.close();
      throw err;
    }
  };
  let app: FastifyInstance;
  try {
    app = await listen();
  } catch (err) {
    if (!inUse(err)) throw err;
    const ours = { home: config.home, cliPath: cliPath(), selfPid: view.pid, lockPid: readLock(join(config.home, LOCK_PATH))?.pid };
    const say = (text: string): void => {
      view.log.warn({ port: config.apiPort }, text);
      process.stderr.write(`neolight: ${text}\n`);
    };
    const r = await reclaimPort(config.apiPort, ours, say);
    if (!r.reclaimed) throw portInUse(config.apiPort, r.owner, r.why);
    // Retried once: if someone else took the port meanwhile, that is reported like any holder.
    try {
      app = await listen();
    } catch (again) {
      if (inUse(again)) throw portInUse(config.apiPort, portOwner(config.apiPort), undefined);
      throw again;
    }
  }
  const shownHost = config.apiHost.includes(':') ? `[${config.apiHost}]` : config.apiHost;
  return { url: `http://${shownHost}:${config.apiPort}/`, close: () => app.close() };
}

const cliPath = (): string => fileURLToPath(new URL('../main.js', import.meta.url));

const inUse = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'EADDRINUSE';

function portInUse(port: number, owner: { pid: number; command: string } | undefined, why: string | undefined): NeoLightError {
  return new NeoLightError(
    'NL_ERR_PORT_IN_USE',
    `port ${port} is in use${owner ? ` by pid ${owner.pid} (${owner.command})` : ''}${why ? `; ${why}` : ''}; stop that process or choose another --port`,
    { port, pid: owner?.pid },
  );
}
