/**
 * Revenue roll-up: every agent's revenue, cost and profit from its own P&L ledger, written to
 * `state/revenue_by_agent.json` for the status API and the dashboard. An agent whose ledger does
 * not exist yet is absent from the document — never shown as a zero it did not earn.
 */
import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { isSimulatedMode, mode as modeSchema, type LedgerContract } from '../contracts/contract.js';
import { toCents } from '../core/venue.js';
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
  // Settled rows' P&L is net of commission: gross winnings are revenue, the commission a cost.
  { agent: 'sports_betting', ledger: sportsBettingPnl, split: (r) => ({ revenue: num(r.pnl) + num(r.commission), cost: num(r.commission) }) },
  { agent: 'collectibles_agent', ledger: collectiblesPnl, split: (r) => ({ revenue: num(r.pnl) + num(r.fees), cost: num(r.fees) }) },
  { agent: 'luxury_agent', ledger: luxuryPnl, split: (r) => ({ revenue: num(r.pnl) + num(r.fees), cost: num(r.fees) }) },
  { agent: 'content_agent', ledger: contentRevenue, split: (r) => ({ revenue: num(r.amount), cost: 0 }) },
  { agent: 'healthcare_agent', ledger: healthcareRevenue, split: (r) => ({ revenue: num(r.amount), cost: 0 }) },
];

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** A row's mode, simulated unless it parses as 'live' (an unreadable mode never counts as real money). */
function rowSimulated(r: Row): boolean {
  const m = modeSchema.safeParse(r.mode);
  return !m.success || isSimulatedMode(m.data);
}

/**
 * Sum one agent's rows in integer cents (each row's amounts rounded half up to cents first), then
 * report dollars. Simulated when any row came from a simulated venue: every mode but live.
 */
export function totalsOf(rows: readonly Row[], split: (r: Row) => { revenue: number; cost: number }): Totals | undefined {
  if (rows.length === 0) return undefined;
  let revenueCents = 0;
  let costCents = 0;
  let simulated = false;
  let last = rows[0]!.ts;
  for (const r of rows) {
    const s = split(r);
    revenueCents += toCents(s.revenue);
    costCents += toCents(s.cost);
    simulated ||= rowSimulated(r);
    if (r.ts > last) last = r.ts;
  }
  return { revenue: revenueCents / 100, cost: costCents / 100, profit: (revenueCents - costCents) / 100, simulated, updated_at: last };
}

export function rollup(byAgent: Partial<Record<AgentName, Totals>>, now: Date): z.infer<typeof revenueByAgent.schema> {
  const totalCents = Object.values(byAgent).reduce((a, t) => a + toCents(t?.profit ?? 0), 0);
  return { updated_at: now.toISOString(), currency: 'USD', agents: byAgent, total_profit: totalCents / 100 };
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
