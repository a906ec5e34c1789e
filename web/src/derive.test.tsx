// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { MetricsRow, PnlRow } from './api/endpoints.js';
import { gatesOf, parseAllocatorDrift, positionsOfDocument, scalarFacts } from './api/extra-docs.js';
import { driftRows, headline, positionsFromFills, totalDrift } from './derive.js';

const fill = (seq: number, symbol: string, side: 'buy' | 'sell', qty: number, price: number, realized = 0): PnlRow => ({
  seq, key: `k${seq}`, ts: '2025-01-01T00:00:00Z', agent: 'smart_trader', mode: 'sim', symbol, side, qty, price,
  fee: 0, notional: qty * price, realized_pnl: realized, order_id: `o${seq}`, reason: '',
});

describe('positions from fills', () => {
  it('averages buys and reduces at average cost on sells', () => {
    const p = positionsFromFills([fill(1, 'SPY', 'buy', 10, 100), fill(2, 'SPY', 'buy', 10, 110), fill(3, 'SPY', 'sell', 5, 120, 75)]);
    expect(p).toHaveLength(1);
    expect(p[0]?.qty).toBe(15);
    expect(p[0]?.avgPrice).toBeCloseTo(105, 10);
    expect(p[0]?.lastPrice).toBe(120);
    expect(p[0]?.unrealizedPnl).toBeCloseTo(225, 10);
    expect(p[0]?.realizedPnl).toBe(75);
  });
  it('drops closed positions and orders by seq, not by array order', () => {
    expect(positionsFromFills([fill(2, 'GLD', 'sell', 1, 200), fill(1, 'GLD', 'buy', 1, 190)])).toEqual([]);
  });
});

describe('drift', () => {
  it('compares targets with position value over equity', () => {
    const positions = positionsFromFills([fill(1, 'SPY', 'buy', 4, 100)]);
    const rows = driftRows({ SPY: 0.5, GLD: 0.5 }, positions, 1000);
    expect(rows).toEqual([
      { symbol: 'GLD', target: 0.5, current: 0, drift: -0.5 },
      { symbol: 'SPY', target: 0.5, current: 0.4, drift: expect.closeTo(-0.1, 10) },
    ]);
    expect(totalDrift(rows)).toBeCloseTo(0.3, 10);
  });
  it('has no current weights without equity', () => {
    expect(driftRows({ SPY: 1 }, [], null)[0]).toEqual({ symbol: 'SPY', target: 1, current: null, drift: null });
  });
});

describe('headline', () => {
  const row = (equity: number, daily: number): MetricsRow => ({
    seq: 1, key: 'k', ts: '2025-01-01T00:00:00Z', mode: 'sim', equity, cash: 0, exposure: 0, drawdown: 0, sharpe: '', daily_pnl: daily,
  });
  it('reads today change against the start-of-day equity', () => {
    const h = headline([row(100, 0), row(110, 10)]);
    expect(h?.equity).toBe(110);
    expect(h?.dailyChange).toBeCloseTo(0.1, 12);
    expect(h?.sharpe).toBeNull();
  });
  it('is null for an empty curve', () => {
    expect(headline([])).toBeNull();
  });
});

describe('tolerant documents', () => {
  it('reads gates as a list, a map or names', () => {
    expect(gatesOf({ gates: [{ name: 'var', active: true, reason: 'over budget' }] })).toEqual([{ name: 'var', active: true, reason: 'over budget' }]);
    expect(gatesOf({ gates: { vol_spike: false, weekly_var: { blocking: true, detail: 'x' } } })).toEqual([
      { name: 'vol_spike', active: false, reason: null },
      { name: 'weekly_var', active: true, reason: 'x' },
    ]);
    expect(gatesOf({ active_gates: ['halt'] })).toEqual([{ name: 'halt', active: true, reason: null }]);
    expect(gatesOf('nonsense')).toEqual([]);
  });
  it('lists scalar fields without updated_at', () => {
    expect(scalarFacts({ updated_at: 'x', tier: 2, halted: false, nested: { a: 1 } })).toEqual([
      { label: 'tier', value: 2 },
      { label: 'halted', value: false },
    ]);
  });
  it('reads the allocator drift in its list and map shapes', () => {
    expect(parseAllocatorDrift({ assets: [{ symbol: 'SPY', target: 0.3, current: 0.35 }], total_drift: 0.05 })).toEqual({
      rows: [{ symbol: 'SPY', target: 0.3, current: 0.35, drift: expect.closeTo(0.05, 12) }],
      total: 0.05,
    });
    expect(parseAllocatorDrift({ targets: { SPY: 0.5 }, current: { SPY: 0.4 } })?.rows[0]?.drift).toBeCloseTo(-0.1, 12);
    expect(parseAllocatorDrift({ something: 'else' })).toBeNull();
  });
  it('reads positions from a state document, or says it has none', () => {
    expect(positionsOfDocument({ positions: { SPY: { qty: 2, avg_price: 10, last_price: 12 } } })).toEqual([
      { symbol: 'SPY', qty: 2, avgPrice: 10, lastPrice: 12, marketValue: 24, unrealizedPnl: 4, realizedPnl: null },
    ]);
    expect(positionsOfDocument({ positions: [{ symbol: 'GLD', quantity: 0 }] })).toEqual([]);
    expect(positionsOfDocument({ daily_pnl: 3 })).toBeNull();
  });
});
