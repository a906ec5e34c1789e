/**
 * Orders a venue does not finish at once (live venues): the SmartTrader records them in
 * state/order_intents.json, follows them by client order id on later ticks, books their fills as
 * they come, and never sends them again — also across a restart between submit and fill. The venue
 * here is a small fake that answers new → partially_filled → filled across calls.
 */
import { withClearRisk } from '../helpers/risk-docs.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import type { OrderRequest, OrderStatus, Venue, VenueFill } from '../../src/core/venue.js';
import { allocationsOverride, atlasBrain, orderIntents, pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import { withPaperVenue } from '../../src/mesh/ports.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFileStore } from '../../src/store/file-store.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
const T0 = Date.parse('2025-03-04T15:00:00Z'); // a Tuesday, NYSE open
const PRICE = 500;
const FEE_BPS = 10;

const market: MarketData = {
  simulated: true,
  quote: async (symbol, ts): Promise<Quote> => ({ symbol, ts, bid: PRICE, ask: PRICE, last: PRICE, volume: 0, open: true }),
  bars: async (_s, from, to, interval) => Array.from({ length: Math.floor((to - from) / interval) }, (_, i) => ({ ts: from + i * interval, open: PRICE, high: PRICE, low: PRICE, close: PRICE * (1 + 0.001 * Math.sin(i)), volume: 1 })),
};

/** A live-like venue: each order is `new` when submitted, half filled at the next look, filled at the one after. */
function slowVenue() {
  const orders = new Map<string, { req: OrderRequest; looks: number; filled: number }>();
  const fills: VenueFill[] = [];
  const submits: string[] = [];
  const statusOf = (o: { req: OrderRequest; filled: number }): OrderStatus => ({
    clientOrderId: o.req.clientOrderId,
    symbol: o.req.symbol,
    side: o.req.side,
    qty: o.req.qty,
    filledQty: o.filled,
    ...(o.filled > 0 ? { avgPrice: PRICE } : {}),
    state: o.filled === 0 ? 'new' : o.filled < o.req.qty ? 'partially_filled' : 'filled',
  });
  const fill = (o: { req: OrderRequest; filled: number }, qty: number): void => {
    const notionalCents = Math.round(qty * PRICE * 100);
    fills.push({ fillId: `${o.req.clientOrderId}/${fills.length + 1}`, clientOrderId: o.req.clientOrderId, symbol: o.req.symbol, side: o.req.side, qty, price: PRICE, notionalCents, feeCents: Math.floor((notionalCents * FEE_BPS) / 10_000 + 0.5), ts: T0 });
    o.filled += qty;
  };
  const venue: Venue = {
    name: 'fake-live',
    simulated: false,
    async submit(req) {
      submits.push(req.clientOrderId);
      const seen = orders.get(req.clientOrderId);
      if (seen) return statusOf(seen);
      const o = { req, looks: 0, filled: 0 };
      orders.set(req.clientOrderId, o);
      return statusOf(o);
    },
    cancel: async () => undefined,
    async order(id) {
      const o = orders.get(id);
      if (!o) return undefined;
      o.looks++;
      if (o.looks === 1) fill(o, Math.floor(o.req.qty / 2));
      else if (o.filled < o.req.qty) fill(o, o.req.qty - o.filled);
      return statusOf(o);
    },
    openOrders: async () => [...orders.values()].filter((o) => o.filled < o.req.qty).map(statusOf),
    balances: async () => ({ cashCents: 0, positions: {} }),
    async fillsSince(cursor) {
      const from = cursor === undefined ? 0 : Number(cursor);
      return { fills: fills.slice(from), cursor: String(fills.length) };
    },
  };
  return { venue, submits, fills };
}

function setup() {
  const home = mkdtempSync(join(tmpdir(), 'neolight-reconcile-'));
  homes.push(home);
  const store = openFileStore(home);
  const config = loadConfig({ home }, { NEOLIGHT_STARTING_EQUITY: '100000' });
  store.write(allocationsOverride, { allocations: { SPY: 0.35, GLD: 0.35, QQQ: 0.3 }, updated_at: new Date(T0).toISOString() });
  store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: new Date(T0).toISOString() });
  const clock = manualClock(T0);
  const make = async (venue: Venue) => withClearRisk(store, (await smartTraderAgent.create({ name: 'smart_trader', clock, store, log: silentLogger(), config, ports: { market, venue } })) as { tick(now: number): Promise<void> });
  return { store, clock, make, config };
}

