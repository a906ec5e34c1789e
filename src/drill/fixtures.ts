/**
 * Known documents the security checks and fuzzing plant in a data directory, so that "a document
 * leaked" and "an approval was decided" are observable facts rather than guesses.
 */
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApiServer } from '../api/server.js';
import type { SupervisorView } from '../api/supervisor-view.js';
import { loadConfig, type Config } from '../config/config.js';
import { approvals, smartTraderState } from '../contracts/index.js';
import { writeDocument } from '../store/documents.js';

export const PLANTED_CASH_CENTS = 123_456_789;
export const APPROVAL_ID = 'drill-approval-1';
/** A token of the accepted length; the checks send it or leave it out. */
export const DRILL_TOKEN = 'drill-token-0123456789abcdef';

export function plantDocuments(home: string): void {
  const now = new Date().toISOString();
  writeDocument(smartTraderState, join(home, smartTraderState.path), {
    updated_at: now,
    mode: 'sim',
    simulated: true,
    cash_cents: PLANTED_CASH_CENTS,
    positions: {},
    equity: PLANTED_CASH_CENTS / 100,
    high_water_mark: PLANTED_CASH_CENTS / 100,
    realized_pnl: 0,
    fees_paid: 0,
    last_fill_seq: 0,
    last_cash_seq: 0,
    day: now.slice(0, 10),
    day_start_equity: PLANTED_CASH_CENTS / 100,
    daily_pnl: 0,
    trades_today: 0,
    daily_resets: 0,
    streak: { wins: 0, losses: 0 },
    alerts: [],
    day_closes: [],
    risk_reasons: [],
  });
  writeDocument(approvals, join(home, approvals.path), {
    updated_at: now,
    items: [{ id: APPROVAL_ID, agent: 'ticket_arbitrage', kind: 'purchase', summary: 'drill: a purchase waiting for a person', amount: 100, created_at: now, status: 'pending', decided_at: null }],
  });
}

export const fakeSupervisor: SupervisorView = {
  pid: process.pid,
  startedAt: new Date().toISOString(),
  mode: 'sim',
  simulated: true,
  agents: () => [],
  subscribe: () => () => undefined,
};

/** How the checks build a status server; tests pass a deliberately broken one to prove a check fails. */
export type ApiFactory = (o: { config: Config; supervisor: SupervisorView }) => Promise<FastifyInstance>;

export const realApi: ApiFactory = (o) => createApiServer({ config: o.config, supervisor: o.supervisor });

/** The configuration of a server exposed beyond loopback (token set), or local-only (no token). */
export function apiConfig(home: string, exposed: boolean): Config {
  const env: NodeJS.ProcessEnv = exposed ? { NEOLIGHT_API_TOKEN: DRILL_TOKEN } : {};
  return loadConfig({ home, apiHost: exposed ? '0.0.0.0' : '127.0.0.1', apiPort: 8100, logLevel: 'silent' }, env);
}

/** `app.inject` that gives up after `ms`: an unauthenticated SSE stream or a hang must not stall the drill. */
export async function injectWithin(app: FastifyInstance, opts: InjectOptions, ms = 5000): Promise<{ statusCode: number; body: string; headers: Record<string, unknown> } | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  try {
    const res = await Promise.race([app.inject(opts), timeout]);
    return res === 'timeout' ? res : { statusCode: res.statusCode, body: res.body, headers: res.headers };
  } finally {
    clearTimeout(timer);
  }
}
