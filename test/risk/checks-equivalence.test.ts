/**
 * The risk checks' per-order arithmetic is written without intermediate objects (checks.ts
 * grossAfter, valueAfter, the VaR check's lazy "before" forecast). Here every decision, code and
 * detail, is held against the checks written straight from their definitions over valuesAfter and
 * grossExposure, on many seeded random books and orders: new symbols (one that looks like an array
 * index too), reducing and adding orders, halted and reducing states, budgets that bind and not.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../../src/market/rng.js';
import { checkEquity, checkNotional, checkVolatilitySpike, forecastVar, grossExposure, isReducing, runRiskChecks, valuesAfter } from '../../src/risk/checks.js';
import { ACCEPT, DEFAULT_LIMITS, deny, type Order, type RiskCheck, type RiskSnapshot } from '../../src/risk/types.js';

const EPS = 1e-9;

// The checks this file does not restate (equity, notional, volatility spike) are the module's own.
const REFERENCE = (middle: readonly RiskCheck[]): RiskCheck[] => [refOrderValid, ...middle, refPositionWeight, refExposureCap, refVar];

const refPositionWeight: RiskCheck = (o, s) => {
  if (isReducing(o, s)) return ACCEPT;
  const w = Math.abs(valuesAfter(o, s)[o.symbol] ?? 0) / s.equity;
  return w <= s.limits.maxPositionWeight + EPS ? ACCEPT : deny('POSITION_WEIGHT_EXCEEDED', `${o.symbol} weight after the order ${(w * 100).toFixed(2)} % > cap ${(s.limits.maxPositionWeight * 100).toFixed(0)} %`);
};

const refExposureCap: RiskCheck = (o, s) => {
  if (isReducing(o, s)) return ACCEPT;
  const before = grossExposure(valuesAfter(undefined, s), s.equity);
  const after = grossExposure(valuesAfter(o, s), s.equity);
  if (after <= s.exposureCap + EPS || after <= before + EPS) return ACCEPT;
  return deny('EXPOSURE_CAP_EXCEEDED', `gross exposure after the order ${(after * 100).toFixed(2)} % > cap ${(s.exposureCap * 100).toFixed(2)} % of equity`);
};

const refVar: RiskCheck = (o, s) => {
  if (s.returns === undefined || isReducing(o, s)) return ACCEPT;
  const after = forecastVar(valuesAfter(o, s), s);
  if ('missing' in after) return deny('VAR_HISTORY_MISSING', `${after.missing} has fewer than ${s.limits.minHistory} daily returns; VaR cannot be forecast`);
  const before = forecastVar(valuesAfter(undefined, s), s);
  const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
  const conf = `${s.limits.varConfidence * 100} %`;
  const adds = (a: number, b: { daily: number; weekly: number } | { missing: string }, k: 'daily' | 'weekly'): boolean => 'missing' in b || a > b[k] + EPS;
  if (after.daily > s.limits.varBudgetDaily && adds(after.daily, before, 'daily')) return deny('VAR_BUDGET_EXCEEDED', `daily ${conf} VaR after the order ${pct(after.daily)} > budget ${pct(s.limits.varBudgetDaily)}`);
  if (after.weekly > s.limits.varBudgetWeekly && adds(after.weekly, before, 'weekly')) return deny('VAR_BUDGET_EXCEEDED', `weekly ${conf} VaR after the order ${pct(after.weekly)} > budget ${pct(s.limits.varBudgetWeekly)}`);
  return ACCEPT;
};

const refOrderValid: RiskCheck = (o) => {
  const bad = (['qty', 'price', 'notional'] as const).find((k) => !(Number.isFinite(o[k]) && o[k] > 0));
  if (bad) return deny('ORDER_INVALID', `${bad} is ${o[bad]}; accepted: a finite number > 0`);
  if (Math.abs(o.qty * o.price - o.notional) > 1e-6 * Math.max(1, o.notional)) return deny('ORDER_INVALID', `notional ${o.notional} differs from qty × price = ${o.qty * o.price}`);
  return ACCEPT;
};

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'SPY', '7203', 'QQQ'];

describe('risk checks without intermediate objects', () => {
  it('decide every order exactly as the checks written over valuesAfter and grossExposure', () => {
    const r = rng(12);
    let denied = 0;
    let varDenied = 0;
    for (let k = 0; k < 4000; k++) {
      const positions: Record<string, { qty: number; price: number }> = {};
      const returns: Record<string, number[]> = {};
      for (const s of SYMBOLS) {
        if (r() < 0.5) positions[s] = { qty: Math.round(r() * 1000) / 10, price: 1 + r() * 200 };
        if (r() < 0.95) returns[s] = Array.from({ length: r() < 0.1 ? 10 : 60 }, () => (r() - 0.5) * (0.02 + r() * 0.2));
      }
      const held = Object.values(positions).reduce((a, p) => a + p.qty * p.price, 0);
      const snap: RiskSnapshot = {
        equity: r() < 0.02 ? 0 : held * (0.6 + r()) + r() * 5000,
        positions,
        returns: r() < 0.1 ? undefined : returns,
        tradingState: r() < 0.8 ? 'ACTIVE' : r() < 0.5 ? 'REDUCING' : 'HALTED',
        exposureCap: r() < 0.5 ? 1 : r(),
        volatilitySpike: r() < 0.05,
        limits: { ...DEFAULT_LIMITS, maxNotionalPerOrder: r() < 0.1 ? 100 : 250_000, varBudgetDaily: 0.01 + r() * 0.05, varBudgetWeekly: 0.03 + r() * 0.1 },
      };
      const symbol = SYMBOLS[Math.floor(r() * SYMBOLS.length)]!;
      const qty = r() < 0.02 ? -1 : Math.round(r() * 500) / 10;
      const price = 1 + r() * 200;
      const order: Order = { symbol, side: r() < 0.5 ? 'buy' : 'sell', qty, price, notional: qty * price };
      const ref = runRiskChecks(order, snap, REFERENCE([checkEquity, checkNotional, checkVolatilitySpike]));
      const got = runRiskChecks(order, snap);
      expect(got).toEqual(ref);
      if (!ref.ok) denied++;
      if (!ref.ok && ref.code === 'VAR_BUDGET_EXCEEDED') varDenied++;
    }
    // The cases above reach denials of every kind, VaR's included.
    expect(denied).toBeGreaterThan(500);
    expect(varDenied).toBeGreaterThan(50);
  });
});
