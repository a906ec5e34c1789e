/**
 * Dropshipping's headline figures for the dashboard (pure): listings live and their exposure, and
 * from the ledger revenue, fees, profit and net margin (profit ÷ revenue), against the
 * specification's 15–60 % target — measured, never asserted; `simulated` when any figure is.
 */
import type { DocOf } from '../../contracts/contract.js';
import type { dropshipListings } from '../../contracts/ventures.js';
import { toCents } from '../../core/venue.js';
import type { DropshipRow } from './rows.js';

export const DROPSHIP_MARGIN_TARGET = { min: 0.15, max: 0.6 } as const;

export interface VentureSummary {
  readonly inventory_count: number;
  /** Exposure (units × cost) of the live listings, USD. */
  readonly inventory_cost: number;
  readonly revenue: number;
  /** Platform and dispute fees, USD. */
  readonly fees: number;
  readonly profit: number;
  /** Profit ÷ revenue; null before the first sale. */
  readonly margin: number | null;
  readonly target: { readonly min: number; readonly max: number };
  readonly simulated: boolean;
}

export function dropshipSummary(doc: DocOf<typeof dropshipListings> | undefined, rows: readonly DropshipRow[]): VentureSummary {
  const live = (doc?.listings ?? []).filter((l) => l.status === 'active' || l.status === 'draft');
  let revenue = 0;
  let fees = 0;
  let profit = 0;
  for (const r of rows) {
    revenue += toCents(r.revenue);
    fees += toCents(r.fees);
    profit += toCents(r.profit);
  }
  return {
    inventory_count: live.length,
    inventory_cost: live.reduce((a, l) => a + toCents(l.exposure ?? l.cost * (l.units ?? 1)), 0) / 100,
    revenue: revenue / 100,
    fees: fees / 100,
    profit: profit / 100,
    margin: revenue > 0 ? profit / revenue : null,
    target: DROPSHIP_MARGIN_TARGET,
    simulated: (doc?.simulated ?? true) || rows.some((r) => r.mode !== 'live'),
  };
}
