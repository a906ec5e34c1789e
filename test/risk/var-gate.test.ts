import { describe, expect, it } from 'vitest';
import { forecastVar, runRiskChecks, valuesAfter } from '../../src/risk/checks.js';
import { evaluateGovernor } from '../../src/risk/governor.js';
import { gaussianVar, historicalVar, percentile } from '../../src/research/stats.js';
import { DEFAULT_LIMITS, type RiskSnapshot } from '../../src/risk/types.js';

/** Deterministic return series: alternating ±a with a few larger losses. */
function series(n: number, a: number, shock: number): number[] {
  return Array.from({ length: n }, (_, i) => (i % 17 === 5 ? -shock : i % 2 === 0 ? a : -a));
}

const returns = { SPY: series(120, 0.008, 0.03), BTC: series(120, 0.03, 0.12) };

function snapshot(over: Partial<RiskSnapshot> = {}): RiskSnapshot {
  return {
    equity: 100_000,
    positions: { SPY: { qty: 60, price: 500 }, BTC: { qty: 0.2, price: 50_000 } },
    returns,
    tradingState: 'ACTIVE',
    exposureCap: 1,
    volatilitySpike: false,
    limits: { ...DEFAULT_LIMITS, varBudgetDaily: 0.03, varBudgetWeekly: 0.2, varConfidence: 0.99 },
    ...over,
  };
}

describe('VaR gate', () => {
  it('blocks an order that pushes forecast VaR over budget and lets a reducing order through', () => {
    const snap = snapshot();
    const before = forecastVar(valuesAfter(undefined, snap), snap);
    if ('missing' in before) throw new Error('history missing');
    expect(before.daily).toBeLessThan(0.03); // today's book is within budget
    const addBtc = { symbol: 'BTC', side: 'buy' as const, qty: 0.2, price: 50_000, notional: 10_000 };
    const after = forecastVar(valuesAfter(addBtc, snap), snap);
    if ('missing' in after) throw new Error('history missing');
    expect(after.daily).toBeGreaterThan(0.03);
    const d = runRiskChecks(addBtc, snap);
    expect(d).toMatchObject({ ok: false, code: 'VAR_BUDGET_EXCEEDED' });
    if (!d.ok) expect(d.detail).toMatch(/daily 99 % VaR/);
    expect(runRiskChecks({ symbol: 'BTC', side: 'sell', qty: 0.1, price: 50_000, notional: 5_000 }, snap)).toEqual({ ok: true });
    // a small order that keeps VaR in budget passes
    expect(runRiskChecks({ symbol: 'SPY', side: 'buy', qty: 1, price: 500, notional: 500 }, snap)).toEqual({ ok: true });
  });

  it('lets a reducing order through even when the book is already over budget', () => {
    const snap = snapshot({ positions: { BTC: { qty: 0.6, price: 50_000 } } });
    expect(runRiskChecks({ symbol: 'BTC', side: 'buy', qty: 0.01, price: 50_000, notional: 500 }, snap)).toMatchObject({ ok: false, code: 'VAR_BUDGET_EXCEEDED' });
    expect(runRiskChecks({ symbol: 'BTC', side: 'sell', qty: 0.3, price: 50_000, notional: 15_000 }, snap)).toEqual({ ok: true });
  });

  it('names a symbol without enough history', () => {
    const d = runRiskChecks({ symbol: 'GLD', side: 'buy', qty: 1, price: 200, notional: 200 }, snapshot());
    expect(d).toMatchObject({ ok: false, code: 'VAR_HISTORY_MISSING' });
  });

  it('other checks deny with their codes', () => {
    expect(runRiskChecks({ symbol: 'SPY', side: 'buy', qty: 1000, price: 500, notional: 500_000 }, snapshot())).toMatchObject({ code: 'NOTIONAL_EXCEEDS_MAX_PER_ORDER' });
    expect(runRiskChecks({ symbol: 'SPY', side: 'buy', qty: Number.NaN, price: 500, notional: 1 }, snapshot())).toMatchObject({ code: 'ORDER_INVALID' });
    expect(runRiskChecks({ symbol: 'SPY', side: 'buy', qty: 10, price: 500, notional: 5000 }, snapshot({ volatilitySpike: true }))).toMatchObject({ code: 'VOLATILITY_SPIKE' });
    expect(runRiskChecks({ symbol: 'SPY', side: 'buy', qty: 10, price: 500, notional: 5000 }, snapshot({ exposureCap: 0.3, returns: undefined }))).toMatchObject({ code: 'EXPOSURE_CAP_EXCEEDED' });
    expect(runRiskChecks({ symbol: 'SPY', side: 'buy', qty: 20, price: 500, notional: 10_000 }, snapshot({ returns: undefined }))).toMatchObject({ code: 'POSITION_WEIGHT_EXCEEDED' });
    expect(runRiskChecks({ symbol: 'SPY', side: 'buy', qty: 1, price: 500, notional: 500 }, snapshot({ tradingState: 'REDUCING' }))).toMatchObject({ code: 'REDUCING_ONLY' });
    expect(runRiskChecks({ symbol: 'SPY', side: 'sell', qty: 1, price: 500, notional: 500 }, snapshot({ tradingState: 'REDUCING' }))).toEqual({ ok: true });
  });
});

