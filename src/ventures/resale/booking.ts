/**
 * How the resale ventures book what happens (pure): each marketplace event becomes ledger rows
 * with idempotency keys from the event ids, and the item's new state. Row semantics (the
 * `collectibles_pnl` / `luxury_pnl` contract; the roll-up relies on them):
 * - buy:      amount = price paid, fees = buyer fees and shipping in, pnl = 0 (cost basis = amount + fees);
 * - fee:      amount = 0, fees = a cost of its own (authentication, insurance while held), pnl = −fees;
 * - sell:     amount = sale price, fees = seller fees and shipping out, pnl = amount − fees − cost basis;
 * - writeoff: a counterfeit. Caught before listing: amount = purchase price refunded to us (> 0),
 *             fees = authentication and return shipping, pnl = amount − fees − cost basis.
 *             Returned by a buyer after a sale: amount = −sale price refunded to them, fees = return
 *             shipping, pnl = amount − fees (the item is worthless; the sale row stays as booked).
 * - return:   a sale refunded to the buyer and the item back with us (a `refund` event after the sale):
 *             amount = −refund, fees = return shipping we paid, pnl = amount − fees + cost basis (the
 *             item is inventory again at its cost; a later sale books its cost again).
 * - fee:      with amount > 0 and fees = 0, fees the marketplace gave back (`fee_credit`), pnl = amount.
 * Revenue is the sale prices less sales refunded (sell amounts, negative writeoff and return amounts);
 * profit is the sum of pnl; cost is revenue − profit.
 */
import type { DocOf, Mode, RowOf } from '../../contracts/contract.js';
import type { collectiblesInventory, collectiblesPnl } from '../../contracts/ventures.js';
import type { MarketplaceEvent } from '../../core/marketplace.js';
import { toCents } from '../../core/venue.js';
import { holdingCosts } from './value.js';

export type TradeRow = RowOf<typeof collectiblesPnl>;
export type InventoryDoc = DocOf<typeof collectiblesInventory>;
export type InventoryItem = InventoryDoc['items'][number];
export type PendingBuy = NonNullable<InventoryDoc['pending_buys']>[number];

const usd = (cents: number): number => cents / 100;

export function tradeRow(ts: number, mode: Mode, itemId: string, action: TradeRow['action'], amountCents: number, feesCents: number, pnlCents: number): TradeRow {
  return { ts: new Date(ts).toISOString(), mode, item_id: itemId, action, amount: usd(amountCents), fees: usd(feesCents), pnl: usd(pnlCents) };
}

/** The rows of a purchase the venue filled. */
export function buyRows(clientId: string, itemId: string, at: number, mode: Mode, priceCents: number, feesCents: number): { key: string; row: TradeRow }[] {
  return [{ key: `buy:${clientId}`, row: tradeRow(at, mode, itemId, 'buy', priceCents, feesCents, 0) }];
}

export interface BookingOptions {
  readonly mode: Mode;
  /** Insurance while held, fraction of the item's value per year (0: none), booked when it leaves. */
  readonly insurancePerYear: number;
}

export interface Booked {
  readonly rows: { key: string; row: TradeRow }[];
  readonly item: InventoryItem;
}

/** Insurance for the days the item was held, on its estimated value (0 when not insured). */
function insuranceRow(item: InventoryItem, at: number, o: BookingOptions): { key: string; row: TradeRow }[] {
  if (o.insurancePerYear <= 0 || !item.acquired_at) return [];
  const days = Math.max(0, (at - Date.parse(item.acquired_at)) / 86_400_000);
  const cents = holdingCosts(toCents(item.estimated_value), 0, days, o.insurancePerYear, 0).insuranceCents;
  return cents > 0 ? [{ key: `insurance:${item.id}`, row: tradeRow(at, o.mode, item.id, 'fee', 0, cents, -cents) }] : [];
}

