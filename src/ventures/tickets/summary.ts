/**
 * Ticket arbitrage's headline figures for the dashboard (pure): lots at work and their cost, and
 * from the ledger sales, fees, profit and ROI per cycle (P&L of closed lots ÷ their all-in cost)
 * against the specification's 20–40 % target — measured, never asserted; `simulated` when any is.
 */
import type { DocOf } from '../../contracts/contract.js';
import type { ticketInventory } from '../../contracts/ventures.js';
import { toCents } from '../../core/venue.js';
import { lotOfKey, type TicketRow } from './rows.js';

export const TICKET_ROI_TARGET = { min: 0.2, max: 0.4 } as const;

export interface TicketSummary {
  readonly inventory_count: number;
  readonly inventory_cost: number;
  /** Sale proceeds, USD. */
  readonly revenue: number;
  /** Buyer and seller fees, USD. */
  readonly fees: number;
  readonly profit: number;
  /** Profit of closed lots ÷ their cost; null before the first lot closes. */
  readonly roi_per_cycle: number | null;
  readonly closed_lots: number;
  readonly target: { readonly min: number; readonly max: number };
  readonly simulated: boolean;
}

/** `rows` are ledger entries (with their keys: the key names the lot). */
export function ticketSummary(doc: DocOf<typeof ticketInventory> | undefined, rows: readonly (TicketRow & { key: string })[]): TicketSummary {
  const open = (doc?.lots ?? []).filter((l) => l.status === 'buying' || l.status === 'held' || l.status === 'listed');
  const costOf = new Map<string, number>();
  let revenue = 0;
  let fees = 0;
  let profit = 0;
  let closedCost = 0;
  let closedPnl = 0;
  let closed = 0;
  for (const r of rows) {
    const lot = lotOfKey(r.key, r.action);
    // A reversal gives back its sale's price and fees and reopens the lot.
    const sign = r.action === 'reversal' ? -1 : 1;
    fees += sign * toCents(r.fees);
    profit += toCents(r.pnl);
    if (r.action === 'buy') costOf.set(lot, toCents(r.qty * r.price) + toCents(r.fees));
    if (r.action === 'sell' || r.action === 'reversal') revenue += sign * toCents(r.qty * r.price);
    if (r.action === 'sell' || r.action === 'refund' || r.action === 'expired' || r.action === 'reversal') {
      closed += sign;
      closedPnl += toCents(r.pnl);
      closedCost += sign * (costOf.get(lot) ?? 0);
    }
  }
  return {
    inventory_count: open.length,
    inventory_cost: open.reduce((a, l) => a + toCents(l.cost), 0) / 100,
    revenue: revenue / 100,
    fees: fees / 100,
    profit: profit / 100,
    roi_per_cycle: closedCost > 0 ? closedPnl / closedCost : null,
    closed_lots: closed,
    target: TICKET_ROI_TARGET,
    simulated: (doc?.simulated ?? true) || rows.some((r) => r.mode !== 'live'),
  };
}
