/**
 * One rule for simulated figures (only live fills are real) and integer-cents accounting in the
 * revenue roll-up: paper-mode P&L is simulated, and each row's money settles to whole cents, half
 * up, before it is summed.
 */
import { describe, expect, it } from 'vitest';
import { isSimulatedMode } from '../../src/contracts/contract.js';
import { toCents } from '../../src/core/venue.js';
import { rebuildTraderState } from '../../src/trading/book-rebuild.js';
import { rollup, totalsOf } from '../../src/ventures/revenue-rollup.js';

const row = (mode: string, realized_pnl: number, fee: number, ts = '2025-03-04T10:00:00.000Z') => ({ ts, mode, realized_pnl, fee });
const trader = (r: Record<string, unknown>) => ({ revenue: r.realized_pnl as number, cost: r.fee as number });

describe('money rules', () => {
  it('counts only live fills as real: backtest, sim and paper are simulated everywhere', () => {
    expect((['backtest', 'sim', 'paper', 'live'] as const).map(isSimulatedMode)).toEqual([true, true, true, false]);
    expect(totalsOf([row('paper', 10, 1)], trader)?.simulated).toBe(true);
    expect(totalsOf([row('live', 10, 1)], trader)?.simulated).toBe(false);
    expect(totalsOf([row('live', 10, 1), row('paper', 1, 0)], trader)?.simulated).toBe(true);
    expect(rebuildTraderState({ cash: [{ seq: 1, kind: 'opening', amount_cents: 100_000 }], fills: [], lastFillSeq: 0, equity: [] }, 0, 'paper').state.simulated).toBe(true);
  });

  it('sums each row settled to whole cents, half up, so the roll-up is exact in cents', () => {
    // 1.005 settles to 1.01 per row (half up); a float sum rounded once would say 2.01.
    const t = totalsOf([row('sim', 1.005, 0.105), row('sim', 1.005, 0.105)], trader)!;
    expect(t).toMatchObject({ revenue: 2.02, cost: 0.22, profit: 1.8 });
    // Ten thousand fills of 0.1: exactly 1000.00, not 999.9999999999...
    const many = totalsOf(Array.from({ length: 10_000 }, () => row('sim', 0.1, 0.01)), trader)!;
    expect(many).toMatchObject({ revenue: 1000, cost: 100, profit: 900 });
    const doc = rollup({ smart_trader: t, dropship_agent: { revenue: 0.1, cost: 0, profit: 0.1, simulated: true, updated_at: t.updated_at }, sports_betting: { revenue: 0.2, cost: 0, profit: 0.2, simulated: true, updated_at: t.updated_at } }, new Date(0));
    expect(doc.total_profit).toBe(2.1);
  });

  it('settles dollars to whole cents half up, away from zero for losses, and never to -0', () => {
    expect([1.005, 0.125, -0.125, -1.005, 2.675].map(toCents)).toEqual([101, 13, -13, -101, 268]);
    // Large amounts too: neither pushed over half a cent nor short of a half that is one.
    expect([1_234_567_890.12, 98_765_432_109.99, 1_000_000_000.005, 12_345_678.004_99].map(toCents)).toEqual([123_456_789_012, 9_876_543_210_999, 100_000_000_001, 1_234_567_800]);
    // Under half a cent of loss is no loss at all: 0, not -0 (a -0 also slowed every compiled money path).
    for (const usd of [-0.004, -1e-12, -0]) expect(Object.is(toCents(usd), 0)).toBe(true);
  });
});