describe('stats and governor', () => {
  it('matches hand-computed VaR figures', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(historicalVar([-0.1, 0, 0.1], 0.5)).toBeCloseTo(0, 15);
    expect(historicalVar([-0.04, -0.02, 0, 0.02], 0.99)).toBeCloseTo(0.0394, 12); // 1 % quantile: −0.04 + 0.03·0.02
    expect(gaussianVar([0.01, -0.01], 0.95)).toBeCloseTo(1.6448536269514722 * Math.SQRT2 * 0.01, 10); // Acklam's quantile: relative error < 1.2e-9
  });

  it('trips the volatility-spike stop and the VaR gate', () => {
    const calm = Array.from({ length: 80 }, (_, i) => (i % 2 ? 0.004 : -0.004));
    const now = Date.UTC(2025, 5, 1);
    const ok = evaluateGovernor({ nowMs: now, dailyReturns: calm, periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: null });
    expect(ok.trading_state).toBe('ACTIVE');
    expect(ok.regime).toBe('calm');
    expect(ok.exposure_cap).toBe(1);
    const spiked = evaluateGovernor({ nowMs: now, dailyReturns: [...calm, -0.08], periodsPerYear: 252, riskScaler: 0.5, previousSpikeUntil: null });
    expect(spiked.trading_state).toBe('REDUCING');
    expect(spiked.gates.find((g) => g.name === 'volatility_spike')?.active).toBe(true);
    expect(spiked.exposure_cap).toBeLessThanOrEqual(0.5);
    // the stop holds on the next tick from the document, then lapses
    const held = evaluateGovernor({ nowMs: now + 3_600_000, dailyReturns: calm, periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: spiked.spike_until });
    expect(held.gates.find((g) => g.name === 'volatility_spike')?.active).toBe(true);
    const lapsed = evaluateGovernor({ nowMs: now + 2 * 86_400_000, dailyReturns: calm, periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: spiked.spike_until });
    expect(lapsed.spike_until).toBeNull();
    const wild = evaluateGovernor({ nowMs: now, dailyReturns: Array.from({ length: 80 }, (_, i) => (i % 2 ? 0.05 : -0.05)), periodsPerYear: 252, riskScaler: 1, previousSpikeUntil: null });
    expect(wild.regime).toBe('stressed');
    expect(wild.gates.find((g) => g.name === 'var_daily')?.active).toBe(true);
    expect(wild.trading_state).toBe('REDUCING');
  });
});
