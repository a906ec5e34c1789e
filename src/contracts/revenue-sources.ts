/**
 * How each agent's P&L ledger reads as revenue and cost (pure): the one table behind the revenue
 * roll-up (`state/revenue_by_agent.json`) and the total wealth the drawdown guard and the capital
 * governor measure. A row's profit is revenue − cost.
 */
import { toCents } from '../core/venue.js';
import type { LedgerContract } from './contract.js';
import type { REVENUE_AGENTS } from './revenue.js';
import { pnlHistory } from './trading.js';
import { collectiblesPnl, contentRevenue, dropshipProfit, healthcareRevenue, luxuryPnl, sportsBettingPnl, ticketArbitrage } from './ventures.js';

export type RevenueRow = Record<string, unknown> & { ts: string; mode: string };
export interface RevenueSource {
  readonly agent: (typeof REVENUE_AGENTS)[number];
  readonly ledger: LedgerContract;
  split(r: RevenueRow): { revenue: number; cost: number };
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export const REVENUE_SOURCES: readonly RevenueSource[] = [
  { agent: 'smart_trader', ledger: pnlHistory, split: (r) => ({ revenue: num(r.realized_pnl), cost: num(r.fee) }) },
  { agent: 'dropship_agent', ledger: dropshipProfit, split: (r) => ({ revenue: num(r.revenue), cost: num(r.cost) + num(r.fees) }) },
  // Money comes in on a sale or a refund (qty × price per ticket); cost is what that lot cost all in, plus seller fees (revenue − pnl).
  { agent: 'ticket_arbitrage', ledger: ticketArbitrage, split: (r) => ticketSplit(r) },
  // Commission is paid on net market winnings: gross winnings are revenue, the commission a cost.
  { agent: 'sports_betting', ledger: sportsBettingPnl, split: (r) => ({ revenue: num(r.pnl) + num(r.commission), cost: num(r.commission) }) },
  { agent: 'collectibles_agent', ledger: collectiblesPnl, split: (r) => resaleSplit(r) },
  { agent: 'luxury_agent', ledger: luxuryPnl, split: (r) => resaleSplit(r) },
  { agent: 'content_agent', ledger: contentRevenue, split: (r) => ({ revenue: num(r.amount), cost: 0 }) },
  { agent: 'healthcare_agent', ledger: healthcareRevenue, split: (r) => ({ revenue: num(r.amount), cost: 0 }) },
];

/** A ticket row's revenue and cost: buys and listings move no P&L (it is recognised when a lot closes); a reversal takes its sale's revenue back. */
export function ticketSplit(r: RevenueRow): { revenue: number; cost: number } {
  const gross = num(r.qty) * num(r.price);
  const revenue = r.action === 'sell' || r.action === 'refund' ? gross : r.action === 'reversal' ? -gross : 0;
  return { revenue, cost: revenue - num(r.pnl) };
}

/** Revenue (net sales) and cost of one resale row, cents (row meanings in ventures/resale/booking.ts). */
export function splitRowCents(r: { readonly action: string; readonly amount: number; readonly pnl: number }): { revenueCents: number; costCents: number } {
  const revenueCents = r.action === 'sell' || r.action === 'return' || (r.action === 'writeoff' && r.amount < 0) ? toCents(r.amount) : 0;
  return { revenueCents, costCents: revenueCents - toCents(r.pnl) };
}

/**
 * Resale ledgers (collectibles, luxury): revenue is the sale prices less sales refunded to buyers
 * (sell amounts, negative writeoff and return amounts); cost is everything else that made the profit what
 * it is (cost of the goods sold, fees, losses), so revenue − cost is the sum of pnl. Buy rows move
 * no profit and count in neither.
 */
function resaleSplit(r: RevenueRow): { revenue: number; cost: number } {
  const s = splitRowCents({ action: String(r.action), amount: num(r.amount), pnl: num(r.pnl) });
  return { revenue: s.revenueCents / 100, cost: s.costCents / 100 };
}
