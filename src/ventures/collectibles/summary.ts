/** The collectibles agent's figures for the dashboard (pure): ROI per buy → sell cycle against the specification's 20–40 % target. */
import type { InventoryDoc, TradeRow } from '../resale/booking.js';
import { resaleSummary, type ResaleSummary } from '../resale/summary.js';

export const COLLECTIBLES_ROI_TARGET = { min: 0.2, max: 0.4 } as const;

export interface CollectiblesSummary extends ResaleSummary {
  /** Profit / all-in cost of the items closed so far; null before the first one closes. */
  roi_per_cycle: number | null;
  target: { min: number; max: number };
}

export function collectiblesSummary(inventoryDoc: InventoryDoc | undefined, ledgerRows: readonly TradeRow[]): CollectiblesSummary {
  const { closed, ...s } = resaleSummary(inventoryDoc, ledgerRows);
  return { ...s, roi_per_cycle: closed.costCents > 0 ? closed.profitCents / closed.costCents : null, target: { ...COLLECTIBLES_ROI_TARGET } };
}
