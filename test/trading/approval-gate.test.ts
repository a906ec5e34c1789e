/**
 * The approval gate of live mode: the first order of a run waits in state/approvals.json as
 * `pending_approval`; a person's approval submits it exactly once; a rejection ends it; a restarted
 * gate that finds it approved still submits it once. And the SmartTrader behind the gate: nothing
 * trades until the person approves, then the held order fills and the rest follow.
 */
import { withClearRisk } from '../helpers/risk-docs.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { manualClock, MS } from '../../src/core/clock.js';
import type { OrderRequest, Venue } from '../../src/core/venue.js';
import { allocationsOverride, approvals, atlasBrain, orderIntents, pnlHistory } from '../../src/contracts/index.js';
import { withPaperVenue } from '../../src/mesh/ports.js';
import type { MarketData, Quote } from '../../src/core/market.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFileStore, type StateStore } from '../../src/store/file-store.js';
import { approvalGatedVenue, approvalId } from '../../src/trading/approval-gate.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
const T0 = Date.parse('2025-03-04T15:00:00Z');

const market: MarketData = {
  simulated: true,
  quote: async (symbol, ts): Promise<Quote> => ({ symbol, ts, bid: 100, ask: 100, last: 100, volume: 0, open: true }),
  bars: async (_s, from, to, interval) => Array.from({ length: Math.floor((to - from) / interval) }, (_, i) => ({ ts: from + i * interval, open: 100, high: 100, low: 100, close: 100 * (1 + 0.001 * Math.sin(i)), volume: 1 })),
};

function home() {
  const h = mkdtempSync(join(tmpdir(), 'neolight-approval-'));
  homes.push(h);
  return { home: h, store: openFileStore(h) };
}

/** A person deciding in the dashboard (what POST /api/approvals/:id/:decision writes). */
function decide(store: StateStore, id: string, status: 'approved' | 'rejected'): void {
  const doc = store.get(approvals)!;
  store.write(approvals, { ...doc, items: doc.items.map((i) => (i.id === id ? { ...i, status, decided_at: new Date(T0).toISOString() } : i)) });
}

/** Counts what reaches the real venue. */
function counting(inner: Venue) {
  const sent: string[] = [];
  const venue: Venue = { ...inner, submit: (req: OrderRequest) => (sent.push(req.clientOrderId), inner.submit(req)) };
  return { venue, sent };
}

const buy = (id: string, symbol = 'SPY'): OrderRequest => ({ clientOrderId: id, symbol, side: 'buy', qty: 2, type: 'market' });

