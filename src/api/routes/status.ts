/** `GET /status` (the specification's shape) and `GET /healthz`. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { revenueByAgent } from '../../contracts/revenue.js';
import type { StatusDocument } from '../../contracts/status.js';
import type { StateStore } from '../../store/file-store.js';
import '../route-access.js';
import type { SupervisorView } from '../supervisor-view.js';
import { systemInfo } from '../system-info.js';

export interface StatusDeps {
  home: string;
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

export function buildStatus(deps: StatusDeps): StatusDocument {
  const s = deps.supervisor;
  const rev = deps.store.read(revenueByAgent);
  return {
    system: systemInfo(deps.home, s.startedAt),
    guardian: { pid: s.pid, started_at: s.startedAt, mode: s.mode, simulated: s.simulated, home: deps.home, logs: logMtimes(deps.home), agents: s.agents() },
    revenue_by_agent: rev.value ?? null,
  };
}

export function statusRoutes(deps: StatusDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    // Public and answered on any Host: a liveness probe that reveals nothing (docs/security.md).
    app.get('/healthz', { config: { public: true, anyHost: true } }, async () => ({ ok: true }));
    app.get('/status', async () => buildStatus(deps));
  };
}
