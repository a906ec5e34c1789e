/**
 * Supply reorder policy for a clinic's consumables, pure. Periodic review every R days with lead
 * time L days and normally distributed daily demand (mean μ, sd σ): an (s, S) policy whose reorder
 * point s covers the expected demand over L + R plus safety stock z(service)·σ·√(L + R) (the
 * cycle-service level: the chance a cycle ends without a stock-out), and whose order-up-to level is
 * s plus the economic order quantity √(2·D·K / h). Quantities are whole units rounded up (never
 * below the service level); money is integer cents.
 * The newsvendor gives the one-period order for perishables: the critical-ratio quantile.
 */
import { normInv } from '../../research/stats.js';

export interface ReorderInput {
  demandPerDay: number;
  demandSdPerDay: number;
  leadTimeDays: number;
  reviewDays: number;
  /** Cycle-service level in (0.5, 1). */
  serviceLevel: number;
  orderCostCents: number;
  holdingCostCentsPerUnitYear: number;
}

export interface ReorderPolicy {
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  economicOrderQty: number;
  /** Expected ordering plus holding cost per year, in cents. */
  annualCostCents: number;
}

function check(name: string, v: number, ok: boolean, accepted: string): void {
  if (!ok) throw new RangeError(`${name} ${v} is not accepted: expected ${accepted}`);
}

export function reorderPolicy(i: ReorderInput): ReorderPolicy {
  check('demandPerDay', i.demandPerDay, i.demandPerDay > 0 && Number.isFinite(i.demandPerDay), 'a number > 0');
  check('demandSdPerDay', i.demandSdPerDay, i.demandSdPerDay >= 0 && Number.isFinite(i.demandSdPerDay), 'a number >= 0');
  check('leadTimeDays', i.leadTimeDays, i.leadTimeDays >= 0, 'a number >= 0');
  check('reviewDays', i.reviewDays, i.reviewDays > 0, 'a number > 0');
  check('serviceLevel', i.serviceLevel, i.serviceLevel > 0.5 && i.serviceLevel < 1, 'a number in (0.5, 1)');
  check('orderCostCents', i.orderCostCents, Number.isInteger(i.orderCostCents) && i.orderCostCents >= 0, 'whole cents >= 0');
  check('holdingCostCentsPerUnitYear', i.holdingCostCentsPerUnitYear, Number.isInteger(i.holdingCostCentsPerUnitYear) && i.holdingCostCentsPerUnitYear > 0, 'whole cents > 0');
  const exposure = i.leadTimeDays + i.reviewDays;
  const safety = normInv(i.serviceLevel) * i.demandSdPerDay * Math.sqrt(exposure);
  const annualDemand = i.demandPerDay * 365;
  const eoq = Math.max(1, Math.ceil(Math.sqrt((2 * annualDemand * i.orderCostCents) / i.holdingCostCentsPerUnitYear)));
  const safetyStock = Math.ceil(safety);
  const reorderPoint = Math.ceil(i.demandPerDay * exposure + safety);
  const annualCostCents = Math.round((annualDemand / eoq) * i.orderCostCents + (eoq / 2 + safetyStock) * i.holdingCostCentsPerUnitYear);
  return { safetyStock, reorderPoint, orderUpTo: reorderPoint + eoq, economicOrderQty: eoq, annualCostCents };
}

/** Units to order at a review: up to S when the inventory position (on hand + on order − backorders) is at or below s. */
export function reorderQuantity(policy: ReorderPolicy, inventoryPosition: number): number {
  return inventoryPosition <= policy.reorderPoint ? policy.orderUpTo - inventoryPosition : 0;
}

export interface NewsvendorInput {
  demandMean: number;
  demandSd: number;
  unitCostCents: number;
  priceCents: number;
  salvageCents: number;
}

/**
 * One-period order quantity: the critical ratio (p − c) / (p − v) quantile of normal demand,
 * rounded up. Shortage and excess costs are in cents; the ratio is a probability.
 */
export function newsvendor(i: NewsvendorInput): { criticalRatio: number; quantity: number } {
  check('priceCents', i.priceCents, i.priceCents > i.unitCostCents, `more than unitCostCents ${i.unitCostCents}`);
  check('salvageCents', i.salvageCents, i.salvageCents < i.unitCostCents && i.salvageCents >= 0, `0 or more and less than unitCostCents ${i.unitCostCents}`);
  const criticalRatio = (i.priceCents - i.unitCostCents) / (i.priceCents - i.salvageCents);
  return { criticalRatio, quantity: Math.max(0, Math.ceil(i.demandMean + normInv(criticalRatio) * i.demandSd)) };
}