describe('order reconciliation by client order id', () => {
  it('follows working orders across ticks, books each partial fill once, and never resubmits', async () => {
    const { store, clock, make } = setup();
    const fake = slowVenue();
    const t = await make(fake.venue);
    await t.tick(clock.now());
    expect(fake.submits).toHaveLength(3);
    expect(store.ledger(pnlHistory).readAll()).toHaveLength(0);
    expect(store.get(orderIntents)!.intents.map((i) => i.state)).toEqual(['new', 'new', 'new']);

    clock.advance(5 * MS.minute);
    await t.tick(clock.now()); // half filled: booked; the rest of each order is still open, so nothing new goes out
    expect(fake.submits).toHaveLength(3);
    expect(store.get(orderIntents)!.intents.map((i) => i.state)).toEqual(['partially_filled', 'partially_filled', 'partially_filled']);
    expect(store.ledger(pnlHistory).readAll()).toHaveLength(3);

    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    clock.advance(5 * MS.minute);
    await t.tick(clock.now()); // all filled, on target: nothing more to do
    expect(fake.submits).toHaveLength(3);
    expect(store.get(orderIntents)!.intents.every((i) => i.state === 'filled' && i.filled_qty === i.qty)).toBe(true);

    const rows = store.ledger(pnlHistory).readAll();
    expect(rows.map((r) => r.key).sort()).toEqual(fake.fills.map((f) => f.fillId).sort());
    // The book is the fills, in cents: independent sum of notional + fee per fill.
    const spent = fake.fills.reduce((a, f) => a + f.notionalCents + f.feeCents, 0);
    const state = store.get(smartTraderState)!;
    expect(state.cash_cents).toBe(10_000_000 - spent);
    expect(Math.round(state.fees_paid * 100)).toBe(fake.fills.reduce((a, f) => a + f.feeCents, 0));
    for (const s of ['SPY', 'GLD', 'QQQ']) expect(state.positions[s]?.qty).toBe(fake.fills.filter((f) => f.symbol === s).reduce((a, f) => a + f.qty, 0));
  });

  it('a restart between submit and fill reconciles the open orders and sends nothing twice', async () => {
    const { store, clock, make } = setup();
    const fake = slowVenue();
    await (await make(fake.venue)).tick(clock.now());
    expect(fake.submits).toHaveLength(3);
    // The process dies here; a new one starts on the same data dir and the same venue.
    for (let k = 0; k < 3; k++) {
      clock.advance(5 * MS.minute);
      await (await make(fake.venue)).tick(clock.now());
    }
    expect(fake.submits).toHaveLength(3);
    expect(store.ledger(pnlHistory).readAll()).toHaveLength(6);
    expect(store.get(orderIntents)!.intents.every((i) => i.state === 'filled')).toBe(true);
  });

  it('an intent the venue never received is expired (NOT_AT_VENUE) and planned afresh under a new id', async () => {
    const { store, clock, make } = setup();
    const fake = slowVenue();
    const lost = 'st-1-SPY-buy';
    const at = new Date(T0 - MS.minute).toISOString();
    store.write(orderIntents, { updated_at: at, intents: [{ client_order_id: lost, agent: 'smart_trader', venue: 'fake-live', symbol: 'SPY', side: 'buy', qty: 70, type: 'market', state: 'submitting', filled_qty: 0, created_at: at, updated_at: at }] });
    await (await make(fake.venue)).tick(clock.now());
    const intents = store.get(orderIntents)!.intents;
    expect(intents.find((i) => i.client_order_id === lost)).toMatchObject({ state: 'expired', code: 'NOT_AT_VENUE' });
    expect(fake.submits).not.toContain(lost);
    expect(fake.submits.filter((id) => id.includes('-SPY-'))).toHaveLength(1);
  });

  it('with the paper venue, a crash after the fill was recorded but before its intent was updated counts it filled, not lost or doubled', async () => {
    const { store, clock, make, config } = setup();
    await (await make(withPaperVenue(config, market, clock).venue)).tick(clock.now());
    const fills = store.ledger(pnlHistory).readAll();
    expect(fills).toHaveLength(3);
    const saved = store.get(smartTraderState)!;
    // Put back the journal and the state as they were before the fills (the crash window).
    const doc = store.get(orderIntents)!;
    store.write(orderIntents, { ...doc, intents: doc.intents.map((i) => ({ ...i, state: 'submitting' as const, filled_qty: 0 })) });
    store.write(smartTraderState, { ...saved, cash_cents: 10_000_000, positions: {}, last_fill_seq: 0 });
    // A restarted process: a fresh paper venue, its book rebuilt from the state and the ledger.
    await (await make(withPaperVenue(config, market, clock).venue)).tick(clock.now());
    expect(store.ledger(pnlHistory).readAll()).toHaveLength(3);
    expect(store.get(orderIntents)!.intents.every((i) => i.state === 'filled')).toBe(true);
    expect(store.get(smartTraderState)!.cash_cents).toBe(saved.cash_cents);
  });
});
