/**
 * The ventures' share of total wealth over time: every venture's cumulative profit (revenue − cost
 * from its own P&L ledger, rows rounded to cents), as a step series by row time. The drawdown guard
 * adds it to the trader's equity, so a halt can be reached through venture losses as well as
 * trading losses. The SmartTrader is left out: its equity curve already holds its P&L.
 *
 * A venture's ledger counts its inventory at cost (a buy moves no profit); the valued inventories
 * (collectibles, luxury) are marked to their valuation on top, so a fall in what the goods would
 * fetch lowers total wealth before any of them is sold.
 */
import { REVENUE_SOURCES, type RevenueRow } from '../contracts/revenue-sources.js';
import { collectiblesInventory, luxuryInventory } from '../contracts/ventures.js';
import { toCents } from '../core/venue.js';
import type { StateStore } from '../store/file-store.js';

export interface ProfitStep {
  readonly ts: number;
  /** Cumulative profit of every venture up to and including `ts`, cents. */
  readonly cents: number;
}

/** Cumulative venture profit per distinct row time (pure). */
export function profitSteps(rows: readonly { ts: number; cents: number }[]): ProfitStep[] {
  const sorted = [...rows].sort((a, b) => a.ts - b.ts);
  const out: ProfitStep[] = [];
  let total = 0;
  for (const r of sorted) {
    total += r.cents;
    if (out.length > 0 && out[out.length - 1]!.ts === r.ts) out[out.length - 1] = { ts: r.ts, cents: total };
    else out.push({ ts: r.ts, cents: total });
  }
  return out;
}

/** Cumulative profit at `ts` (the last step at or before it; 0 before the first), dollars (pure). */
export function profitAt(steps: readonly ProfitStep[], ts: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]!.ts <= ts) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? 0 : steps[found]!.cents / 100;
}

/** Read every venture ledger that exists; an unreadable one throws (the caller fails closed). */
export function readVentureProfitSteps(store: StateStore): ProfitStep[] {
  const rows: { ts: number; cents: number }[] = [];
  for (const s of REVENUE_SOURCES) {
    if (s.agent === 'smart_trader' || !store.exists(s.ledger)) continue;
    for (const r of store.ledger(s.ledger).readAll() as unknown as RevenueRow[]) {
      const { revenue, cost } = s.split(r);
      rows.push({ ts: Date.parse(r.ts), cents: toCents(revenue) - toCents(cost) });
    }
  }
  return profitSteps(rows);
}

/** The resale ventures whose inventories carry a valuation (collectibles and luxury). */
export const VALUED_INVENTORIES = [
  ['collectibles_agent', collectiblesInventory],
  ['luxury_agent', luxuryInventory],
] as const;

export interface InventoryMark {
  /** Held and listed items at their valuation, dollars. */
  readonly value: number;
  /** The same items at their all-in cost, dollars (the venture ledger counts them at this). */
  readonly cost: number;
}

/** Held and listed inventory of each valued venture, at valuation and at cost (pure). */
export function inventoryMarks(docs: Readonly<Record<string, { items: readonly { status: string; cost: number; estimated_value: number }[] } | undefined>>): Record<string, InventoryMark> {
  const out: Record<string, InventoryMark> = {};
  for (const [agent, doc] of Object.entries(docs)) {
    const held = (doc?.items ?? []).filter((i) => i.status === 'held' || i.status === 'listed');
    if (held.length) out[agent] = { value: held.reduce((a, i) => a + i.estimated_value, 0), cost: held.reduce((a, i) => a + i.cost, 0) };
  }
  return out;
}

/** Every valued venture's inventory as stored now; an unreadable document throws (the caller fails closed). */
export function readInventoryMarks(store: StateStore): Record<string, InventoryMark> {
  const docs: Record<string, { items: readonly { status: string; cost: number; estimated_value: number }[] } | undefined> = {};
  for (const [agent, contract] of VALUED_INVENTORIES) {
    const r = store.read(contract);
    if (!r.ok) throw r.error;
    docs[agent] = r.value;
  }
  return inventoryMarks(docs);
}

/** Valuation less cost of every valued inventory, dollars: what marking it to its valuation adds to wealth (pure). */
export function unrealisedInventory(marks: Readonly<Record<string, InventoryMark>>): number {
  return Object.values(marks).reduce((a, m) => a + (m.value - m.cost), 0);
}
