/**
 * The engine skips planning when the book is empty and every target is 0: no strategy weight, or
 * the drawdown guard's multiplier at 0 (halted). That is only a shortcut if planRebalance itself
 * plans nothing there, whatever the quotes, cash, weights, thresholds and trading state; this
 * holds it to that on seeded random inputs, so a change to planning that would trade from an empty,
 * target-less book fails here before it makes the engine's shortcut wrong.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../../src/market/rng.js';
import type { Quote } from '../../src/core/market.js';
import { instrument } from '../../src/market/instruments.js';
import { planRebalance } from '../../src/trading/execute.js';
import { emptyBook } from '../../src/trading/paper-broker.js';

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SPY', 'QQQ', 'GLD'];

describe('an empty book with every target at 0', () => {
  it('gets no orders from planRebalance, halted or without weights', () => {
    const r = rng(7);
    for (let k = 0; k < 2000; k++) {
      const halted = k % 2 === 0;
      const allocations: Record<string, number> = {};
      const quotes: Record<string, Quote> = {};
      for (const s of SYMBOLS) {
        const w = halted ? r() * 2 : 0;
        if (w > 0 || r() < 0.3) allocations[s] = w;
        const mid = 0.5 + r() * 1000;
        const half = r() < 0.1 ? 0 : mid * r() * 0.01;
        if (r() < 0.9) quotes[s] = { symbol: s, ts: 0, bid: mid - half, ask: mid + half, last: mid, volume: 0, open: r() < 0.9 };
      }
      const multiplier = halted ? 0 : r();
      const plan = planRebalance({
        book: emptyBook(r() < 0.05 ? 0 : r() * 1e6),
        quotes,
        allocations,
        riskScaler: r() * 2,
        risk: { tradingState: halted ? 'HALTED' : 'ACTIVE', exposureCap: multiplier, multiplier, volatilitySpike: false },
        cfg: { drift_threshold: r() < 0.1 ? 0 : r() * 0.05, max_spread_bps: 50, max_order_notional: 250_000, max_gross: 0.98 },
        rebalanceThreshold: r() < 0.1 ? -0.01 : r() * 0.1,
        instrument,
      });
      expect(plan.orders).toEqual([]);
    }
  });
});
