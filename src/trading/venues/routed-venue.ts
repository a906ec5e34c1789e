/**
 * One venue port over several live venues: an order goes to the venue of its instrument's asset
 * class (crypto → the ccxt exchange, US ETFs → Alpaca), and an order no configured venue trades
 * is rejected with NO_VENUE_FOR_SYMBOL instead of being sent somewhere that might misread it.
 * Look-ups by client id ask each venue in turn; balances add the venues' cash; the fills cursor
 * holds each venue's own cursor.
 */
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import type { AssetClass } from '../../core/market.js';
import type { OrderStatus, Venue, VenueFill, VenuePosition } from '../../core/venue.js';
import { instrument, isUniverseSymbol } from '../../market/instruments.js';
import { rejected } from './outcomes.js';

export interface Route {
  readonly classes: readonly AssetClass[];
  readonly venue: Venue;
}

const cursorSchema = z.record(z.string(), z.string());

function parseCursor(cursor: string | undefined): Record<string, string> {
  if (cursor === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(cursor);
  } catch {
    raw = undefined;
  }
  const r = cursorSchema.safeParse(raw);
  if (!r.success) throw new NeoLightError('NL_ERR_BAD_INPUT', `fills cursor "${cursor}" was not issued by the live venues (a JSON object of venue → cursor)`, { field: 'cursor', value: cursor });
  return r.data;
}

export function routedVenue(routes: readonly Route[]): Venue {
  if (routes.length === 0) throw new NeoLightError('NL_ERR_BAD_CONFIG', 'no live venue configured');
  const venueFor = (symbol: string): Venue | undefined => {
    if (!isUniverseSymbol(symbol)) return undefined;
    const cls = instrument(symbol).assetClass;
    return routes.find((r) => r.classes.includes(cls))?.venue;
  };
  const all = routes.map((r) => r.venue);
  const firstDefined = async (ask: (v: Venue) => Promise<OrderStatus | undefined>): Promise<OrderStatus | undefined> => {
    for (const v of all) {
      const found = await ask(v);
      if (found) return found;
    }
    return undefined;
  };
  return {
    name: all.map((v) => v.name).join('+'),
    simulated: false,
    async submit(order) {
      const v = venueFor(order.symbol);
      if (!v) return rejected(order, 'NO_VENUE_FOR_SYMBOL', `no configured live venue trades ${order.symbol} (configured: ${all.map((x) => x.name).join(', ')})`);
      return v.submit(order);
    },
    cancel: (id) => firstDefined((v) => v.cancel(id)),
    order: (id) => firstDefined((v) => v.order(id)),
    async openOrders() {
      return (await Promise.all(all.map((v) => v.openOrders()))).flat();
    },
    async balances() {
      const each = await Promise.all(all.map((v) => v.balances()));
      const positions: Record<string, VenuePosition> = {};
      for (const b of each) Object.assign(positions, b.positions);
      return { cashCents: each.reduce((s, b) => s + b.cashCents, 0), positions };
    },
    async fillsSince(cursor) {
      const from = parseCursor(cursor);
      const next: Record<string, string> = { ...from };
      const fills: VenueFill[] = [];
      for (const v of all) {
        const r = await v.fillsSince(from[v.name]);
        fills.push(...r.fills);
        if (r.cursor !== undefined) next[v.name] = r.cursor;
      }
      fills.sort((a, b) => a.ts - b.ts);
      return { fills, cursor: Object.keys(next).length > 0 ? JSON.stringify(next) : undefined };
    },
  };
}
