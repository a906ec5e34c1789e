/**
 * Read access to the state files for the dashboard: documents by contract name, the tail of a
 * ledger, the tail of an agent's log, and the guardian's repair bundles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CONTRACTS } from '../../contracts/index.js';
import { NeoLightError } from '../../core/errors.js';
import { tailLines } from '../../mesh/repair.js';
import type { StateStore } from '../../store/file-store.js';

const nameParam = z.object({ name: z.string().regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits and _') });

function intQuery(raw: unknown, key: string, min: number, max: number, dflt: number): number {
  const v = (raw as Record<string, unknown> | undefined)?.[key];
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new NeoLightError('NL_ERR_BAD_INPUT', `query parameter ${key}=${String(v)} is not accepted: expected a whole number ${min}–${max}`);
  return n;
}

function parseName(params: unknown): string {
  const p = nameParam.safeParse(params);
  if (!p.success) throw new NeoLightError('NL_ERR_BAD_INPUT', `name ${p.error.issues[0]?.message ?? 'is invalid'}`);
  return p.data.name;
}

export function dataRoutes(home: string, store: StateStore) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/documents/:name', async (req) => {
      const name = parseName(req.params);
      const docs = CONTRACTS.filter((c) => c.kind === 'document');
      const c = docs.find((d) => d.name === name);
      if (!c || c.kind !== 'document') throw new NeoLightError('NL_ERR_NOT_FOUND', `no document named "${name}"; documents: ${docs.map((d) => d.name).join(', ')}`);
      const r = store.read(c);
      if (!r.ok) throw r.error;
      if (r.value === undefined) throw new NeoLightError('NL_ERR_NOT_FOUND', `${c.path} does not exist yet`);
      return r.value;
    });

    app.get('/api/ledgers/:name', async (req) => {
      const name = parseName(req.params);
      const limit = intQuery(req.query, 'limit', 1, 5000, 500);
      const ledgers = CONTRACTS.filter((c) => c.kind === 'ledger');
      const c = ledgers.find((d) => d.name === name);
      if (!c || c.kind !== 'ledger') throw new NeoLightError('NL_ERR_NOT_FOUND', `no ledger named "${name}"; ledgers: ${ledgers.map((d) => d.name).join(', ')}`);
      if (!store.exists(c)) throw new NeoLightError('NL_ERR_NOT_FOUND', `${c.path} does not exist yet`);
      const l = store.ledger(c);
      return { rows: l.readSince(Math.max(0, l.lastSeq() - limit)) };
    });

    app.get('/api/agents/:name/log', async (req) => {
      const name = parseName(req.params);
      const lines = intQuery(req.query, 'lines', 1, 1000, 100);
      const file = join(home, 'logs', `${name}.log`);
      if (!existsSync(file)) throw new NeoLightError('NL_ERR_NOT_FOUND', `logs/${name}.log does not exist`);
      return { lines: tailLines(file, lines) };
    });

    app.get('/api/repairs', async () => {
      const dir = join(home, 'state', 'repairs');
      const bundles: { agent: string; at: string; path: string; summary: string }[] = [];
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      } catch {
        return { bundles };
      }
      for (const f of files) {
        try {
          const b = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { agent?: unknown; at?: unknown; error?: unknown; consecutive_failures?: unknown };
          if (typeof b.agent !== 'string' || typeof b.at !== 'string') continue;
          const err = typeof b.error === 'string' ? b.error.split('\n')[0] : 'no error line in the log';
          bundles.push({ agent: b.agent, at: b.at, path: `state/repairs/${f}`, summary: `${String(b.consecutive_failures ?? '?')} consecutive failures: ${err}` });
        } catch {
          // a bundle being written or damaged: skip it
        }
      }
      bundles.sort((a, b) => b.at.localeCompare(a.at));
      return { bundles };
    });
  };
}
