/** `GET /status` (the specification's shape) and `GET /healthz`. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.js';
import { revenueByAgent } from '../../contracts/revenue.js';
import type { StatusDocument } from '../../contracts/status.js';
import { meshAgents, readHeartbeat } from '../../mesh/heartbeat.js';
import { meshNow } from '../../mesh/mesh-clock.js';
import { agentNames } from '../../mesh/registry.js';
import { rssMb } from '../../mesh/process-memory.js';
import { readRiskState } from '../../risk/sources.js';
import { CAPITAL_VENTURES, TRADER } from '../../risk/capital-governor-agent.js';
import type { StateStore } from '../../store/file-store.js';
import '../route-access.js';
import type { SupervisorView } from '../supervisor-view.js';
import { systemInfo } from '../system-info.js';

export interface StatusDeps {
  home: string;
  /** For the risk agents' intervals, which define when a risk document is stale. */
  config: Config;
  store: StateStore;
  supervisor: SupervisorView;
}

/** Every `.log` file under logs/ with its modification time. */
export function logMtimes(home: string): Record<string, string> {
  const out: Record<string, string> = {};
  const dir = join(home, 'logs');
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log')).sort();
  } catch {
    return out;
  }
  for (const n of names) {
    try {
      out[n] = statSync(join(dir, n)).mtime.toISOString();
    } catch {
      // rotated away between readdir and stat
    }
  }
  return out;
}

/** How long one built /status document is served again (wall ms). */
export const STATUS_REUSE_MS = 250;

/** The agents that spend capital under the one risk budget (the capital governor's list). */
const CAPITAL_AGENTS: ReadonlySet<string> = new Set([TRADER, ...CAPITAL_VENTURES]);

export function buildStatus(deps: StatusDeps): StatusDocument {
  const s = deps.supervisor;
  const rev = deps.store.read(revenueByAgent);
  const risk = riskStatus(deps);
  const halted = risk.trading_state === 'HALTED';
  // A note counts only from the running process's own heartbeat: a dead one's is stale.
  const noteOf = (name: string, pid: number | null): string | null => {
    const hb = pid === null ? undefined : readHeartbeat(deps.store, name);
    return hb?.pid === pid ? (hb.note ?? null) : null;
  };
  const agents = s.agents().map((a) => ({ ...a, halted: CAPITAL_AGENTS.has(a.name) ? halted : null, note: noteOf(a.name, a.pid) }));
  return {
    system: systemInfo(deps.home, s.startedAt),
    guardian: { pid: s.pid, started_at: s.startedAt, mode: s.mode, simulated: s.simulated, home: deps.home, rss_mb: rssMb(process.memoryUsage.rss()), logs: logMtimes(deps.home), agents },
    revenue_by_agent: rev.value ?? null,
    risk,
    // A shared store is shared by the agents of other hosts too: show all of them.
    ...(deps.store.kind === 'postgres' ? { mesh: { store: deps.store.location, agents: meshAgents(deps.store, agentNames()) } } : {}),
  };
}

/** The risk state the capital agents obey at the mesh's market time, fail closed, with its reason codes. */
function riskStatus(deps: StatusDeps): StatusDocument['risk'] {
  const r = readRiskState(deps.store, deps.config, meshNow(deps.home));
  return { trading_state: r.tradingState, reasons: r.reasons, details: r.details, exposure_cap: r.exposureCap };
}

export function statusRoutes(deps: StatusDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    // Public and answered on any Host: a liveness probe that reveals nothing (docs/security.md).
    app.get('/healthz', { config: { public: true, anyHost: true } }, async () => ({ ok: true }));
    // Under a crowd of clients one document is built per quarter second and shared: building it
    // reads every agent's heartbeat and /proc entry, which 500 clients at once would repeat each time.
    let cached: { at: number; doc: StatusDocument } | undefined;
    app.get('/status', async () => {
      const now = Date.now();
      if (!cached || now - cached.at >= STATUS_REUSE_MS) cached = { at: now, doc: buildStatus(deps) };
      return cached.doc;
    });
  };
}
