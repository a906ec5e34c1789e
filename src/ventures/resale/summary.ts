/**
 * A resale venture's headline figures for the dashboard and /status (pure): inventory from the
 * document, money from the ledger (the same rows the revenue roll-up sums), and the measured
 * return against the specification's target, never asserted. Per item closed (sold or written off):
 * ROI per cycle = its profit / its all-in cost (a cycle is one buy → sell round trip);
 * margin = profit / net sales of the closed items. Counterfeits: caught = written off before
 * listing (refund received, amount > 0); losses = what every counterfeit item lost in all, caught or
 * slipped through and returned (the sum of its rows' pnl, negated).
 */
import type { InventoryDoc, TradeRow } from './booking.js';
import { splitRowCents } from '../../contracts/revenue-sources.js';
import { toCents } from '../../core/venue.js';

export interface ResaleSummary {
  inventory_count: number;
  inventory_cost: number;
  inventory_value: number;
  revenue: number;
  fees: number;
  profit: number;
  items_bought: number;
  items_sold: number;
  counterfeits_caught: number;
  counterfeit_losses: number;
  simulated: boolean;
}

export function resaleSummary(doc: InventoryDoc | undefined, rows: readonly TradeRow[]): ResaleSummary & { closed: { costCents: number; profitCents: number; revenueCents: number } } {
  const open = (doc?.items ?? []).filter((i) => i.status === 'held' || i.status === 'listed');
  let revenue = 0;
  let fees = 0;
  let profit = 0;
  const perItem = new Map<string, { cost: number; profit: number; revenue: number; closed: boolean; counterfeit: boolean }>();
  for (const r of rows) {
    const s = splitRowCents(r);
    revenue += s.revenueCents;
    fees += toCents(r.fees);
    profit += toCents(r.pnl);
    const it = perItem.get(r.item_id) ?? { cost: 0, profit: 0, revenue: 0, closed: false, counterfeit: false };
    if (r.action === 'buy') it.cost += toCents(r.amount) + toCents(r.fees);
    it.profit += toCents(r.pnl);
    it.revenue += s.revenueCents;
    if (r.action === 'sell' || r.action === 'writeoff') it.closed = true;
    // A refunded sale whose item came back: open again until it sells (or is written off).
    if (r.action === 'return') it.closed = false;
    if (r.action === 'writeoff') it.counterfeit = true;
    perItem.set(r.item_id, it);
  }
  const closed = { costCents: 0, profitCents: 0, revenueCents: 0 };
  let losses = 0;
  for (const it of perItem.values()) {
    if (!it.closed) continue;
    closed.costCents += it.cost;
    closed.profitCents += it.profit;
    closed.revenueCents += it.revenue;
    if (it.counterfeit) losses -= it.profit;
  }
  return {
    inventory_count: open.length,
    inventory_cost: open.reduce((a, i) => a + toCents(i.cost), 0) / 100,
    inventory_value: open.reduce((a, i) => a + toCents(i.estimated_value), 0) / 100,
    revenue: revenue / 100,
    fees: fees / 100,
    profit: profit / 100,
    items_bought: rows.filter((r) => r.action === 'buy').length,
    items_sold: rows.filter((r) => r.action === 'sell').length - rows.filter((r) => r.action === 'return').length,
    counterfeits_caught: rows.filter((r) => r.action === 'writeoff' && r.amount > 0).length,
    counterfeit_losses: losses / 100,
    simulated: doc?.simulated ?? true,
    closed,
  };
}
