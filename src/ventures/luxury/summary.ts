/** The luxury agent's figures for the dashboard (pure): margin on net sales of closed items against the specification's 30–60 % target. */
import type { InventoryDoc, TradeRow } from '../resale/booking.js';
import { resaleSummary, type ResaleSummary } from '../resale/summary.js';

export const LUXURY_MARGIN_TARGET = { min: 0.3, max: 0.6 } as const;

export interface LuxurySummary extends ResaleSummary {
  /** Profit / net sales of the items closed so far; null before the first sale. */
  margin: number | null;
  target: { min: number; max: number };
}

export function luxurySummary(inventoryDoc: InventoryDoc | undefined, ledgerRows: readonly TradeRow[]): LuxurySummary {
  const { closed, ...s } = resaleSummary(inventoryDoc, ledgerRows);
  return { ...s, margin: closed.revenueCents > 0 ? closed.profitCents / closed.revenueCents : null, target: { ...LUXURY_MARGIN_TARGET } };
}
