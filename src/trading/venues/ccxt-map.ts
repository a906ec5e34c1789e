/**
 * ccxt's unified orders, trades and balances parsed with zod and turned into the venue port's
 * types, purely. Symbols cross the edge here: ccxt's BTC/USD is our BTC-USD. Money becomes whole
 * cents (half up); a fee charged in the base currency is valued at the trade's price.
 */
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import { toCents, type OrderState, type OrderStatus, type VenueBalances, type VenueFill, type VenuePosition } from '../../core/venue.js';

const num = z.number().nullable().optional();
const str = z.string().nullable().optional();

export const ccxtOrderSchema = z.object({
  id: z.string(),
  clientOrderId: str,
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  status: str,
  amount: num,
  filled: num,
  average: num,
  price: num,
});
export type CcxtOrder = z.infer<typeof ccxtOrderSchema>;

export const ccxtTradeSchema = z.object({
  id: z.string(),
  order: str,
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  amount: z.number(),
  price: z.number(),
  cost: num,
  timestamp: z.number(),
  fee: z.object({ cost: num, currency: str }).nullable().optional(),
});
export type CcxtTrade = z.infer<typeof ccxtTradeSchema>;

export const ccxtBalanceSchema = z.object({ total: z.record(z.string(), z.number().nullable().optional()) });

export function parsedList<T>(schema: z.ZodType<T>, raw: unknown, venue: string, what: string): T[] {
  const r = z.array(schema).safeParse(raw);
  if (!r.success) {
    throw new NeoLightError('NL_ERR_UPSTREAM', `${venue}: unexpected ${what}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { venue });
  }
  return r.data;
}

/**
 * ccxt's unified symbol for ours: BTC-USD → BTC/USD. (market/feeds/ccxt.ts has the same rule, but
 * importing it would load ccxt eagerly, which this venue defers to its first call.)
 */
export function unifiedSymbol(symbol: string): string {
  const m = /^([A-Z0-9]+)-([A-Z0-9]+)$/.exec(symbol);
  if (!m) throw new NeoLightError('NL_ERR_BAD_INPUT', `crypto symbol "${symbol}" is not BASE-QUOTE (e.g. BTC-USD)`, { field: 'symbol', value: symbol });
  return `${m[1]}/${m[2]}`;
}

/** Our symbol for ccxt's unified one: BTC/USD → BTC-USD. */
export function ourSymbol(unified: string): string {
  return unified.replace('/', '-');
}

function orderState(o: CcxtOrder, filled: number, amount: number): OrderState {
  switch (o.status) {
    case 'closed':
      return 'filled';
    case 'canceled':
      return 'canceled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      return filled > 0 && filled < amount ? 'partially_filled' : filled > 0 ? 'filled' : 'new';
  }
}

export function orderStatus(o: CcxtOrder, clientOrderId: string): OrderStatus {
  const amount = o.amount ?? 0;
  const filled = o.filled ?? 0;
  const state = orderState(o, filled, amount);
  return {
    clientOrderId,
    venueOrderId: o.id,
    symbol: ourSymbol(o.symbol),
    side: o.side,
    qty: amount,
    filledQty: filled,
    ...(filled > 0 && typeof o.average === 'number' ? { avgPrice: o.average } : {}),
    state,
    ...(state === 'rejected' ? { code: 'VENUE_REJECTED' } : {}),
  };
}

/** The fee in whole cents of the quote currency (USD), whatever currency the venue charged it in. */
export function feeCents(t: CcxtTrade, quote: string, base: string): number {
  const cost = t.fee?.cost ?? 0;
  if (cost === 0) return 0;
  const currency = t.fee?.currency ?? quote;
  if (currency === quote) return toCents(cost);
  if (currency === base) return toCents(cost * t.price);
  throw new NeoLightError('NL_ERR_UPSTREAM', `fee of trade ${t.id} is in ${currency}, neither ${base} nor ${quote}`, { trade: t.id });
}

export function venueFill(t: CcxtTrade, clientOrderId: string): VenueFill {
  const [base = '', quote = ''] = t.symbol.split('/');
  return {
    fillId: t.id,
    clientOrderId,
    symbol: ourSymbol(t.symbol),
    side: t.side,
    qty: t.amount,
    price: t.price,
    notionalCents: toCents(t.cost ?? t.amount * t.price),
    feeCents: feeCents(t, quote, base),
    ts: t.timestamp,
  };
}

/**
 * Cash is the quote currency's total; every other currency held is a position in BASE-QUOTE.
 * A spot exchange keeps no cost basis, so avgPrice is 0 (unknown): the book's own average rules.
 */
export function venueBalances(raw: unknown, venue: string, quote = 'USD'): VenueBalances {
  const r = ccxtBalanceSchema.safeParse(raw);
  if (!r.success) throw new NeoLightError('NL_ERR_UPSTREAM', `${venue}: unexpected balance: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { venue });
  const positions: Record<string, VenuePosition> = {};
  for (const [code, total] of Object.entries(r.data.total)) {
    if (code !== quote && typeof total === 'number' && total > 0) positions[`${code}-${quote}`] = { qty: total, avgPrice: 0 };
  }
  return { cashCents: toCents(r.data.total[quote] ?? 0), positions };
}

/** A fills cursor: the newest fill time seen and the ids of the fills at exactly that time. */
export interface FillCursor {
  readonly ts: number;
  readonly ids: readonly string[];
}

export function encodeCursor(c: FillCursor): string {
  return `${c.ts}|${c.ids.join(',')}`;
}

export function decodeCursor(cursor: string | undefined): FillCursor | undefined {
  if (cursor === undefined) return undefined;
  const m = /^(\d+)\|(.*)$/.exec(cursor);
  if (!m) throw new NeoLightError('NL_ERR_BAD_INPUT', `fills cursor "${cursor}" is not one this venue issued (TS|ID,...)`, { field: 'cursor', value: cursor });
  return { ts: Number(m[1]), ids: m[2] ? m[2].split(',') : [] };
}

/** The trades after the cursor, oldest first, and the cursor after them (unchanged when none). */
export function tradesAfter(trades: readonly CcxtTrade[], cursor: FillCursor | undefined): { trades: CcxtTrade[]; cursor: FillCursor | undefined } {
  const seen = new Set(cursor?.ids ?? []);
  const byId = new Map<string, CcxtTrade>();
  for (const t of trades) {
    if (cursor && (t.timestamp < cursor.ts || (t.timestamp === cursor.ts && seen.has(t.id)))) continue;
    byId.set(t.id, t);
  }
  const fresh = [...byId.values()].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const last = fresh.at(-1);
  if (!last) return { trades: [], cursor };
  const atLast = fresh.filter((t) => t.timestamp === last.timestamp).map((t) => t.id);
  const ids = cursor && cursor.ts === last.timestamp ? [...cursor.ids, ...atLast] : atLast;
  return { trades: fresh, cursor: { ts: last.timestamp, ids } };
}
