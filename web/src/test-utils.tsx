/**
 * Test helpers for the dashboard's component tests: a fetch stub answering by path, and
 * contract-shaped sample documents. Only imported by *.test.tsx files.
 */
import { vi } from 'vitest';
import type { z } from 'zod';
import type { DocumentContract } from '../../src/contracts/contract.js';
import type { StatusDocument } from '../../src/contracts/status.js';
import { EXAMPLES } from '../../test/fixtures/foundation/contract-examples.js';

export type Route = (init: RequestInit | undefined, url: string) => { status: number; body: unknown } | 'network-error';

/** Stubs global fetch: the first route whose key the URL path starts with answers; else 404. */
export function stubFetch(routes: Record<string, Route>) {
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const key = Object.keys(routes)
      .filter((k) => path.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    const answer = key ? routes[key]?.(init, path) : { status: 404, body: { error: { code: 'NL_ERR_NOT_FOUND', message: `${path} not found` } } };
    if (!answer || answer === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

export const ok = (body: unknown): Route => () => ({ status: 200, body });
export const fail = (status: number, code: string, message: string): Route => () => ({ status, body: { error: { code, message } } });
export const down: Route = () => 'network-error';

export function sampleStatus(
  over: Partial<StatusDocument['guardian']> = {},
  revenue: StatusDocument['revenue_by_agent'] = null,
  risk: StatusDocument['risk'] = { trading_state: 'ACTIVE', reasons: [], details: [], exposure_cap: 0.8 },
): StatusDocument {
  const at = '2025-01-02T03:04:05.000Z';
  return {
    system: {
      cpu: { cores: 2, load_1m: 0.1, percent: 5 },
      memory: { total_mb: 1000, used_mb: 100, percent: 10 },
      disk: { path: '/d', total_mb: 1000, free_mb: 900, percent: 10 },
      uptime: { system_seconds: 100, guardian_seconds: 50 },
    },
    guardian: {
      pid: 10,
      started_at: at,
      mode: 'sim',
      simulated: true,
      home: '/d',
      logs: { 'smart_trader.log': at },
      agents: [
        {
          name: 'smart_trader',
          pid: 11,
          state: 'running',
          restarts: 2,
          consecutive_failures: 0,
          started_at: at,
          last_tick_at: at,
          last_exit: null,
          next_restart_at: null,
          log: 'logs/smart_trader.log',
        },
      ],
      ...over,
    },
    revenue_by_agent: revenue,
    risk,
  };
}

/**
 * A document for `contract`: its valid example from test/fixtures/foundation/contract-examples.ts
 * with `over` laid on top, parsed by the contract's schema so a fixture that drifts from the
 * contract fails here, loudly, instead of testing a shape the producer never writes.
 */
export function contractDoc<S extends z.ZodType>(contract: DocumentContract<S>, over: Partial<z.infer<S>> = {}): z.infer<S> {
  const example = EXAMPLES[contract.name]?.valid;
  if (!example) throw new Error(`no valid example for ${contract.name} in contract-examples.ts`);
  const parsed = contract.schema.safeParse({ ...structuredClone(example), ...over });
  if (!parsed.success) throw new Error(`fixture for ${contract.name} fails its contract: ${parsed.error.message}`);
  return parsed.data;
}

/** The API's answer for a document whose file fails its contract (the store refuses to read it). */
export const contractInvalid = (path: string, issue: string): Route => () => ({
  status: 500,
  body: { error: { code: 'NL_ERR_CONTRACT_INVALID', message: `${path}: ${issue}` } },
});
