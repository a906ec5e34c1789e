/**
 * Revenue roll-up: every agent's revenue, cost and profit from its own P&L ledger, written to
 * `state/revenue_by_agent.json` for the status API and the dashboard. An agent whose ledger does
 * not exist yet is absent from the document — never shown as a zero it did not earn.
 */
import { existsSync } from 'node:fs';
import type { z } from 'zod';
import type { LedgerContract } from '../contracts/contract.js';
import { revenueByAgent, type REVENUE_AGENTS } from '../contracts/revenue.js';
import { pnlHistory } from '../contracts/trading.js';
import { collectiblesPnl, contentRevenue, dropshipProfit, healthcareRevenue, luxuryPnl, sportsBettingPnl, ticketArbitrage } from '../contracts/ventures.js';
import type { AgentDefinition } from '../core/agent.js';

type AgentName = (typeof REVENUE_AGENTS)[number];
type Totals = { revenue: number; cost: number; profit: number; simulated: boolean; updated_at: string };
type Row = Record<string, unknown> & { ts: string; mode: string };

/** How each ledger's rows turn into revenue and cost (pure). */
const SOURCES: { agent: AgentName; ledger: LedgerContract; split: (r: Row) => { revenue: number; cost: number } }[] = [
  { agent: 'smart_trader', ledger: pnlHistory, split: (r) => ({ revenue: num(r.realized_pnl), cost: num(r.fee) }) },
  { agent: 'dropship_agent', ledger: dropshipProfit, split: (r) => ({ revenue: num(r.revenue), cost: num(r.cost) + num(r.fees) }) },
  { agent: 'ticket_arbitrage', ledger: ticketArbitrage, split: (r) => ({ revenue: num(r.pnl) + num(r.fees), cost: num(r.fees) }) },
  { agent: 'sports_betting', ledger: sportsBettingPnl, split: (r) => ({ revenue: num(r.pnl), cost: 0 }) },
  { agent: 'collectibles_agent', ledger: collectiblesPnl, split: (r) => ({ revenue: num(r.pnl) + num(r.fees), cost: num(r.fees) }) },
  { agent: 'luxury_agent', ledger: luxuryPnl, split: (r) => ({ revenue: num(r.pnl) + num(r.fees), cost: num(r.fees) }) },
  { agent: 'content_agent', ledger: contentRevenue, split: (r) => ({ revenue: num(r.amount), cost: 0 }) },
  { agent: 'healthcare_agent', ledger: healthcareRevenue, split: (r) => ({ revenue: num(r.amount), cost: 0 }) },
];

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/** Sum one agent's rows. Simulated when any row came from a simulated venue (sim or backtest mode). */
export function totalsOf(rows: readonly Row[], split: (r: Row) => { revenue: number; cost: number }): Totals | undefined {
  if (rows.length === 0) return undefined;
  let revenue = 0;
  let cost = 0;
  let simulated = false;
  let last = rows[0]!.ts;
  for (const r of rows) {
    const s = split(r);
    revenue += s.revenue;
    cost += s.cost;
    simulated ||= r.mode === 'sim' || r.mode === 'backtest';
    if (r.ts > last) last = r.ts;
  }
  return { revenue: cents(revenue), cost: cents(cost), profit: cents(revenue - cost), simulated, updated_at: last };
}

export function rollup(byAgent: Partial<Record<AgentName, Totals>>, now: Date): z.infer<typeof revenueByAgent.schema> {
  const total = Object.values(byAgent).reduce((a, t) => a + (t?.profit ?? 0), 0);
  return { updated_at: now.toISOString(), currency: 'USD', agents: byAgent, total_profit: cents(total) };
}

export const revenueRollupAgent: AgentDefinition = {
  name: 'revenue_rollup',
  description: 'Rolls every agent’s P&L ledger up into state/revenue_by_agent.json.',
  intervalMs: () => 60_000,
  consumes: SOURCES.map((s) => s.ledger),
  produces: [revenueByAgent],
  needs: [],
  create: (ctx) => ({
    tick(now) {
      const byAgent: Partial<Record<AgentName, Totals>> = {};
      for (const s of SOURCES) {
        if (!existsSync(ctx.store.pathOf(s.ledger.path))) continue;
        const t = totalsOf(ctx.store.ledger(s.ledger).readAll() as unknown as Row[], s.split);
        if (t) byAgent[s.agent] = t;
      }
      ctx.store.write(revenueByAgent, rollup(byAgent, new Date(now)));
    },
  }),
};