describe('approval-gated venue', () => {
  it('holds the first order until approved, then submits it exactly once and lets the rest through', async () => {
    const { home: h, store } = home();
    const config = loadConfig({ home: h }, {});
    const inner = counting(withPaperVenue(config, market, manualClock(T0)).venue);
    const gate = approvalGatedVenue(inner.venue, { store, agent: 'smart_trader', now: () => T0 });

    expect(await gate.submit(buy('a'))).toMatchObject({ state: 'pending_approval', filledQty: 0 });
    const item = store.get(approvals)!.items[0]!;
    expect(item).toMatchObject({ id: approvalId('a'), agent: 'smart_trader', kind: 'live_order', status: 'pending', order: { client_order_id: 'a', symbol: 'SPY', side: 'buy', qty: 2 } });
    expect(await gate.submit(buy('b', 'GLD'))).toMatchObject({ state: 'rejected', code: 'APPROVAL_PENDING' });
    expect(await gate.order('a')).toMatchObject({ state: 'pending_approval' });
    expect(inner.sent).toEqual([]);

    decide(store, approvalId('a'), 'approved');
    expect(await gate.order('a')).toMatchObject({ state: 'filled', filledQty: 2 });
    expect(await gate.order('a')).toMatchObject({ state: 'filled' });
    expect(await gate.submit(buy('a'))).toMatchObject({ state: 'filled' });
    expect(inner.sent).toEqual(['a']);
    expect(await gate.submit(buy('c', 'GLD'))).toMatchObject({ state: 'filled' });
    expect(inner.sent).toEqual(['a', 'c']);
    expect((await gate.fillsSince(undefined)).fills.map((f) => f.clientOrderId)).toEqual(['a', 'c']);
  });

  it('an order arriving after the approval but before the held order is followed passes: one approval per run', async () => {
    // The race the live end-to-end test met: the person approves between the trader's reconcile
    // (which still saw "pending") and its next order, which then asked for a second approval.
    const { home: h, store } = home();
    const inner = counting(withPaperVenue(loadConfig({ home: h }, {}), market, manualClock(T0)).venue);
    const gate = approvalGatedVenue(inner.venue, { store, agent: 'smart_trader', now: () => T0 });
    await gate.submit(buy('a'));
    decide(store, approvalId('a'), 'approved');
    expect(await gate.submit(buy('b', 'GLD'))).toMatchObject({ state: 'filled' });
    expect(store.get(approvals)!.items.map((i) => i.id)).toEqual([approvalId('a')]);
    expect(await gate.order('a')).toMatchObject({ state: 'filled' });
    expect(inner.sent).toEqual(['b', 'a']);
  });

  it('a rejected order ends rejected (APPROVAL_REJECTED) and never reaches the venue', async () => {
    const { home: h, store } = home();
    const inner = counting(withPaperVenue(loadConfig({ home: h }, {}), market, manualClock(T0)).venue);
    const gate = approvalGatedVenue(inner.venue, { store, agent: 'smart_trader', now: () => T0 });
    await gate.submit(buy('a'));
    decide(store, approvalId('a'), 'rejected');
    expect(await gate.order('a')).toMatchObject({ state: 'rejected', code: 'APPROVAL_REJECTED' });
    expect(inner.sent).toEqual([]);
  });

  it('a restarted gate that finds the order approved submits it once', async () => {
    const { home: h, store } = home();
    const inner = counting(withPaperVenue(loadConfig({ home: h }, {}), market, manualClock(T0)).venue);
    await approvalGatedVenue(inner.venue, { store, agent: 'smart_trader', now: () => T0 }).submit(buy('a'));
    decide(store, approvalId('a'), 'approved');
    const restarted = approvalGatedVenue(inner.venue, { store, agent: 'smart_trader', now: () => T0 });
    expect(await restarted.order('a')).toMatchObject({ state: 'filled' });
    expect(await restarted.order('a')).toMatchObject({ state: 'filled' });
    expect(inner.sent).toEqual(['a']);
  });

  it('the SmartTrader behind the gate trades nothing until a person approves, then fills the held order once', async () => {
    const { home: h, store } = home();
    const config = loadConfig({ home: h }, { NEOLIGHT_STARTING_EQUITY: '100000' });
    store.write(allocationsOverride, { allocations: { SPY: 0.35, GLD: 0.35, QQQ: 0.3 }, updated_at: new Date(T0).toISOString() });
    store.write(atlasBrain, { risk_scaler: 1, confidence: 0.5, updated_at: new Date(T0).toISOString() });
    const clock = manualClock(T0);
    const paper = withPaperVenue(config, market, clock);
    const inner = counting(paper.venue);
    const venue = approvalGatedVenue(inner.venue, { store, agent: 'smart_trader', now: () => clock.now() });
    const t = withClearRisk(store, await smartTraderAgent.create({ name: 'smart_trader', clock, store, log: silentLogger(), config, ports: { market: paper.market, venue } }));
    await t.tick(clock.now());
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    expect(inner.sent).toEqual([]);
    expect(store.ledger(pnlHistory).readAll()).toHaveLength(0);
    const held = store.get(orderIntents)!.intents.filter((i) => i.state === 'pending_approval');
    expect(held).toHaveLength(1);
    expect(store.get(approvals)!.items).toHaveLength(1);

    decide(store, approvalId(held[0]!.client_order_id), 'approved');
    clock.advance(5 * MS.minute);
    await t.tick(clock.now());
    expect(inner.sent[0]).toBe(held[0]!.client_order_id);
    expect(inner.sent.filter((id) => id === held[0]!.client_order_id)).toHaveLength(1);
    expect(store.ledger(pnlHistory).readAll().map((r) => r.symbol).sort()).toEqual(['GLD', 'QQQ', 'SPY']);
    expect(store.get(approvals)!.items).toHaveLength(1);
  });
});
