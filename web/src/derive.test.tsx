// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { MetricsRow, PnlRow } from './api/endpoints.js';
import { smartTraderState } from '../../src/contracts/smart-trader.js';
import { totalDrift as allocatorTotalDrift } from '../../src/contracts/drift.js';
import { derivedDrift, headline, positionsFromFills, positionsFromState } from './derive.js';
import { contractDoc } from './test-utils.js';

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
  });
  it('drops closed positions and orders by seq, not by array order', () => {
    expect(positionsFromFills([fill(2, 'GLD', 'sell', 1, 200), fill(1, 'GLD', 'buy', 1, 190)])).toEqual([]);
  });
});

describe('positions from the SmartTrader state', () => {
  it('takes qty, prices and value from the book and derives unrealised P&L as (last − avg) · qty', () => {
    const state = contractDoc(smartTraderState, {
      positions: { SPY: { qty: 10, avg_price: 500, last_price: 510, market_value: 5100 }, GLD: { qty: 0, avg_price: 0, last_price: 190, market_value: 0 } },
    });
    expect(positionsFromState(state)).toEqual([{ symbol: 'SPY', qty: 10, avgPrice: 500, lastPrice: 510, marketValue: 5100, unrealizedPnl: 100 }]);
  });
});

describe('derived drift', () => {
  it("totals drift with the allocator's (Σ|d| + |Σd|) / 2, not Σ|d| / 2", () => {
    const positions = positionsFromFills([fill(1, 'SPY', 'buy', 4, 100)]);
    const { rows, total } = derivedDrift({ SPY: 0.5, GLD: 0.5 }, positions, 1000);
    expect(rows).toEqual([
      { symbol: 'GLD', target_weight: 0.5, current_weight: 0, drift: -0.5, trade_notional: 500 },
      { symbol: 'SPY', target_weight: 0.5, current_weight: 0.4, drift: expect.closeTo(-0.1, 10), trade_notional: expect.closeTo(100, 8) },
    ]);
    // Σ|d| = 0.6 and |Σd| = 0.6: 60 % of equity changes hands (the old Σ|d|/2 said 30 %).
    expect(total).toBeCloseTo(0.6, 10);
    expect(total).toBeCloseTo(allocatorTotalDrift({ SPY: 0.5, GLD: 0.5 }, { SPY: 4 }, { SPY: 100 }, 1000), 12);
  });
  it('counts opening one 8 % position as 8 %, cash being the other side', () => {
    expect(derivedDrift({ SPY: 0.08 }, [], 1000).total).toBeCloseTo(0.08, 12);
  });
  it('lists held but untargeted symbols at a 0 target', () => {
    const positions = positionsFromFills([fill(1, 'TLT', 'buy', 1, 100)]);
    expect(derivedDrift({ SPY: 0.1 }, positions, 1000).rows.map((r) => [r.symbol, r.target_weight, r.current_weight])).toEqual([
      ['SPY', 0.1, 0],
      ['TLT', 0, 0.1],
    ]);
  });
  it('has targets only, and no total, without equity', () => {
    expect(derivedDrift({ SPY: 1 }, [], null)).toEqual({ rows: [{ symbol: 'SPY', target_weight: 1, current_weight: null, drift: null, trade_notional: null }], total: null });
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
