/**
 * `neolight status`: what runs and the headline numbers, read from the running guardian's /status.
 * With a shared (PostgreSQL) store and no guardian on this host, the mesh as the store sees it:
 * every agent's lock holder and last heartbeat, from whichever host it runs on.
 */
import { summaryOf } from './index.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { meshMemoryLine, statusDocument, type MeshAgent, type StatusDocument } from '../../contracts/status.js';
import { formatIssues } from '../../contracts/contract.js';
import { NeoLightError } from '../../core/errors.js';
import { guardianLock } from '../../contracts/guardian.js';
import { isPidAlive, readLock } from '../../store/lock.js';
import { action, parseIntFlag, printJson } from '../run.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(summaryOf('status'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--port <n>', 'API port (default: the running guardian’s)', parseIntFlag('--port', 1, 65535))
    .option('--json', 'print the /status document')
    .action(
      action(async (opts: { home?: string; port?: number; json?: boolean }) => {
        const config = loadConfig({ home: opts.home });
        const lock = readLock(join(config.home, guardianLock.path));
        if ((!lock || !isPidAlive(lock.pid)) && config.store) {
          // Only a shared store needs these modules: the common case starts without them.
          const [{ meshAgents }, { agentNames }, { openStore }] = await Promise.all([import('../../mesh/heartbeat.js'), import('../../mesh/registry.js'), import('../../store/open.js')]);
          const store = openStore({ home: config.home, storeUrl: config.store });
          try {
            const mesh = { store: store.location, agents: meshAgents(store, agentNames()) };
            if (opts.json) printJson({ guardian: null, mesh });
            else process.stdout.write(`No guardian runs on ${config.home}; the mesh in the shared store:\n\n${renderMesh(mesh, Date.now())}`);
          } finally {
            store.close();
          }
          return;
        }
        if (!lock || !isPidAlive(lock.pid)) throw new NeoLightError('NL_ERR_NOT_RUNNING', `no mesh is running on ${config.home}; start it with 'neolight up'`);
        const port = opts.port ?? lock.port ?? config.apiPort;
        const host = ['0.0.0.0', '::'].includes(config.apiHost) ? '127.0.0.1' : config.apiHost;
        const res = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/status`, {
          headers: config.apiToken ? { authorization: `Bearer ${config.apiToken}` } : {},
        }).catch((err: unknown) => {
          throw new NeoLightError('NL_ERR_NOT_RUNNING', `guardian pid ${lock.pid} holds the lock but its API on port ${port} does not answer (${(err as Error).message})`);
        });
        if (!res.ok) throw new NeoLightError('NL_ERR_UPSTREAM', `GET /status answered HTTP ${res.status}`);
        const parsed = statusDocument.safeParse(await res.json());
        if (!parsed.success) throw new NeoLightError('NL_ERR_UPSTREAM', `/status does not match its schema: ${formatIssues(parsed.error)}`);
        if (opts.json) printJson(parsed.data);
        else process.stdout.write(renderStatus(parsed.data, Date.now()));
      }),
    );
}

function age(iso: string | null | undefined, now: number): string {
  if (!iso) return '-';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${s % 60}s` : `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

const mb = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : `${Math.round(x)} MB`);

/** The human table (pure, so tests can check it). */
export function renderStatus(doc: StatusDocument, now: number): string {
  const g = doc.guardian;
  const lines: string[] = [];
  lines.push(`NeoLight guardian pid ${g.pid}, up ${age(g.started_at, now)}, mode ${g.mode}${g.simulated ? ' (SIMULATED venues)' : ''}, data ${g.home}`);
  lines.push('');
  const rows = [['AGENT', 'STATE', 'PID', 'RSS', 'RESTARTS', 'FAILS', 'LAST TICK', 'LOG AGE', 'NEXT RESTART']];
  for (const a of g.agents) {
    const logMtime = g.logs[a.log];
    rows.push([a.name, a.state, a.pid ? String(a.pid) : '-', a.host ? `${mb(a.rss_mb)} (${a.host})` : mb(a.rss_mb), String(a.restarts), String(a.consecutive_failures), age(a.last_tick_at, now), age(logMtime, now), a.next_restart_at ? `in ${age(new Date(2 * now - Date.parse(a.next_restart_at)).toISOString(), now)}` : '-']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  if (g.rss_mb !== undefined) lines.push(`Memory: ${meshMemoryLine(g.rss_mb, g.agents)}`);
  lines.push('');
  const rev = doc.revenue_by_agent;
  if (rev && Object.keys(rev.agents).length > 0) {
    const sim = Object.values(rev.agents).some((a) => a?.simulated) ? ' (simulated)' : '';
    lines.push(`Total profit${sim}: $${rev.total_profit.toFixed(2)}`);
    for (const [name, a] of Object.entries(rev.agents)) if (a) lines.push(`  ${name.padEnd(20)} revenue $${a.revenue.toFixed(2)}  cost $${a.cost.toFixed(2)}  profit $${a.profit.toFixed(2)}`);
  } else lines.push('No revenue yet.');
  if (doc.mesh) lines.push('', `The whole mesh (shared store):`, renderMesh(doc.mesh, now).trimEnd());
  const s = doc.system;
  lines.push('', `System: cpu ${s.cpu.percent.toFixed(0)}% of ${s.cpu.cores} cores, memory ${s.memory.percent.toFixed(0)}%, disk ${s.disk.percent.toFixed(0)}% used`);
  return `${lines.join('\n')}\n`;
}

/** The agents of a shared store, from every host (pure, so tests can check it). */
export function renderMesh(mesh: { store: string; agents: MeshAgent[] }, now: number): string {
  const rows = [['AGENT', 'RUNNING', 'HOST', 'PID', 'TICKS', 'ERRORS', 'LAST TICK', 'LOCK HELD BY']];
  for (const a of mesh.agents) rows.push([a.name, a.running ? 'yes' : 'no', a.hostname ?? '-', a.pid ? String(a.pid) : '-', String(a.ticks), String(a.errors), age(a.last_tick_at, now), a.owner ?? '-']);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${[`store ${mesh.store}`, ...rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd())].join('\n')}\n`;
}