/** Rows and the item's next state for one event about `item`; undefined when the event books nothing. */
export function bookEvent(e: MarketplaceEvent, item: InventoryItem, o: BookingOptions): Booked | undefined {
  const cost = toCents(item.cost);
  switch (e.type) {
    case 'authenticated':
      return {
        rows: e.feesCents > 0 ? [{ key: `fee:${e.id}`, row: tradeRow(e.at, o.mode, item.id, 'fee', 0, e.feesCents, -e.feesCents) }] : [],
        item: { ...item, authenticated: true, auth_status: 'passed' },
      };
    case 'authentication_failed':
      return {
        rows: [...insuranceRow(item, e.at, o), { key: `writeoff:${e.id}`, row: tradeRow(e.at, o.mode, item.id, 'writeoff', e.amountCents, e.feesCents, e.amountCents - e.feesCents - cost) }],
        item: { ...item, authenticated: false, auth_status: 'failed', status: 'rejected', counterfeit: true },
      };
    case 'sold':
      return {
        rows: [...insuranceRow(item, e.at, o), { key: `sell:${e.id}`, row: tradeRow(e.at, o.mode, item.id, 'sell', e.amountCents, e.feesCents, e.amountCents - e.feesCents - cost) }],
        item: { ...item, status: 'sold', sold_price: usd(e.amountCents) },
      };
    case 'returned':
      return {
        rows: [{ key: `writeoff:${e.id}`, row: tradeRow(e.at, o.mode, item.id, 'writeoff', -e.amountCents, e.feesCents, -e.amountCents - e.feesCents) }],
        item: { ...item, status: 'rejected', counterfeit: true },
      };
    case 'unlisted': {
      // Back with us, off sale, and failed for listing until a person has looked at it: the
      // authentication gate keeps the agent from listing it again. Nothing moved money.
      const { listing_id: _gone, ...rest } = item;
      return { rows: [], item: { ...rest, status: 'held', authenticated: false, auth_status: 'failed' } };
    }
    case 'fee':
      return { rows: [{ key: `fee:${e.id}`, row: tradeRow(e.at, o.mode, item.id, 'fee', 0, e.feesCents, -e.feesCents) }], item };
    case 'refund':
      if (item.status !== 'sold') return undefined;
      return {
        rows: [{ key: `return:${e.id}`, row: tradeRow(e.at, o.mode, item.id, 'return', -e.amountCents, e.feesCents, -e.amountCents - e.feesCents + cost) }],
        item: backFromBuyer(item),
      };
    case 'fee_credit':
      return { rows: [{ key: `credit:${e.id}`, row: tradeRow(e.at, o.mode, item.id, 'fee', e.amountCents, 0, e.amountCents) }], item };
    default:
      return undefined;
  }
}


/** A sold item the buyer returned: back with us and off sale, not listed again until a person has looked at what came back. */
function backFromBuyer(item: InventoryItem): InventoryItem {
  const { listing_id: _gone, sold_price: _undone, ...rest } = item;
  return { ...rest, status: 'held', authenticated: false, auth_status: 'failed' };
}
/**
 * The inventory as the ledger says it is (pure): every bought item present, every sold or written-off
 * one closed. Items the document lacks are rebuilt from their buy row and the write-ahead intent.
 */
export function reconcile(doc: InventoryDoc, rows: readonly (TradeRow & { key: string })[]): InventoryDoc {
  const items = new Map(doc.items.map((i) => [i.id, i]));
  const intents = new Map((doc.pending_buys ?? []).map((p) => [p.client_id, p]));
  for (const r of rows) {
    if (r.action === 'buy' && !items.has(r.item_id)) {
      const intent = intents.get(r.key.slice('buy:'.length));
      items.set(r.item_id, {
        id: r.item_id,
        category: intent?.category ?? 'unknown',
        name: intent?.name ?? r.item_id,
        platform: intent?.platform ?? '',
        cost: usd(toCents(r.amount) + toCents(r.fees)),
        buy_fees: r.fees,
        estimated_value: intent?.estimated_value ?? r.amount,
        authenticated: false,
        auth_status: 'pending',
        status: 'held',
        acquired_at: r.ts,
        ...(intent ? { ref: intent.ref, list_price: intent.list_price } : {}),
      });
    }
    const item = items.get(r.item_id);
    if (!item) continue;
    if (r.action === 'sell' && item.status !== 'rejected') items.set(item.id, { ...item, status: 'sold', sold_price: r.amount });
    if (r.action === 'return' && item.status === 'sold') items.set(item.id, backFromBuyer(item));
    if (r.action === 'writeoff') items.set(item.id, { ...item, status: 'rejected', counterfeit: true, ...(r.amount > 0 ? { auth_status: 'failed' as const, authenticated: false } : {}) });
  }
  const booked = new Set(rows.filter((r) => r.action === 'buy').map((r) => r.key.slice('buy:'.length)));
  return { ...doc, items: [...items.values()], pending_buys: (doc.pending_buys ?? []).filter((p) => !booked.has(p.client_id)) };
}
