/**
 * Alpaca's order, position, account and FILL-activity objects parsed with zod and turned into the
 * venue port's types, purely. Alpaca sends quantities and prices as decimal strings; notionals
 * and cash become whole cents with exact decimal arithmetic (half up). Alpaca charges no
 * commission on US equities: regulatory fees post as separate FEE activities and are in the
 * account's cash, so a fill's feeCents is 0.
 */
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import type { OrderState, OrderStatus, VenueBalances, VenueFill, VenuePosition } from '../../core/venue.js';
import { decimalCents, productCents } from './money.js';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const alpacaOrderSchema = z.object({
  id: z.string(),
  client_order_id: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: decimal.nullable().optional(),
  filled_qty: decimal,
  filled_avg_price: decimal.nullable().optional(),
  status: z.string(),
});
export type AlpacaOrder = z.infer<typeof alpacaOrderSchema>;

export const alpacaAccountSchema = z.object({ cash: decimal });
export const alpacaPositionSchema = z.object({ symbol: z.string(), qty: decimal, avg_entry_price: decimal });

export const alpacaFillSchema = z.object({
  id: z.string(),
  activity_type: z.literal('FILL'),
  transaction_time: z.string(),
  price: decimal,
  qty: decimal,
  side: z.enum(['buy', 'sell', 'sell_short']),
  symbol: z.string(),
  order_id: z.string(),
});
export type AlpacaFill = z.infer<typeof alpacaFillSchema>;

export function parsed<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new NeoLightError('NL_ERR_UPSTREAM', `alpaca: unexpected ${what}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { venue: 'alpaca' });
  }
  return r.data;
}

const STATES: Readonly<Record<string, OrderState>> = {
  filled: 'filled',
  canceled: 'canceled',
  expired: 'expired',
  rejected: 'rejected',
  replaced: 'canceled',
};

export function orderStatus(o: AlpacaOrder): OrderStatus {
  const filled = Number(o.filled_qty);
  const state: OrderState = STATES[o.status] ?? (filled > 0 ? 'partially_filled' : 'new');
  return {
    clientOrderId: o.client_order_id,
    venueOrderId: o.id,
    symbol: o.symbol,
    side: o.side,
    qty: Number(o.qty ?? o.filled_qty),
    filledQty: filled,
    ...(filled > 0 && o.filled_avg_price ? { avgPrice: Number(o.filled_avg_price) } : {}),
    state,
    ...(state === 'rejected' ? { code: 'VENUE_REJECTED', detail: `alpaca status ${o.status}` } : {}),
  };
}

export function balances(account: unknown, positions: unknown): VenueBalances {
  const a = parsed(alpacaAccountSchema, account, 'account');
  const out: Record<string, VenuePosition> = {};
  for (const p of parsed(z.array(alpacaPositionSchema), positions, 'positions')) out[p.symbol] = { qty: Number(p.qty), avgPrice: Number(p.avg_entry_price) };
  return { cashCents: decimalCents(a.cash, 'cash'), positions: out };
}

export function venueFill(f: AlpacaFill, clientOrderId: string): VenueFill {
  const ts = Date.parse(f.transaction_time);
  if (!Number.isFinite(ts)) throw new NeoLightError('NL_ERR_UPSTREAM', `alpaca: fill ${f.id} has no readable transaction_time "${f.transaction_time}"`);
  return {
    fillId: f.id,
    clientOrderId,
    symbol: f.symbol,
    side: f.side === 'buy' ? 'buy' : 'sell',
    qty: Number(f.qty),
    price: Number(f.price),
    notionalCents: productCents(f.qty, f.price),
    feeCents: 0,
    ts,
  };
}
